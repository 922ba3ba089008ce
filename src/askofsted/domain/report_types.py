"""The kinds of report Ofsted publishes on children's services, from data/report_types.toml.

A report's type is read from its own title (`title_rules`), a question's from its
words (`question_rules`); both rule lists come from the data, each rule with an
example beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ._files import read_toml


@dataclass(frozen=True)
class Phrase:
    pattern: str
    example: str
    topic: bool = False  # a question's words for the kind that also name what its reports are about


@dataclass(frozen=True)
class ReportType:
    key: str
    label: str
    slug: str  # added to report ids; "" for full inspections
    framework: str
    years: tuple[int, int]
    kind: str  # inspection | visit | review
    full_inspection: bool
    graded: bool
    letter: bool  # published as a letter, dated above the salutation
    grade_scale: str | None
    site_names: tuple[str, ...]
    title_phrases: tuple[Phrase, ...]
    question_phrases: tuple[Phrase, ...]
    short: str | None = None  # for tables and charts


@lru_cache(maxsize=1)
def report_types() -> tuple[ReportType, ...]:
    """Every report type, in the order their title phrases are tried."""
    return tuple(
        ReportType(
            key=t["key"],
            label=t["label"],
            short=t.get("short"),
            slug=t["slug"],
            framework=t["framework"],
            years=tuple(t["years"]),
            kind=t["kind"],
            full_inspection=t["full_inspection"],
            graded=t["graded"],
            letter=t["letter"],
            grade_scale=t.get("grade_scale"),
            site_names=tuple(t["site_names"]),
            title_phrases=tuple(Phrase(p["pattern"], p["example"]) for p in t["title_phrases"]),
            question_phrases=tuple(Phrase(p["pattern"], p["example"], p.get("topic", False))
                                   for p in t["question_phrases"]),
        )
        for t in read_toml("report_types.toml")["type"]
    )


@lru_cache(maxsize=1)
def _by_key() -> dict[str, ReportType]:
    return {t.key: t for t in report_types()}


def report_type(key: str | None) -> ReportType | None:
    return _by_key().get(key or "")


def type_label(key: str | None, default: str = "report") -> str:
    found = report_type(key)
    return found.label if found else default


def full_inspection_types() -> frozenset[str]:
    return frozenset(t.key for t in report_types() if t.full_inspection)


@lru_cache(maxsize=1)
def title_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(type key, pattern) for report titles, in the order they are tried."""
    return tuple(
        (t.key, re.compile(p.pattern, re.IGNORECASE)) for t in report_types() for p in t.title_phrases
    )


@lru_cache(maxsize=1)
def question_rules() -> tuple[tuple[str, re.Pattern[str], bool], ...]:
    """(type key, pattern, whether its words also name a topic) for the words questions use for
    report types."""
    return tuple(
        (t.key, re.compile(p.pattern, re.IGNORECASE), p.topic) for t in report_types() for p in t.question_phrases
    )


REPORT_TYPES: dict[str, str] = {t.key: t.label for t in report_types()}
"""Report type key -> label, for scripts and the CLI's --type choices."""
