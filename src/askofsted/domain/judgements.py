"""The judgements each kind of report grades, from data/judgements.toml.

A report prints a judgement's label its own way ("The graded judgement for adoption
performance is that it is", "Adoption performance"); `judgement_for` finds the
domain's judgement for a label as printed, in the part of the report it sits in.
Five keys (`HEADLINE_KEYS`) are kept for agreement with Ofsted's published grades;
each judgement says which of them, if any, it counts as.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ._files import read_toml

HEADLINE_KEYS = (
    "overall_effectiveness",
    "impact_of_leaders",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
)
"""The judgements Ofsted's published grades record for every authority (its CSV's columns)."""

HEADLINE_SHORT_NAMES = {
    "overall_effectiveness": "Overall effectiveness",
    "impact_of_leaders": "Impact of leaders",
    "help_and_protection": "Help and protection",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
}
"""Short names for the five headline judgements, for column heads and a chart's strips (the
reports' own names are longer and change between frameworks)."""


@dataclass(frozen=True)
class Judgement:
    types: tuple[str, ...]
    key: str
    name: str
    labels: tuple[str, ...]
    part: str | None
    headline: str | None  # one of HEADLINE_KEYS, or None
    years: str | None
    examples: tuple[str, ...]


@lru_cache(maxsize=1)
def _data() -> dict:
    return read_toml("judgements.toml")


@lru_cache(maxsize=1)
def all_judgements() -> tuple[Judgement, ...]:
    return tuple(
        Judgement(
            types=tuple(j["types"]),
            key=j["key"],
            name=j["name"],
            labels=tuple(j["labels"]),
            part=j.get("part"),
            headline=j["headline"] or None,
            years=j.get("years"),
            examples=tuple(j["examples"]),
        )
        for j in _data()["judgement"]
    )


def judgements(report_type: str | None) -> tuple[Judgement, ...]:
    """The judgements a report of this type grades, in the data's order."""
    return tuple(j for j in all_judgements() if report_type in j.types)


def judgement(report_type: str | None, key: str | None) -> Judgement | None:
    return next((j for j in judgements(report_type) if j.key == key), None)


def clean_label(label: str) -> str:
    """A label as printed, made comparable: lower case, 'the' off its start, 'is (that it is)'
    off its end, brackets and footnote marks dropped ('The effectiveness of the LSCB is' ->
    'effectiveness of the lscb')."""
    text = label.lower().replace("’", "'")
    text = re.sub(r"\([^)]*\)", " ", text)
    text = " ".join(re.sub(r"[^\w,'&-]+", " ", text).split())
    text = re.sub(r"(?:\s+(?:is|are)(?:\s+that\s+it(?:\s+is)?)?|\s+that\s+it(?:\s+is)?)+$", "", text)
    return re.sub(r"^the\s+", "", text).strip(" ,")


@lru_cache(maxsize=64)
def _label_patterns(report_type: str) -> tuple[tuple[Judgement, re.Pattern[str], re.Pattern[str] | None], ...]:
    return tuple(
        (
            j,
            re.compile(r"(?:^|(?<=\s))(?:the\s+)?(?:" + "|".join(j.labels) + r")$"),
            re.compile(j.part, re.IGNORECASE) if j.part else None,
        )
        for j in judgements(report_type)
    )


def judgement_for(report_type: str | None, label: str, part: str | None = None) -> Judgement | None:
    """The judgement a label as printed names in a report of this type, or None.

    `part` is the heading of the part of the report the label sits in; where a report is
    graded in two parts (2009-2012) it tells the two 'Overall effectiveness' apart. A label
    that names its part ('overall effectiveness of safeguarding services') needs none.
    """
    text = clean_label(label)
    if not text or not report_type:
        return None
    for j, pattern, part_pattern in _label_patterns(report_type):
        if not pattern.search(text):
            continue
        if part_pattern is None or part_pattern.search(text) or (part and part_pattern.search(part)):
            return j
    return None


@lru_cache(maxsize=1)
def part_patterns() -> tuple[re.Pattern[str], ...]:
    """The headings of the parts reports are graded in (2009-2012: safeguarding services,
    services for looked after children)."""
    parts = dict.fromkeys(j.part for j in all_judgements() if j.part)
    return tuple(re.compile(rf"^(?:the\s+)?{p}$", re.IGNORECASE) for p in parts)


TABLE_TYPES = ("ilacs", "sif", "lscb_review")
"""Report types whose grades stand in a table of label and grade rows."""


@lru_cache(maxsize=1)
def label_openings() -> re.Pattern[str]:
    """The opening words (up to four, after 'the') of the judgements graded in tables: what
    starts a row of a grade table, even one whose label wraps onto a line of its own."""
    openings = set()
    for j in all_judgements():
        if set(j.types) & set(TABLE_TYPES):
            words = clean_label(j.name).split()[:4]
            openings.add(r"\s+".join(re.escape(w).replace(",", ",?") for w in words))
    alternation = "|".join(sorted(openings, key=len, reverse=True))
    return re.compile(rf"^\s*(?:\d(?:\.\d)?\.?\s+)?(?:the\s+)?(?:{alternation})", re.IGNORECASE)


# ---------------------------------------------------------------- what a judgement is about


@lru_cache(maxsize=1)
def judgement_areas_table() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(area key, pattern, examples), in the order they are tried."""
    return tuple((a["key"], a["pattern"], tuple(a["examples"])) for a in _data()["area"])


@lru_cache(maxsize=1)
def _areas() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((key, re.compile(pattern, re.IGNORECASE)) for key, pattern, _ in judgement_areas_table())


def judgement_spans(text: str) -> list[tuple[int, int]]:
    """Where a text names judgements ('care leavers', 'help and protection')."""
    return [m.span() for _, pattern in _areas() for m in pattern.finditer(text)]


def judgement_areas(text: str) -> tuple[str, ...]:
    """Which judgements a text speaks of; a board's 'safeguarding' is not help and protection."""
    found = []
    for key, pattern in _areas():
        match = pattern.search(text)
        if match:
            found.append(key)
            text = text[: match.start()] + " | " + text[match.end() :]  # no new phrase across the cut
    return tuple(found)
