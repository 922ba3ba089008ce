"""How well the reader reads: facts against Ofsted's published metadata, paragraph
numbering, running headers left in paragraphs, and speed, over the shared PDFs.

    python benchmarks/reader_accuracy.py [--shared ../shared] [--workers 2] [--show FIELD]

Prints agreement per field with ofsted_csc_ilacs_history.csv (over the reports
where the CSV states a value), the share of numbered reports whose paragraph
numbers run 1..N, paragraphs holding a running header or footer, and reports per
second. `--show FIELD` lists every disagreement on that field ('all' for all).
"""

from __future__ import annotations

import argparse
import csv
import re
import resource
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path

from askofsted.domain.authorities import canonical_authority
from askofsted.domain.grades import current_grades
from askofsted.models import ReadError
from askofsted.reading.reader import read_reports
from askofsted.reading.sources import read_lines
from common import SHARED

GRADES = set(current_grades())
NO_JUDGEMENT = {"not_reported_post_reform", "inspection_pre_dates_judgement"}
GRADE_FIELDS = {
    "overall_effectiveness": "overall_effectiveness_grade",
    "impact_of_leaders": "impact_of_leaders_grade",
    "help_and_protection": "help_and_protection_grade",
    "children_in_care": "in_care_grade",
    "care_leavers": "care_leavers_grade",
}


def _csv_date(value: str):
    return datetime.strptime(value, "%d/%m/%Y").date() if value else None


def expected_values(row: dict) -> dict[str, object]:
    """What the CSV states for a report; fields it does not state are left out."""
    out: dict[str, object] = {"authority": canonical_authority(row["local_authority"])}
    if row["inspection_start_date"]:
        out["inspection_start"] = _csv_date(row["inspection_start_date"])
    if row["inspection_end_date"]:
        out["inspection_end"] = _csv_date(row["inspection_end_date"])
    for ours, theirs in GRADE_FIELDS.items():
        value = row[theirs]
        if value in GRADES:
            out[ours] = value
        elif value in NO_JUDGEMENT:
            out[ours] = None
    return out


def actual_values(report) -> dict[str, object]:
    facts = report.facts
    out: dict[str, object] = {
        "authority": facts.authority,
        "inspection_start": facts.inspection_start,
        "inspection_end": facts.inspection_end,
    }
    out.update(facts.judgements.as_dict())
    return out


def numbering_ok(report) -> bool | None:
    """None if the report does not number its paragraphs; else whether they run 1..N."""
    numbers = [p.number for p in report.paragraphs if p.number is not None]
    if len(numbers) < 5:
        return None
    return numbers == list(range(1, len(numbers) + 1))


def running_lines(path: Path) -> tuple[set[str], dict[int, set[str]]]:
    """Lines (15+ characters) printed on at least half the pages: headers and footers;
    and, for each page, which of them it prints as a line of its own."""
    pages = read_lines(path)
    if len(pages) < 4:
        return set(), {}
    counts: Counter[str] = Counter()
    shapes = []
    for page in pages:
        page_shapes = {re.sub(r"\d+", "#", line.text.strip()) for line in page if len(line.text.strip()) >= 15}
        shapes.append(page_shapes)
        counts.update(page_shapes)
    running = {text for text, n in counts.items() if n >= len(pages) / 2}
    return running, {number: running & page_shapes for number, page_shapes in enumerate(shapes, start=1)}


def header_leaks(report) -> list[str]:
    """Paragraphs that hold a running header or footer printed on their own pages.

    A running line counts only where the page printed it as a line of its own: a
    cover that says 'Inspection dates: 3 to 14 March 2025' in its body holds the
    footer's '3 to 14 March 2025' as content, not as a leaked footer."""
    running, by_page = running_lines(Path(report.source))
    leaks = []
    for paragraph in report.paragraphs:
        printed = set().union(*(by_page.get(page, set()) for page in paragraph.pages)) if paragraph.pages else running
        text = re.sub(r"\d+", "#", paragraph.text)
        if any(line in text for line in printed):
            leaks.append(f"{report.report_id}#{paragraph.anchor}: {paragraph.text[:120]!r}")
    return leaks


