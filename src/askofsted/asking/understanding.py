"""Understanding a question the way a person means it.

A question is read slot by slot, each slot from its own table: the place
(authorities, from `domain.authorities`, misspellings and abolished councils
included), the time (`cues`: years, ranges, "the last inspection", "since
then"), the report type and the judgement (from `domain`), a grade (the
report's words and everyday ones, from `domain.grades`), what the answer
should look like (`cues`: grades, a timeline of change, a roster of councils,
or passages), and whether it asks about something these reports do not cover.
The words that picked the reports are then taken out of what is matched
("Kingston", "2012" only add noise inside Kingston's 2012 report), and the
reports' own terms for the question's everyday words are added
(`domain.vocabulary`). Flags given on purpose override what was understood.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from ..domain.authorities import counties, county_pattern, match_authorities
from ..domain.grades import current_grades, grade_keys, grades_in
from ..domain.judgements import HEADLINE_KEYS, judgement_areas, judgement_spans
from ..domain.report_types import question_rules, type_label
from ..domain.sections import asked_sections
from ..domain.stance import asked_stance
from ..domain.vocabulary import is_judgement, named_concepts, report_terms
from . import cues
from .sentences import TYPED, question_sentence
from ..words import FRAME_WORDS, words

_YEAR = re.compile(r"\b(20[0-4]\d|19[89]\d)\b")
_IN_YEAR = re.compile(r"\s+in\s+(20[0-4]\d|19[89]\d)\b")
# A grade word is a filter when the question says something was judged so: "councils judged
# inadequate", "got outstanding for help and protection", "outstanding-rated councils".
_JUDGED = (r"(?:judged|rated|graded|got|get|gets|received|awarded|given|achieved|scored|found\s+to\s+be|"
           r"were|was|are|is|been|remain(?:ed|s)?|became|now)\s+(?:as\s+|an?\s+|(?:still\s+)?in\s+|still\s+|currently\s+|"
           r"at\s+(?:least|best|most)\s+|(?:anything\s+)?(?:less|worse|lower)\s+than\s+)?")
_AREA_AFTER = r"\s+(?:for|in|on)\s+(?:the\s+)?(?:overall|help|children|care|leaders|leadership|impact|adoption|experiences)"
_COUNCILS_AFTER = r"[\s-]+(?:rated\s+|graded\s+)?(?:councils?|authorit(?:y|ies)|local\s+authorities|las|areas|boroughs)"
_ABILITY_AFTER = (r"\s+at\s+(?!(?:the\s+)?(?:moment|present|time|minute)\b|(?:(?:the|its|their|every|each|all|both|one|of|"
                  r"two|three|four|[2-4]|consecutive|successive)\s+)*"
                  r"(?:(?:last|latest|most\s+recent|first|previous|next|20\d\d|ilacs|sif|full|single|standard|judgement)\s+)*"
                  r"(?:ofsted|inspections?|visits?|reports?)\b)")
"""'good at working with ...' is what a council does well, not its grade; 'good at the moment', 'good
at its last inspection', 'inadequate at two inspections in a row' are grades."""
# Words left dangling once the filter words are taken out ("according to its 2014 inspection").
_FILLER = re.compile(
    r"\b(?:according\s+to|going\s+by|judging\s+by|in\s+the\s+end|at\s+(?:long\s+)?last|eventually|finally|"
    r"in\s+(?:its|their|the)|at\s+the\s+time\s+of|"
    r"when\s+(?:ofsted|inspectors|they)\s+(?:inspected|went\s+in|visited)|"
    r"(?:its|their|the)\s+(?:(?:20\d\d|latest|most\s+recent|last)\s+)?(?:ofsted\s+)?(?:re-?)?inspection"
    r"(?:\s+(?:report|of\s+children's\s+services))?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Filters:
    """Which reports a search may answer from. Empty fields do not restrict."""

    authorities: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    since: int | None = None
    until: int | None = None
    report_types: tuple[str, ...] = ()
    latest: bool = False
    grade: str | None = None
    grade_area: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "authority": list(self.authorities),
            "region": list(self.regions),
            "year": list(self.years),
            "since": self.since,
            "until": self.until,
            "type": list(self.report_types),
            "latest": self.latest,
            "grade": self.grade,
            "grade_area": self.grade_area,
        }


@dataclass(frozen=True)
class Movement:
    """A change of grade a question asks about: 'dropped from outstanding to requires
    improvement', 'councils that improved'."""

    before: str | None = None
    after: str | None = None
    direction: str | None = None  # "up" | "down"


