"""Turning answers, reports and citations into text for people and JSON for machines.

Pure functions from data to strings: the CLI decides where they go and whether
the terminal gets colour (`style=True`) or a pipe gets clean plain text. Text that
came from a report file (its words, headings, names, the file's own name) passes
through `printable` first: a PDF can carry terminal escape sequences, which could
otherwise set the clipboard (OSC 52) or the window title of whoever reads it.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable, Sequence
from datetime import date

from .domain.grades import grades as all_grades, rank
from .domain.judgements import judgement
from .domain.report_types import report_types, type_label as _type_label
from .models import Answer, Citation, ReadError, Report, citation_id, iso

BOLD, DIM, YELLOW, RESET = "\033[1m", "\033[2m", "\033[33m", "\033[0m"

_UNPRINTABLE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, erasing
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window title, clipboard (52), links
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b.?"  # any other escape
    r"|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x9c]*[\x07\x9c]?"  # CSI and OSC in their one-character (C1) forms
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # C0 controls but tab and newline; DEL; C1 controls
    r"|[\u202a-\u202e\u2066-\u2069]"  # bidirectional overrides, which reorder what is shown
)


def printable(text: str) -> str:
    """Text with control characters and escape sequences removed: safe to print on a terminal.

    >>> printable("care\\x1b]52;c;ZWNobw==\\x07 leavers\\x1b[2J")
    'care leavers'
    """
    return _UNPRINTABLE.sub("", text)


def date_range(start: date | None, end: date | None) -> str:
    """'21 May - 1 June 2012', '2-6 December 2024', '19 January 2010'."""
    if not start and not end:
        return "dates not stated"
    start = start or end
    end = end or start
    if start == end:
        return day_text(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} - {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} - {end.day} {end:%B %Y}"


def day_text(day: date) -> str:
    """'1 June 2012'."""
    return f"{day.day} {day:%B %Y}"


def type_label(report_type: str | None) -> str:
    return _type_label(report_type)


def citation_lines(citation: Citation) -> list[str]:
    """Two lines a person can check against the PDF: who, what, when; where in the report."""
    who = printable(f"{citation.authority or 'unknown authority'} · {type_label(citation.report_type)}")
    when = f"inspected {date_range(citation.inspection_start, citation.inspection_end)}"
    if citation.published:
        when += f", published {day_text(citation.published)}"
    where = []
    if citation.headings:
        where.append(printable(" › ".join(citation.headings)))
    if citation.paragraph is not None:
        where.append(f"paragraph {citation.paragraph}")
    if citation.pages:
        pages = citation.pages
        where.append(f"page {pages[0]}" if len(pages) == 1 else f"pages {pages[0]}-{pages[-1]}")
    return [f"{who} · {when}", " · ".join(where) if where else ""]


def answer_text(answer: Answer, style: bool = False, width: int | None = None) -> str:
    """An answer for reading: what was understood and the shape chosen, a warning when
    nothing answers closely, the facts that lead a grades answer, then each paragraph
    under its citation, under its group's heading (an inspection, an authority)."""
    out: list[str] = [_paint(f"Searching: {printable(answer.understood)}", DIM, style), ""]
    if not answer.results:
        out.append(printable(answer.note or "No paragraphs matched."))
        return "\n".join(out) + "\n"
    if answer.weak and answer.note:
        out += [_paint(printable(answer.note), YELLOW, style), ""]
    for facts in answer.facts:
        out += [*facts_lines(facts), ""]
    heading_at = {g.positions[0]: g for g in answer.groups if g.positions and answer.shape != "roster"}
    for position, result in enumerate(answer.results):
        group = heading_at.get(position)
        if group is not None:
            out.append(_paint(f"== {printable(group.label)}", BOLD, style))
            if group.facts is not None and answer.shape == "timeline":
                out += [f"   {line.strip()}" for line in facts_lines(group.facts, cited=False)[1:]]
            out.append("")
        first, second = citation_lines(result.citation)
        out.append(_paint(f"[{position + 1}] {printable(result.citation.id)}", BOLD, style))
        out.append("    " + first)
        if second:
            out.append("    " + second)
        out.append("")
        out.append(_body(result.text, result.highlights, style, width))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def facts_lines(facts, cited: bool = True) -> list[str]:
    """An inspection's grades as the report states them, for the head of a grades answer
    (each with the paragraph stating it, unless not `cited`)."""
    record = facts.as_dict() if hasattr(facts, "as_dict") else dict(facts)
    head = printable(f"{record.get('authority')} · {type_label(record.get('report_type'))} · inspected "
                     f"{date_range(_day(record.get('inspection_start')), _day(record.get('inspection_end')))}"
                     + (f" · lead inspector {record['lead_inspector']}" if record.get("lead_inspector") else ""))
    lines = [head]
    judgements = record.get("judgements") or []
    if not record.get("graded", bool(judgements)) or not judgements:
        lines.append(f"    not graded: a {type_label(record.get('report_type'))} gives no grades"
                     + ("; its headline finding comes first below" if cited else ""))
    for judgement in judgements:
        citation = judgement.get("citation")
        where = f"  [{citation}]" if citation and cited else ""
        name = judgement.get("name") or judgement.get("label") or ""
        lines.append(printable(f"    {name[:1].upper()}{name[1:]}: {judgement.get('grade')}{where}"))
    return lines


