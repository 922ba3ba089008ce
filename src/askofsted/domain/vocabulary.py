"""The reports' own words for what people ask about in everyday ones.

A parent asks about "kids taken into care", a report writes "children entering
care"; a journalist asks about "gangs", a report about "child criminal
exploitation" and "county lines". `data/vocabulary.csv` pairs the terms of
Ofsted's frameworks and reports with the words people use for the same things;
`report_terms` finds the everyday words in a question and returns the reports'
terms for them, so ranking can look for those too.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Concept:
    """One thing the reports write about: their terms for it, people's words, an example."""

    report_terms: tuple[str, ...]
    everyday: tuple[str, ...]
    example: str


@dataclass(frozen=True)
class Found:
    """An everyday phrase found in a question, and the concept it names."""

    concept: Concept
    start: int
    end: int


@lru_cache(maxsize=1)
def concepts() -> tuple[Concept, ...]:
    text = resources.files(__package__).joinpath("data/vocabulary.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return tuple(
        Concept(_split(row["report_terms"]), _split(row["everyday"]), row["example"].strip()) for row in rows
    )


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _phrase_pattern(phrase: str) -> str:
    """A phrase as whole words, any spacing or hyphen between them, a plural 's' optional.
    Abbreviations (all capitals: 'SGO', 'PLO') match only in capitals."""
    words = [re.escape(w) for w in re.split(r"[\s-]+", phrase.strip())]
    body = r"[\s-]+".join(words) + r"(?:'?s)?"
    if phrase.isupper() and len(phrase) > 1:
        body = f"(?-i:{body})"
    return rf"(?<![\w-]){body}(?![\w-])"


@lru_cache(maxsize=1)
def _matchers() -> tuple[tuple[re.Pattern[str], Concept], ...]:
    out = []
    for concept in concepts():
        phrases = sorted(set(concept.everyday), key=len, reverse=True)
        out.append((re.compile("|".join(_phrase_pattern(p) for p in phrases), re.IGNORECASE), concept))
    return tuple(out)


def find_concepts(text: str) -> list[Found]:
    """Every concept whose everyday words occur in `text`, in order of where they occur."""
    found = []
    for pattern, concept in _matchers():
        match = pattern.search(text)
        if match:
            found.append(Found(concept, match.start(), match.end()))
    return sorted(found, key=lambda f: f.start)


def report_terms(text: str) -> tuple[str, ...]:
    """The reports' terms for what `text` asks about in everyday words, most specific first,
    leaving out terms the text already uses."""
    lowered = text.lower()
    terms: list[str] = []
    for found in find_concepts(text):
        for term in found.concept.report_terms:
            if term.lower() not in lowered and term not in terms:
                terms.append(term)
    return tuple(terms)