@dataclass(frozen=True)
class Understanding:
    """A question taken apart: its filters, the words left to match, and what it asks for."""

    question: str
    filters: Filters
    text: str
    shape: str = "passages"
    about_judgements: bool = False
    judgement_areas: tuple[str, ...] = field(default_factory=tuple)
    topical: bool = True
    """Whether words are left to match once the filters and the shape's own words are taken
    out: "has Kingston improved since 2012?" asks about no topic, only about the change."""
    grade_asked: str | None = None
    """The grade a question asks whether a council was given, in the past or at any time ('was
    Slough rated inadequate?', 'why did Slough get inadequate?', 'has it been judged good?'):
    where its latest inspection did not give it, the one that did is meant. Not 'is Kent
    outstanding?', which asks about now."""
    previous: bool = False
    """The inspection before the latest ('the previous inspection', 'the one before')."""
    first: bool = False
    """The earliest inspection ('its first inspection')."""
    change: bool = False
    """Whether the question asks about change ('has it improved', 'has the grade changed')."""
    two: bool = False
    """Whether a question about change compares two inspections ('between the two inspections')."""
    history: str | None = None
    """Whether a grades question means every inspection, not the latest: 'grades' for its grades
    over the years (every full inspection), 'when' for when it was inspected (every report,
    visits too)."""
    movement: Movement | None = None
    extreme: str | None = None
    """In a roster, 'best' or 'worst': the authorities whose grade is the best (worst) held."""
    times: int = 1
    """In a roster from the grades, at how many inspections at least the grade was given
    ('inadequate twice', 'more than once')."""
    in_a_row: bool = False
    """With `times`: at that many inspections one after another ('twice in a row')."""
    always: bool = False
    """In a roster from the grades, whether every graded inspection of a council gave the grade
    ('outstanding at every one of their inspections')."""
    ever: bool = False
    """In a roster from the grades, whether any inspection that gave the grade counts ('which
    councils have ever been inadequate?'), not only each council's latest."""
    inspected: bool = False
    """A roster of the inspections themselves ('which councils were inspected in 2025?')."""
    since_grade: str | None = None
    """Where a timeline starts, by grade: 'since it was inadequate' is the latest inspection that
    judged it so."""
    grade_or: str | None = None
    """In a roster from the grades, 'better' or 'worse': the grade named and those above (below)
    it ('good or better', 'at least good')."""
    every: bool = False
    """In a roster from the grades, whether every judgement must have the grade named
    ('outstanding in every judgement', 'good across the board')."""
    compare: bool = False
    """Whether the question sets two or more places against each other ('compare Kent and
    Essex on care leavers', 'Is Leeds better than Bradford?')."""
    out_of_scope: str | None = None
    """What the question asks about that these reports do not cover ('a school's own inspection')."""
    terms: tuple[str, ...] = ()
    """The reports' own terms for the question's everyday words ('foster parents': 'foster carers')."""
    stance: str | None = None
    """'critical' or 'praise': the question asks for what inspectors found fault with ('the main
    criticisms') or praised ('what did they like about ...'); see `domain.stance`."""
    names: tuple[str, ...] = ()
    """Things the question names ('Lifelong Links', 'Family Safeguarding'): a roster's entries
    must mention one."""
    notes: tuple[str, ...] = ()
    """What was read into the question's words: spellings corrected, abolished councils
    led to their successors ('Cumbria's children's services passed to ...')."""


