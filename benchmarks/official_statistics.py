"""Ofsted's official statistics on local authority inspection outcomes, recomputed from an index.

    python benchmarks/official_statistics.py [--index /work/idx/main497] [--as-at 2024-03-31]
                                             [--earlier 2022-03-31] [--published-by DATE]
                                             [--shared ../shared] [--list]

Ofsted publishes once a year, "as at 31 March", the share of the English authorities
judged good or outstanding for overall effectiveness at their most recent inspection
(nationally and by region), and how the authorities inspected more than once under ILACS
moved against their first ILACS inspection. This script computes the same figures from
the reports an index holds, through `askofsted.history` (`grades(latest=True, as_at=...)`
and `transitions(..., against="first")`), by Ofsted's method:

- each authority's most recent overall effectiveness judgement from an ILACS or single
  inspection framework (SIF) inspection: authorities not yet inspected under ILACS keep
  their SIF grade; visits are not graded and do not count;
- shares are of the authorities with such a judgement (an authority created since its
  predecessor's last inspection, and not yet inspected itself, has none);
- "improved", "retained good or outstanding" and "declined" compare each authority's latest
  ILACS overall effectiveness with its first ILACS one;
- an inspection counts when it took place by the as-at day (`count_from="inspection"`), its
  report published by the release's cut-off (all the index holds were).

Beside Ofsted's figure and that one, the table shows the same computation counting each
inspection from its report's publication instead (the library's default for `--as-at`),
with the estimated publication days and with those Ofsted's metadata (the shared CSV)
gives: the difference is how Ofsted counts, not the reports. `--list` names the
authorities behind each figure. The index is only read.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from askofsted.domain.authorities import REGIONS, authorities, changes
from askofsted.history import TYPICAL_PUBLICATION_LAG, Inspection, grades, transitions
from common import SHARED

GOOD = ("outstanding", "good")
TYPES = ("sif", "ilacs")
DEFAULT_INDEX = Path("/work/idx/main497")


@dataclass(frozen=True)
class Release:
    """One of Ofsted's releases: its figures as published (percentages as printed)."""

    title: str
    published: date
    good_share: int
    authorities: int
    earlier: tuple[date, int] | None = None  # (as at, good share) the release compares with
    repeat_ilacs: int | None = None
    improved: int | None = None
    retained: int | None = None
    declined: int | None = None
    regions: dict[str, int] = field(default_factory=dict)


RELEASES = {
    date(2024, 3, 31): Release(
        title="Local authority inspection outcomes as at 31 March 2024",
        published=date(2024, 8, 30),
        good_share=60,
        authorities=153,
        earlier=(date(2022, 3, 31), 53),
        repeat_ilacs=65,
        improved=26,
        retained=15,
        declined=12,
        regions={"London": 85, "North West": 36},
    ),
}
"""Ofsted's published figures, by the day they are as at (gov.uk, "Main findings: Local
authority inspection outcomes as at 31 March 2024"). Add other releases here."""


# ---------------------------------------------------------------- the computation


@dataclass(frozen=True)
class Outcomes:
    as_at: date
    population: tuple[str, ...]  # the authorities that existed that day
    latest: tuple[Inspection, ...]  # each one's most recent overall effectiveness judgement
    moved: dict[str, tuple[str, ...]]  # improved | retained | declined | same below good -> authorities

    @property
    def judged(self) -> int:
        return len(self.latest)

    def good(self, region: str | None = None) -> tuple[int, int]:
        rows = [r for r in self.latest if region is None or r.region == region]
        return sum(r.overall in GOOD for r in rows), len(rows)

    @property
    def not_judged(self) -> tuple[str, ...]:
        seen = {r.authority for r in self.latest}
        return tuple(a for a in self.population if a not in seen)

    @property
    def repeat_ilacs(self) -> int:
        return sum(len(v) for v in self.moved.values())


def population(as_at: date) -> tuple[str, ...]:
    """The authorities responsible for children's services on a day: those not abolished by
    then, less those created after it by a split or merger."""
    created: dict[str, date] = {}
    for change in changes():
        if change.change in ("split", "merger") and change.became != change.authority:
            created[change.became] = min(change.day, created.get(change.became, change.day))
    return tuple(sorted(a.name for a in authorities()
                        if (a.ended is None or a.ended > as_at) and created.get(a.name, date.min) <= as_at))


def outcomes(reports, as_at: date, count_from: str, published_by: date | None = None) -> Outcomes:
    """The release's figures as at a day, each inspection counting from `count_from`, its
    report published by `published_by` (the release's cut-off) if given."""
    alive = population(as_at)
    chosen = dict(as_at=as_at, count_from=count_from, published_by=published_by, judgement="overall_effectiveness")
    latest = tuple(r for r in grades(reports, latest=True, types=TYPES, **chosen) if r.authority in alive)
    moved: dict[str, list[str]] = {"improved": [], "retained": [], "declined": [], "same below good": []}
    for step in transitions(reports, types=("ilacs",), against="first", **chosen):
        if step.authority not in alive:
            continue
        kind = {"up": "improved", "down": "declined"}.get(step.movement.direction)
        kind = kind or ("retained" if step.movement.after in GOOD else "same below good")
        moved[kind].append(step.authority)
    return Outcomes(as_at, alive, latest, {k: tuple(v) for k, v in moved.items()})


# ---------------------------------------------------------------- Ofsted's own publication dates


def csv_publication_days(shared: Path) -> dict[tuple[str, str], date]:
    """(authority folder's URN, PDF file name) -> the publication day Ofsted's metadata gives."""
    path = shared / "ilacs" / "ofsted_csc_ilacs_history.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {(row["urn"], row["pdf_filename"]): datetime.strptime(row["publication_date"], "%d/%m/%y").date()
                for row in csv.DictReader(handle) if row["publication_date"]}


