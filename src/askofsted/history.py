"""The facts over time: every inspection of an authority, its grades, and how they moved.

Pure functions over the reports an index holds (`Index.reports()`: anything with
`.report_id`, `.source` and `.facts`), returning frozen rows. Nothing here reads
paragraphs or runs SQL: the grades are the facts the reader recorded, each judgement
as the report states it (`StatedJudgement`), with the five headline keys kept for
agreement with Ofsted's published grades.

Which date counts. By default an inspection counts "as at" a day once its report was
published by then: what anyone could have read that day. Letters and the single
inspection framework's reports print that date; ILACS reports do not, so for them the
day is estimated as the last inspection day plus `TYPICAL_PUBLICATION_LAG`, and the row
says it is an estimate. Ofsted's official statistics ("local authority inspection
outcomes as at 31 March") count instead the inspections that took place by the day,
their reports published by a cut-off some weeks later: `count_from="inspection"` (with
`published_by` for the cut-off) reproduces that (benchmarks/official_statistics.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from .domain.authorities import REGIONS, authority as authority_record
from .domain.authorities import canonical_authority, predecessors, region as region_of, successors, suggest_authorities
from .domain.grades import normalise_grade, rank, scales
from .domain.ofsted import publication_day as domain_publication_day, publication_lag
from .domain.judgements import HEADLINE_KEYS, all_judgements, judgement, judgement_areas, judgements
from .domain.report_types import report_type as report_type_record
from .domain.report_types import type_label
from .errors import AskofstedError
from .models import ReportFacts, StatedJudgement, citation_id, iso

TYPICAL_PUBLICATION_LAG = publication_lag()
"""Days from an inspection's last day to its report's publication, where the report prints
no date (ILACS): the domain's figure (data/ofsted.toml), measured from Ofsted's metadata for
the shared set (its 319 ILACS reports with both dates, inspected 2017-2026): median 42 days,
90th percentile 66, range 18-214."""

DIRECTIONS = ("up", "down", "same")


class UnknownAuthority(AskofstedError):
    """A name that is no English children's services authority."""


class UnknownJudgement(AskofstedError):
    """A judgement name no framework grades."""


class _Report(Protocol):
    report_id: str
    source: str
    facts: ReportFacts


# ---------------------------------------------------------------- one inspection


@dataclass(frozen=True)
class Inspection:
    """One report of one authority, with its grades as the report states them.

    `graded` is whether the report gives any grade (visits give none; ILACS reports from
    April 2026 grade four judgements but no overall effectiveness). `judgements` are the
    report's own, in its order and words; `headline` the five keys of Ofsted's published
    grades (None where the report gives no such grade). `publication` is the day the
    inspection counts from: `published` as the report prints it, else an estimate
    (`publication_estimated`).
    """

    report_id: str
    authority: str | None
    region: str | None
    report_type: str | None
    type_label: str
    inspection_start: date | None
    inspection_end: date | None
    published: date | None
    lead_inspector: str | None
    graded: bool
    judgements: tuple[StatedJudgement, ...]
    headline: dict[str, str | None]
    grade_citation: str | None
    source: str
    publication: date | None = None
    publication_estimated: bool = False
    full_inspection: bool = False

    def __hash__(self) -> int:  # `headline` is a dict; a report id names one row
        return hash(self.report_id)

    @property
    def year(self) -> int | None:
        """The year the inspection took place (its first day)."""
        day = self.inspection_start or self.inspection_end or self.published
        return day.year if day else None

    def grade(self, key: str) -> str | None:
        """The grade for a headline key ('overall_effectiveness') or a stated judgement's key
        ('adoption_performance'), or None where the report gives none."""
        if key in HEADLINE_KEYS:
            return self.headline.get(key)
        stated = self.stated(key)
        return stated.grade if stated else None

    def stated(self, key: str) -> StatedJudgement | None:
        """The judgement the report states for a key: its own key, or the one it counts as
        for a headline key."""
        for item in self.judgements:
            if item.key == key:
                return item
        if key in HEADLINE_KEYS:
            for item in self.judgements:
                known = judgement(self.report_type, item.key)
                if known and known.headline == key:
                    return item
        return None

    def citation(self, key: str) -> str | None:
        """The citation id of the paragraph stating the grade for a key."""
        stated = self.stated(key)
        return citation_id(self.report_id, stated.anchor) if stated else None

    @property
    def overall(self) -> str | None:
        return self.headline.get("overall_effectiveness")

    def as_dict(self) -> dict[str, object]:
        return {
            "report_id": self.report_id,
            "authority": self.authority,
            "region": self.region,
            "report_type": self.report_type,
            "type_label": self.type_label,
            "inspection_start": iso(self.inspection_start),
            "inspection_end": iso(self.inspection_end),
            "published": iso(self.published),
            "publication": iso(self.publication),
            "publication_estimated": self.publication_estimated,
            "lead_inspector": self.lead_inspector,
            "graded": self.graded,
            "judgements": [
                {**s.as_dict(), "name": _name(self.report_type, s), "citation": citation_id(self.report_id, s.anchor)}
                for s in self.judgements
            ],
            "headline": dict(self.headline),
            "grade_citation": self.grade_citation,
            "source": self.source,
        }


