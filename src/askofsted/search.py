"""Ranking: which paragraphs of which reports answer a question.

Two views of relevance are fused. Dense vectors catch paraphrase ("kids who ran
away" ~ "children missing from home"); BM25 over the paragraphs catches the
exact terms people search for (MARVE, Letterbook, deprivation of liberty).
Reciprocal-rank fusion combines them without calibrating their scores. The
reports a question is about are chosen first, by filters, so among hundreds of
near-identical reports the right one is searched, not merely the likeliest.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .facts import REPORT_TYPES
from .words import words
from .query import Filters, Understanding, describe
from .store import StoredReport, chunk_ids_of_reports, chunk_paragraphs, lexical_search

DENSE_CANDIDATES = 120
LEXICAL_CANDIDATES = 120
RRF_K = 60
DENSE_WEIGHT = 1.0
LEXICAL_WEIGHT = 1.0
JUDGEMENT_WEIGHT = 1.0

_FULL_INSPECTIONS = {"ilacs", "sif", "safeguarding_and_looked_after", "looked_after_children", "safeguarding"}
_GRADE_STATEMENT = re.compile(
    r"\b(?:is|are|was|were|be|been|remains?|now|judged(?:\s+to\s+be)?|as|no\s+longer)\s+"
    r"(?:outstanding|good|adequate|inadequate|requir\w*\s+improvement)\b|\brequires?\s+improvement\s+to\s+be\s+good\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Selection:
    """The reports a search may answer from, or why there are none."""

    reports: tuple[StoredReport, ...]
    everything: bool
    note: str | None = None


def select_reports(reports: Sequence[StoredReport], filters: Filters) -> Selection:
    """Apply filters to the index's reports; when nothing matches, say what exists instead."""
    chosen = list(reports)
    if filters.authorities:
        chosen = [r for r in chosen if r.facts.authority in filters.authorities]
        if not chosen:
            held = sorted({r.facts.authority for r in reports if r.facts.authority})
            names = " or ".join(filters.authorities)
            listing = ", ".join(held[:12]) + (f" and {len(held) - 12} more" if len(held) > 12 else "")
            return Selection((), False, f"No reports for {names} in this index; it holds reports for {listing}.")
    by_authority = list(chosen)
    if filters.report_types:
        chosen = [r for r in chosen if r.facts.report_type in filters.report_types]
    if filters.years:
        exact = [r for r in chosen if _inspection_years(r) & set(filters.years)]
        # A user may name the year a December inspection was published.
        chosen = exact or [r for r in chosen if r.facts.published and r.facts.published.year in filters.years]
    if filters.since:
        chosen = [r for r in chosen if r.facts.year and r.facts.year >= filters.since]
    if filters.until:
        chosen = [r for r in chosen if r.facts.year and r.facts.year <= filters.until]
    if filters.grade:
        area = filters.grade_area or "overall_effectiveness"
        chosen = [r for r in chosen if getattr(r.facts.judgements, area) == filters.grade]
    if filters.latest:
        chosen = _latest(chosen)
    if not chosen:
        return Selection((), False, _nothing_matches(by_authority, filters))
    return Selection(tuple(chosen), len(chosen) == len(reports))


def _inspection_years(report: StoredReport) -> set[int]:
    days = [d for d in (report.facts.inspection_start, report.facts.inspection_end) if d]
    if not days and report.facts.published:
        days = [report.facts.published]
    return {d.year for d in days}


def _latest(reports: Sequence[StoredReport]) -> list[StoredReport]:
    """Each authority's newest full inspection (or newest report, if it has no full inspection)."""
    newest: dict[str | None, StoredReport] = {}
    for report in reports:
        key = report.facts.authority
        if key not in newest or _recency(report) > _recency(newest[key]):
            newest[key] = report
    return list(newest.values())


def _recency(report: StoredReport) -> tuple[int, str]:
    full = report.facts.report_type in _FULL_INSPECTIONS
    day = report.facts.inspection_start or report.facts.published
    return (1 if full else 0, day.isoformat() if day else "")


