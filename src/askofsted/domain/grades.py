"""Ofsted's grades: the scales, their order, and the words reports and people use for them.

Read from data/grades.toml. A grade is kept as its key ("requires improvement"),
whatever words printed it ("Requires improvement to be good", "Grade 3 (Adequate)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ._files import read_toml


@dataclass(frozen=True)
class Grade:
    key: str
    rank: int  # 1 is best
    pattern: str
    report_words: tuple[str, ...]
    everyday_words: tuple[str, ...]
    example: str
    short: str | None = None  # for tables ('RI')


@dataclass(frozen=True)
class Scale:
    key: str
    name: str
    years: tuple[int, int]
    grades: tuple[str, ...]  # best first


@lru_cache(maxsize=1)
def _data() -> dict:
    return read_toml("grades.toml")


@lru_cache(maxsize=1)
def grades() -> tuple[Grade, ...]:
    """Every grade on any scale, best first."""
    out = [
        Grade(g["key"], g["rank"], g["pattern"], tuple(g["report_words"]), tuple(g["everyday_words"]), g["example"],
              g.get("short"))
        for g in _data()["grade"]
    ]
    return tuple(sorted(out, key=lambda g: g.rank))


@lru_cache(maxsize=1)
def scales() -> dict[str, Scale]:
    return {s["key"]: Scale(s["key"], s["name"], tuple(s["years"]), tuple(s["grades"])) for s in _data()["scale"]}


def grade(key: str) -> Grade | None:
    return next((g for g in grades() if g.key == key), None)


CURRENT_SCALE = "four_point"


def current_grades() -> tuple[str, ...]:
    """The four grades of Ofsted's current scale, best first."""
    return scales()[CURRENT_SCALE].grades


def grade_keys() -> tuple[str, ...]:
    """Every grade of every scale, best first ('adequate', the 2009-2013 scale's third place,
    beside 'requires improvement')."""
    return tuple(g.key for g in grades())


def rank(key: str | None) -> int | None:
    """1 for outstanding ... 4 for inadequate; None for no grade."""
    found = grade(key) if key else None
    return found.rank if found else None


@lru_cache(maxsize=4)
def grade_pattern(not_judged: bool = False) -> str:
    """A regular expression (no groups) for any grade as reports print it."""
    parts = [g.pattern for g in grades()]
    if not_judged:
        parts.append(_data()["not_judged"]["pattern"])
    return "(?:" + "|".join(parts) + ")"


@lru_cache(maxsize=1)
def _report_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(g.pattern, re.IGNORECASE), g.key) for g in grades())


def normalise_grade(words: str) -> str | None:
    """The grade key for words a report printed: 'Requires improvement to be good' -> 'requires improvement'."""
    text = " ".join(words.split())
    for pattern, key in _report_patterns():
        if pattern.fullmatch(text):
            return key
    return None


@lru_cache(maxsize=1)
def _everyday() -> tuple[tuple[re.Pattern[str], str], ...]:
    pairs = [(re.compile(rf"(?<![\w-]){g.pattern}(?![\w-])", re.IGNORECASE), g.key) for g in grades()]
    for g in grades():
        for word in (*g.everyday_words, g.key):
            flags = 0 if word.isupper() else re.IGNORECASE  # 'RI' only in capitals
            pairs.append((re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", flags), g.key))
    return tuple(pairs)


def grades_in(text: str) -> list[tuple[str, int, int]]:
    """(grade key, start, end) for every grade word in free text, report's or everyday
    ('failing' is inadequate, 'RI' requires improvement), in order, longest first where they overlap."""
    found = []
    for pattern, key in _everyday():
        found.extend((key, m.start(), m.end()) for m in pattern.finditer(text))
    found.sort(key=lambda f: (f[1], -(f[2] - f[1])))
    out: list[tuple[str, int, int]] = []
    for item in found:
        if not out or item[1] >= out[-1][2]:
            out.append(item)
    return out
