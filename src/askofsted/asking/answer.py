"""Asking an index a question: understanding, choosing reports, ranking, citing.

The stages in order: `understanding` reads what the question says (filters and
the words left to match), flags given on purpose override it, `ranking` chooses
the reports and ranks their paragraphs, and each ranked paragraph becomes a
cited `Result` with its best sentences highlighted.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.authorities import canonical_authority, suggest_authorities
from ..errors import AskofstedError
from ..index import store
from ..models import Answer, Result
from .highlight import highlight
from .ranking import rank, select_reports
from .understanding import Filters, describe, override, statement, understand


def ask(
    index,
    question: str,
    k: int = 5,
    authority: str | Sequence[str] | None = None,
    year: int | Sequence[int] | None = None,
    since: int | None = None,
    until: int | None = None,
    type: str | Sequence[str] | None = None,  # noqa: A002 - the user's word for it
    latest: bool = False,
    understand_question: bool = True,
    highlights: bool = True,
) -> Answer:
    """The k paragraphs of `index` that best answer `question`, with what was understood.

    Filters (each optional): authority, year, since, until, type (report type key),
    latest; each overrides what the question says. `understand_question=False`
    matches the question's words as they are.
    """
    understanding = understand(question)
    base = understanding.filters if understand_question else Filters()
    filters = override(
        base,
        authorities=_names(authority),
        years=tuple(int(y) for y in _many(year)),
        since=since,
        until=until,
        report_types=tuple(_many(type)),
        latest=latest,
    )
    selection = select_reports(index.reports(), filters)
    understood = describe(filters, understanding.notes if understand_question and not authority else ())
    if not selection.reports:
        return Answer(question, filters.as_dict(), understood, (), selection.note)
    text = understanding.text if understand_question else question
    query_vector = index.encoder.encode([statement(text)])[0]
    ranked = rank(index.connection, index.vectors, query_vector, understanding, selection, k)
    return Answer(question, filters.as_dict(), understood, tuple(_results(index, ranked, text, highlights)))


def _results(index, ranked, text: str, with_highlights: bool) -> list[Result]:
    found = store.paragraphs_by_ids(index.connection, [pid for pid, _ in ranked])
    by_row = {r.id: r for r in index.reports()}
    rows = [(found[pid], score) for pid, score in ranked if pid in found]
    spans = highlight(text, [p.paragraph.text for p, _ in rows]) if with_highlights else [[] for _ in rows]
    return [
        Result(
            citation=index.citation(by_row[stored.report], stored.paragraph),
            text=stored.paragraph.text,
            score=score,
            highlights=tuple(stored.paragraph.text[s:e] for s, e in marks),
        )
        for (stored, score), marks in zip(rows, spans)
    ]


def _many(value) -> list:
    if value is None or value == () or value == []:
        return []
    if isinstance(value, (str, int)):
        return [value]
    return list(value)


def _names(authority) -> tuple[str, ...]:
    """Canonical names for authorities given on purpose; an unknown one is an error with a suggestion."""
    names = []
    for name in _many(authority):
        canonical = canonical_authority(str(name))
        if canonical is None:
            hint = suggest_authorities(str(name))
            raise AskofstedError(
                f"unknown authority {name!r}" + (f"; did you mean {' or '.join(hint)}?" if hint else "")
            )
        names.append(canonical)
    return tuple(names)