def understand(question: str, today: date | None = None) -> Understanding:
    """What `question` asks, slot by slot; `today` anchors 'the last five years'. Each slot
    marks the words it read (`spans`); what no slot read is the topic."""
    today = today or date.today()
    spans: list[tuple[int, int]] = []
    # Who is asking ('foster carer here', 'I foster for Barnsley') and a remark after the question
    # ('... got an interview there next week') are no topic, though they still say what the
    # asker means, so they stay in the words matched.
    asker = [m.span() for m in cues.ASKER.regex.finditer(question)] + _remark(question)

    authorities, notes, places = _place(question, spans)
    regions = _regions(question, spans)
    if authorities and any(r in counties() for r in regions):
        # 'Surrey and Sussex': a county named beside a council means its councils too, not only
        # those of both (a filter by place and by county would leave none).
        authorities = list(dict.fromkeys([*authorities, *(a for r in regions for a in counties().get(r, ()))]))
        places += sum(1 for r in regions if r in counties())
        regions = tuple(r for r in regions if r not in counties())
    years, since, until, latest, previous, first = _time(question, spans, today)
    # A report type named says which report ('what did the focused visit find?'), not what about.
    named_types = [(key, m.span(), topic) for key, pattern, topic in question_rules() for m in pattern.finditer(question)]
    areas = judgement_areas(question)
    asked = _asked(question, spans, authorities, places)
    if places == 1 and latest and years and not asked.change and not asked.grade_ask and _then_and_now(question):
        asked = replace(asked, change=True)
    shape = _shape(asked, authorities, places, previous)
    if shape == "timeline":
        years, since, until = _change_starts(question, years, since, until, latest)
    found = cues.first(cues.HISTORY, question) if authorities and not latest else None
    history = found[0].means if found else None
    spans += _frame_words(question, shape, asked.compare, bool(history), bool(asked.change))
    if shape == "grades" and asked.grade_ask and _a_part(question, spans + asker, *asked.grade_ask):
        # 'Is Solihull's early help any good?', 'is their adoption support good?': what inspectors
        # found of it, not the council's grades.
        shape = "passages"
        spans += [(start, end) for _, start, end in grades_in(question)]
        if asked.grade_ask[0].means == "grade_quality":
            spans += [m.span() for m in asked.grade_ask[0].regex.finditer(question)]
        # 'How is East Riding doing with care leavers in education?' asks about now: the latest
        # inspection, as the same question without its topic would ('how is East Riding doing?').
        latest = latest or (asked.grade_ask[0].means == "grade_how" and not years and not since and not until
                            and _PRESENT.match(asked.grade_ask[1].group()) is not None)
        asked = replace(asked, grade_ask=None, grade_asked=None)
    if shape == "grades":
        spans += _grade_words(question)
        if latest and (asked.change or years):
            # 'Kent used to be outstanding: did they keep it at the latest inspection?', 'Is Lambeth
            # any good now? They were awful in 2015': the latest is compared with the one before,
            # or with the year named (see plan._grades), so the selection keeps them all.
            latest, asked = False, replace(asked, change=True)
        elif not years and cues.EARLIER.regex.search(question):
            # 'are they any good? my friend reckons they were rated inadequate a few years ago':
            # the latest grades, and the ones before that the earlier time means.
            latest, asked = False, replace(asked, change=True)

    if shape in ("passages", "grades") and not asked.change:
        years = _asked_years(question, years)
    grade = asked.grade if asked.grade in current_grades() else None
    two = cues.TWO.regex.search(question) is not None
    filters = Filters(
        authorities=tuple(authorities),
        regions=regions,
        years=tuple(dict.fromkeys(years)),
        since=since,
        until=until,
        report_types=tuple(dict.fromkeys(key for key, _, _ in named_types)),
        # 'which councils improved since their last inspection?': each one's latest step.
        latest=(latest or (shape == "roster" and asked.movement is not None and two)) and shape != "timeline",
        grade=grade,
        # A roster reads any judgement's grade from the facts ('which councils had adoption
        # performance judged inadequate?'); choosing reports by grade knows the headline ones.
        grade_area=next((a for a in areas if a in HEADLINE_KEYS or shape == "roster"), "overall_effectiveness")
        if grade else None,
    )
    names = _names(question, spans)
    # The words asking for praise or criticism are not a topic: the stance ranks for them
    # ('the main weaknesses' would match reports' 'strengths and weaknesses' of a plan).
    stance, stance_words = asked_stance(question)
    # 'the ILACS', 'the focused visit' choose the report and are in every paragraph's context or
    # none: not words to match. 'Contact, referral and assessment' is also what the report is about.
    text = _remainder(question, spans + stance_words + [span for _, span, topic in named_types if not topic])
    untopical = spans + asker + stance_words + [span for _, span, _ in named_types]
    if shape == "timeline":  # 'what's changed since it was inadequate?': the grade is where it started
        untopical += [(start, end) for _, start, end in grades_in(question)]
    remainder = _remainder(question, untopical, fallback=False)
    topic = set(words(remainder)) - cues.FAULT_WORDS  # "what is still a problem?" names no topic
    if shape == "timeline":
        topic -= cues.CHANGE_FRAME_WORDS
    if shape == "roster":
        topic -= cues.ROSTER_FRAME_WORDS
    topical = bool(topic)
    # 'tell me about Haringey's children's services' names the services as a whole: the inspection.
    # 'North Lincs outstanding', 'Hackney failing': a council and a grade word, the grades.
    graded_words = set(words(_remainder(question, untopical + [(s, e) for _, s, e in grades_in(question)],
                                        fallback=False)))
    if shape == "passages" and authorities and not (graded_words - cues.SERVICE_WORDS) and not asked_sections(question) \
            and not stance and not _names_a_practice(remainder):
        shape = "grades"  # 'What did Ofsted say about Slough?': the inspection itself, its grades and summary
    out_of_scope = cues.out_of_scope(question)
    if out_of_scope and shape in ("grades", "roster"):
        # 'Which primary school in Calderdale has the best rating?': a council's grades or a
        # list of councils would look like the answer; the nearest paragraphs do not.
        shape = "passages"
    return Understanding(
        question=question,
        filters=filters,
        text=text,
        shape=shape,
        about_judgements=bool(asked.grade_ask) or (bool(filters.grade) and shape != "passages") or not (topical or stance),
        topical=topical,
        judgement_areas=areas or (() if topical else ("overall_effectiveness",)),
        grade_asked=asked.grade_asked,
        previous=previous,
        first=first,
        change=asked.change,
        two=two,
        history=history if shape == "grades" else None,
        movement=asked.movement,
        extreme=asked.extreme,
        times=asked.times,
        in_a_row=asked.in_a_row,
        always=asked.always,
        ever=asked.ever,
        compare=asked.compare,
        grade_or=asked.grade_or,
        every=asked.every,
        inspected=asked.inspected,
        since_grade=_since_grade(question) if shape == "timeline" else None,
        out_of_scope=out_of_scope,
        terms=report_terms(text),
        stance=stance,
        names=names,
        notes=tuple(dict.fromkeys(notes)),
    )


# ---------------------------------------------------------------- shape


_PAST = frozenset({"was", "were", "did", "had", "has", "have"})
"""How a question about a grade asks about the past or any time ('was', 'did it get', 'has it been')."""


@dataclass(frozen=True)
class _Asked:
    """What the shape cues (`cues.PRACTICE`, `ROSTER`, `COMPARE`, `CHANGE`, `GRADE_ASK`, ...)
    found in a question, before its shape is chosen."""

    practice: bool
    roster: bool
    compare: bool
    change: bool
    grade_ask: tuple[cues.Cue, re.Match[str]] | None
    grade: str | None  # a grade as a filter: 'councils judged inadequate'
    grade_asked: str | None  # see Understanding.grade_asked
    movement: Movement | None
    extreme: str | None
    times: int = 1
    in_a_row: bool = False
    always: bool = False
    ever: bool = False
    grade_or: str | None = None
    every: bool = False
    inspected: bool = False


_CLAUSE = re.compile(r"(?<=[.!?])\s+(?=[A-Za-z])|\s+[-–—]\s+")
"""Where a question's last clause starts: after a sentence, or after a dash ('Kent was good in
2019 - has it kept it?')."""


def _last_clause(question: str) -> int | None:
    """Where the question's last clause starts, if it has more than one."""
    return max((m.end() for m in _CLAUSE.finditer(question)), default=None)


def _asked_years(question: str, years: list[int]) -> list[int]:
    """The years a question asks about, where its last clause names one and its scene names
    others ('We became a unitary in 2019 - what did Ofsted say in 2021 about the change?'): the
    scene's year is when something happened, not which inspection is meant."""
    start = _last_clause(question)
    if start is None or len(set(years)) < 2:
        return years
    asked = [int(m.group(1)) for m in _YEAR.finditer(question, start)]
    return [y for y in years if y in asked] if asked else years


