"""Understanding a question the way a person means it.

"How were missing children handled in Kingston in 2012?" asks about one
authority's inspection in one year: the words that pick the report ("Kingston",
"2012") are filters, and matching them against paragraph text only adds noise.
`understand` pulls out what a question says about which reports it means (an
authority in any common spelling, an inspection year or range, the latest
inspection, a report type, a grade in a question about judgements) and returns
the rest of the question for matching. Flags given on purpose override it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from ..domain.authorities import match_authorities
from ..domain.grades import current_grades, grade_pattern, normalise_grade
from ..domain.judgements import HEADLINE_KEYS, judgement_areas
from ..domain.report_types import question_rules, type_label
from .words import words

_YEAR = re.compile(r"\b(20[0-4]\d|19[89]\d)\b")

_LATEST = re.compile(
    r"\b(?:(?:the\s+)?(?:latest|most\s+recent|newest)(?:\s+[\w'’-]+){0,4}?|"
    r"(?:the\s+)?(?:last|current|recent)(?:\s+ofsted)?)\s+"
    r"(?:full\s+)?(?:inspection|report|visit|judgements?|grades?|rating)s?\b",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\b(?:since|after|from)\s+(20\d\d)\b", re.IGNORECASE)
_BEFORE = re.compile(r"\b(?:before|prior\s+to)\s+(20\d\d)\b", re.IGNORECASE)
_UNTIL = re.compile(r"\b(?:until|up\s+to|through)\s+(20\d\d)\b", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+(20\d\d)\s+and\s+(20\d\d)\b", re.IGNORECASE)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_LAST_YEARS = re.compile(
    rf"\b(?:in\s+|over\s+|during\s+|within\s+)?(?:the\s+)?(?:last|past|previous)\s+(\d{{1,2}}|{'|'.join(_NUMBERS)})\s+years\b",
    re.IGNORECASE,
)

_JUDGEMENT_CUE = re.compile(
    r"\b(judge?ments?|judged|grades?|graded|rated|ratings?|verdict|overall\s+effectiveness|"
    r"(?:did|do|does|would)\s+(?:ofsted|inspectors?|the\s+inspection|the\s+inspectors|they|it)\s+(?:judge|rate)|"
    r"how\s+(?:well|good)\s+(?:was|were|is|are)\s+\w+\s+judged)\b",
    re.IGNORECASE,
)
_GRADE_WORD = rf"({grade_pattern()})"
_GRADE_FILTER = re.compile(
    rf"\b(?:judged|rated|graded|found\s+to\s+be|were|was)\s+(?:as\s+)?{_GRADE_WORD}\b|"
    rf"\b{_GRADE_WORD}[\s-]+(?:rated|graded|councils?|authorities|local\s+authorities|areas)\b",
    re.IGNORECASE,
)
# Words left dangling once the filter words are taken out ("according to its 2014 inspection").
_FILLER = re.compile(
    r"\b(?:according\s+to|in\s+(?:its|their|the)|at\s+the\s+time\s+of|when\s+ofsted\s+inspected|"
    r"(?:its|their|the)\s+(?:(?:20\d\d|latest|most\s+recent|last)\s+)?(?:ofsted\s+)?(?:re-?)?inspection(?:\s+of\s+children's\s+services)?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Filters:
    """Which reports a search may answer from. Empty fields do not restrict."""

    authorities: tuple[str, ...] = ()
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
            "year": list(self.years),
            "since": self.since,
            "until": self.until,
            "type": list(self.report_types),
            "latest": self.latest,
            "grade": self.grade,
            "grade_area": self.grade_area,
        }


@dataclass(frozen=True)
class Understanding:
    """A question taken apart: its filters, the words left to match, and its intent."""

    question: str
    filters: Filters
    text: str
    about_judgements: bool = False
    judgement_areas: tuple[str, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()
    """What was read into the question's words: spellings corrected, abolished councils
    led to their successors ('Cumbria's children's services passed to ...')."""


def understand(question: str, this_year: int | None = None) -> Understanding:
    """Filters the question states, and the question without them, for matching.

    `this_year` (default: today's) anchors 'in the last five years'.
    """
    spans: list[tuple[int, int]] = []

    authorities: list[str] = []
    notes: list[str] = []
    for mention in match_authorities(question):
        authorities.extend(a for a in mention.authorities if a not in authorities)
        if mention.note():
            notes.append(mention.note())
        end = mention.end
        if question[end : end + 2] in ("'s", "’s"):
            end += 2
        spans.append((mention.start, end))

    since = until = None
    between = _BETWEEN.search(question)
    if between:
        since, until = sorted(int(y) for y in between.groups())
        spans.append(between.span())
    last_years = _LAST_YEARS.search(question)
    if last_years and not between:
        count = last_years.group(1).lower()
        since = (this_year or date.today().year) - int(_NUMBERS.get(count, count))
        spans.append(last_years.span())
    for pattern, bound in ((_SINCE, "since"), (_BEFORE, "before"), (_UNTIL, "until")):
        match = pattern.search(question)
        if match and not between:
            year = int(match.group(1))
            if bound == "since":
                since = year
            else:
                until = year - 1 if bound == "before" else year
            spans.append(match.span())
    years = []
    for match in _YEAR.finditer(question):
        if any(s <= match.start() < e for s, e in spans):
            continue
        years.append(int(match.group(1)))
        spans.append(match.span())

    latest = False
    match = _LATEST.search(question)
    if match:
        latest = True
        spans.append(match.span())

    types: list[str] = []
    for key, pattern in question_rules():
        if pattern.search(question) and key not in types:
            types.append(key)

    about_judgements = bool(_JUDGEMENT_CUE.search(question))
    areas = judgement_areas(question)
    grade = grade_area = None
    if not authorities:
        match = _GRADE_FILTER.search(question)
        if match:
            grade = normalise_grade(match.group(1) or match.group(2))
            grade_area = next((a for a in areas if a in HEADLINE_KEYS), "overall_effectiveness")  # not a board
            about_judgements = True

    filters = Filters(
        authorities=tuple(authorities),
        years=tuple(dict.fromkeys(years)),
        since=since,
        until=until,
        report_types=tuple(types),
        latest=latest,
        grade=grade if grade in current_grades() else None,
        grade_area=grade_area if grade in current_grades() else None,
    )
    return Understanding(
        question=question,
        filters=filters,
        text=_remainder(question, spans),
        about_judgements=about_judgements,
        judgement_areas=areas,
        notes=tuple(dict.fromkeys(notes)),
    )


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


def _remainder(question: str, spans: list[tuple[int, int]]) -> str:
    """The question with filter words cut out, tidied; the whole question if nothing is left."""
    out, last = [], 0
    for start, end in sorted(spans):
        if start >= last:
            out.append(question[last:start])
            last = end
    out.append(question[last:])
    text = " ".join("".join(out).split())
    text = _FILLER.sub(" ", text)
    text = re.sub(r"\s+([,?.!])", r"\1", " ".join(text.split()))
    text = re.sub(r"^(?:[,.;:]\s*)+|(?:\s*\b(?:in|of|for|at|on|from|by)\b)+\s*([?.!]?)$", r"\1", text).strip()
    return text if words(text) else question


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
    text = ", ".join(parts)
    return f"{text} ({'; '.join(notes)})" if notes and text else text
