"""Scoring answers against development question sets with gold quotes.

The format and the matching rule are those of the project's development sets
(../shared/eval, whose README says how each kind of question is scored): one
JSON object per line with `question`, `gold` (quotes of 8 to 20 words from the
answering paragraphs, each with the `doc` it comes from), `type`, and for some
"which councils" questions `answer_authorities`. A returned paragraph answers
when a gold quote occurs in it once both are reduced to lowercase alphanumeric
tokens (`contains`, the same rule as the sets' goldmatch.py).

A question is scored from what an answer shows (`Response`: its paragraphs with
their sources and authorities, the reports its facts come from, whether it says
nothing matched closely), by what its kind asks of it:

- with gold quotes (lookup, practice, the older sets' types): hit@1, hit@5,
  MRR@10, recall@10;
- grade: whether the grade is stated (`grade_stated`);
- change: the gold inspections covered in the top five;
- which, with `answer_authorities`: authority recall and precision;
- none: whether the answer says it is weak; every other question, whether it
  wrongly does.

A question's `intent` and `constraints` are for people; nothing here reads them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .asking.ranking import states_grade
from .domain.authorities import canonical_authority
from .errors import AskofstedError

TOP = 5  # hit@5, and the results a grade or change question must answer within
HALVES = ("odd", "even")

_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return " " + " ".join(_TOKEN.findall(text)) + " "


def contains(passage: str, quote: str) -> bool:
    """Does the paragraph hold the quote, whatever line breaks, hyphens and quotes did to it?"""
    return tokens(quote) in tokens(passage)


def from_report(source: str, doc: str) -> bool:
    """Is a result's source file the gold `doc` (a path relative to the corpus folder)?"""
    if not doc or not source:
        return False
    source, doc = (unicodedata.normalize("NFC", p).replace("\\", "/") for p in (source, doc))
    return source == doc or source.endswith("/" + doc.lstrip("/"))


# ---------------------------------------------------------------- questions


@dataclass(frozen=True)
class Gold:
    """A quote from an answering paragraph, and the report it comes from (where the set says)."""

    quote: str
    doc: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    gold: tuple[Gold, ...] = ()
    type: str = "all"
    answer_authorities: tuple[str, ...] = ()  # canonical names, for "which councils" questions

    @property
    def quotes(self) -> tuple[str, ...]:
        return tuple(g.quote for g in self.gold)

    @property
    def reports(self) -> tuple[str, ...]:
        """The gold reports, each once, most important first."""
        return tuple(dict.fromkeys(g.doc for g in self.gold if g.doc))

    @property
    def answerable(self) -> bool:
        return self.type != "none"

    @property
    def by_authorities(self) -> bool:
        """Scored by the authorities it lists, not by its quotes (the set's README)."""
        return self.answerable and bool(self.answer_authorities)

    @property
    def by_quotes(self) -> bool:
        return self.answerable and not self.by_authorities and bool(self.gold)

    @property
    def row(self) -> str:
        """The row of the results table it counts in."""
        return f"{self.type}-list" if self.by_authorities else self.type

    @property
    def number(self) -> int | None:
        """The number in its id ('d07' -> 7), which splits a set into halves."""
        digits = re.findall(r"\d+", self.id)
        return int(digits[-1]) if digits else None


def load_questions(path: str | Path) -> list[Question]:
    """A question set, one JSON object a line; a bad file is one clear error."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise AskofstedError(f"cannot read question set {path}: {exc}") from None
    questions = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            questions.append(_question(json.loads(line), number))
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError, ValueError) as exc:
            raise AskofstedError(f"{path}, line {number}: not a question in the development sets' format "
                                 f"({type(exc).__name__}: {exc})") from None
    if not questions:
        raise AskofstedError(f"{path} holds no questions")
    return questions


def _question(row: dict, number: int) -> Question:
    if not isinstance(row, dict) or not isinstance(row["question"], str):
        raise TypeError("expected an object with a 'question'")
    listed = {key: row.get(key) or [] for key in ("gold", "answer_authorities")}
    for key, value in listed.items():
        if not isinstance(value, list):
            raise TypeError(f"'{key}' is not a list")
    gold = tuple(
        Gold(str(g["quote"]), str(g.get("doc") or "")) if isinstance(g, dict) else Gold(str(g))
        for g in listed["gold"]
    )
    return Question(
        id=str(row.get("id", number)),
        question=row["question"],
        gold=gold,
        type=str(row.get("type") or "all"),
        answer_authorities=tuple(_canonical(name) for name in listed["answer_authorities"]),
    )


def _canonical(name: str) -> str:
    canonical = canonical_authority(str(name))
    if canonical is None:
        raise ValueError(f"unknown authority {name!r} in answer_authorities")
    return canonical


def half(questions: Sequence[Question], which: str) -> list[Question]:
    """The questions whose id's number is odd or even: tune on one half, check on the other."""
    if which not in HALVES:
        raise AskofstedError(f"no half {which!r}: odd or even")
    unnumbered = [q.id for q in questions if q.number is None]
    if unnumbered:
        raise AskofstedError(f"question {unnumbered[0]!r} has no number in its id to split halves by")
    return [q for q in questions if (q.number % 2 == 1) == (which == "odd")]