def _grades_set_the_scene(question: str) -> bool:
    """Whether the grades a question states come before a last clause that asks about change
    and not about a grade ('Southampton was requires improvement in 2019 and good in 2023 - what
    improved for families?'): they say where the change starts and ends, the clause what is asked.
    Not where the question names the grade as its subject ('Swindon's grade - has it changed?')."""
    start = _last_clause(question)
    if start is None:
        return False
    clause = question[start:]
    asks = cues.first(cues.CHANGE, clause) is not None or asked_stance(clause)[0] is not None  # 'What went wrong?'
    if not asks or cues.first(cues.GRADE_ASK, clause) is not None:
        return False
    found = [(cue, m) for cue in cues.GRADE_ASK for m in cue.regex.finditer(question)]
    stated = [m.span() for cue, m in found if cue.means == "grade_check" and m.end() <= start]
    # Only grades stated ('was outstanding in 2018', 'was rated good in 2018'): 'Swindon's grade -
    # has it changed?' asks about the grade.
    return all(_within_any(m.span(), stated) for _, m in found)


_ASKS = re.compile(r"\s*(?:what|how|did|does|do|is|are|was|were|has|have|had|can|could|will|would|which|who|"
                   r"when|where|why|should|and|or|but|also|especially|particularly|in\s+particular|esp)\b", re.IGNORECASE)


def _remark(question: str) -> list[tuple[int, int]]:
    """A remark after the last question mark that asks nothing more ('is coventry better now?
    got an interview there next week'): the asker's story. Not 'what did ofsted say' typed
    without its mark, nor what narrows the question ('... especially care leavers')."""
    end = question.rfind("?") + 1
    tail = question[end:]
    if not end or not tail.strip() or _ASKS.match(tail):
        return []
    return [(end, len(question))]


def _then_and_now(question: str) -> bool:
    """Whether a year is named only before the clause that asks about now ('caseloads were
    through the roof in 2022. how is the workforce looking now?', 'weak in 2022 - what does the
    new report say?'): then and now, a change."""
    asking = question_sentence(question, TYPED)
    start = max(_last_clause(question) or question.find(asking), 0)
    now = any(cue.regex.search(question, start) for cue in cues.LATEST)  # 'newest report (2026) - ...' is no then
    return now and not _YEAR.search(question, start) and bool(_YEAR.search(question[:start]))


def _grades_then_why(question: str) -> bool:
    """Whether the question states how two inspections went, then asks why ('Stockton's care
    leavers were strong in 2019 but got RI in 2023. What went wrong?'): the change between them."""
    start = _last_clause(question)
    if start is None or _YEAR.search(question, start):
        return False
    years = {m.group(1) for m in _YEAR.finditer(question[:start])}
    return len(years) >= 2 and bool(grades_in(question[:start])) and asked_stance(question[start:])[0] is not None


def _asks_change(question: str) -> bool:
    """Whether the question asks about change. 'Still' alone does not where it asks about the
    latest inspection ('do they still support care leavers in custody? what did the last
    Ofsted say?'): it asks what holds now. A change word only in the scene, not in the sentence
    that asks, is the asker's story, unless the scene speaks of grades ('Cornwall used to be
    outstanding. What are they rated now?': the latest and the one before)."""
    said = {m.group(0).lower() for m in cues.CHANGE.regex.finditer(question)}
    if said and not cues.CHANGE.regex.search(question_sentence(question, TYPED)) and not grades_in(question):
        return False  # 'My niece has lived with me since she fell out with her mum. What did they say about private fostering?'
    asking = [part for part in TYPED.split(question.strip()) if part.rstrip().endswith("?")] or [question]
    if said == {"still"} and (any(cue.regex.search(question) for cue in cues.LATEST)
                              or not any(re.search(r"\bstill\b", part, re.IGNORECASE) for part in asking)):
        return False  # nor in the scene: 'inspected in 2016 while it was still in the tri-borough'
    return bool(said)