def inspection(report: _Report) -> Inspection:
    """The row for one report (a `StoredReport` from an index, or a `Report` just read)."""
    facts = report.facts
    kind = report_type_record(facts.report_type)
    stated = tuple(facts.stated_judgements)
    publication, estimated = publication_day(facts)
    return Inspection(
        report_id=report.report_id,
        authority=facts.authority,
        region=region_of(facts.authority),
        report_type=facts.report_type,
        type_label=type_label(facts.report_type),
        inspection_start=facts.inspection_start,
        inspection_end=facts.inspection_end,
        published=facts.published,
        lead_inspector=facts.lead_inspector,
        graded=bool(stated),
        judgements=stated,
        headline=facts.judgements.as_dict(),
        grade_citation=_grade_citation(report.report_id, facts.report_type, stated),
        source=report.source,
        publication=publication,
        publication_estimated=estimated,
        full_inspection=bool(kind and kind.full_inspection),
    )


def inspections(reports: Iterable[_Report]) -> list[Inspection]:
    """Every report as a row, oldest first (by inspection, then publication)."""
    return sorted((inspection(r) for r in reports), key=_chronological)


def publication_day(facts: ReportFacts) -> tuple[date | None, bool]:
    """(the day the inspection counts from, whether that day is an estimate)."""
    return domain_publication_day(facts.published, facts.inspection_end or facts.inspection_start)


def _grade_citation(report_id: str, report_type: str | None, stated: Sequence[StatedJudgement]) -> str | None:
    """The paragraph that states the report's main grade: its overall effectiveness (the
    grade table or the headline sentence), else the first judgement it states."""
    if not stated:
        return None
    main = next((s for s in stated if s.key == "overall_effectiveness"), None)
    main = main or next((s for s in stated if (j := judgement(report_type, s.key)) and j.headline), stated[0])
    return citation_id(report_id, main.anchor)


def _name(report_type: str | None, stated: StatedJudgement) -> str:
    known = judgement(report_type, stated.key)
    return known.name if known else stated.label


def _chronological(row: Inspection) -> tuple:
    return (row.inspection_start or row.inspection_end or row.publication or date.max,
            row.inspection_end or date.max, row.report_id)


# ---------------------------------------------------------------- judgements by name


def headline_name(key: str) -> str:
    """What a headline key is called in today's reports ('the experiences and progress of care
    leavers'); another judgement's key, by the framework that grades it ('the effectiveness of
    the local safeguarding children board')."""
    found = next((j for j in judgements("ilacs") if j.key == key), None) or next(
        (j for t in ("sif", None) for j in judgements(t) if j.key == key), None)
    return found.name if found else key.replace("_", " ")


def judgement_key(text: str) -> str:
    """The key for a judgement named on purpose: a headline key or a stated judgement's key
    ('care_leavers', 'adoption_performance'), or words for one ('care leavers', 'overall',
    'adoption', 'LSCB'). Raises UnknownJudgement with the choices."""
    words = " ".join(text.replace("_", " ").split()).lower()
    key = words.replace(" ", "_")
    if key in HEADLINE_KEYS or any(j.key == key for j in all_judgements()):
        return key
    if key in _AREA_KEYS:  # an area's own key ('safeguarding_board'), whose words would read as another's
        return _AREA_KEYS[key]
    areas = judgement_areas(words)
    if areas:
        return _AREA_KEYS.get(areas[0], areas[0])
    raise UnknownJudgement(f"no judgement called {text!r}; try one of: " + ", ".join(k.replace("_", " ") for k in HEADLINE_KEYS)
                           + ", adoption, LSCB")


