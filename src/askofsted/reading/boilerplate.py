"""Which paragraphs are a report's furniture rather than its findings.

Two kinds, found by structure and by repetition, not by a list of phrases:

- a letter's form (`letter_form`): the date and address above the salutation,
  the salutation itself ("Dear ..."), and the sign-off ("Yours sincerely") with
  whatever follows it in the same section (the signature, who gets copies). These
  paragraphs are kept, citable, as kind "letter".
- the standard paragraphs every report of a kind repeats with only names and
  dates changed ("This letter summarises the findings of the focused visit to
  ... on ..."): `sentence_keys` gives each sentence a key that the same sentence
  shares in other reports, and the index treats a paragraph whose sentences
  mostly recur in reports of other authorities as boilerplate. Statistics keep
  their numbers, so "At 31 March 2015, 219 children were the subject of a plan"
  stays each report's own.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace

from ..domain.authorities import find_authorities
from ..domain.grades import grade_pattern
from ..domain.sections import headed
from ..models import Paragraph
from ..words import content_words

LETTER = "letter"
_SALUTATION = re.compile(r"^dear\b", re.IGNORECASE)
_SIGN_OFF = re.compile(r"^yours\s+(?:sincerely|faithfully)\b", re.IGNORECASE)
HEAD_SEARCH = 8  # a letter's salutation comes within its first paragraphs
MIN_SENTENCE_WORDS = 3  # a sentence of fewer content words ('This is a strength.') is compared with nothing
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+")

_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)")
_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+{_MONTH}(?:\s+\d{{4}})?\b|"
    rf"\b{_MONTH}\s+\d{{4}}\b|\b(?:19|20)\d\d(?:[–-]\d{{2,4}})?\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of|upon|and|on|in)?\s*[A-Z][\w'’-]*)*")


def letter_form(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """The paragraphs, with a letter's form marked as kind 'letter'."""
    form: set[int] = set()
    head = next((i for i, p in enumerate(paragraphs[:HEAD_SEARCH]) if _SALUTATION.match(p.text)
                 and len(p.text.split()) <= 8), None)
    if head is not None:
        form.update(range(head + 1))
    for i, paragraph in enumerate(paragraphs):
        if _SIGN_OFF.match(paragraph.text):
            j = i
            while j < len(paragraphs) and paragraphs[j].headings == paragraph.headings:
                form.add(j)
                j += 1
    return [replace(p, kind=LETTER) if i in form else p for i, p in enumerate(paragraphs)]


def sentence_keys(paragraph: Paragraph) -> list[tuple[str, int]]:
    """(key, weight) for each sentence of a paragraph that says enough to compare: the key
    is the sentence's content words once authorities, dates and names are taken out, the
    weight how many there are. A paragraph whose sentences, by weight, mostly recur in
    other authorities' reports is standard text (see `index.store.boilerplate`).
    Grade tables, a letter's form, a report's list of what needs to improve and each
    sentence that gives the report's own grade have no keys: they say the same words in
    every report and are still its own. A sentence that defines a grade ('An LSCB that is
    inadequate does not demonstrate ...', the single inspection framework's 'What the
    inspection judgements mean') has one: it is the framework's text, not a finding."""
    if paragraph.kind in ("judgements", LETTER) or headed("improvement", " ".join(paragraph.headings)):
        return []
    keys = []
    for sentence in _SENTENCE.split(paragraph.text):
        if _states_grade(sentence) and not _DEFINITION.match(sentence):
            continue
        words = content_words(_generic(sentence))
        if len(words) >= MIN_SENTENCE_WORDS:
            keys.append((hashlib.sha1(" ".join(words).encode()).hexdigest()[:16], len(words)))
    return keys


def _generic(text: str) -> str:
    """A text without the authorities, dates and names that make two reports' standard text differ."""
    for mention in reversed(find_authorities(text)):
        text = text[: mention.start] + " " + text[mention.end :]
    return _NAME.sub(" ", _DATE.sub(" ", text))


_DEFINITION = re.compile(r"\s*(?:in\s+)?an?\s", re.IGNORECASE)
"""A sentence about 'a' local authority or LSCB, not this one: how the framework defines a
grade ('In a local authority that requires improvement, there are no widespread ...')."""


_GRADE_STATED = re.compile(
    rf"(?::\s*|\b(?:is|are|remains?|judged(?:\s+to\s+be)?|rated)\s+(?:now\s+)?(?:as\s+)?){grade_pattern()}\b|"
    r"\brequires?\s+improvement\b",
    re.IGNORECASE,
)


def _states_grade(text: str) -> bool:
    """A grade table line or a sentence giving a grade ('Adoption performance: Good',
    'Services for care leavers are good')."""
    return _GRADE_STATED.search(text) is not None