def _asked(question: str, spans: list[tuple[int, int]], authorities: Sequence[str], places: int) -> _Asked:
    practice = cues.first(cues.PRACTICE, question) is not None
    roster = cues.first(cues.ROSTER, question) is not None and not practice
    compare = places > 1 and cues.first(cues.COMPARE, question) is not None  # 'Is Leeds better than Bradford?'
    # 'How do inspectors judge management oversight?' asks how, of no council: practice, not a grade.
    # 'How has it changed since it was rated inadequate?': the grade says where a change starts.
    started = _blanked(question, [m.span() for m in cues.SINCE_GRADE.regex.finditer(question)])
    if cues.first(cues.CHANGE, started) is None:  # 'Why was Slough rated inadequate?' asks the grade
        started = question
    grade_ask = cues.first(cues.GRADE_ASK, started) if (authorities or not practice) else None
    if grade_ask is None and authorities and not roster and grades_in(question):
        # 'Nottingham was inadequate in 2022 - was that across the board or just for child
        # protection?': which judgements got the grade, the grades of each.
        every = cues.EVERY_JUDGEMENT.regex.search(question)
        grade_ask = (cues.EVERY_JUDGEMENT, every) if every else None
    # 'East Sussex was outstanding in 2018 but only good in 2023. Did things get worse?', 'Leicester
    # was good in 2021 but requires improvement in 2024. What went wrong?': a change, not a grade.
    scene_grades = bool(grade_ask) and _grades_set_the_scene(started)
    if scene_grades:
        grade_ask = None
    grade_asked = None
    check = next(((c, m) for c in cues.GRADE_ASK if c.means == "grade_check" for m in [c.regex.search(question)] if m),
                 None)
    if check and authorities and check[1].group(0).split()[0].lower() in _PAST:
        found = grades_in(check[1].group(0))
        grade_asked = found[-1][0] if found else None
    extreme = cues.first(cues.EXTREME, question) if roster else None
    # 'Why did Warwickshire go down from good to requires improvement?': for one council, which
    # two inspections; for a roster, which councils.
    movement = _movement(question) if roster else _from_to(question)
    repeated = cues.first(cues.REPEATED, question) if roster else None
    return _Asked(
        practice=practice,
        roster=roster,
        compare=compare,
        change=(_asks_change(question) or scene_grades or _grades_then_why(question)) and not compare,
        grade_ask=grade_ask,
        grade=_grade_filter(question, spans, naming=roster and movement is None) if (roster or not authorities) else None,
        grade_asked=grade_asked,
        movement=movement,
        extreme=extreme[0].means if extreme else None,
        times=int(repeated[0].means) if repeated else 1,
        in_a_row=bool(repeated) and cues.IN_A_ROW.regex.search(question) is not None,
        always=roster and cues.ALWAYS.regex.search(question) is not None,
        ever=roster and cues.EVER.regex.search(question) is not None,
        grade_or=next((cue.means for cue in cues.GRADE_OR if roster and cue.regex.search(question)), None),
        every=roster and cues.EVERY_JUDGEMENT.regex.search(question) is not None,
        inspected=roster and cues.INSPECTED.regex.search(question) is not None,
    )


def _blanked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The text with the spans blanked out, every other character where it was."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _shape(asked: _Asked, authorities: Sequence[str], places: int, previous: bool) -> str:
    """'roster' for 'which councils ...', 'timeline' for a change at one place (though it may be
    an abolished council and its successors: 'has Northamptonshire improved?'), 'grades' for
    how a named council was judged, else 'passages'."""
    if asked.roster and len(authorities) != 1:
        return "roster"
    if places == 1 and asked.change and not asked.grade_ask and not previous:
        return "timeline"
    if authorities and asked.grade_ask:
        return "grades"
    return "passages"


def _since_grade(question: str) -> str | None:
    """The grade a change started from ('since it was inadequate', 'come out of special measures')."""
    found = cues.SINCE_GRADE.regex.search(question)
    named = grades_in(found.group("grade") or found.group("out") or found.group("was")) if found else []
    return named[0][0] if named else None


def _change_starts(question: str, years: list[int], since: int | None, until: int | None,
                   latest: bool = False) -> tuple[list[int], int | None, int | None]:
    """(years, since, until) of a timeline: "slated in 2020 ... the inspections since", "inadequate in
    2016. Is it better now?": one inspection shows no change, so the year is where it starts.
    "Dropped to requires improvement in 2023 - what got worse since 2019?": a year after the one
    the change is since is where it ends; years named and 'now' or 'the latest one', from the
    first of them to now; a year a grade dropped or rose to ends it."""
    ended = cues.TO_GRADE.regex.search(question)
    ended_in = _IN_YEAR.match(question, ended.end()) if ended else None
    if ended_in and set(years) == {int(ended_in.group(1))} and since is None and until is None:
        return [], None, years[0]  # 'dropped to requires improvement in 2024 when it was good before'
    if (len(set(years)) == 1 or (years and cues.first(cues.SINCE_THEN, question))) and since is None:
        return [], min(years), until  # 'inadequate in 2014 ... up to the 2026 one': from 2014 until 2026
    if since is not None and until is None and years and min(years) > since:
        return [], since, max(years)
    if latest and years and since is None and until is None:
        # 'Requires improvement in 2017 and again in 2022. Has anything changed in the latest one?':
        # from the first year named to now.
        return [], min(years), None
    return years, since, until


def _frame_words(question: str, shape: str, compare: bool, history: bool, change: bool) -> list[tuple[int, int]]:
    """Where the question asks for its shape rather than names its topic: what changed in a
    timeline ('has it improved since then?') or in a council's grades ('is Leeds still
    outstanding?'), every inspection ('Birmingham's Ofsted history'), the comparison ('better
    than'), 'Ofsted's view of'."""
    found = []
    if shape == "timeline" or (shape == "grades" and change):
        for cue in (cues.CHANGE, cues.SINCE_THEN, cues.SINCE_GRADE, cues.EARLIER, cues.TWO, cues.QUALITY,
                    cues.EVERY_JUDGEMENT):  # 'inadequate across the board in 2021': how far the grade went
            found += [span for m in cue.regex.finditer(question) for span in cues.own_words(m)]
    if history:
        found += [m.span() for cue in cues.HISTORY for m in cue.regex.finditer(question)]
    if shape == "roster":  # 'which councils were inspected in 2025?'
        found += [m.span() for m in cues.INSPECTED.regex.finditer(question)]
    found += [m.span() for m in cues.ABOUT.regex.finditer(question)]
    if compare:
        found += [m.span() for m in cues.COMPARE.regex.finditer(question)]
    return found