def _nothing_matches(candidates: Sequence[StoredReport], filters: Filters) -> str:
    wanted = describe(filters, REPORT_TYPES)
    if filters.authorities and candidates:
        listing = "; ".join(
            f"{r.facts.year} {REPORT_TYPES.get(r.facts.report_type or '', 'report')}"
            for r in sorted(candidates, key=lambda r: r.facts.year or 0)
        )
        return f"No reports match: {wanted}. {' or '.join(filters.authorities)} has: {listing}."
    years = sorted({r.facts.year for r in candidates if r.facts.year})
    span = f" Reports in this index run from {years[0]} to {years[-1]}." if years else ""
    return f"No reports match: {wanted}.{span}"


def fts_expression(text: str) -> str:
    """An FTS5 query matching any content word of the question (BM25 ranks by how many, how rare)."""
    return " OR ".join(f'"{w}"' for w in dict.fromkeys(words(text)))


def dense_ranking(
    connection, vectors, query_vector: np.ndarray, selection: Selection, limit: int = DENSE_CANDIDATES
) -> list[tuple[int, float]]:
    """Paragraph ids by their best window's cosine similarity to the question."""
    allowed = None if selection.everything else chunk_ids_of_reports(connection, [r.id for r in selection.reports])
    hits = vectors.search(query_vector, limit, allowed)
    owner = chunk_paragraphs(connection, [chunk for chunk, _ in hits])
    best: dict[int, float] = {}
    for chunk, score in hits:
        paragraph = owner.get(chunk)
        if paragraph is not None and score > best.get(paragraph, -1.0):
            best[paragraph] = score
    return sorted(best.items(), key=lambda item: item[1], reverse=True)


def lexical_ranking(connection, text: str, selection: Selection, limit: int = LEXICAL_CANDIDATES) -> list[tuple[int, float]]:
    rows = None if selection.everything else [r.id for r in selection.reports]
    return lexical_search(connection, fts_expression(text), limit, rows)


def judgement_ranking(connection, selection: Selection, candidates: Sequence[int]) -> list[int]:
    """For questions about grades: the reports' grade tables, then candidates that state a grade."""
    rows = [r.id for r in selection.reports]
    tables: list[int] = []
    if len(rows) <= 50:
        marks = ",".join("?" * len(rows))
        tables = [
            row[0]
            for row in connection.execute(
                f"SELECT id FROM paragraphs WHERE kind = 'judgements' AND report IN ({marks}) ORDER BY report, ordinal",
                rows,
            )
        ]
    stating = []
    if candidates:
        marks = ",".join("?" * len(candidates))
        texts = dict(connection.execute(f"SELECT id, text FROM paragraphs WHERE id IN ({marks})", list(candidates)))
        stating = [pid for pid in candidates if pid in texts and _GRADE_STATEMENT.search(texts[pid])]
    return stating + [t for t in tables if t not in stating]


def fuse(rankings: Sequence[tuple[Sequence[int], float]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion of several ranked id lists, each with a weight."""
    scores: dict[int, float] = defaultdict(float)
    for ids, weight in rankings:
        for rank, pid in enumerate(ids):
            scores[pid] += weight / (k + rank + 1)
    return sorted(scores.items(), key=lambda item: item[1], reverse=True)


def rank(
    connection,
    vectors,
    query_vector: np.ndarray,
    understanding: Understanding,
    selection: Selection,
    limit: int,
) -> list[tuple[int, float]]:
    """The best `limit` paragraphs for the question among the selected reports."""
    dense = dense_ranking(connection, vectors, query_vector, selection)
    lexical = lexical_ranking(connection, understanding.text, selection)
    rankings: list[tuple[Sequence[int], float]] = [
        ([pid for pid, _ in dense], DENSE_WEIGHT),
        ([pid for pid, _ in lexical], LEXICAL_WEIGHT),
    ]
    if understanding.about_judgements:
        pool = [pid for pid, _ in fuse(rankings)[:40]]
        rankings.append((judgement_ranking(connection, selection, pool), JUDGEMENT_WEIGHT))
    return fuse(rankings)[:limit]