def _cpu_seconds() -> float:
    """CPU time of this process and its finished workers: shows what the wall time
    would be on idle cores when something else is running on the machine."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(SHARED))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--show", default=None, help="list disagreements on this field ('all' for every field)")
    args = parser.parse_args()
    root = Path(args.shared) / "ilacs"
    table = root / "ofsted_csc_ilacs_history.csv"
    if not table.exists():
        print(f"skipped: {table} not found")
        return 0
    rows = {}
    for row in csv.DictReader(table.open(encoding="utf-8")):
        rows[str(root / f"{row['urn']}_{row['local_authority']}" / row["pdf_filename"])] = row

    started, cpu_started = time.perf_counter(), _cpu_seconds()
    results = list(read_reports(sorted(rows), workers=args.workers))
    elapsed, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    reports = [r for r in results if not isinstance(r, ReadError)]
    errors = [r for r in results if isinstance(r, ReadError)]
    pages = sum(max((max(p.pages, default=0) for p in r.paragraphs), default=0) for r in reports)
    print(f"read {len(results)} files ({pages} pages) in {elapsed:.1f} s: "
          f"{len(results) / elapsed:.1f} reports/s with {args.workers} worker(s)")
    print(f"{len(reports)} reports, {len(errors)} gave no report:")
    for error in errors:
        print(f"  {Path(error.source).parent.name}/{Path(error.source).name}: {error.reason}")

    undated = [r for r in reports if r.facts.inspection_start is None]
    untyped = [r for r in reports if r.facts.report_type is None]
    print(f"reports without inspection dates: {len(undated)}; without a report type: {len(untyped)}")
    for report in undated + untyped:
        print(f"  {Path(report.source).parent.name}/{Path(report.source).name}")

    agree: Counter[str] = Counter()
    stated: Counter[str] = Counter()
    disagreements: dict[str, list[str]] = defaultdict(list)
    for report in reports:
        expected = expected_values(rows[report.source])
        actual = actual_values(report)
        for field, value in expected.items():
            stated[field] += 1
            if actual.get(field) == value:
                agree[field] += 1
            else:
                name = f"{Path(report.source).parent.name}/{Path(report.source).name}"
                disagreements[field].append(f"{name}: CSV {value!r}, read {actual.get(field)!r}")
    print("\nagreement with the CSV where it states a value:")
    for field in ["authority", "inspection_start", "inspection_end", *GRADE_FIELDS]:
        if stated[field]:
            print(f"  {field:22s} {agree[field]:4d}/{stated[field]:<4d} {100 * agree[field] / stated[field]:6.2f}%")
    # Reports where the CSV states every field it has: the whole report agrees.
    for field in sorted(disagreements):
        if args.show in (field, "all"):
            print(f"\ndisagreements on {field}:")
            for line in disagreements[field]:
                print("  " + line)

    numbered = [numbering_ok(r) for r in reports]
    checked = [n for n in numbered if n is not None]
    print(f"\nparagraph numbers run 1..N in {sum(checked)}/{len(checked)} numbered reports "
          f"({100 * sum(checked) / max(1, len(checked)):.1f}%)")
    if args.show in ("numbering", "all"):
        for report, ok in zip(reports, numbered):
            if ok is False:
                numbers = [p.number for p in report.paragraphs if p.number is not None]
                gaps = [b for a, b in zip([0, *numbers], numbers) if b != a + 1]
                print(f"  {Path(report.source).parent.name}/{Path(report.source).name}: breaks at {gaps[:8]}")

    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        leaks = [leak for found in pool.map(header_leaks, reports, chunksize=8) for leak in found]
    if args.show in ("headers", "all"):
        for leak in leaks:
            print("  header in " + leak)
    print(f"paragraphs holding a running header or footer: {len(leaks)}")
    print(f"\nreading speed: {len(results) / elapsed:.1f} reports/s ({elapsed:.1f} s for {len(results)} files, "
          f"{args.workers} worker(s), {cpu:.1f} s of CPU; other load on the machine slows the wall time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