# The areas `judgement_areas` finds that are not headline keys, and the judgement each means.
_AREA_KEYS = {"adoption": "adoption_performance", "safeguarding_board": "lscb"}


def grade_key(text: str) -> str:
    """A grade given on purpose ('RI', 'requires improvement to be good', 'Good') as its key."""
    from .domain.grades import grade_keys, grades_in

    found = normalise_grade(text) or next((key for key, _, _ in grades_in(text)), None)
    if not found:
        raise AskofstedError(f"no grade called {text!r}; grades are {', '.join(grade_keys())}")
    return found


def region_name(text: str) -> str:
    """One of Ofsted's nine regions, however capitalised ('north west' -> 'North West')."""
    wanted = " ".join(text.replace("&", "and").split()).lower()
    for name in REGIONS:
        if name.lower() == wanted or name.lower().replace("the ", "") == wanted.replace("the ", ""):
            return name
    raise AskofstedError(f"no region called {text!r}; regions are: {', '.join(REGIONS)}")


def authority_name(text: str) -> str:
    """The canonical name for an authority given on purpose (see `resolve_authority`)."""
    return resolve_authority(text)[0]


def resolve_authority(text: str) -> tuple[str, str | None]:
    """(canonical name, what to tell the user or None) for an authority given on purpose:
    any spelling `canonical_authority` accepts, or one close misspelling of a name
    (`match_authorities`: 'kingstone'). UnknownAuthority, with the closest names, otherwise."""
    found = canonical_authority(text)
    if found:
        return found, None
    from .domain.authorities import match_authorities

    matches = match_authorities(text)
    if len(matches) == 1 and matches[0].end - matches[0].start >= len(text.strip()) - 2:
        match = matches[0]
        return match.matched, (f"'{match.text}' read as {match.matched}" if match.corrected else None)
    close = suggest_authorities(text)
    hint = (f"did you mean {' or '.join(close)}?" if close else
            "give an English council's name, e.g. 'Kingston upon Thames' (`askofsted grades --latest` lists "
            "the authorities in the index)")
    raise UnknownAuthority(f"no authority called {text!r}; {hint}")


# ---------------------------------------------------------------- movements


@dataclass(frozen=True)
class Movement:
    """How one judgement moved from one graded inspection to the next.

    `direction` compares the grades' places on their scales (`domain.grades.rank`). Where
    the two reports grade it under different frameworks or labels, or on different scales
    ('adequate' before November 2013 and 'requires improvement to be good' after stand
    third on different scales), `note` says so: the step is not like for like.
    """

    key: str
    label: str
    before: str
    after: str
    direction: str  # up | down | same
    before_label: str
    after_label: str
    before_report: str
    after_report: str
    before_citation: str | None = None
    after_citation: str | None = None
    note: str | None = None

    @property
    def like_for_like(self) -> bool:
        return self.note is None

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "before": self.before,
            "after": self.after,
            "direction": self.direction,
            "before_label": self.before_label,
            "after_label": self.after_label,
            "before_report": self.before_report,
            "after_report": self.after_report,
            "before_citation": self.before_citation,
            "after_citation": self.after_citation,
            "note": self.note,
        }


def direction(before: str, after: str) -> str:
    """'up' when the later grade is better, 'down' when worse, 'same' at the same place."""
    earlier, later = rank(before), rank(after)
    if earlier is None or later is None or earlier == later:
        return "same"
    return "up" if later < earlier else "down"


