"""How a report says what changed since an earlier inspection.

A full inspection of a council inspected before opens by comparing: "Services for
children in Bury have improved since the last inspection in 2021, when ...",
"Since the SIF inspection in 2014, a number of changes ...", "Reading children's
services were judged inadequate in 2016." Such a sentence answers "has it
improved?" in the inspectors' own words, so a timeline leads with the latest
inspection's. Each way of putting it: a pattern, and examples of our own that it
must and must not match (`tests/test_domain.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .sections import headed


@dataclass(frozen=True)
class Comparison:
    said: str  # regular expression over a report's sentence
    examples: tuple[str, ...]
    not_examples: tuple[str, ...] = ()


_WORDS = r"(?:[\w()’'\-]+\s+){0,4}?"  # a few words between: 'the single inspection framework (SIF) inspection'

COMPARISONS = (
    Comparison(  # the earlier inspection named as such
        rf"\b(?:last|previous|prior|preceding|earlier|most\s+recent)\s+{_WORDS}inspection\b",
        ("Services have improved since the last inspection in 2019.",
         "The council has not acted quickly enough on the shortfalls identified at the previous judgement inspection.",
         "Practice is stronger than at the most recent full inspection."),
        ("Inspectors looked at the last six months of casework.", "The previous director left in 2020."),
    ),
    Comparison(  # the earlier inspection named by its framework or year
        rf"\bsince\s+(?:the|its)\s+{_WORDS}inspection\b|\b(?:19|20)\d\d\s+inspection\b|\binspection\s+(?:in|of)\s+(?:\w+\s+)?(?:19|20)\d\d\b",
        ("Since the single inspection framework (SIF) inspection in 2014, a number of changes have hindered progress.",
         "Much has changed since the 2018 inspection.",
         "Leaders have responded well to the findings of the inspection in March 2019."),
        ("Since the start of the pandemic, contacts have risen.",),
    ),
    Comparison(  # the earlier grade, with when it was given
        r"\b(?:judged|found|rated|graded)\s+(?:to\s+be\s+)?(?:\w+\s+){0,6}?in\s+(?:\w+\s+)?(?:19|20)\d\d\b|"
        r"\bsince\s+(?:\w+\s+)?(?:19|20)\d\d,?\s+when\b",
        ("Reading children's services were judged inadequate in 2016.",
         "Services have improved since 2021, when they were inadequate."),
        ("Social workers were recruited in 2022.", "Since April 2018, the trust has run the service."),
    ),
)


@lru_cache(maxsize=1)
def _said() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{c.said})" for c in COMPARISONS), re.IGNORECASE)


def compares_with_earlier(text: str, headings: str = "") -> bool:
    """Whether a paragraph says how things stand against an earlier inspection. Not the
    2013-2017 framework's context section, which counts serious incidents 'since the last
    inspection'."""
    return not headed("context", headings) and _said().search(text) is not None