# ---------------------------------------------------------------- what an answer shows


@dataclass(frozen=True)
class Shown:
    """One returned paragraph, as scoring reads it."""

    text: str
    source: str = ""
    authority: str | None = None


@dataclass(frozen=True)
class Response:
    """What an answer shows: its paragraphs best first, the reports its facts come from
    (the one it leads with first), and whether it says nothing matched closely."""

    results: tuple[Shown, ...]
    fact_sources: tuple[str, ...] = ()
    weak: bool = False

    @classmethod
    def from_answer(cls, answer: Mapping) -> Response:
        """From `Answer.as_dict()` (the JSON of `ask --json`); fields an answer does not
        have yet (`facts`, `weak`) count as absent: no facts, not weak."""
        results = tuple(
            Shown(r["text"], str(r.get("citation", {}).get("source") or ""), r.get("citation", {}).get("authority"))
            for r in answer.get("results") or ()
        )
        facts = tuple(str(f.get("source") or "") for f in answer.get("facts") or () if isinstance(f, Mapping))
        return cls(results, facts, answer.get("weak") is True)

    @classmethod
    def of_texts(cls, texts: Sequence[str]) -> Response:
        return cls(tuple(Shown(t) for t in texts))


def asking(index, k: int = 10) -> Callable[[str], Response]:
    """Questions put to an open index as `askofsted ask --json` puts them."""
    return lambda question: Response.from_answer(index.ask(question, k=k).as_dict())


# ---------------------------------------------------------------- scoring


@dataclass
class Scored:
    """One question's outcome."""

    question: Question
    first_hit: int | None  # 1-based rank of the first answering paragraph within the cut-off
    found: int  # gold quotes matched by some returned paragraph
    weak: bool  # the answer said nothing matched closely
    grade_stated: bool | None = None  # grade questions
    covered: int | None = None  # change questions: gold reports with a matching quote in the top 5
    authorities: tuple[str, ...] = ()  # "which" questions with a list: those shown, in order, once each

    @property
    def authority_recall(self) -> float:
        wanted = set(self.question.answer_authorities)
        return len(wanted & set(self.authorities)) / len(wanted) if wanted else 0.0

    @property
    def authority_precision(self) -> float:
        wanted = set(self.question.answer_authorities)
        return sum(1 for a in self.authorities if a in wanted) / len(self.authorities) if self.authorities else 0.0

    @property
    def covers_two(self) -> bool:
        """A change question's top five covers two gold inspections (all, if it has fewer)."""
        return self.covered is not None and self.covered >= min(2, len(self.question.reports))


def score(question: Question, response: Response, cutoff: int = 10) -> Scored:
    shown = list(response.results)[:cutoff]
    texts = [s.text for s in shown]
    quotes = question.quotes
    first = next((rank for rank, text in enumerate(texts, 1) if any(contains(text, q) for q in quotes)), None)
    found = sum(1 for quote in quotes if any(contains(text, quote) for text in texts))
    scored = Scored(question, first, found, response.weak)
    if question.type == "grade":
        scored.grade_stated = grade_stated(question, response)
    if question.type == "change":
        top = texts[:TOP]
        scored.covered = sum(
            1 for doc in question.reports
            if any(contains(text, g.quote) for g in question.gold if g.doc == doc for text in top)
        )
    if question.by_authorities:
        scored.authorities = tuple(dict.fromkeys(_authority(s.authority) for s in shown if s.authority))
    return scored


def grade_stated(question: Question, response: Response) -> bool:
    """A gold quote in the top five, or the facts the answer leads with come from a gold
    report, or its first result is from a gold report and states a grade."""
    top = response.results[:TOP]
    if any(contains(s.text, q) for s in top for q in question.quotes):
        return True
    gold = question.reports
    if response.fact_sources and any(from_report(response.fact_sources[0], doc) for doc in gold):
        return True
    first = response.results[0] if response.results else None
    return bool(first and any(from_report(first.source, doc) for doc in gold) and states_grade(first.text))


def _authority(name: str) -> str:
    return canonical_authority(name) or name


def evaluate(questions: Sequence[Question], respond: Callable[[str], Response], cutoff: int = 10) -> list[Scored]:
    """Score every question with `respond(question) -> Response` (see `asking`)."""
    return [score(q, respond(q.question), cutoff) for q in questions]


