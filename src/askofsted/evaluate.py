"""Scoring retrieval against question sets with gold quotes.

The format and the matching rule are those of the project's development sets
(../shared/eval): one JSON object per line with `question`, `gold` (quotes of 8
to 20 words from the answering paragraphs, most important first), `type`; a
returned paragraph answers when a gold quote occurs in it once both are reduced
to lowercase alphanumeric tokens.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import AskofstedError

_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return " " + " ".join(_TOKEN.findall(text)) + " "


def contains(passage: str, quote: str) -> bool:
    """Does the paragraph hold the quote, whatever line breaks, hyphens and quotes did to it?"""
    return tokens(quote) in tokens(passage)


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    gold: tuple[str, ...]
    type: str = "all"


@dataclass
class Scored:
    """One question's outcome: where the first answering paragraph came, and how much gold was found."""

    question: Question
    first_hit: int | None  # 1-based rank of the first answering paragraph within the cut-off
    found: int  # gold quotes matched by some returned paragraph
    returned: list[str] = field(default_factory=list)


def load_questions(path: str | Path) -> list[Question]:
    questions = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise AskofstedError(f"cannot read question set {path}: {exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            gold = tuple(g["quote"] if isinstance(g, dict) else str(g) for g in row["gold"])
            questions.append(Question(str(row.get("id", number)), row["question"], gold, row.get("type", "all")))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise AskofstedError(f"{path}, line {number}: not a question with gold quotes ({exc})") from None
    if not questions:
        raise AskofstedError(f"{path} holds no questions")
    return questions


def score(question: Question, passages: Sequence[str], cutoff: int = 10) -> Scored:
    passages = list(passages)[:cutoff]
    first = next((rank for rank, text in enumerate(passages, 1) if any(contains(text, q) for q in question.gold)), None)
    found = sum(1 for quote in question.gold if any(contains(text, quote) for text in passages))
    return Scored(question, first, found, [p[:80] for p in passages])


def metrics(scored: Sequence[Scored]) -> dict[str, float]:
    """hit@1, hit@5, MRR@10 and recall@10 over a list of scored questions."""
    n = len(scored)
    if not n:
        return {"questions": 0, "hit@1": 0.0, "hit@5": 0.0, "mrr@10": 0.0, "recall@10": 0.0}
    return {
        "questions": n,
        "hit@1": sum(1 for s in scored if s.first_hit == 1) / n,
        "hit@5": sum(1 for s in scored if s.first_hit and s.first_hit <= 5) / n,
        "mrr@10": sum(1 / s.first_hit for s in scored if s.first_hit) / n,
        "recall@10": sum(s.found / len(s.question.gold) for s in scored) / n,
    }


def evaluate(questions: Sequence[Question], retrieve: Callable[[str], Sequence[str]], cutoff: int = 10) -> list[Scored]:
    """Score every question with `retrieve(question) -> paragraph texts, best first`."""
    return [score(q, retrieve(q.question), cutoff) for q in questions]


def report(scored: Sequence[Scored]) -> dict[str, dict[str, float]]:
    """Metrics overall and by question type."""
    by_type: dict[str, list[Scored]] = defaultdict(list)
    for s in scored:
        by_type[s.question.type].append(s)
    out = {"overall": metrics(scored)}
    for kind in sorted(by_type):
        out[kind] = metrics(by_type[kind])
    return out


def table(results: dict[str, dict[str, float]]) -> str:
    lines = [f"{'type':14s} {'n':>4s} {'hit@1':>7s} {'hit@5':>7s} {'MRR@10':>7s} {'rec@10':>7s}"]
    for kind, m in results.items():
        lines.append(f"{kind:14s} {m['questions']:4d} {m['hit@1']:7.3f} {m['hit@5']:7.3f} {m['mrr@10']:7.3f} "
                     f"{m['recall@10']:7.3f}")
    return "\n".join(lines) + "\n"