def with_csv_dates(reports, days: dict[tuple[str, str], date]):
    """The reports, each with the publication day the CSV gives where the report prints none."""
    out = []
    for report in reports:
        source = Path(report.source)
        day = days.get((source.parent.name.split("_", 1)[0], source.name))
        if day and report.facts.published is None:
            report = replace(report, facts=replace(report.facts, published=day))
        out.append(report)
    return out


# ---------------------------------------------------------------- printing

COLUMNS = ("Ofsted", "askofsted: took place by the day", "published by the day (estimated)",
           "published by the day (CSV dates)")


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}% ({part}/{whole})" if whole else "-"


def table(release: Release | None, runs: dict[date, list[Outcomes | None]], as_at: date, earlier: date | None) -> list[str]:
    """One row per figure: Ofsted's, then each way of counting."""
    rows: list[tuple[str, ...]] = [("figure", *COLUMNS)]

    def add(label: str, official, compute, day: date = as_at) -> None:
        cells = [compute(o) if o else "-" for o in runs[day]]
        rows.append((label, "-" if official is None else str(official), *cells))

    add("authorities", release.authorities if release else None, lambda o: f"{len(o.population)} ({o.judged} judged)")
    add("good or outstanding, most recent inspection", f"{release.good_share}%" if release else None,
        lambda o: percent(*o.good()))
    if earlier:
        official = release.earlier[1] if release and release.earlier and release.earlier[0] == earlier else None
        add(f"  the same as at {earlier:%d %B %Y}", None if official is None else f"{official}%",
            lambda o: percent(*o.good()), earlier)
    for region in REGIONS:
        official = release.regions.get(region) if release else None
        add(f"  {region}", None if official is None else f"{official}%", lambda o, r=region: percent(*o.good(r)))
    add("more than one ILACS inspection", release.repeat_ilacs if release else None, lambda o: str(o.repeat_ilacs))
    for key, label in (("improved", "improved"), ("retained", "retained good or outstanding"),
                       ("declined", "declined"), ("same below good", "same grade, below good")):
        official = getattr(release, key, None) if release else None
        add(f"  {label}", official, lambda o, k=key: str(len(o.moved[k])))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row)) for row in rows]


def differences(runs: list[Outcomes | None]) -> list[str]:
    """Who has no judgement; whose counted inspection changes when inspections count from
    their publication, and when from the CSV's publication days rather than the estimated
    ones; and who moved how, counted Ofsted's way."""
    ofsted, published, csv_dated = runs
    lines = [f"as at {ofsted.as_at}:"]
    lines.extend(f"  no judgement: {name}" for name in ofsted.not_judged)
    lines.append("  counted Ofsted's way (took place by the day), not yet published by it:")
    lines.extend(_changed(published, ofsted) or ["    none"])
    if csv_dated:
        lines.append("  with the CSV's publication days instead of the estimated ones:")
        lines.extend(_changed(published, csv_dated) or ["    no difference"])
    for kind, names in ofsted.moved.items():
        lines.append(f"  {kind} (Ofsted's way): {', '.join(names) or '-'}")
    return lines


def _changed(before: Outcomes, after: Outcomes) -> list[str]:
    old = {r.authority: r for r in before.latest}
    return [f"    {row.authority}: {row.report_id} ({row.overall}) instead of "
            + (f"{old[row.authority].report_id} ({old[row.authority].overall})" if row.authority in old else "none")
            for row in after.latest if row.authority not in old or old[row.authority].report_id != row.report_id]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, default=DEFAULT_INDEX, help="an index of the shared PDFs (only read)")
    parser.add_argument("--as-at", type=date.fromisoformat, default=date(2024, 3, 31))
    parser.add_argument("--earlier", type=date.fromisoformat, default=None,
                        help="a second day to compare with (default: the one the release compares with)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data (for the CSV's dates)")
    parser.add_argument("--published-by", type=date.fromisoformat, default=None,
                        help="the release's cut-off for Ofsted's way of counting: leave out reports published after "
                             "it (default: none; every report the index holds has been published)")
    parser.add_argument("--list", action="store_true", help="name the authorities behind each figure")
    args = parser.parse_args()

    from askofsted.errors import AskofstedError
    from askofsted.index import open_index

    try:
        index = open_index(args.index)
    except AskofstedError as exc:
        print(f"official_statistics: {exc}", file=sys.stderr)
        return 1
    reports = index.reports()
    days = csv_publication_days(args.shared)
    dated = with_csv_dates(reports, days) if days else None
    release = RELEASES.get(args.as_at)
    earlier = args.earlier or (release.earlier[0] if release and release.earlier else None)
    runs = {
        day: [outcomes(reports, day, "inspection", args.published_by if day == args.as_at else None),
              outcomes(reports, day, "publication"),
              outcomes(dated, day, "publication") if dated else None]
        for day in filter(None, (args.as_at, earlier))
    }

    title = release.title if release else f"Local authority inspection outcomes as at {args.as_at:%d %B %Y}"
    print(title + (f" (Ofsted, published {release.published:%d %B %Y})" if release else " (no Ofsted figures known)"))
    print(f"index: {index.root}, {len(reports)} reports; ILACS publication estimated as the last inspection day "
          f"+ {TYPICAL_PUBLICATION_LAG.days} days" + ("" if days else "; no shared CSV found"))
    print()
    print("\n".join(table(release, runs, args.as_at, earlier)))
    if args.list:
        for day in runs:
            print()
            print("\n".join(differences(runs[day])))
    index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