def _day(value) -> date | None:
    if isinstance(value, date) or value is None:
        return value
    return date.fromisoformat(value)


def _body(text: str, highlights: Sequence[str], style: bool, width: int | None) -> str:
    text = printable(text)
    if width:
        text = textwrap.fill(text, width=max(40, width - 4), initial_indent="    ", subsequent_indent="    ",
                             break_on_hyphens=False)
    else:
        text = "    " + text.replace("\n", "\n    ")
    if style:
        for sentence in highlights:
            text = _mark(text, printable(sentence))
    return text


def _mark(wrapped: str, sentence: str) -> str:
    """Bold a sentence inside text that may have been wrapped across lines."""
    words = sentence.split()
    if not words:
        return wrapped
    pattern = r"\s+".join(re.escape(w) for w in words)
    return re.sub(pattern, lambda m: f"{BOLD}{YELLOW}{m.group(0)}{RESET}", wrapped, count=1)


def _paint(text: str, code: str, style: bool) -> str:
    return f"{code}{text}{RESET}" if style else text


def show_text(rows: Sequence[tuple[Citation, str, bool]], style: bool = False, width: int | None = None) -> str:
    """A paragraph with its neighbours, the asked-for one marked."""
    out = []
    for citation, text, chosen in rows:
        marker = ">>" if chosen else "  "
        head = f"{marker} {printable(citation.id)}"
        out.append(_paint(head, BOLD, style and chosen))
        if chosen:
            for line in citation_lines(citation):
                if line:
                    out.append("   " + line)
            out.append(f"   source: {printable(citation.source)}")
        out.append(_body(text, (), False, width))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# ---------------------------------------------------------------- reports


def report_record(item: Report | ReadError) -> dict[str, object]:
    """The JSON object `askofsted reports --json` prints for one file."""
    if isinstance(item, ReadError):
        empty = {k: None for k in ("authority", "report_type", "inspection_start", "inspection_end", "published",
                                   "lead_inspector")}
        return {"source": item.source, "id": None, **empty, "judgements": None, "stated_judgements": None, "paragraphs": 0,
                "error": item.reason}
    facts = item.facts
    return {
        "source": item.source,
        "id": item.report_id,
        "authority": facts.authority,
        "report_type": facts.report_type,
        "inspection_start": iso(facts.inspection_start),
        "inspection_end": iso(facts.inspection_end),
        "published": iso(facts.published),
        "lead_inspector": facts.lead_inspector,
        "judgements": facts.judgements.as_dict(),
        "stated_judgements": [stated_record(item.report_id, facts.report_type, s) for s in facts.stated_judgements],
        "paragraphs": len(item.paragraphs),
        "error": None,
    }


def reports_table(items: Iterable[Report | ReadError]) -> str:
    """One block per file: its facts and paragraph count, or why it gave no report."""
    out = []
    for item in items:
        if isinstance(item, ReadError):
            out.append(f"{item.source}\n    no report: {item.reason}")
            continue
        facts = item.facts
        lines = [
            f"{item.source}",
            f"    {item.report_id}: {facts.authority or 'authority not found'} · {type_label(facts.report_type)}",
            f"    inspected {date_range(facts.inspection_start, facts.inspection_end)}"
            + (f" · published {day_text(facts.published)}" if facts.published else "")
            + (f" · lead inspector {facts.lead_inspector}" if facts.lead_inspector else ""),
            f"    {len(item.paragraphs)} paragraphs" + ("" if facts.stated_judgements else " · not graded"),
        ]
        lines.extend(f"    {line}" for line in judgement_lines(item.report_id, facts.report_type, facts.stated_judgements))
        out.append("\n".join(lines))
    return printable("\n".join(out)) + ("\n" if out else "")


def stated_record(report_id: str, report_type: str | None, stated) -> dict[str, object]:
    """One stated judgement for JSON: the report's label, the domain's key and name for it,
    the grade, and the citation id of the paragraph that states it."""
    known = judgement(report_type, stated.key)
    return {
        "label": stated.label,
        "key": stated.key,
        "name": known.name if known else None,
        "headline": known.headline if known else None,
        "grade": stated.grade,
        "citation": citation_id(report_id, stated.anchor),
    }


