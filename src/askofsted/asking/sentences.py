"""The sentence of a question that asks, where a question has several.

People set a scene before they ask ("My sister rang Tameside about the neighbours' kids and
nothing happened for ages. What did Ofsted say about the MASH?"): the scene says who is asking
and why, the last sentence with a question mark what they want. Ranking matches the asking
sentence's words, with the reports' words for anything the scene named ("My mum may get an
SGO. What help is there?" keeps special guardianship).
"""

from __future__ import annotations

import re

from ..domain.sections import Section, asked_sections, populations_asked
from ..domain.vocabulary import report_terms
from ..words import words

UNDERSTOOD = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
"""Where one sentence of a question's understood words ends and the next begins (taking out a
filter's words may leave a sentence that starts in lower case: it is no new sentence)."""
TYPED = re.compile(r"(?<=[.!?])(?<!\bSt\.)(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bno\.)"
                   r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)\s+(?=[A-Za-z])")
"""The same in a question as typed, where a sentence may start in lower case ('... (north
northamptonshire). does the latest inspection say ...'); not after an abbreviation."""


def question_sentence(text: str, boundary: re.Pattern[str] = UNDERSTOOD) -> str:
    """The last sentence that asks something, where a question has several; where it only
    points back ('Is it any better now?' once the change words are read), with the sentence
    before it, which says what 'it' is."""
    sentences = boundary.split(text.strip())
    asking = [i for i, s in enumerate(sentences) if s.rstrip().endswith("?")]
    last = asking[-1] if asking else len(sentences) - 1
    start = last
    while start > 0 and not words(" ".join(sentences[start:last + 1])):
        start -= 1
    return " ".join(sentences[start:last + 1])


def asked_part(text: str) -> str:
    """The asking sentence of a question's understood words, with the reports' words for what
    its scene named; the text itself where it is one sentence."""
    asked = question_sentence(text)
    if asked == text:
        return text
    named = [t for t in report_terms(text) if t not in report_terms(asked)]
    return " ".join([asked, *named])


def sections_asked(question: str) -> tuple[Section, ...]:
    """The parts of a report the asking sentence asks for: in 'I heard neglect was one of the
    things they need to improve. What did they find about neglect?' the scene says what the
    asker heard; they ask for the findings, not the list of what needs to improve."""
    return asked_sections(question_sentence(question, TYPED))


def children_asked(text: str) -> frozenset[str]:
    """The parts of a graded report about the children the asking sentence names ('is direct work
    with disabled children in care any good?'): a scene's children are the asker's story."""
    return populations_asked(question_sentence(text, TYPED))
