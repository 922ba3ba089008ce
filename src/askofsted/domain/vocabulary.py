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

from .judgements import judgement_spans


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


@lru_cache(maxsize=None)
def _matcher(concept: Concept) -> re.Pattern[str]:
    """A concept's everyday words as one pattern, compiled when first needed: compiling all
    of them took a tenth of a cold question's time, and most questions touch two or three."""
    phrases = sorted(set(concept.everyday), key=len, reverse=True)
    return re.compile("|".join(_phrase_pattern(p) for p in phrases), re.IGNORECASE)


@lru_cache(maxsize=1)
def _first_words() -> tuple[tuple[frozenset[str], Concept], ...]:
    """Each concept with the first words of its everyday phrases: a concept whose first
    words are all absent from a question cannot match it."""
    return tuple((frozenset(_first_word(p) for p in concept.everyday), concept) for concept in concepts())


def _first_word(phrase: str) -> str:
    match = re.match(r"\w+", phrase.lower())
    return match.group(0) if match else ""


def _question_words(text: str) -> set[str]:
    """A text's words in lower case, each also without a plural 's' (the patterns allow one)."""
    found = set(re.findall(r"\w+", text.lower()))
    return found | {w[:-1] for w in found if w.endswith("s")}


def find_concepts(text: str) -> list[Found]:
    """Concepts whose everyday words occur in `text` and whose report terms do not
    (a question that already says "care leavers" needs no other words for them),
    in order of where they occur. An abbreviation does not count as the report's term:
    reports spell it out more often than they use it ("special guardianship" beside "SGO")."""
    found = []
    lowered = text.lower()
    present = _question_words(text)
    for first, concept in _first_words():
        if first.isdisjoint(present):
            continue
        match = _matcher(concept).search(text)
        if match and not any(_has_term(lowered, term) for term in concept.report_terms if not _abbreviation(term)):
            found.append(Found(concept, match.start(), match.end()))
    return sorted(found, key=lambda f: (f.start, -f.end))  # at one place, the longest phrase first


def named_concepts(text: str) -> list[Concept]:
    """Concepts a text names by a phrase of theirs of two words or more, the reports' own or an
    everyday one ('young carers', 'kids caring for parents'): a single word ('residential',
    'stretched') may mean something else ('residential schools')."""
    present = _question_words(text)
    return [concept for first, concept in _naming_first_words()
            if not first.isdisjoint(present) and _naming(concept).search(text)]


def _naming_phrases(concept: Concept) -> tuple[str, ...]:
    return tuple(p for p in (*concept.report_terms, *concept.everyday) if len(p.split()) >= 2 and not _abbreviation(p))


@lru_cache(maxsize=1)
def _naming_first_words() -> tuple[tuple[frozenset[str], Concept], ...]:
    """As `_first_words`, for the phrases that name a concept (compiled only where one may match)."""
    return tuple((frozenset(_first_word(p) for p in _naming_phrases(c)), c) for c in concepts() if _naming_phrases(c))


@lru_cache(maxsize=None)
def _naming(concept: Concept) -> re.Pattern[str]:
    phrases = sorted(_naming_phrases(concept), key=len, reverse=True)
    return re.compile("|".join(_phrase_pattern(p) for p in phrases), re.IGNORECASE)


def _abbreviation(term: str) -> bool:
    return term.isupper() and len(term) > 1


def _has_term(lowered: str, term: str) -> bool:
    return re.search(_phrase_pattern(term.lower()), lowered) is not None


def is_judgement(concept: Concept) -> bool:
    """Whether a concept is one of Ofsted's judgements by name ('children in care', 'care
    leavers'): a whole part of a report, not a practice within one ('children in care council')."""
    term = concept.report_terms[0]
    return (0, len(term)) in judgement_spans(term)


def uses_terms(text: str, concept: Concept) -> bool:
    """Whether `text` says what `concept` is in the reports' own words."""
    lowered = text.lower()
    return any(_has_term(lowered, term) for term in concept.report_terms)


def report_terms(text: str, per_concept: int = 2) -> tuple[str, ...]:
    """The reports' main terms for what `text` asks about in everyday words."""
    terms: list[str] = []
    for found in find_concepts(text):
        for term in found.concept.report_terms[:per_concept]:
            if term not in terms:
                terms.append(term)
    return tuple(terms)


def in_report_words(text: str) -> str:
    """`text` with each everyday phrase replaced by the reports' main term for it:
    "kids taken into care" -> "kids children entering care"."""
    out, last = [], 0
    for found in find_concepts(text):
        if found.start < last:
            continue
        out.append(text[last:found.start])
        out.append(found.concept.report_terms[0])
        last = found.end
    out.append(text[last:])
    return "".join(out)