def judgement_lines(report_id: str, report_type: str | None, stated) -> list[str]:
    """'overall effectiveness of safeguarding services: inadequate  [kingston-upon-thames-2012#13]'."""
    lines = []
    for item in stated:
        known = judgement(report_type, item.key)
        name = known.name if known else item.label
        lines.append(f"{name[:1].upper()}{name[1:]}: {item.grade}  [{citation_id(report_id, item.anchor)}]")
    return lines


def index_reports_table(reports) -> str:
    """The reports an index holds, one line each."""
    out = []
    for report in reports:
        facts = report.facts
        out.append(f"{report.report_id:45s} {facts.authority or '?':28s} {type_label(facts.report_type)[:40]:40s} "
                   f"{date_range(facts.inspection_start, facts.inspection_end)}")
    return printable("\n".join(out)) + ("\n" if out else "")


def to_json(value: object, lines: bool = False) -> str:
    return json.dumps(value, ensure_ascii=False, default=_default) if lines else json.dumps(
        value, ensure_ascii=False, indent=2, default=_default)


def _default(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")



# ---------------------------------------------------------------- history and grades

# Column headings for the five headline judgements, short enough for a terminal table.
HEADLINE_COLUMNS = {
    "overall_effectiveness": "Overall",
    "impact_of_leaders": "Leaders",
    "help_and_protection": "Help/protection",
    "children_in_care": "In care",
    "care_leavers": "Care leavers",
}
# Report types as a table names them (the labels are sentences).
SHORT_TYPES = {t.key: t.short for t in report_types() if t.short}
"""Short names of report types for tables and charts (`domain/data/report_types.toml`)."""
GRADE_SHORT = {g.key: g.short for g in all_grades() if g.short}
"""Short names of grades for tables ('RI'; `domain/data/grades.toml`)."""


def history_text(history, style: bool = False, width: int | None = None) -> str:
    """One authority's reports, oldest first: each with its dates, lead inspector and every
    judgement it states (cited); between graded inspections, what went up or down."""
    rows = history.inspections
    graded = sum(1 for row in rows if row.graded)
    out = [_paint(f"{history.authority}" + (f" ({history.region})" if history.region else "")
                  + f": {len(rows)} report{'s' if len(rows) != 1 else ''} in the index, {graded} graded", BOLD, style)]
    out.extend(f"  {note}" for note in history.notes)
    steps = {after.report_id: (before, moved) for (before, after), moved in zip(history.pairs, history.movements)}
    for row in rows:
        out.append("")
        if row.report_id in steps:
            out.extend(printable(line) for line in movement_lines(*steps[row.report_id], row))
            out.append("")
        title = f"{row.year or '????'}  {row.type_label}"
        if history.inherited(row):
            title += f"  ({row.authority}, predecessor)"
        out.append(_paint(title, BOLD, style))
        out.append("      " + printable(_when(row)))
        out.append(printable(f"      report {row.report_id}  ·  {row.source}"))
        if not row.graded:
            out.append("      not graded")
            continue
        if judgement(row.report_type, "overall_effectiveness") and row.stated("overall_effectiveness") is None:
            out.append("      Overall effectiveness: not graded (the report gives no overall grade)")
        out.extend(f"      {printable(line)}" for line in judgement_lines(row.report_id, row.report_type, row.judgements))
    if not rows:
        out.append("")
        out.append(f"No reports of {history.authority} in this index.")
    return _wrap_lines(out, width) + "\n"


def movement_lines(before, moved, after) -> list[str]:
    """'Since the 2012 inspection of ...:' and one line per judgement compared; where the
    two reports name it differently, the earlier report's words; a note where the step is
    not like for like."""
    head = f"    Since the {before.year} {before.type_label}:"
    if not moved:
        return [head + " no judgement graded at both to compare"]
    arrows = {"up": "up", "down": "down", "same": "no change"}
    notes = list(dict.fromkeys(m.note for m in moved if m.note))
    lines = [head]
    for m in moved:
        words = f" (in {before.year}: {m.before_label})" if m.before_label != m.after_label else ""
        mark = f" [{notes.index(m.note) + 1}]" if m.note else ""
        lines.append(f"      {m.label[:1].upper()}{m.label[1:]}: {m.before} -> {m.after}, {arrows[m.direction]}{mark}{words}")
    lines.extend(f"      [{number}] {note}" for number, note in enumerate(notes, start=1))
    return lines


def _when(row) -> str:
    parts = [f"inspected {date_range(row.inspection_start, row.inspection_end)}"]
    if row.published:
        parts.append(f"published {day_text(row.published)}")
    elif row.publication:
        parts.append(f"published about {day_text(row.publication)} (the report prints no date)")
    if row.lead_inspector:
        parts.append(f"lead inspector {row.lead_inspector}")
    return " · ".join(parts)


def _wrap_lines(lines: Sequence[str], width: int | None) -> str:
    if not width:
        return "\n".join(lines)
    out = []
    for line in lines:
        indent = len(line) - len(line.lstrip(" "))
        out.append(textwrap.fill(line, width=max(40, width), subsequent_indent=" " * (indent + 4),
                                 break_on_hyphens=False) if len(line) > width else line)
    return "\n".join(out)


def grades_table(rows, counts_by_key: dict[str, dict[str, int]], width: int | None = None) -> str:
    """One line per inspection with its five headline grades; under each grade column, how
    many rows give each grade."""
    from .domain.judgements import HEADLINE_KEYS

    if not rows:
        return "No graded inspections match.\n"
    headers = ["Authority", "Inspected", "Type", *(HEADLINE_COLUMNS[k] for k in HEADLINE_KEYS)]
    body = [
        [row.authority or "?", _month(row), SHORT_TYPES.get(row.report_type or "", row.report_type or "?"),
         *(_grade_cell(row.headline.get(k)) for k in HEADLINE_KEYS)]
        for row in rows
    ]
    grades_seen = sorted({g for c in counts_by_key.values() for g in c}, key=lambda g: (rank(g) or 9, g))
    foot = [[g if g == "not graded" else _grade_cell(g), "", "",
             *(str(counts_by_key[k].get(g, 0)) for k in HEADLINE_KEYS)] for g in grades_seen]
    foot.append([f"{len(rows)} inspection{'s' if len(rows) != 1 else ''}", "", "", *([""] * len(HEADLINE_KEYS))])
    widths = [max(len(r[i]) for r in [headers, *body, *foot]) for i in range(len(headers))]
    if width and sum(widths) + 2 * (len(widths) - 1) > width:
        widths[0] = max(12, widths[0] - (sum(widths) + 2 * (len(widths) - 1) - width))

    def line(cells: Sequence[str], right_from: int = 99) -> str:
        parts = [(c[: widths[i]].rjust(widths[i]) if i >= right_from else c[: widths[i]].ljust(widths[i]))
                 for i, c in enumerate(cells)]
        return "  ".join(parts).rstrip()

    out = [line(headers), *(line(r) for r in body), "-" * min(sum(widths) + 2 * (len(widths) - 1), width or 999)]
    out.extend(line(r, right_from=3) for r in foot)
    if any("RI" in r for r in body):
        out.append("RI: requires improvement (to be good); - : not graded. Type: " + _type_legend(rows))
    else:
        out.append("-: not graded. Type: " + _type_legend(rows))
    return "\n".join(out) + "\n"


def _grade_cell(grade: str | None) -> str:
    return GRADE_SHORT.get(grade, grade) if grade and grade != "not graded" else "-"


def _month(row) -> str:
    day = row.inspection_start or row.inspection_end
    return f"{day:%b %Y}" if day else "?"


def _type_legend(rows) -> str:
    kinds = dict.fromkeys(row.report_type for row in rows)
    return "; ".join(f"{SHORT_TYPES.get(k or '', k)} = {type_label(k)}" for k in kinds)


GRADES_CSV_COLUMNS = (
    "authority", "region", "report_id", "report_type", "inspection_start", "inspection_end", "published",
    "publication", "publication_estimated", "lead_inspector", "overall_effectiveness", "impact_of_leaders",
    "help_and_protection", "children_in_care", "care_leavers", "judgements", "grade_citation", "source",
)


def grades_csv(rows) -> str:
    """The rows as CSV with a header row, for a spreadsheet: the five headline grades in their
    own columns, every judgement the report states in one ('label: grade; ...')."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(GRADES_CSV_COLUMNS)
    for row in rows:
        record = row.as_dict()
        record["judgements"] = "; ".join(f"{j['name']}: {j['grade']}" for j in record["judgements"])
        record.update(record.pop("headline"))
        writer.writerow([_inert_cell(record.get(c)) for c in GRADES_CSV_COLUMNS])
    return buffer.getvalue()


def _inert_cell(value) -> str:
    """A cell a spreadsheet shows as text: text read from a PDF that starts like a formula
    ('=', '+', '-', '@', a tab or a return) is prefixed with an apostrophe, which the
    spreadsheet hides, so opening the CSV never runs it."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def grades_record(rows, counts_by_key: dict[str, dict[str, int]], filters: dict[str, object]) -> dict[str, object]:
    """What `grades --json` prints: the filters, one object per row, and the counts."""
    return {"filters": filters, "rows": [row.as_dict() for row in rows], "counts": counts_by_key}
