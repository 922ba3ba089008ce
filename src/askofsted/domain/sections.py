"""The parts of a report that questions ask for by name, and how reports head them.

"What needs to improve in Kent?" asks for the part of a report headed "What needs
to improve", "Areas for improvement" or "Recommendations"; "what is working
well?" for its strengths. Each part: the headings reports give it, the words
questions use for it, and an example of each.

The body of a graded report is in parts too, one per judgement (`POPULATIONS`):
"disabled kids in care" are found under "The experiences and progress of
children in care", "disabled children in need" under help and protection.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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


@dataclass(frozen=True)
class Population:
    """A part of the body of a graded report, one per group of children a judgement is about:
    ILACS and SIF reports set out their findings under one heading per judgement, so that
    'disabled children in care' and 'disabled children in need' are found in different parts
    of the same report, in much the same words. The leaders' part speaks of every group."""

    key: str
    headings: str  # the heading of its part of a report (regular expression)
    asked: str  # how questions name its children, or for the leaders' part what leaders answer for (regex)
    heading_example: str
    question_example: str
    also: tuple[str, ...] = ()
    """Other parts that speak of these children: care leavers are found in the looked after
    children's part of reports before 2023 that give them none of their own."""


POPULATIONS = (
    Population(
        "help_and_protection",
        r"children\s+who\s+need\s+help\s+and\s+protection|help\s+and\s+protection\s+provided|"
        r"arrangements\s+to\s+protect|^safeguarding\s+services",
        r"\bchild\s+protection\b|\bhelp\s+and\s+protection\b|\bchildren\s+in\s+need\b|\bearly\s+help\b|"
        r"\bfront\s+door\b|\bMASH\b|\breferrals?\b|\bstrategy\s+(?:meetings?|discussions?)\b|\bsection\s+47\b|"
        r"\bprivate(?:ly)?\s+fostering\b|\bpolice\s+protection\b",
        "The experiences and progress of children who need help and protection: good",
        "how quickly does the front door in Leeds act on referrals?",
    ),
    Population(
        "children_in_care",
        r"children\s+in\s+care|looked\s+after\s+(?:children|and\s+achieving)|achieving\s+permanence|"
        r"services\s+for\s+looked\s+after",
        r"\b(?:children|child|kids?|young\s+(?:people|person)|teenagers?|boys?|girls?|babies|sons?|daughters?)"
        r"(?:\s+\w+){0,2}\s+in\s+care\b|\blooked[\s-]+after\b|(?<!private\s)(?<!privately\s)\bfoster(?:ing|ed)?\b|"
        r"\bchildren['’]?s\s+homes?\b|\bpermanence\b|\badopt\w*",
        "The experiences and progress of children in care: requires improvement to be good",
        "do kids in care in Leeds get to see their brothers and sisters?",
    ),
    Population(
        "care_leavers",
        r"care\s+leavers",
        r"\bcare\s+leavers?\b|\bleaving\s+care\b|\bleft\s+care\b|\bcare[\s-]+experienced\b|\bpersonal\s+advis[eo]rs?\b|"
        r"\bpathway\s+plans?\b|\bstaying\s+put\b|\b18(?:th)?\s+birthday\b|\b(?:after|turn(?:s|ed|ing)?)\s+18\b",
        "The experiences and progress of care leavers: good",
        "what help do care leavers in Leeds get with housing?",
        also=("children_in_care",),
    ),
    Population(
        "leaders",
        r"impact\s+of\s+leaders|^leadership,?\s+management\s+and\s+governance",
        r"\bleaders(?:hip)?\b|\bsenior\s+(?:managers|management)\b|\bcorporate\s+parent\w*|\bteams?\b|\bstaff\w*|"
        r"\bworkforce\b|\bcaseloads?\b|\bvacanc\w+|\brecruit\w*|\bagency\s+(?:staff|workers|social\s+workers)\b|"
        r"\bturnover\b|\bdemand\b|\bsufficiency\b|\bbudgets?\b|\bquality\s+assurance\b|\baudits?\b",
        "The impact of leaders on social work practice with children and families: good",
        "were the child protection teams short of staff in Leeds?",
    ),
)


def populations_asked(question: str) -> frozenset[str]:
    """The parts of a graded report that speak of the children a question names ('disabled
    children in care'), with the leaders' part where it asks about what leaders answer for
    (staff, caseloads, demand): empty where it names no children."""
    asked = [p for p in POPULATIONS if _compiled(p.asked).search(question)]
    if all(p.key == "leaders" for p in asked):
        return frozenset()
    return frozenset(key for p in asked for key in (p.key, *p.also))


def population_of(headings: Sequence[str]) -> frozenset[str]:
    """The part of a graded report a paragraph sits in, by its nearest heading that names one
    ('Children looked after and achieving permanence > The graded judgement about care leavers'
    is the care leavers' part); ILACS 2018-2022 give children in care and care leavers one part."""
    for heading in reversed(headings):
        found = frozenset(p.key for p in POPULATIONS if _compiled(p.headings).search(heading.strip()))
        if found:
            return found
    return frozenset()


def about_others(headings: Sequence[str], asked: frozenset[str]) -> bool:
    """Whether a paragraph sits in a part of a graded report that is not about what is asked;
    a report's summary, its lists and paragraphs of no part are not."""
    part = population_of(headings)
    return bool(part) and not part & asked