def _grade_words(question: str) -> list[tuple[int, int]]:
    """The words that ask for a grade ('is Kingston any good?', 'rated'), and the grades named:
    not a topic. The other grade cues' matches span their subject ('is the adoption service good'),
    of which 'how did X do' gives only its own words."""
    found = [m.span() for cue in cues.GRADE_ASK if cue.means in ("grade", "grade_quality")
             for m in cue.regex.finditer(question)]
    found += [(m.start() + w.start(), m.start() + w.end()) for cue in cues.GRADE_ASK if cue.means == "grade_how"
              for m in cue.regex.finditer(question) for w in _HOW_WORDS.finditer(m.group())]
    return found + [(start, end) for _, start, end in grades_in(question)]


# ---------------------------------------------------------------- slots


def _place(question: str, spans: list[tuple[int, int]]) -> tuple[list[str], list[str], int]:
    """(authorities, notes, how many places the question names). In a question asking which
    councils, a council named in brackets is an aside, not a filter: 'which councils use
    Family Safeguarding (the Hertfordshire one)?' asks about every council. An abolished council
    named beside one of its successors is that successor's history."""
    authorities: list[str] = []
    notes: list[str] = []
    mentions = match_authorities(question)
    roster = cues.first(cues.ROSTER, question) is not None
    if roster:
        asides = [m.span() for m in _ASIDE.finditer(question)]
        spans.extend(span for span in ((m.start, m.end) for m in mentions) if _within_any(span, asides))
        mentions = [m for m in mentions if not _within_any((m.start, m.end), asides)]
    # 'Cumberland is new since Cumbria was split': the successor named is the one meant, and the
    # abolished council is the story of how it came to be, not its other successors.
    named = {m.matched for m in mentions if not m.predecessor}
    history = [m for m in mentions if m.predecessor and named & set(m.authorities)]
    spans.extend((m.start, m.end) for m in history)
    mentions = [m for m in mentions if m not in history]
    # 'Westminster was in the tri-borough with Hammersmith & Fulham and Kensington & Chelsea. What
    # did inspectors say about how it worked for Westminster's children?': where the asking
    # sentence names councils, those only in the scene are the scene (unless it compares, or
    # points back to the scene: 'which services it shares with Hackney').
    asking = question_sentence(question, TYPED)
    offset = len(question) - len(asking) if question.endswith(asking) else 0
    if offset and not roster and cues.first(cues.COMPARE, question) is None and not _POINTS_BACK.search(asking):
        asked = [m for m in mentions if m.start >= offset]
        scene = [m for m in mentions if m.start < offset and m.matched not in {a.matched for a in asked}]
        if asked and scene:
            spans.extend((m.start, m.end) for m in scene)
            mentions = [m for m in mentions if m not in scene]
    for mention in mentions:
        authorities.extend(a for a in mention.authorities if a not in authorities)
        if mention.note():
            notes.append(mention.note())
        end = mention.end
        if question[end : end + 2] in ("'s", "’s"):
            end += 2
        elif question[end : end + 1] in ("'", "’") and question[end - 1 : end] in ("s", "S"):
            end += 1  # "Leeds' front door"
        spans.append((mention.start, end))
    return authorities, notes, len({m.authorities for m in mentions})


_ASIDE = re.compile(r"\([^()]*\)")
_POINTS_BACK = re.compile(r"\b(?:it|its|there|their)\b", re.IGNORECASE)


