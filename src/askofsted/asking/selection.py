"""Choosing the reports a question is about, before anything is ranked.

Among hundreds of near-identical reports the right one must be searched, not
merely the likeliest, so filters choose first: authorities, regions, report
types, years, ranges, the latest (or previous, or first) inspection, a grade.
A year means what a reader means by it: the inspection took place in it, or
ended in the last weeks of the year before and was published in it (a report
that states no publication date is taken to have appeared the typical lag
after the inspection, see `domain.ofsted.publication_day`); the selection says
which it took. When nothing matches, it says what the index does hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from ..domain.authorities import in_area
from ..domain.ofsted import publication_day
from ..domain.report_types import full_inspection_types, report_type, type_label
from ..index.store import StoredReport
from ..present import date_range
from .understanding import Filters, describe


LATEST = "the latest inspection"


@dataclass(frozen=True)
class Selection:
    """The reports a search may answer from, or why there are none."""

    reports: tuple[StoredReport, ...]
    everything: bool
    note: str | None = None
    named: dict[int, str | int] = field(default_factory=dict)
    """Report row -> the authority or year it was chosen as, when a question names two or
    more ('Kingston's 2019 and 2024 findings'), or 'the latest inspection' when it names one
    council and no time: the answer shows each of them."""
    taken: tuple[str, ...] = ()
    """How a named year was read, where it took a report published in it ('2014: the
    inspection of 11 November - 4 December 2013, published in 2014')."""
    stand_in: str | None = None
    """Where the reports stand in for an inspection the index does not hold (a kind of report
    named for a year when it has none): 'followed', a visit's next full inspection, which reports
    on the visit and says it gave no grade; 'missing', a full inspection or a visit of the same
    year as the inspection taken, which may have come before it. Either way what the missing
    report found is not here."""

    @property
    def current(self) -> set[str]:
        """The report ids chosen as a council's latest inspection for a question that names no
        time (see `named`): the council as it is now."""
        return {r.report_id for r in self.reports if self.named.get(r.id) == LATEST}


def select_reports(reports: Sequence[StoredReport], filters: Filters, previous: bool = False,
                   first: bool = False, change: bool = False) -> Selection:
    """Apply filters to the index's reports; when nothing matches, say what exists instead.

    `previous` keeps each authority's inspection before its latest full one, `first` its
    earliest, as 'the previous inspection' and 'its first inspection' mean. For a question
    about `change` over a range, a council's inspections either side of it count where the
    range holds too few to compare (see `_either_side`)."""
    chosen = list(reports)
    if filters.authorities:
        chosen = [r for r in chosen if r.facts.authority in filters.authorities]
        if not chosen:
            held = sorted({r.facts.authority for r in reports if r.facts.authority})
            names = " or ".join(filters.authorities)
            listing = ", ".join(held[:12]) + (f" and {len(held) - 12} more" if len(held) > 12 else "")
            return Selection((), False, f"No reports for {names} in this index; it holds reports for {listing}.")
    if filters.regions:
        chosen = [r for r in chosen if in_area(r.facts.authority, filters.regions)]
    by_authority = list(chosen)
    taken: list[str] = []
    widened: list[str] = []
    if filters.report_types:
        typed = [r for r in chosen if r.facts.report_type in filters.report_types]
        # 'Did Devon get better after the 2020 focused visit?': a change needs two inspections,
        # and the visit is where it starts, not the only kind of report to compare.
        if len(typed) >= 2 or not (change and filters.authorities):
            chosen = typed
        else:
            widened.append(f"{len(typed) or 'no'} {' or '.join(type_label(t) for t in filters.report_types)} "
                           f"here to compare: every kind of inspection")
    if filters.years:
        matched = [(r, year_match(r, filters.years)) for r in chosen]
        if not any(how for _, how in matched) and filters.authorities:
            return (_nearest(chosen, filters, reports) or _followed_by(by_authority, filters, reports)
                    or Selection((), False, _nothing_matches(by_authority, filters)))
        missing = _missing_years(matched, filters) if filters.authorities else []
        chosen = [r for r, how in matched if how]
        taken = [how for _, how in matched if how and how.startswith("published")]
        for year in missing:  # 'Compare Hampshire's 2018 and 2024 inspections' (it was inspected in 2019)
            near = _nearest(by_authority, replace(filters, years=(year,)), reports)
            if near:
                chosen += [r for r in near.reports if r not in chosen]
                widened += list(near.taken)
    if filters.since or filters.until:
        ranged = [r for r in chosen if _in_range(r, filters)]
        if change and filters.authorities:
            ranged, either = _either_side(ranged, chosen, filters)
            widened += either
        chosen = ranged
    if filters.grade:
        area = filters.grade_area or "overall_effectiveness"
        chosen = [r for r in chosen if getattr(r.facts.judgements, area) == filters.grade]
    if previous:
        chosen = _previous(chosen)
    elif first:
        chosen = _first(chosen)
    elif filters.latest:
        chosen = latest_reports(chosen)
    if not chosen:
        return Selection((), False, _nothing_matches(by_authority, filters))
    return Selection(tuple(chosen), len(chosen) == len(reports), named=_named(chosen, filters),
                     taken=_summarised(tuple(taken), filters) + tuple(widened))


def _missing_years(matched: Sequence[tuple[StoredReport, str | None]], filters: Filters) -> list[int]:
    """The years asked about that no chosen report took place in, where another asked year has one."""
    found = [r for r, how in matched if how]
    if not found:
        return []
    return [y for y in dict.fromkeys(filters.years) if not any(year_match(r, (y,)) for r in found)]


def _in_range(report: StoredReport, filters: Filters) -> bool:
    year = report.facts.year
    return bool(year) and (not filters.since or year >= filters.since) and (not filters.until or year <= filters.until)


def _either_side(ranged: list[StoredReport], candidates: Sequence[StoredReport],
                 filters: Filters) -> tuple[list[StoredReport], list[str]]:
    """A change needs two inspections to compare. 'Has Essex improved since 2019?', with one
    inspection since (2023), starts from the one before 2019 (2018), which says how services
    stood then; 'between 2019 and 2022', with none between, compares the one before with the
    one after. An inspection in the range's first year is its own start: nothing is added."""
    added: list[StoredReport] = []
    said: list[str] = []
    for authority in filters.authorities:
        full = sorted((r for r in candidates if r.facts.authority == authority and _is_full(r)), key=by_date)
        inside = [r for r in full if r in ranged]
        starts_inside = bool(filters.since) and any(r.facts.year == filters.since for r in inside)
        before = [r for r in full if filters.since and r.facts.year and r.facts.year < filters.since]
        after = [r for r in full if filters.until and r.facts.year and r.facts.year > filters.until]
        held = len(inside)
        if held < 2 and before and not starts_inside:
            added.append(before[-1])
            held += 1
            said.append(f"where the change starts, the inspection before {filters.since}: {_dated(before[-1])}")
        if held < 2 and after:
            added.append(after[0])
            held += 1
            said.append(f"where it ends, the inspection after {filters.until}: {_dated(after[0])}")
        if held < 2 and inside:  # 'what has improved in Tameside since the 2023 inspection?'
            said.append(f"no later inspection here to compare with {_dated(inside[-1])}")
    return sorted(ranged + added, key=by_date), said


def _dated(report: StoredReport) -> str:
    """'the inspection of local authority children's services (ILACS) of 19-23 November 2018'."""
    facts = report.facts
    return f"the {type_label(facts.report_type)} of {date_range(facts.inspection_start, facts.inspection_end)}"


NEAREST_YEARS = 1
"""A named authority with no report in the year asked answers from its reports this many years
either side, saying so: people misremember a year more often than they ask about none."""


def _nearest(candidates: Sequence[StoredReport], filters: Filters, reports: Sequence[StoredReport]) -> Selection | None:
    distance = {r.id: min(abs(y - asked) for y in took_place(r) for asked in filters.years) for r in candidates
                if took_place(r)}
    if not distance or min(distance.values()) > NEAREST_YEARS:
        return None
    best = min(distance.values())
    chosen = [r for r in candidates if distance.get(r.id) == best]
    asked = " or ".join(str(y) for y in filters.years)
    said = [f"nothing in {asked}; the nearest: {_dated(r)}" for r in sorted(chosen, key=by_date)]
    return Selection(tuple(chosen), len(chosen) == len(reports), taken=tuple(said))


def _followed_by(candidates: Sequence[StoredReport], filters: Filters, reports: Sequence[StoredReport]) -> Selection | None:
    """For a visit the index does not hold ('the focused visit in February 2024'): the full
    inspection that followed it, which reports on what the visit found and what came of it."""
    if not filters.report_types:
        return None
    year = min(filters.years)
    after = sorted((r for r in candidates if _is_full(r) and min(took_place(r) or {0}) >= year), key=by_date)
    if not after:
        return None
    report = after[0]
    wanted = " or ".join(type_label(t) for t in filters.report_types)
    said = (f"this index holds no {wanted} in {' or '.join(str(y) for y in filters.years)}; the first full "
            f"inspection from then on: {_dated(report)}")
    # A full inspection reports on the visits since the last one; nothing reports on a full
    # inspection missed, and one of the same year may have come before the visit.
    visits = not full_inspection_types() & set(filters.report_types)
    followed = visits and min(took_place(report)) > max(filters.years)
    return Selection((report,), len(reports) == 1, taken=(said,), stand_in="followed" if followed else "missing")


def _summarised(taken: tuple[str, ...], filters: Filters) -> tuple[str, ...]:
    """Each report taken by its publication year, or, for more than two, how many (reports, not
    descriptions: three councils inspected on the same days are three)."""
    if len(taken) <= 2:
        return tuple(dict.fromkeys(taken))
    asked = " or ".join(str(y) for y in filters.years)
    return (f"also {len(taken)} inspections that ended late in the year before {asked} and were published in it",)


def took_place(report: StoredReport) -> set[int]:
    """The years an inspection took place in (its published year when it states no dates)."""
    days = [d for d in (report.facts.inspection_start, report.facts.inspection_end) if d]
    if not days and report.facts.published:
        days = [report.facts.published]
    return {d.year for d in days}


def year_match(report: StoredReport, years: Sequence[int]) -> str | None:
    """How a report answers to a year a person names: 'took place' in it, or 'published ...'
    in it after ending in the last weeks of the year before; None if neither."""
    if took_place(report) & set(years):
        return "took place"
    facts = report.facts
    day, estimated = publication_day(facts.published, facts.inspection_end)
    if day and day.year in years and facts.inspection_end and facts.inspection_end.year == day.year - 1:
        when = f"probably published early in {day.year}" if estimated else f"published {day:%-d %B %Y}"
        return f"published in {day.year}: {_dated(report)}, {when}"
    return None


def _named(reports: Sequence[StoredReport], filters: Filters) -> dict[int, str | int]:
    if len(filters.authorities) > 1:
        return {r.id: r.facts.authority for r in reports}
    if len(filters.years) > 1:
        return {r.id: min((took_place(r) & set(filters.years)) or {0}) for r in reports}
    if len(filters.authorities) == 1 and len(reports) > 1 and not (
            filters.years or filters.since or filters.until or filters.latest):
        # One council, no time: whatever older reports say, the answer shows what its
        # latest inspection found, the council as it is now.
        newest = {recency(r) for r in latest_reports(reports)}  # a re-published report is as new as the first
        return {r.id: LATEST for r in reports if recency(r) in newest}
    return {}


def recency(report: StoredReport) -> tuple[int, str]:
    """Full inspections before visits, then by date: what 'the latest inspection' means."""
    full = report.facts.report_type in full_inspection_types()
    day = report.facts.inspection_start or report.facts.published
    return (1 if full else 0, day.isoformat() if day else "")


def by_date(report: StoredReport) -> str:
    day = report.facts.inspection_start or report.facts.inspection_end or report.facts.published
    return day.isoformat() if day else ""


def latest_reports(reports: Sequence[StoredReport]) -> list[StoredReport]:
    """Each authority's newest full inspection (or newest report, if it has no full inspection)."""
    newest: dict[str | None, StoredReport] = {}
    for report in reports:
        key = report.facts.authority
        if key not in newest or recency(report) > recency(newest[key]):
            newest[key] = report
    return list(newest.values())


def _previous(reports: Sequence[StoredReport]) -> list[StoredReport]:
    """Each authority's inspection before its latest full one."""
    latest = {r.id for r in latest_reports(reports)}
    return latest_reports([r for r in reports if r.id not in latest and _is_full(r)]) or []


def _first(reports: Sequence[StoredReport]) -> list[StoredReport]:
    earliest: dict[str | None, StoredReport] = {}
    for report in sorted(reports, key=by_date):
        earliest.setdefault(report.facts.authority, report)
    return list(earliest.values())


def _is_full(report: StoredReport) -> bool:
    kind = report_type(report.facts.report_type)
    return bool(kind and kind.full_inspection)


def _nothing_matches(candidates: Sequence[StoredReport], filters: Filters) -> str:
    wanted = describe(filters)
    if filters.authorities and candidates:
        listing = "; ".join(
            f"{r.facts.year} {type_label(r.facts.report_type)}"
            for r in sorted(candidates, key=lambda r: r.facts.year or 0)
        )
        return f"No reports match: {wanted}. {' or '.join(filters.authorities)} has: {listing}."
    years = sorted({r.facts.year for r in candidates if r.facts.year})
    span = f" Reports in this index run from {years[0]} to {years[-1]}." if years else ""
    return f"No reports match: {wanted}.{span}"


def today() -> date:
    return date.today()
