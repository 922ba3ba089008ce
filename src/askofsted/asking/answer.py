"""Asking an index a question: understanding, choosing reports, planning, ranking, citing.

The stages in order: `understanding` reads what the question says (filters, the
words left to match, the shape of answer it wants), flags given on purpose
override it, `selection` chooses the reports, `plan` lays out the answer's parts
for its shape (the inspections of a timeline, the authorities of a roster, the
grades that lead), `ranking` ranks paragraphs within each part, and each ranked
paragraph becomes a cited `Result` with its best sentences highlighted. An
answer whose best paragraphs are not close to the question says so (`weak`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from ..domain.authorities import canonical_authority, suggest_authorities
from ..domain.comparison import compares_with_earlier
from ..domain.report_types import report_type, type_label
from ..domain.sections import headed
from ..domain.vocabulary import in_report_words, named_concepts
from ..errors import AskofstedError
from ..words import words
from ..index import store
from ..models import Answer, Group, Result
from . import cues
from . import plan as planning
from .highlight import highlight
from .ranking import Ranked, fts_expression, grade_sentence, name_pattern, named_ranking, phrase_named, rank
from .selection import select_reports
from .sentences import TYPED, asked_part, question_sentence, sections_asked
from .understanding import Filters, Understanding, describe, override, statement, understand

ON_TOPIC = 0.1
"""How much less close (cosine) to a question about change on a topic than the closest paragraph
a comparing paragraph may be and still lead the timeline (see `on_topic`). Chosen on the blind
reviewers' reference paragraphs of 80 change questions (0.05 and 0.1 helped both halves, 0.15
neither), not on the development sets (benchmarks/README.md)."""
WEAK_CLOSENESS = 0.35
"""An answer is weak when no paragraph of the chosen reports comes this close (cosine of its
best window) to the question in any of its phrasings. Set on questions of our own, answerable
and not (the weather, a school's grade, council tax), never on the development sets; see
benchmarks/README.md."""


def ask(
    index,
    question: str,
    k: int = 5,
    authority: str | Sequence[str] | None = None,
    year: int | Sequence[int] | None = None,
    since: int | None = None,
    until: int | None = None,
    type: str | Sequence[str] | None = None,  # noqa: A002 - the user's word for it
    latest: bool = False,
    understand_question: bool = True,
    highlights: bool = True,
    drop: Sequence[str] = (),
) -> Answer:
    """The paragraphs of `index` that answer `question`, in the shape it asks for.

    Filters (each optional): authority, year, since, until, type (report type key),
    latest; each overrides what the question says. `drop` names filters understood
    from the question to leave out ("authority", "region", "year", "type", "latest",
    "grade"), whose words are still not matched: the web page's removable chips.
    `understand_question=False` matches the question's words as they are and answers
    with passages.
    """
    understanding = understand(question) if understand_question else _literal(question)
    filters = override(
        _dropped(understanding.filters, drop),
        authorities=_names(authority),
        years=tuple(int(y) for y in _many(year)),
        since=since,
        until=until,
        report_types=tuple(_many(type)),
        latest=latest,
    )
    understanding = replace(understanding, filters=filters)
    notes = understanding.notes if not authority else ()
    reports = index.reports()
    # A roster's grade is read from the facts by the plan, judgement by judgement.
    choosing = replace(filters, grade=None, grade_area=None) if understanding.shape == "roster" else filters
    selection = select_reports(reports, choosing, previous=understanding.previous,
                               first=understanding.first and understanding.shape != "timeline",
                               change=understanding.shape == "timeline")
    if not selection.reports:  # nothing to answer from: as weak as an answer gets
        return Answer(question, filters.as_dict(), describe(filters, notes), (), selection.note,
                      shape=understanding.shape, weak=True)
    the_plan = planning.plan(understanding, selection, reports, k)
    if any(part.per_authority for part in the_plan.parts) and understanding.topical and not understanding.names:
        # 'which councils offer functional family therapy?': those whose reports use the phrase.
        phrase = phrase_named(index.connection, understanding.text, selection)
        understanding = replace(understanding, names=(phrase,)) if phrase else understanding
    if the_plan.shape == "passages" and understanding.shape == "grades":  # a judgement these inspections never graded
        understanding = replace(understanding, shape="passages", about_judgements=False)
    which = ["the inspection before the latest"] if understanding.previous else (
        [("since " if understanding.shape == "timeline" else "") + "the first inspection"] if understanding.first else [])
    ungraded = [type_label(t) for t in filters.report_types if not (report_type(t) and report_type(t).graded)]
    if the_plan.shape == "grades" and ungraded and any(r.facts.report_type in filters.report_types
                                                       for r in selection.reports):
        which.append(f"a {' or '.join(ungraded)} gives no grades")
    understood = "; ".join([describe(filters, notes), *which, *selection.taken, the_plan.says])
    query = _query_vectors(index, understanding.text)
    results: list[Result] = []
    groups: list[Group] = []
    closeness: list[float] = []
    change_lead: list[Result] = []
    compared = False
    for part in the_plan.parts:
        if part.lead and part.limit <= len(part.lead):  # a roster entry from the facts: its grade statement
            ranked = _led(index, Ranked([], {}), part)
        else:
            summary, headline = (_opening(index, part.selection.reports[0].id) if part.opening or part.summary
                                 else ((), None))
            ranked = rank(index.connection, index.vectors, query, understanding, part.selection, part.limit,
                          require_names=bool(part.per_authority), opening=summary if part.opening else (),
                          tables=part.tables)
            if part.opening and not (understanding.topical or understanding.stance):
                tables = store.grade_tables(index.connection, [pid for pid, _ in ranked.paragraphs])
                ranked = _summary_first(ranked, summary, part.limit, tables)
            if part.lead or part.summary:
                ranked = _led(index, ranked, part, headline)
        if part.per_authority:
            ranked = planning.one_per_authority(ranked, _authority_of(index, ranked), part.per_authority)
        if part.leads_change:
            # Without a topic the question is about the whole service: its summary's comparison.
            lead, ranked, compared = _change_lead(index, ranked, None if understanding.topical else summary)
            change_lead = _results(index, lead, understanding.text, highlights)
        found = _results(index, ranked, understanding.text, highlights)
        closeness.extend(ranked.closeness.values())
        start = len(results)
        results.extend(found)
        groups.extend(planning.groups_of(part, found, start))
    if change_lead:
        results, groups = _lead_first(change_lead, compared, the_plan.parts[-1], results, groups)
        understood += (", led by the latest inspection's account of the change" if compared
                       else ", led by the latest inspection's finding")
    if not the_plan.parts:
        return Answer(question, filters.as_dict(), understood, (), f"No authority in this index qualifies: {the_plan.says}.",
                      shape=the_plan.shape)
    if any(part.per_authority for part in the_plan.parts) and understanding.names:
        understood += _how_many_name(index, understanding.names, selection, len(groups))
    unmentioned = _unmentioned(index, understanding, selection) if the_plan.shape in ("passages", "timeline", "roster") else []
    # A visit the index lacks is answered by its next inspection when the grade is asked (a visit
    # gives none, and the inspection's are there); what it found is not here.
    stood_in = selection.stand_in == "missing" or (selection.stand_in == "followed" and the_plan.shape != "grades")
    lacking = _parts_lacking(index, question, selection) if filters.authorities else []
    weak = understanding.out_of_scope is not None or not results or bool(unmentioned) or stood_in or bool(lacking) or (
        the_plan.judged_by_closeness and max(closeness, default=0.0) < WEAK_CLOSENESS
        and not _in_asked_section(question, results) and not _names_shown(understanding.names, results))
    note = _weak_note(understanding, unmentioned, stood_in, lacking) if weak else None
    return Answer(question, filters.as_dict(), understood, tuple(results), note, shape=the_plan.shape, weak=weak,
                  groups=tuple(groups), facts=the_plan.facts)


DROPPABLE = {
    "authority": {"authorities": ()},
    "region": {"regions": ()},
    "year": {"years": (), "since": None, "until": None},
    "type": {"report_types": ()},
    "latest": {"latest": False},
    "grade": {"grade": None, "grade_area": None},
}
"""The filters a question's words set that `ask(drop=...)` can leave out, and what each resets."""


def _dropped(filters: Filters, drop: Sequence[str]) -> Filters:
    unknown = [name for name in drop if name not in DROPPABLE]
    if unknown:
        raise AskofstedError(f"cannot drop {', '.join(unknown)}; choose from {', '.join(DROPPABLE)}")
    for name in drop:
        filters = replace(filters, **DROPPABLE[name])
    return filters


def _literal(question: str) -> Understanding:
    return Understanding(question=question, filters=Filters(), text=question)


def _query_vectors(index, text: str) -> np.ndarray:
    """The question embedded in each of its `phrasings`, one row each; ranking takes the closest."""
    return index.encoder.encode(list(phrasings(text)))


def phrasings(text: str) -> tuple[str, ...]:
    """The question as asked; where it uses everyday words for the reports' terms ('foster
    parents'), also in the reports' words; and where it sets a scene before asking
    ('Starting a job there next month. What did Ofsted make of the front door?'), its
    question alone, with the reports' words for what the scene named ('My mum may get an
    SGO. What help is there?' keeps 'special guardianship')."""
    asked = asked_part(text)
    return tuple(dict.fromkeys(statement(t) for t in (text, in_report_words(text), asked, in_report_words(asked))))


def _led(index, ranked: Ranked, part: planning.Part, headline: int | None = None) -> Ranked:
    """The part's lead paragraphs first (a grades answer's grade statements, or an ungraded
    visit's `headline` finding), then the ranking."""
    report = part.selection.reports[0].id
    lead = store.paragraph_ids(index.connection, report, part.lead)
    if part.areas:
        sentence = grade_sentence(index.connection, part.selection, part.areas)
        lead = ([sentence] if sentence is not None else []) + [pid for pid in lead if pid != sentence]
    if part.summary:
        lead += [pid for pid in [headline] if pid is not None and pid not in lead]
    top = ranked.paragraphs[0][1] if ranked.paragraphs else 1.0
    rest = [item for item in ranked.paragraphs if item[0] not in set(lead)]
    return Ranked(([(pid, top) for pid in lead] + rest)[: max(part.limit, len(lead))], ranked.closeness)


def _lead_first(lead: list[Result], compared: bool, latest: planning.Part, results: list[Result],
                groups: list[Group]) -> tuple[list[Result], list[Group]]:
    """A timeline's results and groups with its lead first, in a group of its own: where things
    stand now, in the latest inspection's words, before the inspections oldest first."""
    heading = ("What changed, as the latest inspection puts it" if compared
               else "Where it stands now, as the latest inspection finds it")
    first = Group(f"{heading} · {latest.label}", tuple(range(len(lead))), report_id=latest.report_id, lead=True)
    return lead + results, [first, *(replace(g, positions=tuple(p + len(lead) for p in g.positions)) for g in groups)]


def _change_lead(index, ranked: Ranked, summary: Sequence[int] | None) -> tuple[Ranked, Ranked, bool]:
    """(The lead of a timeline, from the latest inspection; the rest of its ranked paragraphs;
    whether the lead compares with an earlier inspection). For a question without a topic (the
    `summary` given), the summary's first paragraph that compares, else its first: the whole
    service, as the report sums it up. For one with a topic, the best-ranked paragraph on it
    (`on_topic`) that compares ('staffing has stabilised since the last inspection'), else the
    best-ranked on it, where things stand now: the summary's account of the whole
    service leads only where it is on the topic. None where the inspection would be left with
    no paragraph of its own."""
    pool = list(summary) if summary is not None else [pid for pid, _ in ranked.paragraphs]
    found = store.paragraphs_by_ids(index.connection, pool)
    pool = [pid for pid in pool if pid in found]
    comparing = [pid for pid in pool if compares_with_earlier(found[pid].paragraph.text,
                                                              " ".join(found[pid].paragraph.headings))]
    if summary is not None:
        lead = next(iter(comparing or pool), None)
    else:
        close = on_topic(pool, ranked.closeness)
        lead = next((pid for pid in comparing if pid in close), next((pid for pid in pool if pid in close), None))
    rest = [item for item in ranked.paragraphs if item[0] != lead]
    if lead is None or not rest:
        return Ranked([], {}), ranked, False
    score = dict(ranked.paragraphs).get(lead, ranked.paragraphs[0][1])
    return Ranked([(lead, score)], {}), replace(ranked, paragraphs=rest), lead in comparing


def on_topic(pool: Sequence[int], closeness: dict[int, float]) -> set[int]:
    """The paragraphs within `ON_TOPIC` of the closest to the question: a report's summary ranks
    high in a timeline for what it says of the whole service, but it is on the question's topic
    only where it comes about as close to the question as the paragraphs on it."""
    best = max((closeness.get(pid, 0.0) for pid in pool), default=0.0)
    return {pid for pid in pool if closeness.get(pid, 0.0) >= best - ON_TOPIC}


def _summary_first(ranked: Ranked, summary: Sequence[int], limit: int, tables: set[int]) -> Ranked:
    """A report's grade table where it ranked, then its summary in its own order, then the
    rest: for a question with no topic ('how was Hull rated in 2014?', 'has Stoke improved?')
    the question's words match nothing in particular, and the summary is where inspectors
    say what the grades rest on."""
    top = ranked.paragraphs[0][1] if ranked.paragraphs else 1.0
    first = [pid for pid, _ in ranked.paragraphs if pid in tables] + [pid for pid in summary if pid not in tables]
    taken = set(first)
    rest = [item for item in ranked.paragraphs if item[0] not in taken]
    return replace(ranked, paragraphs=([(pid, top) for pid in first] + rest)[:limit])


def _summary(paragraphs, own) -> list[int]:
    """The paragraphs a report opens with to sum up its findings: those under its 'Executive
    summary', 'Overview' or 'Headline findings', or, in reports that give them no heading
    (ILACS), the prose under the title beside the grade table; from the first of them while
    the heading stays the same. Reports without one (letters, the 2012 framework's) have none."""
    table = next((p for p in paragraphs if p.paragraph.kind == "judgements"), None)
    first = next((p for p in own if any(headed("summary", h) for h in p.paragraph.headings)), None) or next(
        (p for p in own if table is not None and p.paragraph.kind == "text"
         and p.paragraph.headings == table.paragraph.headings), None)
    if first is None:
        return []
    run = []
    for p in own[own.index(first):]:
        if p.paragraph.headings != first.paragraph.headings or p.paragraph.kind != first.paragraph.kind:
            break
        run.append(p.id)
    return run


def _own(index, paragraphs) -> list:
    """A report's paragraphs that are its own findings: not a grade table, the letter's form,
    standard text, or a fragment."""
    paragraphs = [p for p in paragraphs if p.paragraph.kind != "judgements"]
    standard = store.boilerplate(index.connection, [p.id for p in paragraphs])
    return [p for p in paragraphs if p.id not in standard and len(p.paragraph.text.split()) >= 15]


def _opening(index, report: int) -> tuple[list[int], int | None]:
    """(A report's summary paragraphs (see `_summary`), its headline finding: the first of
    them, else its first paragraph that is neither its letter's form, a grade table nor
    standard text), read once for a part's ranking and its lead."""
    paragraphs = store.paragraphs_of_report(index.connection, report)
    own = _own(index, paragraphs)
    summary = _summary(paragraphs, own)
    return summary, next(iter(summary or [p.id for p in own]), None)


def _authority_of(index, ranked: Ranked) -> dict[int, str | None]:
    """Paragraph id -> the authority of its report."""
    found = store.paragraphs_by_ids(index.connection, [pid for pid, _ in ranked.paragraphs])
    authority = {r.id: r.facts.authority for r in index.reports()}
    return {pid: authority.get(stored.report) for pid, stored in found.items()}


MAX_PARTS_CHECKED = 6
"""Reports a question's asked-for parts are looked for in: a council's, not the whole index."""


def _parts_lacking(index, question: str, selection) -> list[str]:
    """The parts a question asks for that only some frameworks' reports have ('how many children
    are on plans?': the context section) and none of the chosen reports has: an ILACS report
    gives no local figures, so its nearest paragraphs do not answer."""
    wanted = [part for part in sections_asked(question) if part.optional]
    if not wanted or len(selection.reports) > MAX_PARTS_CHECKED:
        return []
    headings = {" ".join(p.paragraph.headings) for report in selection.reports
                for p in store.paragraphs_of_report(index.connection, report.id)}
    return [part.heading_example for part in wanted if not any(headed(part.key, h) for h in headings)]


def _in_asked_section(question: str, results: Sequence[Result]) -> bool:
    """Whether the question names a part of a report ('what were the recommendations?') and
    its first results sit in that part: they answer by where they are, however little their
    words resemble the question's."""
    asked = sections_asked(question)
    return any(headed(part.key, heading) for part in asked for r in results[:3] for heading in r.citation.headings)


def _how_many_name(index, names: Sequence[str], selection, shown: int) -> str:
    """'Which councils use Mockingbird?' lists up to k authorities: say how many the reports
    name it for, so a list cut short says so."""
    naming = set(_authority_of(index, Ranked(named_ranking(index.connection, names, selection), {})).values()) - {None}
    if len(naming) <= shown:
        return ""
    return f"; the reports of {len(naming)} authorities name {' or '.join(names)}, the first {shown} shown (ask for more to see them all)"


def _names_shown(names: Sequence[str], results: Sequence[Result]) -> bool:
    """Whether the first results mention a programme the question names ('which councils are run
    by Achieving for Children?'): they answer by naming it, however little else they share with
    the question's words."""
    if not names:
        return False
    said = name_pattern(names)
    return any(said.search(r.text) for r in results[:3])


def _weak_note(understanding: Understanding, unmentioned: Sequence[str] = (), stand_in: bool = False,
               lacking: Sequence[str] = ()) -> str:
    if stand_in:
        return "This index does not hold the inspection asked about; the nearest it holds follows."
    if lacking:
        return f"The reports chosen have no '{lacking[0]}' part; the nearest paragraphs follow."
    if understanding.out_of_scope:
        return (f"These reports are Ofsted's inspections of councils' children's services; they do not cover "
                f"{understanding.out_of_scope}. The nearest paragraphs follow.")
    if unmentioned:
        return f"The reports chosen never mention {' or '.join(unmentioned)}; the nearest paragraphs follow."
    return "Nothing in these reports answers this closely; the nearest paragraphs follow."


def _unmentioned(index, understanding: Understanding, selection) -> list[str]:
    """What a question about particular councils names (a programme, 'Mockingbird'; a thing the
    vocabulary knows, 'young carers') that their chosen reports never mention in any of its words:
    then nothing there answers, however close the nearest paragraphs come. Of all councils, only
    a programme is looked for: 'which councils use Mockingbird?' where no report names it."""
    if not selection.reports:
        return []
    if not understanding.filters.authorities:
        return [name for name in understanding.names if not named_ranking(index.connection, [name], selection)]
    rows = [r.id for r in selection.reports]
    # What a question names in the scene it sets ('We live near Leighton Buzzard', 'we want to
    # foster') is where the asker is and why, not what they ask about: the sentence that asks is.
    asking = question_sentence(understanding.question, TYPED)
    scene = asking != understanding.question
    asked = [(name, (name,)) for name in understanding.names if name in asking]
    asked += [(c.report_terms[0], (*c.report_terms, *c.everyday))
              for c in named_concepts(asking if scene else understanding.text)]
    if not asked and understanding.topical and not sections_asked(understanding.question):
        # No named thing, nor a part of a report ('the recommendations', which ILACS reports
        # call 'what needs to improve'): the topic's own words, all of them ('the weather in Cornwall').
        own = set(words(asking))
        topic = [w for w in dict.fromkeys(words(understanding.text))
                 if w not in cues.SERVICE_WORDS | cues.FAULT_WORDS and (w in own or not scene)]
        asked = [(f"'{' '.join(topic)}'", (*topic, *understanding.terms))] if topic else []
    missing = []
    for label, phrases in asked:
        expression = fts_expression([p for p in phrases if len(p) > 2 and not p.isupper()])
        if expression and not store.lexical_search(index.connection, expression, 1, rows):
            missing.append(label)
    return missing


def _results(index, ranked: Ranked, text: str, with_highlights: bool) -> list[Result]:
    found = store.paragraphs_by_ids(index.connection, [pid for pid, _ in ranked.paragraphs])
    by_row = {r.id: r for r in index.reports()}
    rows = [(found[pid], score) for pid, score in ranked.paragraphs if pid in found]
    spans = highlight(text, [p.paragraph.text for p, _ in rows]) if with_highlights else [[] for _ in rows]
    return [
        Result(
            citation=index.citation(by_row[stored.report], stored.paragraph),
            text=stored.paragraph.text,
            score=score,
            highlights=tuple(stored.paragraph.text[s:e] for s, e in marks),
        )
        for (stored, score), marks in zip(rows, spans)
    ]


def _many(value) -> list:
    if value is None or value == () or value == []:
        return []
    if isinstance(value, (str, int)):
        return [value]
    return list(value)


def _names(authority) -> tuple[str, ...]:
    """Canonical names for authorities given on purpose; an unknown one is an error with a suggestion."""
    names = []
    for name in _many(authority):
        canonical = canonical_authority(str(name))
        if canonical is None:
            hint = suggest_authorities(str(name))
            raise AskofstedError(
                f"unknown authority {name!r}" + (f"; did you mean {' or '.join(hint)}?" if hint else "")
            )
        names.append(canonical)
    return tuple(names)