def _within_any(span: tuple[int, int], outer: Sequence[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in outer)


def _names(question: str, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """Programmes and models the question names, outside the spans already read (places):
    "Windsor's Achieving for Children" names the company after the council."""
    found = []
    for match in cues.NAMED.regex.finditer(question):
        start = max([e for s, e in spans if s <= match.start() < e < match.end()], default=match.start())
        if any(s < match.end() and start < e for s, e in spans):
            continue
        name = (match.group(1) or question[start:match.end()]).strip()
        if not name[:1].isupper() and not match.group(1):
            continue
        if len(words(name)) >= 2 or match.group(1) or re.sub(r"['’]s$", "", name) not in cues.NOT_NAMES:
            found.append(name)
    return tuple(dict.fromkeys([*found, *_framed_terms(question)]))


def _framed_terms(question: str) -> list[str]:
    """The reports' terms the question uses that hold a word BM25 never matches ('children in
    care council', 'local authority designated officer': `FRAME_WORDS`): named as a phrase,
    as a programme is, or the word that makes them what they are is lost."""
    return [term for concept in named_concepts(question) if not is_judgement(concept)
            for term in concept.report_terms
            if len(term.split()) >= 2 and set(term.lower().split()) & FRAME_WORDS
            and re.search(rf"\b{re.escape(term)}\b", question, re.IGNORECASE)]


_PRESENT = re.compile(r"how\s+(?:well\s+)?(?:is|are)\b[^?]*\b(?:doing|faring)\b", re.IGNORECASE)
_WHEN_WORDS = re.compile(r"\b(?:always|ever|never|recently|lately|nowadays|previously|before|these\s+days|"
                         r"(?:has|have|is|are|was|were|did|do|does)n['’]?t|right)\b", re.IGNORECASE)
"""When a grade held, and tags asking for agreement ('hasn't it?', 'right?'): no part of the services."""
_HOW_WORDS = re.compile(r"\b(?:how|well|doing|do|did|fare|faring|get\s+on|go|was|inspection|ofsted)\b", re.IGNORECASE)
"""The words of 'how did X do / get on / fare', 'how did its inspection go': what asks, not what about."""


def _names_a_practice(text: str) -> bool:
    """Whether words that look like the services as a whole name a practice of the reports
    ('Warwickshire children in care council': the council of children in care)."""
    return any(not is_judgement(concept) for concept in named_concepts(text))


def _a_part(question: str, spans: list[tuple[int, int]], cue: cues.Cue, match: re.Match[str]) -> bool:
    """Whether a question about how good something is ('any good', 'is it outstanding?') names a
    part of a council's services that is no judgement of its own ('early help', 'child protection
    plans', 'adoption support'), rather than the services as a whole or a judgement ('care leavers').
    'How did Enfield's care leavers get on with housing?' asks about housing."""
    if cue.means not in ("grade_quality", "grade_check", "grade_how", "grade"):
        return False
    # Only the sentence that asks: 'Is Bedford any good these days? Thinking of applying there.'
    begins = max((m.end() for m in re.finditer(r"[.?!]\s+", question[:match.start()])), default=0)
    ends = next((m.start() + match.start() for m in re.finditer(r"[.?!](?:\s|$)", question[match.start():])),
                len(question))
    asked = ([match.span()] if cue.means == "grade_quality" else
             [m.span() for m in _HOW_WORDS.finditer(question)] if cue.means == "grade_how" else
             [(s, e) for _, s, e in grades_in(question)] + ([match.span()] if cue.means == "grade" else []))
    asked += [m.span() for c in (cues.CHANGE, cues.QUALITY) for m in c.regex.finditer(question)]  # 'still failing'
    asked += [m.span() for m in _WHEN_WORDS.finditer(question)]  # 'always been outstanding, or just recently?'
    outside = [(0, begins), (ends, len(question))]
    rest = _remainder(question, spans + asked + outside + judgement_spans(question), fallback=False)
    if cue.means == "grade":  # 'how did they rate the response to domestic abuse?': a thing the reports name
        return any(not is_judgement(c) for c in named_concepts(rest))
    return bool(set(words(rest)) - cues.SERVICE_WORDS)


def _regions(question: str, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """Ofsted regions and counties ('Merseyside', 'Sussex') the question names outside the
    authorities' own names."""
    text = _blanked(question, spans)
    found: list[str] = []
    counted = []
    for match in county_pattern().finditer(text):  # before the regions: 'West Yorkshire' is no 'Yorkshire'
        found.append(next(name for name in counties() if name.lower() == " ".join(match.group(0).lower().split())))
        counted.append(match.span())
    spans.extend(counted)
    text = _blanked(text, counted)
    for cue in cues.REGION_WORDS:
        match = cue.regex.search(text)
        if match:
            found.append(cue.means)
            spans.append(match.span())
    return tuple(dict.fromkeys(found))


def _time(question: str, spans: list[tuple[int, int]], today: date):
    """(years, since, until, latest, previous, first) the question states."""
    since = until = None
    for cue in cues.RANGES:
        match = cue.regex.search(question)
        if not match:
            continue
        numbers = [g for g in match.groups() if g]
        if cue.means == "between" and since is None:
            since, until = sorted(int(y) for y in numbers)
        elif cue.means == "last_years" and since is None:
            count = numbers[0].lower()
            since = today.year - int(cues.NUMBERS.get(count, count))
        elif cue.means == "since" and since is None:
            since = int(numbers[0])
        elif cue.means == "before" and until is None:
            until = int(numbers[0]) - 1
        elif cue.means == "until" and until is None:
            until = int(numbers[0])
        else:
            continue
        spans.append(match.span())
    published = cues.PUBLISHED.regex.search(question)
    if published:
        spans.append(published.span())
    years = []
    relative = cues.THIS_OR_LAST_YEAR.regex.search(question)
    if relative and since is None and until is None:
        if not _a_story_time(question, relative.start()):
            years.append(today.year - (relative.group("which").lower() == "last"))
        spans.append(relative.span())
    for match in _YEAR.finditer(question):
        inside = any(s <= match.start() < e for s, e in spans)
        if not inside or (published and published.start() <= match.start() < published.end()):
            years.append(int(match.group(1)))
        if not inside:
            spans.append(match.span())
    between = cues.OVER_THAT_TIME.regex.search(question)
    if between and len(set(years)) == 2 and since is None and until is None:
        # 'inadequate in 2014 and outstanding in 2025: how did it change over that time?': every inspection between
        since, until, years = min(years), max(years), []
        spans.append(between.span())
    # 'since its last inspection', 'better than at its previous inspection', 'its latest inspection
    # and the one before' name two inspections to compare: neither is a filter.
    compared = [m.span() for m in cues.TWO.regex.finditer(question)]
    latest = False
    for cue in cues.LATEST:
        match = cue.regex.search(question)
        if match and not _within(match, compared):
            latest = True
            spans.append(match.span())
            break
    previous = cues.PREVIOUS.regex.search(question)
    if previous:
        spans.append(previous.span())
        previous = None if _within(previous, compared) else previous
    first = cues.FIRST.regex.search(question)
    if first:
        spans.append(first.span())
    following = cues.NEXT.regex.search(question)
    if following and len(set(years)) == 1 and since is None and until is None:
        # 'Solihull was failing in 2022. What did they get at the next Ofsted?': the first after it.
        since, years, first = years[0] + 1, [], following
        spans.append(following.span())
    return years, since, until, latest and not (previous or first), bool(previous), bool(first)


_INSPECTION_TALK = re.compile(r"\b(?:inspect\w*|ofsted|reports?|visit(?:ed)?|rated|judged|graded|grades?|ratings?)\b",
                              re.IGNORECASE)


def _a_story_time(question: str, at: int) -> bool:
    """Whether the time at `at` dates the asker's story, not an inspection: 'an allegation was
    made against me last year ... what do the reports say about allegations?'. It is, where it
    is in a sentence before the one that asks, which speaks of no inspection or grade."""
    here = next((m.group() for m in re.finditer(r"[^.!?]+[.!?]*", question) if m.start() <= at < m.end()), "")
    asking = question_sentence(question, TYPED)
    return here.strip() not in asking and not _INSPECTION_TALK.search(here) and not grades_in(here)


def _within(match: re.Match[str], spans: list[tuple[int, int]]) -> bool:
    return any(start <= match.start() and match.end() <= end for start, end in spans)


def _grade_filter(question: str, spans: list[tuple[int, int]], naming: bool = False) -> str | None:
    """A grade the question says something was judged ('councils judged inadequate',
    'got outstanding for help and protection', 'failing councils'); with `naming` (a roster
    that asks for no change of grade), also one of Ofsted's grade words before a judgement's
    name ('councils with outstanding leadership'). Elsewhere that is a topic ('what does good
    leadership look like?')."""
    judgements = [start for start, _ in judgement_spans(question)] if naming else []
    for key, start, end in grades_in(question):
        before = question[max(0, start - 40) : start]
        after = question[end : end + 60]
        if re.match(_ABILITY_AFTER, after, re.IGNORECASE):
            continue  # 'councils that are good at working with exploited children': practice, not a grade
        if (re.search(_JUDGED + r"$", before, re.IGNORECASE) or re.match(_AREA_AFTER, after, re.IGNORECASE)
                or re.match(_COUNCILS_AFTER, after, re.IGNORECASE)
                or (question[start:end].lower() in grade_keys()
                    and any(at > end and not question[end:at].strip() for at in judgements))):
            spans.append((start, end))
            return key
    return None


def _from_to(question: str) -> Movement | None:
    """A change between two grades named ('from good to requires improvement'), else none."""
    found = cues.FROM_TO.regex.search(question)
    if not found:
        return None
    before, after = grades_in(found.group("from")), grades_in(found.group("to"))
    return Movement(before[0][0] if before else None, after[0][0] if after else None)


def _movement(question: str) -> Movement | None:
    from_to = _from_to(question)
    if from_to:
        return from_to
    started = cues.FROM_GRADE.regex.search(question)
    if started:  # 'dropped from outstanding to a lower grade'
        before = grades_in(started.group("from"))
        return Movement(before=before[0][0] if before else None, direction="down" if started.group("down") else "up")
    to = cues.TO_GRADE.regex.search(question)
    if to:  # 'improved to outstanding', 'became inadequate'
        after = grades_in(to.group("to"))
        return Movement(after=after[0][0] if after else None,
                        direction="up" if to.group("up") else ("down" if to.group("down") else None))
    direction = cues.first(cues.DIRECTION, question)
    return Movement(direction=direction[0].means) if direction else None


# ---------------------------------------------------------------- what is left to match

_QUESTION_FRAME = re.compile(
    r"^(?:(?:how|what|why|when|where|who|which|whose|do|does|did|is|are|was|were|has|have|had|can|could|"
    r"should|would|will|in|according\s+to)\b[\s,]*)+",
    re.IGNORECASE,
)


def statement(text: str) -> str:
    """The question without its framing ('How were', 'What did', '?'): the words a
    report's statements could share. Embedded this way, questions found the answering
    paragraph earlier on both development sets."""
    core = _QUESTION_FRAME.sub("", text.strip()).rstrip(" ?").strip()
    return core if len(core.split()) >= 2 else text


def _remainder(question: str, spans: list[tuple[int, int]], fallback: bool = True) -> str:
    """The question with filter words cut out, tidied; the whole question if nothing is left
    (or nothing, without `fallback`)."""
    out, last = [], 0
    for start, end in sorted(spans):
        if start >= last:
            out.append(question[last:start])
        last = max(last, end)  # overlapping spans ('Suffolk's' and ''s first inspection') cut as one
    out.append(question[last:])
    text = " ".join("".join(out).split())
    text = _FILLER.sub(" ", text)
    text = re.sub(r"\s+([,?.!])", r"\1", " ".join(text.split()))
    text = re.sub(r"^(?:[,.;:]\s*)+|(?:\s*\b(?:in|of|for|at|on|from|by|since|over|between)\b)+\s*([?.!]?)$", r"\1", text).strip()
    return text if words(text) or not fallback else question


def override(understood: Filters, **flags) -> Filters:
    """Flags given on purpose replace what was understood from the question."""
    given = {key: value for key, value in flags.items() if value not in (None, (), [], False)}
    return replace(understood, **given)


def describe(filters: Filters, notes: tuple[str, ...] = ()) -> str:
    """'Kingston upon Thames, inspected in 2012': what a search was restricted to, then what
    was read into the question's words (`Understanding.notes`), in brackets."""
    parts = []
    if filters.authorities:
        parts.append(" or ".join(filters.authorities))
    if filters.regions:
        parts.append("councils in " + " or ".join(filters.regions))
    if filters.latest:
        parts.append("latest inspection")
    if filters.report_types:
        parts.append(" or ".join(type_label(t, t.replace("_", " ")) for t in filters.report_types))
    if filters.years:
        parts.append("inspected in " + " or ".join(str(y) for y in filters.years))
    if filters.since and filters.until:
        parts.append(f"inspected {filters.since}-{filters.until}")
    elif filters.since:
        parts.append(f"inspected in or after {filters.since}")
    elif filters.until:
        parts.append(f"inspected in or before {filters.until}")
    if filters.grade:
        area = (filters.grade_area or "overall_effectiveness").replace("_", " ")
        parts.append(f"judged {filters.grade} ({area})")
    text = ", ".join(parts) or "all reports"
    return f"{text} ({'; '.join(notes)})" if notes else text