def movements(before: Inspection, after: Inspection, keys: Sequence[str] | None = None) -> tuple[Movement, ...]:
    """Every judgement both inspections grade, compared: the five headline keys first (which
    carry a judgement across frameworks), then any other judgement both state by the same
    key (a single inspection framework's adoption performance, say). `keys` limits it."""
    out: list[Movement] = []
    wanted = list(keys) if keys is not None else [*HEADLINE_KEYS, *_shared_keys(before, after)]
    for key in wanted:
        earlier, later = before.stated(key), after.stated(key)
        old, new = before.grade(key), after.grade(key)
        if not (old and new and earlier and later):
            continue
        out.append(
            Movement(
                key=key,
                label=_movement_label(key, after, later),
                before=old,
                after=new,
                direction=direction(old, new),
                before_label=_name(before.report_type, earlier),
                after_label=_name(after.report_type, later),
                before_report=before.report_id,
                after_report=after.report_id,
                before_citation=citation_id(before.report_id, earlier.anchor),
                after_citation=citation_id(after.report_id, later.anchor),
                note=_unlike(before, after, earlier, later, old, new),
            )
        )
    return tuple(out)


def _shared_keys(before: Inspection, after: Inspection) -> list[str]:
    """Keys of judgements both reports state that are not already compared as a headline."""
    later = {s.key for s in after.judgements if s.key}
    out = []
    for item in before.judgements:
        known = judgement(before.report_type, item.key)
        if item.key in later and item.key not in HEADLINE_KEYS and not (known and known.headline) and item.key not in out:
            out.append(item.key)
    return out


def _movement_label(key: str, after: Inspection, later: StatedJudgement) -> str:
    if key in HEADLINE_KEYS:
        return headline_name(key)
    return _name(after.report_type, later)


def _unlike(before: Inspection, after: Inspection, earlier: StatedJudgement, later: StatedJudgement,
            old: str, new: str) -> str | None:
    """Why a step is not like for like, or None when it is."""
    notes = []
    if before.report_type != after.report_type:
        notes.append(f"judged under different frameworks ({before.type_label}, then {after.type_label})")
    elif earlier.key != later.key:
        notes.append(f"not the same judgement: '{_name(before.report_type, earlier)}', then "
                     f"'{_name(after.report_type, later)}'")
    old_scale, new_scale = _scale(before.report_type), _scale(after.report_type)
    if old != new and rank(old) == rank(new):
        notes.append(f"'{old}' and '{new}' stand at the same place on different scales ({old_scale} and {new_scale}), "
                     f"not the same standard")
    elif old_scale != new_scale and not notes:
        notes.append(f"graded on different scales ({old_scale} and {new_scale})")
    return "; ".join(notes) or None


def _scale(report_type: str | None) -> str:
    kind = report_type_record(report_type)
    scale = scales().get(kind.grade_scale) if kind and kind.grade_scale else None
    return scale.name if scale else "no scale"


# ---------------------------------------------------------------- one authority's history


@dataclass(frozen=True)
class History:
    """Every report of one authority, oldest first, and how its grades moved.

    `inspections` include the reports of the abolished authorities it took over from
    (`predecessors`), which `inherited` marks. `movements` holds one tuple per pair of
    consecutive graded full inspections (the earlier's and later's report ids are on each
    movement); a pair whose reports grade nothing in common gives an empty tuple.
    """

    authority: str
    region: str | None
    inspections: tuple[Inspection, ...]
    movements: tuple[tuple[Movement, ...], ...]
    predecessors: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def inherited(self, row: Inspection) -> bool:
        """Whether a row is a predecessor's report, not this authority's own."""
        return row.authority != self.authority

    @property
    def graded(self) -> tuple[Inspection, ...]:
        return tuple(row for row in self.inspections if row.graded and row.full_inspection)

    def latest(self, as_at: date | None = None, count_from: str = "publication") -> Inspection | None:
        """The latest graded full inspection (as at a day, counted as `grades` counts), or
        None; it may be a predecessor's (see `inherited`)."""
        counted = [row for row in self.graded if counts_by(row, as_at, count_from)]
        return counted[-1] if counted else None

    @property
    def pairs(self) -> tuple[tuple[Inspection, Inspection], ...]:
        """The consecutive graded full inspections `movements` compares."""
        graded = self.graded
        return tuple(zip(graded, graded[1:]))

    def as_dict(self) -> dict[str, object]:
        return {
            "authority": self.authority,
            "region": self.region,
            "predecessors": list(self.predecessors),
            "successors": list(self.successors),
            "notes": list(self.notes),
            "inspections": [{**row.as_dict(), "inherited": self.inherited(row)} for row in self.inspections],
            "movements": [
                {"before": before.report_id, "after": after.report_id, "movements": [m.as_dict() for m in moved]}
                for (before, after), moved in zip(self.pairs, self.movements)
            ],
        }


