"""The parts of a report that questions ask for by name, and how reports head them.

"What needs to improve in Kent?" asks for the part of a report headed "What needs
to improve", "Areas for improvement" or "Recommendations"; "what is working
well?" for its strengths. Each part: the headings reports give it, the words
questions use for it, and an example of each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Section:
    key: str
    headings: str  # how reports head this part (regular expression)
    asked: str  # how questions ask for it (regular expression)
    heading_example: str
    question_example: str
    optional: bool = False
    """A part only some frameworks' reports have: ILACS reports (2018-) give no context section
    of local figures and no summary for children. A question asking for it of reports without
    it is not answered by them."""


SECTIONS = (
    Section(
        "improvement",
        r"what\s+needs\s+to\s+improve|areas?\s+for\s+(?:improvement|development)|recommendations|"
        r"need\s+to\s+improve|priority\s+action|"
        r"\bimmediately:|\bwithin\s+\w+\s+months:",  # the 2012 framework's areas for improvement, by when
        r"\b(?:needs?\s+to\s+improve|(?:told|asked|required)\s+to\s+improve|areas?\s+(?:for|of)\s+(?:improvement|development)|improvements?\s+"
        r"(?:are|is|were|was)\s+needed|recommend\w*|priority\s+actions?|(?<!own\s)weakness\w*|must\s+improve|"
        r"should\s+improve)\b",
        "What needs to improve in this local authority?",
        "what does Kent need to improve?",
    ),
    Section(
        "summary",
        r"^(?:executive\s+summary|overview|main\s+findings|headline\s+findings|summary(?:\s+of\s+(?:key\s+)?findings)?|key\s+findings|"
        r"what\s+the\s+inspection\s+found|overall\s+summary)\b",
        r"\b(?:summary|overview|main\s+findings|headline\s+findings|in\s+a\s+nutshell|overall\s+picture)\b",
        "Overview",
        "give me the main findings for Kent",
    ),
    Section(
        "children",
        r"summary\s+for\s+children",
        r"\bsummary\s+for\s+(?:children|young\s+people)\b|\bchild[\s-]friendly\b",
        "Summary for children and young people",
        "what did the summary for children say about Leeds?",
        optional=True,
    ),
    Section(
        "context",
        r"information\s+about\s+this\s+local\s+authority",
        r"\bhow\s+many\s+(?:children|kids|young\s+people|care\s+leavers|adoptions?|looked\s+after|child\s+protection\s+plans?)\b|"
        r"\bnumbers?\s+of\s+(?:children|kids|young\s+people|looked\s+after|care\s+leavers)\b|\bpopulation\b|"
        r"\bwho\s+(?:is|was|were)\s+(?:the\s+)?(?:director|dcs|chair|lead\s+member|chief\s+executive)\b|"
        r"\b(?:director\s+of\s+children['’]s\s+services|dcs)\b.{0,30}\bin\s+post\b",
        "Information about this local authority area",
        "how many children are in care in Birmingham?",
        optional=True,
    ),
    Section(
        "strengths",
        r"strengths|working\s+well",
        r"\bstrengths?\b|\bwhat\s+(?:is|was|are|were)\s+(?:working|going)\s+well\b",
        "Areas of strength",
        "what is working well in Leeds?",
    ),
)


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def section(key: str) -> Section:
    return next(s for s in SECTIONS if s.key == key)


def headed(key: str, headings: str) -> bool:
    """Whether a paragraph's headings (joined) put it in this part of a report."""
    return _compiled(section(key).headings).search(headings) is not None


def asked_sections(question: str) -> tuple[Section, ...]:
    """The parts of a report a question asks for."""
    return tuple(s for s in SECTIONS if _compiled(s.asked).search(question))
