"""The answer's plan: the parts an answer is made of, for the shape its question asks for.

- passages: the chosen reports, ranked together;
- timeline: each inspection of one authority in the range, oldest first, ranked apart
  so that every inspection speaks ("has X improved since 2019?");
- roster: the chosen reports ranked together, then one paragraph per authority
  ("which councils run Lifelong Links?");
- grades: the inspection the question means (without a year, the latest graded
  one), its grade statements first.

A plan only says where to look and how much to take; `ranking` fills it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..domain.grades import current_grades, grade_keys, grades_in, rank
from ..domain.judgements import judgement, judgement_areas
from ..history import Inspection, grades, headline_name, inspection, judgement_key, transitions
from ..domain.report_types import report_type, type_label
from ..index.store import StoredReport
from ..models import Group, Result
from ..present import date_range
from .ranking import Ranked
from .selection import Selection, by_date, latest_reports
from .understanding import Understanding

TIMELINE_PER_INSPECTION = 2
"""A timeline shows at most this many paragraphs of each inspection before the latest: enough
to see what it found on the topic, few enough that the first screen reaches every inspection.
The latest takes the rest of the answer's places."""
GRADES_PER_INSPECTION = 3
"""A grades answer about several inspections shows at most this many paragraphs of each (its
grade statements first): the facts above them give every grade."""
TIMELINE_RECENT = 3
"""Without a range, a timeline shows the latest this many full inspections (two where the
question speaks of two: 'between the two inspections', 'the last couple')."""
ROSTER_POOL = 20
"""A roster ranks this many paragraphs per authority it may show, then keeps each authority's best."""


@dataclass(frozen=True)
class Part:
    """Reports to rank within, and how many paragraphs to take from them."""

    selection: Selection
    limit: int
    label: str | None = None
    report_id: str | None = None
    per_authority: int = 0
    """For a roster: keep each authority's best paragraph, up to this many authorities."""
    lead: tuple[str, ...] = ()
    """Anchors of paragraphs that lead the part whatever the ranking (the grade statements
    a grades answer cites)."""
    authority: str | None = None
    """The authority a roster entry is about."""
    summary: bool = False
    """Lead with the report's headline finding (its summary), for an ungraded visit."""
    areas: tuple[str, ...] = ()
    """For a grades answer: the judgements asked about, whose grade sentence leads."""
    opening: bool = False
    """Favour the report's summary, where it says how services changed since the last
    inspection and why they are judged as they are: for a timeline's inspections and a
    grades answer's."""
    tables: bool = True
    """Whether a grade table may be among the part's paragraphs: not in a timeline, whose
    groups are headed by each inspection's grades."""
    leads_change: bool = False
    """For a timeline's latest inspection: its best paragraph that compares with an earlier
    inspection ('improved since the last inspection in 2021, when ...') leads the answer, the
    inspectors' own account of the change before the inspections it spans."""


@dataclass(frozen=True)
class Plan:
    shape: str
    parts: tuple[Part, ...]
    says: str
    """The shape in words, for the answer's first line."""
    facts: tuple = ()
    judged_by_closeness: bool = True
    """Whether the answer stands or falls by how close its paragraphs come to the question's
    words; not so for grades, or a timeline of change with no topic, which the facts answer."""


def plan(understanding: Understanding, selection: Selection, reports: Sequence[StoredReport], k: int) -> Plan:
    """The parts of the answer to `understanding` over the chosen reports."""
    if understanding.shape == "timeline":
        return _timeline(understanding, selection, k)
    if understanding.shape == "roster":
        return _roster(understanding, selection, reports, k)
    if understanding.shape == "grades":
        graded = _grades(understanding, selection, reports, k)
        return _ungraded_part(understanding, graded, selection, k) or graded
    said = {"critical": "passages where inspectors find fault", "praise": "passages where inspectors praise"}
    if understanding.compare:
        side_by_side = _side_by_side(selection, understanding.filters.authorities, k)
        if side_by_side:
            return Plan("passages", side_by_side, f"{said.get(understanding.stance or '', 'passages')}, "
                        f"each place's side by side", judged_by_closeness=True)
    # With no topic but praise or criticism asked for ('what did they praise in Stockport?'),
    # the answer is what inspectors praised, however little its words resemble the question's.
    return Plan("passages", (Part(selection, k),), said.get(understanding.stance or "", "passages"),
                judged_by_closeness=understanding.topical or understanding.stance is None)