def history(reports: Iterable[_Report], authority: str) -> History:
    """Every report of an authority (any spelling `canonical_authority` accepts), oldest
    first, with its predecessors' reports, and the movements between consecutive graded
    full inspections."""
    name = authority_name(authority)
    before = predecessors(name)
    after = successors(name)
    wanted = {name, *before}
    rows = tuple(row for row in inspections(reports) if row.authority in wanted)
    graded = [row for row in rows if row.graded and row.full_inspection]
    moved = tuple(movements(a, b) for a, b in zip(graded, graded[1:]))
    return History(
        authority=name,
        region=region_of(name),
        inspections=rows,
        movements=moved,
        predecessors=before,
        successors=after,
        notes=_succession_notes(name, before, after, rows),
    )


def _succession_notes(name: str, before: Sequence[str], after: Sequence[str], rows: Sequence[Inspection]) -> tuple[str, ...]:
    notes = []
    for old in before:
        ended = authority_record(old).ended
        held = sum(1 for row in rows if row.authority == old)
        when = f" until {ended:%B %Y}" if ended else ""
        notes.append(f"{old} ran these services{when}; its {held} report{'s' if held != 1 else ''} in the index "
                     f"{'are' if held != 1 else 'is'} shown as {name}'s predecessor's" if held else
                     f"{old} ran these services{when}; the index holds none of its reports")
    if after:
        ended = authority_record(name).ended
        notes.append(f"{name}'s children's services passed to {' and '.join(after)}"
                     + (f" in {ended:%B %Y}" if ended else ""))
    return tuple(notes)


# ---------------------------------------------------------------- grades across authorities


def grades(
    reports: Iterable[_Report],
    *,
    latest: bool = False,
    as_at: date | None = None,
    count_from: str = "publication",
    published_by: date | None = None,
    year: int | None = None,
    since: int | None = None,
    until: int | None = None,
    judgement: str | None = None,
    grade: str | Sequence[str] | None = None,
    authorities: Sequence[str] = (),
    region: str | None = None,
    types: Sequence[str] | None = None,
) -> list[Inspection]:
    """Graded inspections, one row each, by authority then date; with `latest`, each
    authority's latest graded full inspection.

    - `as_at`: only inspections that count by that day; `latest` is then the latest as at
      that day. Without it, everything held counts. `count_from` says which day of an
      inspection counts (see the module's note): "publication" (its report's publication,
      stated or estimated) or "inspection" (its last day, as Ofsted's statistics count);
      `published_by` also leaves out reports published after a cut-off.
    - `year`, `since`, `until`: the year the inspection took place.
    - `judgement`: only inspections that grade it (a headline key or a stated judgement's
      key, see `judgement_key`); with `latest`, each authority's latest that grades it.
    - `grade`: one grade or several (any of them); it applies to `judgement`, else to
      overall effectiveness. With `latest` it is applied after choosing the latest: the
      authorities whose latest grade it is.
    - `authorities`: canonical names; `region`: one of `REGIONS`; `types`: report type keys.
    """
    wanted_grades = (grade,) if isinstance(grade, str) else tuple(grade or ())
    key = judgement or ("overall_effectiveness" if wanted_grades else None)
    names = set(authorities)
    rows = [
        row for row in inspections(reports)
        if row.graded
        and (not latest or row.full_inspection)
        and counts_by(row, as_at, count_from, published_by)
        and _in_years(row, year, since, until)
        and (not names or row.authority in names)
        and (region is None or row.region == region)
        and (types is None or row.report_type in types)
        and (key is None or row.grade(key) is not None)
    ]
    if latest:
        rows = latest_of(rows)
    if wanted_grades:
        rows = [row for row in rows if row.grade(key) in wanted_grades]
    return sorted(rows, key=lambda row: (row.authority or "", _chronological(row)))


COUNT_FROM = ("publication", "inspection")