def _share(flags: Sequence[bool]) -> float:
    return sum(1 for f in flags if f) / len(flags) if flags else 0.0


def metrics(scored: Sequence[Scored], own: bool = True) -> dict[str, float]:
    """The figures a group of questions has: the number, the share flagged weak,
    hit@1, hit@5, MRR@10 and recall@10 over those scored by quotes, and (`own`)
    whichever of these apply: grade stated; inspections covered; authority recall
    and precision."""
    out: dict[str, float] = {"questions": len(scored), "weak": _share([s.weak for s in scored])}
    quoted = [s for s in scored if s.question.by_quotes]
    if quoted:
        n = len(quoted)
        out.update({
            "hit@1": _share([s.first_hit == 1 for s in quoted]),
            "hit@5": _share([bool(s.first_hit and s.first_hit <= TOP) for s in quoted]),
            "mrr@10": sum(1 / s.first_hit for s in quoted if s.first_hit) / n,
            "recall@10": sum(s.found / len(s.question.gold) for s in quoted) / n,
        })
    if not own:
        return out
    graded = [s.grade_stated for s in scored if s.grade_stated is not None]
    if graded:
        out["grade_stated"] = _share(graded)
    changes = [s for s in scored if s.covered is not None and s.question.reports]
    if changes:
        out["covered@5"] = sum(s.covered / len(s.question.reports) for s in changes) / len(changes)
        out["covers_two@5"] = _share([s.covers_two for s in changes])
    listed = [s for s in scored if s.question.by_authorities]
    if listed:
        out["authority_recall"] = sum(s.authority_recall for s in listed) / len(listed)
        out["authority_precision"] = sum(s.authority_precision for s in listed) / len(listed)
    return out


def report(scored: Sequence[Scored]) -> dict[str, dict[str, float]]:
    """Figures for the questions scored by quotes ('overall'), each row of questions
    (a type; 'which-list' for "which" questions scored by their authorities), and
    'answerable' (every question but 'none', for the share wrongly flagged weak)."""
    rows: dict[str, list[Scored]] = defaultdict(list)
    for s in scored:
        rows[s.question.row].append(s)
    out = {"overall": metrics([s for s in scored if s.question.by_quotes], own=False)}
    for row in sorted(rows):
        out[row] = metrics(rows[row])
    answerable = [s for s in scored if s.question.answerable]
    if len(answerable) < len(scored):
        out["answerable"] = {"questions": len(answerable), "weak": _share([s.weak for s in answerable])}
    return out


def misses(scored: Scored) -> list[str]:
    """Why a question's answer falls short of what its kind asks (empty if it does not)."""
    s, q = scored, scored.question
    why = []
    if not q.answerable:
        return [] if s.weak else ["not flagged weak"]
    if s.weak:
        why.append("flagged weak")
    if q.type == "grade":
        if not s.grade_stated:
            why.append("grade not stated")
    elif q.by_authorities:
        if s.authority_recall < 1 or s.authority_precision < 1:
            why.append(f"authority recall {s.authority_recall:.2f}, precision {s.authority_precision:.2f}")
    elif q.by_quotes and not (s.first_hit and s.first_hit <= TOP):
        why.append(f"first hit {s.first_hit}")
    if q.type == "change" and q.reports and not s.covers_two:
        why.append(f"covers {s.covered} of {len(q.reports)} inspections")
    return why


# ---------------------------------------------------------------- printing

_COLUMNS = (("hit@1", "hit@1"), ("hit@5", "hit@5"), ("mrr@10", "MRR@10"), ("recall@10", "rec@10"), ("weak", "weak"))
_OWN = (("grade_stated", "grade stated"), ("covered@5", "inspections covered@5"),
        ("covers_two@5", "covers two@5"), ("authority_recall", "authority recall"),
        ("authority_precision", "precision"))


def table(results: dict[str, dict[str, float]]) -> str:
    """One row per group: the shared figures in columns ('-' where they do not apply),
    then the group's own. 'weak' is the share whose answer said nothing matched closely:
    1.0 is right for 'none', 0.0 for every other row."""
    head = f"{'type':14s} {'n':>4s} " + " ".join(f"{label:>7s}" for _, label in _COLUMNS)
    lines = [head]
    for row, m in results.items():
        cells = " ".join(f"{m[key]:7.3f}" if key in m else f"{'-':>7s}" for key, _ in _COLUMNS)
        own = ", ".join(f"{label} {m[key]:.3f}" for key, label in _OWN if key in m)
        lines.append(f"{row:14s} {int(m['questions']):4d} {cells}" + (f"  {own}" if own else ""))
    return "\n".join(lines) + "\n"