def _side_by_side(selection: Selection, named: Sequence[str], k: int) -> tuple[Part, ...]:
    """'Compare Kent and Essex on care leavers': the best paragraphs of each authority asked
    about, in the order the question names them, k shared between them as evenly as it goes."""
    by_authority: dict[str, list[StoredReport]] = {}
    for report in selection.reports:
        by_authority.setdefault(report.facts.authority or "", []).append(report)
    if len(by_authority) < 2:
        return ()
    names = sorted(by_authority, key=lambda a: list(named).index(a) if a in named else len(named))
    return tuple(Part(Selection(tuple(by_authority[name]), False), max(1, k // len(names) + (i < k % len(names))),
                      label=name, authority=name) for i, name in enumerate(names))


def _roster(understanding: Understanding, selection: Selection, reports: Sequence[StoredReport], k: int) -> Plan:
    """'Which councils ...': from the facts where the question names a grade, a change of
    grade, or the best or worst (every authority that qualifies, each citing the paragraph
    that states its grade), else each authority's best paragraph on the topic, up to k."""
    filters = understanding.filters
    key = judgement_key(filters.grade_area or next(iter(understanding.judgement_areas), "overall_effectiveness"))
    movement = understanding.movement
    by_id = {r.report_id: r for r in reports}
    in_scope = {r.report_id for r in selection.reports}
    if movement and (movement.before or movement.after or movement.direction):
        # A place, a time or 'at their last inspection' says where the later inspection must be.
        scoped = filters.authorities or filters.regions or filters.years or filters.since or filters.until or filters.latest
        steps = [t for t in transitions(reports, before=movement.before, after=movement.after, judgement=key,
                                        direction=movement.direction) if t.later.report_id in in_scope or not scoped]
        # Going to a grade is a change: 'which councils became outstanding' leaves out those that stayed so.
        steps = [t for t in steps if not (movement.after and t.movement.direction == "same")]
        parts = tuple(_fact_part(by_id[t.later.report_id], t.later, key,
                                 f"{t.authority}: {t.movement.before} to {t.movement.after} "
                                 f"({t.earlier.year} to {t.later.year})") for t in steps)
        if movement.before or movement.after:
            went = {"up": "improved", "down": "declined"}.get(movement.direction or "", "went")
            change = f"{went} " + " ".join(f"{w} {g}" for w, g in (("from", movement.before), ("to", movement.after)) if g)
        else:
            change = {"up": "improved", "down": "declined"}[movement.direction]
        when = "at its latest inspection" if filters.latest else "from one inspection to the next"
        return Plan("roster", parts, f"a roster from the grades: every authority whose {_judgement_words(key)} {change} "
                                     f"{when}, {len(parts)} found", judged_by_closeness=False)
    if filters.grade or understanding.extreme:
        runs = filters.grade and (understanding.times > 1 or understanding.always or understanding.ever)
        # A framework that has ended is a time ('under the single inspection framework, which
        # councils had adoption judged inadequate?'): any of its inspections, not the latest.
        ended = bool(filters.report_types) and all(_ended(t, reports) for t in filters.report_types)
        latest = (filters.latest or not (filters.years or filters.since or filters.until or ended)) and not runs
        wanted = _or_beyond(filters.grade, understanding.grade_or)
        rows = grades(reports, latest=latest, judgement=key, grade=None if runs else wanted)
        rows = [row for row in rows if row.report_id in in_scope]  # the selection's places and years
        ungraded = _ungraded_now(reports, in_scope, key) if latest else []
        rows = [row for row in rows if row.authority not in ungraded]
        if filters.grade and understanding.every:  # 'outstanding in every judgement'
            rows = [row for row in rows if _every_judgement(row, wanted)]
        named = filters.grade if not understanding.grade_or else f"{filters.grade} or {understanding.grade_or}"
        if runs:
            rows = _runs(rows, key, wanted, understanding.times, understanding.in_a_row, understanding.always)
            how = ("at every inspection that graded it" if understanding.always else
                   f"at {understanding.times} inspections {'in a row' if understanding.in_a_row else 'or more'}"
                   if understanding.times > 1 else "at any inspection")
            said = (f"every authority judged {named} for {_judgement_words(key)} {how}, "
                    f"each cited at the latest of them")
        elif filters.grade:
            when = "at its latest graded inspection" if latest else "at an inspection in the years asked"
            which = "every judgement" if understanding.every else _judgement_words(key)
            said = f"every authority judged {named} for {which} {when}"
        else:
            rows = _extremes(rows, key, best=understanding.extreme == "best")
            when = "at their latest graded inspection" if latest else "at an inspection in the years asked"
            held = f" ({rows[0].grade(key)})" if rows else ""
            said = f"the authorities with the {understanding.extreme} {_judgement_words(key)} {when}{held}"
        twice = {a for a in (row.authority for row in rows) if sum(r.authority == a for r in rows) > 1}
        parts = tuple(_fact_part(by_id[row.report_id], row, key, f"{row.authority}: {row.grade(key)}"
                                 + (f" ({row.year})" if row.authority in twice else ""))
                      for row in rows if row.report_id in by_id)
        left = (f"; left out, as their latest inspection gives no grade for {_judgement_words(key)}: "
                f"{', '.join(ungraded)}" if ungraded else "")
        return Plan("roster", parts, f"a roster from the grades: {said}, {len(parts)} found{left}",
                    judged_by_closeness=False)
    if understanding.inspected and not understanding.topical:
        parts = tuple(_inspection_entry(report) for report in sorted(selection.reports, key=by_date))
        return Plan("roster", parts, f"a roster of the inspections: every report in the years asked, oldest first, "
                                     f"{len(parts)} found", judged_by_closeness=False)
    return Plan("roster", (Part(selection, k * ROSTER_POOL, per_authority=k),),
                f"a roster: the best paragraph of each authority, up to {k}")


def _ended(key: str, reports: Sequence[StoredReport]) -> bool:
    """Whether a kind of report belongs to a framework that ended before the newest report here."""
    kind = report_type(key)
    newest = max((r.facts.year for r in reports if r.facts.year), default=0)
    return kind is not None and kind.years[1] < newest


def _inspection_entry(report: StoredReport) -> Part:
    """A roster entry for an inspection itself: its grade table, or for a visit its headline."""
    lead = lead_anchors(report, ())[:1]
    return Part(Selection((report,), False), 1, label=inspection_label(report), report_id=report.report_id,
                authority=report.facts.authority, lead=lead, summary=not lead)


def _every_judgement(row: Inspection, wanted: str | tuple[str, ...] | None) -> bool:
    """Whether each headline judgement the inspection grades has the grade wanted (or one of them)."""
    held = [grade for grade in row.headline.values() if grade]
    allowed = (wanted,) if isinstance(wanted, str) else tuple(wanted or ())
    return bool(held) and all(grade in allowed for grade in held)


def _or_beyond(grade: str | None, beyond: str | None) -> str | tuple[str, ...] | None:
    """The grade, or ('good or better') it and those above it on its scale (below: 'or worse')."""
    if not grade or not beyond:
        return grade
    scale = [g for g in grade_keys() if rank(g) is not None and _same_scale(g, grade)]
    at = rank(grade)
    return tuple(g for g in scale if (rank(g) <= at if beyond == "better" else rank(g) >= at))


def _same_scale(one: str, other: str) -> bool:
    return (one in current_grades()) == (other in current_grades())


def _ungraded_now(reports: Sequence[StoredReport], in_scope: set[str], key: str) -> list[str]:
    """Authorities asked about whose latest graded inspection does not grade `key` (since the
    2026 reform, no overall effectiveness): an older grade is no longer theirs, so a list of
    current grades leaves them out and says so."""
    return sorted(row.authority for row in grades(reports, latest=True)
                  if row.report_id in in_scope and row.grade(key) is None and row.authority)


def _runs(rows: Sequence[Inspection], key: str, wanted: str | tuple[str, ...] | None, times: int,
          in_a_row: bool, always: bool) -> list[Inspection]:
    """Of each authority's inspections grading `key` (oldest first), the latest that gave the
    grade wanted, where at least `times` did ('inadequate twice'), that many one after another
    ('twice in a row'), or every one did ('outstanding at every inspection')."""
    allowed = (wanted,) if isinstance(wanted, str) else tuple(wanted or ())
    by_authority: dict[str, list[Inspection]] = {}
    for row in rows:
        if row.grade(key):
            by_authority.setdefault(row.authority, []).append(row)
    found = []
    for held in by_authority.values():
        gave = [row.grade(key) in allowed for row in held]
        if always:
            qualifies = all(gave)
        elif in_a_row:
            qualifies = any(all(gave[i:i + times]) for i in range(len(gave) - times + 1))
        else:
            qualifies = sum(gave) >= times
        if qualifies:
            found.append(next(row for row, yes in zip(reversed(held), reversed(gave)) if yes))
    return found


def _extremes(rows: Sequence[Inspection], key: str, best: bool) -> list[Inspection]:
    """'Who has the best children's services in the North East?': the rows whose grade for
    `key` is the best held among them (or, not `best`, the worst)."""
    ranks = {row.report_id: rank(row.grade(key)) for row in rows}
    held = [r for r in ranks.values() if r is not None]
    target = (min if best else max)(held, default=None)
    return [row for row in rows if target is not None and ranks[row.report_id] == target]


def _fact_part(report: StoredReport, row: Inspection, key: str, label: str) -> Part:
    stated = row.stated(key)
    return Part(Selection((report,), False), 1, label=label, report_id=report.report_id, authority=row.authority,
                lead=(stated.anchor,) if stated else lead_anchors(report, ()))


def _judgement_words(key: str) -> str:
    """'overall effectiveness', 'experiences and progress of care leavers' (to follow 'the')."""
    return "overall effectiveness" if key == "overall_effectiveness" else headline_name(key).removeprefix("the ")


def _timeline(understanding: Understanding, selection: Selection, k: int) -> Plan:
    """Each full inspection in the range, oldest first (visits look at one part of a service;
    they count when the question names them or when there is nothing else). Without a range
    (a year, 'since 2016', 'since its first inspection'), the latest few: a question about
    change, 'now' included, compares the inspections that are recent; for an abolished
    council and its successors, the last two of each."""
    filters = understanding.filters
    inspections = sorted(selection.reports, key=by_date)
    full = [r for r in inspections if _is_full(r)]
    if full and not filters.report_types:
        inspections = full
    ranged = filters.years or filters.since or filters.until or understanding.first  # 'since its first inspection'
    recent = 2 if understanding.two else TIMELINE_RECENT
    by_authority: dict[str | None, list[StoredReport]] = {}
    for report in inspections:
        by_authority.setdefault(report.facts.authority, []).append(report)
    if not ranged and len(by_authority) > 1:  # an abolished council and its successors: the last two of each
        inspections = sorted((r for held in by_authority.values() for r in held[-2:]),
                             key=lambda r: (by_date(r), r.facts.authority or ""))
    elif not ranged and len(inspections) > recent:
        inspections = inspections[-recent:]
    started = _started_at(understanding, full) if len(by_authority) == 1 and not ranged else None
    if started is not None:  # 'since it was inadequate': from the latest inspection that judged it so
        inspections = [r for r in sorted(selection.reports, key=by_date)
                       if by_date(r) >= by_date(started) and (_is_full(r) or filters.report_types)]
    step = _step_named(understanding, selection) if len(by_authority) == 1 else None
    if step:  # 'why did it go from good to requires improvement?': the two inspections of that step
        inspections = [r for r in selection.reports if r.report_id in (step.earlier.report_id, step.later.report_id)]
        inspections.sort(key=by_date)
        ranged = True
    per = max(1, min(TIMELINE_PER_INSPECTION, math.ceil(k / len(inspections))))
    # The places the earlier inspections leave go to the latest, which is last: 'has it
    # improved?' is answered by what it is like now, and no inspection is pushed off the screen.
    latest_share = max(per, k - per * (len(inspections) - 1))
    parts = tuple(
        Part(Selection((report,), False), latest_share if n == len(inspections) - 1 else per,
             label=inspection_label(report), report_id=report.report_id, opening=True, tables=False,
             leads_change=n == len(inspections) - 1 and n > 0)
        for n, report in enumerate(inspections)
    )
    which = "" if ranged else ("the latest " if len(parts) > 1 else "")
    if started is not None:
        which = f"since the inspection that judged it {understanding.since_grade} ({started.facts.inspection_end.year}): " \
            if started.facts.inspection_end else which
    if step:
        which = (f"the step in which {_judgement_words(step.movement.key)} went from {step.movement.before} "
                 f"to {step.movement.after}, ")
    each = " (the last two of each authority)" if not ranged and len(by_authority) > 1 else ""
    return Plan("timeline", parts, f"a timeline: {which}{len(parts)} inspection{'s' if len(parts) != 1 else ''}{each}, "
                                   f"oldest first", judged_by_closeness=understanding.topical)


def _started_at(understanding: Understanding, full: Sequence[StoredReport]) -> StoredReport | None:
    """The latest full inspection before the newest that gave the grade a change started from,
    for the judgement asked about, else overall effectiveness."""
    if not understanding.since_grade or len(full) < 2:
        return None
    gave = {row.report_id for row in grades(full[:-1], judgement=_asked_key(understanding),
                                            grade=understanding.since_grade)}
    return next((r for r in reversed(full[:-1]) if r.report_id in gave), None)


def _step_named(understanding: Understanding, selection: Selection):
    """The latest step between two inspections of the council asked about in which the
    judgement asked about (else overall effectiveness) went from the grade named to the other."""
    movement = understanding.movement
    if not (movement and movement.before and movement.after):
        return None
    steps = transitions(selection.reports, before=movement.before, after=movement.after,
                        judgement=_asked_key(understanding))
    return steps[-1] if steps else None


def _asked_key(understanding: Understanding) -> str:
    """The judgement a change question names, else overall effectiveness."""
    return judgement_key(next(iter(understanding.judgement_areas), "overall_effectiveness"))


def _is_full(report: StoredReport) -> bool:
    kind = report_type(report.facts.report_type)
    return bool(kind and kind.full_inspection)


def _grades(understanding: Understanding, selection: Selection, reports: Sequence[StoredReport], k: int) -> Plan:
    """The inspection a grade question means: the one of the year (or range) it names, the
    one before the latest, or else the latest graded inspection of each authority, and
    the one before it too when the question asks whether a grade has changed; for a question
    about a council's history ('its grades over the years'), every full inspection."""
    chosen = list(selection.reports)
    said = "grades"
    named = (understanding.filters.years or understanding.filters.since or understanding.filters.until
             or understanding.previous or understanding.first)
    if understanding.history:  # every inspection (and visit, for 'when'), in the years asked if any
        if understanding.history == "grades":
            chosen = [r for r in chosen if _is_full(r)] or chosen
        what = "every inspection" if understanding.history == "grades" else "every inspection and visit"
        said = f"{what}{' in the years asked' if named else ''}, oldest first ({len(chosen)})" + _times_judged(
            understanding, chosen)
    elif not named:
        graded = [r for r in chosen if graded_inspection(r)]
        # Each authority's latest graded inspection, or, for one with none here (a visit
        # only), its latest report: 'Is Kingston better than Kensington and Chelsea?'.
        with_grades = {r.facts.authority for r in graded}
        pool = graded + [r for r in chosen if r.facts.authority not in with_grades]
        chosen = latest_reports(pool)
        said = "grades of the latest graded inspection" if graded else "grades (no graded inspection in the index)"
        areas = _named_areas(understanding)
        if understanding.grade_asked and graded and not understanding.change:
            chosen, moved = _latest_where(chosen, graded, lambda r: _gives(r, areas, understanding.grade_asked))
            if moved:
                said = f"grades of the latest inspection that judged it {understanding.grade_asked}"
        elif areas and graded and not understanding.change:
            # 'How was Suffolk's LSCB judged?': the single inspection framework graded boards; ILACS does not.
            chosen, moved = _latest_where(chosen, graded, lambda r: _gives(r, areas))
            if moved:
                said = f"grades of the latest inspection that judged {_named_words(areas)}"
        if (understanding.change or understanding.two) and graded:
            before = latest_reports([r for r in graded if r.id not in {c.id for c in chosen}])
            chosen += before
            said = "grades of the latest graded inspection and the one before"
    elif understanding.change and understanding.filters.years:
        chosen, said = _compared_with(chosen, reports)
    # A grade compared with the one before ('is Leeds still outstanding?') leads with the latest,
    # which is what is asked; a history reads oldest first.
    ordered = sorted(chosen, key=by_date, reverse=understanding.change and not understanding.history)
    said += _no_overall(understanding, ordered)
    per = k if len(ordered) == 1 else max(1, min(GRADES_PER_INSPECTION, math.ceil(k / len(ordered))))
    parts = tuple(
        Part(Selection((report,), False), per, label=inspection_label(report), report_id=report.report_id,
             lead=lead_anchors(report, understanding.judgement_areas), summary=not graded_inspection(report),
             areas=understanding.judgement_areas or ("overall_effectiveness",), opening=True)
        for report in ordered
    )
    return Plan("grades", parts, said, facts=tuple(inspection(r) for r in ordered), judged_by_closeness=False)


def _compared_with(chosen: Sequence[StoredReport], reports: Sequence[StoredReport]) -> tuple[list[StoredReport], str]:
    """'Is Lambeth any good now? They were awful in 2015', 'Is Wakefield still outstanding? What
    did they get in 2025?': the inspection of the year named beside the council's latest graded
    one, or, where it is the latest, beside the one before it."""
    out = list(chosen)
    latest_added = False
    for report in [r for r in chosen if graded_inspection(r)]:
        held = sorted((r for r in reports if r.facts.authority == report.facts.authority and graded_inspection(r)),
                      key=by_date)
        later = [r for r in held if by_date(r) > by_date(report)]
        other = later[-1] if later else next((r for r in reversed(held) if by_date(r) < by_date(report)), None)
        latest_added = latest_added or bool(later)
        if other is not None and other not in out:
            out.append(other)
    which = "the latest graded inspection" if latest_added else "the one before"
    return out, f"grades of the inspection of the year asked and {which}"


def _ungraded_part(understanding: Understanding, graded: Plan, selection: Selection, k: int) -> Plan | None:
    """'Was Kingston's adoption service any good in 2012?': where the inspections a grades answer
    would show grade none of the judgements the question names (the 2012 framework and ILACS
    give adoption no grade of its own), what inspectors found of it answers: passages."""
    shown = [r for part in graded.parts for r in part.selection.reports]
    areas = _named_areas(understanding)
    if not areas or not shown or understanding.history:
        return None
    if any(_gives(r, areas) for r in shown):
        return None
    return Plan("passages", (Part(selection, k),),
                f"passages (no grade for {_named_words(areas)} in the inspection asked about)")


def _no_overall(understanding: Understanding, reports: Sequence[StoredReport]) -> str:
    """Where the overall grade is asked for, by name or by asking how a council was rated ('What
    overall grade did Middlesbrough get in 2026?', 'how was Middlesbrough rated?'), and an
    inspection gives none (ILACS reports from 2026 grade four judgements, not overall
    effectiveness), say so, not only show the grades it does give."""
    if _named_areas(understanding) and "overall_effectiveness" not in judgement_areas(understanding.question):
        return ""  # 'how were its care leavers judged?' asks for another grade
    missing = [r for r in reports if graded_inspection(r) and not r.facts.judgements.overall_effectiveness
               and not any(s.key == "overall_effectiveness" for s in r.facts.stated_judgements)]
    return "".join(f"; the {by_date(r)[:4]} inspection gives no overall effectiveness grade" for r in missing)


def _named_areas(understanding: Understanding) -> list[str]:
    """The judgements a question names, other than overall effectiveness ('care leavers', 'LSCB')."""
    return [a for a in judgement_areas(understanding.question) if a != "overall_effectiveness"]


def _named_words(areas: Sequence[str]) -> str:
    return " or ".join(dict.fromkeys(_judgement_words(judgement_key(a)) for a in areas))


def _gives(report: StoredReport, areas: Sequence[str], grade: str | None = None) -> bool:
    """Whether a report grades one of the judgements a question names (`_named_areas`; given
    `grade`, that grade), else overall effectiveness, which is what a council is 'rated' ('why
    did Slough get inadequate?': 2015, though its 2023 inspection judged its leaders inadequate)."""
    found = {g for a in (areas or ["overall_effectiveness"]) for g in _grades_for(report, judgement_key(a), a)}
    return grade in found if grade else bool(found)


def _latest_where(chosen: Sequence[StoredReport], graded: Sequence[StoredReport],
                  test) -> tuple[list[StoredReport], bool]:
    """For each authority whose latest inspection fails `test`, its latest that passes, if any:
    'why was Herefordshire rated inadequate?' (it is outstanding now), 'how was Suffolk's LSCB
    judged?' (graded last in 2015)."""
    out, moved = [], False
    for report in chosen:
        passing = [r for r in graded if r.facts.authority == report.facts.authority and test(r)]
        if passing and not test(report):
            report, moved = max(passing, key=by_date), True
        out.append(report)
    return out, moved


def _times_judged(understanding: Understanding, reports: Sequence[StoredReport]) -> str:
    """'How many times has Kent been rated inadequate?': how many of the inspections gave that
    grade for the judgement asked about (overall effectiveness unless one is named)."""
    named = grades_in(understanding.question)
    if not named:
        return ""
    grade, area = named[0][0], next(iter(understanding.judgement_areas), "overall_effectiveness")
    key = judgement_key(area)
    judged = sum(1 for r in reports if grade in _grades_for(r, key, area))
    return f"; judged {grade} for {_judgement_words(key)} at {judged} of them"


def _grades_for(report: StoredReport, key: str, area: str) -> set[str]:
    """The grades a report gives for a judgement: its headline grade, or where it has none (the
    2012 framework grades safeguarding and looked after children apart) those of its own
    judgements of that kind ('Overall effectiveness of safeguarding services')."""
    headline = inspection(report).grade(key)
    if headline:
        return {headline}
    return {s.grade for s in report.facts.stated_judgements if _about(report, s.key, area) and s.grade}


def lead_anchors(report: StoredReport, areas: Sequence[str]) -> tuple[str, ...]:
    """The paragraphs that state the grades a question asks about (the grade table or grade
    sentence the report itself gives for them), to lead its answer; for no judgement in
    particular, those of the headline judgements, the overall one first."""
    stated = report.facts.stated_judgements
    required = [a for a in areas if a != "overall_effectiveness"] or list(areas)  # see ranking._statements
    covers = {s: sum(_about(report, s.key, area) for area in areas) if any(_about(report, s.key, a) for a in required)
              else 0 for s in stated}
    most = max(covers.values(), default=0)
    asked = [s for s in stated if most and covers[s] == most]  # 'the overall grade of looked after children services'
    if not asked:
        asked = sorted((s for s in stated if _headline(report, s.key)),
                       key=lambda s: _headline(report, s.key) != "overall_effectiveness")
    return tuple(dict.fromkeys(s.anchor for s in asked if s.anchor))


def _headline(report: StoredReport, key: str) -> str:
    found = judgement(report.facts.report_type, key)
    return found.headline if found else ""


def _about(report: StoredReport, key: str, area: str) -> bool:
    """Whether a judgement of this report answers for a judgement area a question names:
    its headline key, or its own key naming the area ('safeguarding_overall_effectiveness'
    for the overall grade of a 2012 report, 'adoption_performance' for adoption)."""
    aliases = {"safeguarding_board": ("lscb", "safeguarding_board")}.get(area, (area,))
    return _headline(report, key) == area or any(alias in key for alias in aliases)


def graded_inspection(report: StoredReport) -> bool:
    kind = report_type(report.facts.report_type)
    return bool(kind and kind.graded) and report.facts.judgements.any()


def inspection_label(report: StoredReport) -> str:
    """'Luton · inspection of local authority children's services (ILACS) · 13-24 January 2020'."""
    facts = report.facts
    return (f"{facts.authority} · {type_label(facts.report_type)} · "
            f"{date_range(facts.inspection_start, facts.inspection_end)}")


def one_per_authority(ranked: Ranked, authority_of: dict[int, str | None], limit: int) -> Ranked:
    """Each authority's best paragraph, in rank order, up to `limit` authorities."""
    seen: set[str | None] = set()
    kept = []
    for pid, score in ranked.paragraphs:
        name = authority_of.get(pid)
        if name in seen:
            continue
        seen.add(name)
        kept.append((pid, score))
        if len(kept) == limit:
            break
    return Ranked(kept, ranked.closeness)


def groups_of(part: Part, found: Sequence[Result], start: int) -> list[Group]:
    """The groups a part's results form: the part itself (one inspection, with its facts, so
    that a timeline's groups are headed by their grades), or one per authority."""
    if part.per_authority:
        return [Group(r.citation.authority or "", (start + i,), authority=r.citation.authority)
                for i, r in enumerate(found)]
    if part.authority:
        return [Group(part.label or part.authority, tuple(range(start, start + len(found))), authority=part.authority)]
    if part.label:
        report = part.selection.reports[0] if part.report_id and len(part.selection.reports) == 1 else None
        return [Group(part.label, tuple(range(start, start + len(found))), report_id=part.report_id,
                      facts=inspection(report) if report is not None else None)]
    return []