def counts_by(row: Inspection, as_at: date | None, count_from: str = "publication",
              published_by: date | None = None) -> bool:
    """Whether an inspection counts as at a day: its report published by then, or (with
    `count_from="inspection"`) the inspection over by then; and published by `published_by`."""
    if count_from not in COUNT_FROM:
        raise ValueError(f"count_from must be one of {COUNT_FROM}, not {count_from!r}")
    if published_by is not None and (row.publication is None or row.publication > published_by):
        return False
    if as_at is None:
        return True
    day = row.publication if count_from == "publication" else (row.inspection_end or row.inspection_start)
    return day is not None and day <= as_at


def latest_of(rows: Iterable[Inspection]) -> list[Inspection]:
    """Each authority's latest row (by inspection, then publication)."""
    best: dict[str | None, Inspection] = {}
    for row in sorted(rows, key=_chronological):
        best[row.authority] = row
    return list(best.values())


def _in_years(row: Inspection, year: int | None, since: int | None, until: int | None) -> bool:
    if year is None and since is None and until is None:
        return True
    if row.year is None:
        return False
    return (year is None or row.year == year) and (since is None or row.year >= since) and (until is None or row.year <= until)


def counts(rows: Iterable[Inspection], key: str = "overall_effectiveness") -> dict[str, int]:
    """How many rows give each grade for a judgement, best grade first; 'not graded' last."""
    tally: dict[str, int] = {}
    for row in rows:
        found = row.grade(key) or "not graded"
        tally[found] = tally.get(found, 0) + 1
    return dict(sorted(tally.items(), key=lambda item: (rank(item[0]) or 9, item[0])))


# ---------------------------------------------------------------- transitions


@dataclass(frozen=True)
class Transition:
    """One authority's grade for one judgement at one inspection and at a later one."""

    authority: str
    region: str | None
    earlier: Inspection
    later: Inspection
    movement: Movement

    def as_dict(self) -> dict[str, object]:
        return {
            "authority": self.authority,
            "region": self.region,
            "earlier": self.earlier.report_id,
            "later": self.later.report_id,
            **{k: v for k, v in self.movement.as_dict().items() if k not in ("before_report", "after_report")},
        }


def transitions(
    reports: Iterable[_Report],
    before: str | None = None,
    after: str | None = None,
    judgement: str = "overall_effectiveness",
    direction: str | None = None,
    *,
    as_at: date | None = None,
    count_from: str = "publication",
    published_by: date | None = None,
    types: Sequence[str] | None = None,
    against: str = "previous",
) -> list[Transition]:
    """Which authorities went from one grade to another: "which councils went from inadequate
    to good at their next inspection".

    Pairs each graded full inspection of an authority with its previous one that grades the
    judgement (`against="previous"`), or each authority's latest with its first
    (`against="first"`: Ofsted's "compared with their first ILACS inspection", with `types`
    ("ilacs",)). `before`, `after` (grade keys) and `direction` ('up', 'down', 'same') filter
    the pairs; `as_at`, `count_from`, `published_by` and `types` choose the inspections as
    `grades` does.
    """
    if against not in ("previous", "first"):
        raise ValueError(f"against must be 'previous' or 'first', not {against!r}")
    rows = [row for row in grades(reports, as_at=as_at, count_from=count_from, published_by=published_by,
                                  judgement=judgement, types=types) if row.full_inspection]
    by_authority: dict[str, list[Inspection]] = {}
    for row in rows:
        by_authority.setdefault(row.authority or "", []).append(row)
    out = []
    for name, own in by_authority.items():
        own.sort(key=_chronological)
        pairs = list(zip(own, own[1:])) if against == "previous" else ([(own[0], own[-1])] if len(own) > 1 else [])
        for earlier, later in pairs:
            moved = movements(earlier, later, keys=(judgement,))
            if not moved:
                continue
            step = moved[0]
            if (before and step.before != before) or (after and step.after != after) or (
                    direction and step.direction != direction):
                continue
            out.append(Transition(name, region_of(name), earlier, later, step))
    return sorted(out, key=lambda t: (t.authority, _chronological(t.later)))


__all__ = [
    "COUNT_FROM", "DIRECTIONS", "TYPICAL_PUBLICATION_LAG", "History", "Inspection", "Movement", "Transition", "UnknownAuthority",
    "UnknownJudgement", "authority_name", "resolve_authority", "counts", "counts_by", "direction", "grade_key", "grades", "headline_name", "history",
    "inspection", "inspections", "judgement_key", "latest_of", "movements", "publication_day", "region_name",
    "transitions",
]
