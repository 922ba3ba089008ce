"""The index's SQLite store: reports, paragraphs, their citations, and a lexical index.

One SQLite file per snapshot holds everything but the vectors: report facts,
paragraphs with their citation fields, the windows each paragraph was embedded
as (a window's row id is its vector id in FAISS), the files each report came
from, and an FTS5 table for BM25 ranking. FTS5 takes inserts and deletes in
place, which is what adding one report to five hundred needs. Nothing here is
pickled: loading an index runs no code from it.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .changes import Damaged
from ..models import JUDGEMENT_KEYS, Judgements, Paragraph, Report, ReportFacts, StatedJudgement, iso

FORMAT_VERSION = 7  # 2: the judgements table; 3: sentence keys (boilerplate); 4: ids from facts, vectors one text a run; 5: keys for sentences that define a grade; 6: care leavers graded apart (facts), the 2012 areas for improvement (keys); 7: grades put as 'requires improvement' (facts)
DB_NAME = "askofsted.sqlite"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    report_id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    authority TEXT,
    report_type TEXT,
    inspection_start TEXT,
    inspection_end TEXT,
    published TEXT,
    lead_inspector TEXT,
    year INTEGER,
    overall_effectiveness TEXT,
    impact_of_leaders TEXT,
    help_and_protection TEXT,
    children_in_care TEXT,
    care_leavers TEXT
);
CREATE INDEX reports_authority ON reports (authority, year);
CREATE TABLE judgements (
    report INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    key TEXT,
    label TEXT NOT NULL,
    grade TEXT NOT NULL,
    anchor TEXT NOT NULL,
    PRIMARY KEY (report, position)
);
CREATE TABLE paragraphs (
    id INTEGER PRIMARY KEY,
    report INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    anchor TEXT NOT NULL,
    number INTEGER,
    kind TEXT NOT NULL,
    headings TEXT NOT NULL,
    pages TEXT NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (report, anchor)
);
CREATE INDEX paragraphs_report ON paragraphs (report, ordinal);
CREATE TABLE sentences (
    key TEXT NOT NULL,
    paragraph INTEGER NOT NULL REFERENCES paragraphs (id) ON DELETE CASCADE,
    weight INTEGER NOT NULL
);
CREATE INDEX sentences_key ON sentences (key);
CREATE INDEX sentences_paragraph ON sentences (paragraph);
CREATE TABLE chunks (
    id INTEGER PRIMARY KEY,
    paragraph INTEGER NOT NULL REFERENCES paragraphs (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX chunks_paragraph ON chunks (paragraph);
CREATE TABLE sources (
    path TEXT PRIMARY KEY,
    report INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL
);
CREATE TABLE excluded (path TEXT PRIMARY KEY);
CREATE VIRTUAL TABLE paragraph_fts USING fts5 (
    text, context, tokenize = 'porter unicode61 remove_diacritics 2'
);
"""


@dataclass(frozen=True)
class StoredReport:
    """A report's row: its facts and identity, without its paragraphs."""

    id: int
    report_id: str
    content_hash: str
    source: str
    facts: ReportFacts


@dataclass(frozen=True)
class StoredParagraph:
    id: int
    report: int
    paragraph: Paragraph


@dataclass(frozen=True)
class SourceFile:
    path: str
    report: int
    size: int
    mtime_ns: int
    sha256: str


def create(path: Path, meta: dict[str, str]) -> sqlite3.Connection:
    """A new, empty store at `path` with the given metadata."""
    connection = _connect(path)
    connection.executescript(_SCHEMA)
    connection.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [("format_version", str(FORMAT_VERSION)), *meta.items()],
    )
    connection.commit()
    return connection


def open_writable(path: Path) -> sqlite3.Connection:
    """The store of a snapshot being prepared: one connection, used by the writer's thread."""
    return _connect(path)


def open_readonly(path: Path) -> sqlite3.Connection:
    """Open a published snapshot's store: immutable, so SQLite takes no locks at all.

    The caller gives each thread its own connection (a connection is made to be used by
    one thread at a time); `check_same_thread` is off only so that whoever closes the
    snapshot can close every thread's connection. Raises Damaged if it is not a store.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"  # as_uri escapes '?', '#' and '%' in the path
    try:
        connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        connection.row_factory = sqlite3.Row
        connection.execute("SELECT 1 FROM meta LIMIT 1")
    except sqlite3.DatabaseError as exc:
        raise Damaged(f"{path.parent.name}/{path.name}", f"cannot be read ({exc})") from None
    return connection


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA synchronous = NORMAL")
    return connection


def integrity(connection: sqlite3.Connection) -> str | None:
    """What SQLite's full check finds wrong with the store, or None (slow: reads every page)."""
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check(3)")]
    return None if problems == ["ok"] else "; ".join(problems)


def read_meta(connection: sqlite3.Connection) -> dict[str, str]:
    return {row["key"]: row["value"] for row in connection.execute("SELECT key, value FROM meta")}


def write_meta(connection: sqlite3.Connection, meta: dict[str, str]) -> None:
    connection.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta.items())


# ---------------------------------------------------------------- writing


def insert_report(
    connection: sqlite3.Connection,
    report: Report,
    report_id: str,
    context: Sequence[str],
    sentences: Sequence[Sequence[tuple[str, int]]],
) -> list[int]:
    """Store a report and its paragraphs; returns the paragraphs' row ids in order.

    `context` holds, per paragraph, the extra words (headings) the lexical index
    matches besides the paragraph's own text; `sentences` the (key, weight) of each
    sentence that the same sentence shares in other reports (see `boilerplate`).
    """
    facts = report.facts
    cursor = connection.execute(
        "INSERT INTO reports (report_id, content_hash, source, authority, report_type, inspection_start,"
        " inspection_end, published, lead_inspector, year, " + ", ".join(JUDGEMENT_KEYS) + ")"
        " VALUES (" + ", ".join("?" * (10 + len(JUDGEMENT_KEYS))) + ")",
        (
            report_id,
            report.content_hash,
            report.source,
            facts.authority,
            facts.report_type,
            iso(facts.inspection_start),
            iso(facts.inspection_end),
            iso(facts.published),
            facts.lead_inspector,
            facts.year,
            *(getattr(facts.judgements, key) for key in JUDGEMENT_KEYS),
        ),
    )
    report_row = cursor.lastrowid
    connection.executemany(
        "INSERT INTO judgements (report, position, key, label, grade, anchor) VALUES (?, ?, ?, ?, ?, ?)",
        [(report_row, i, s.key, s.label, s.grade, s.anchor) for i, s in enumerate(facts.stated_judgements)],
    )
    ids = []
    for paragraph, extra, keys in zip(report.paragraphs, context, sentences, strict=True):
        cursor = connection.execute(
            "INSERT INTO paragraphs (report, ordinal, anchor, number, kind, headings, pages, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                report_row,
                paragraph.ordinal,
                paragraph.anchor,
                paragraph.number,
                paragraph.kind,
                json.dumps(list(paragraph.headings)),
                json.dumps(list(paragraph.pages)),
                paragraph.text,
            ),
        )
        ids.append(cursor.lastrowid)
        connection.executemany("INSERT INTO sentences (key, paragraph, weight) VALUES (?, ?, ?)",
                               [(key, cursor.lastrowid, weight) for key, weight in keys])
        connection.execute(
            "INSERT INTO paragraph_fts (rowid, text, context) VALUES (?, ?, ?)", (cursor.lastrowid, paragraph.text, extra)
        )
    return ids


def insert_chunks(connection: sqlite3.Connection, rows: Iterable[tuple[int, int, int]]) -> list[int]:
    """Store (paragraph id, start, end) windows; returns their ids, which are their vector ids."""
    ids = []
    for paragraph, start, end in rows:
        cursor = connection.execute("INSERT INTO chunks (paragraph, start, end) VALUES (?, ?, ?)", (paragraph, start, end))
        ids.append(cursor.lastrowid)
    return ids


def delete_report(connection: sqlite3.Connection, report: int) -> list[int]:
    """Delete a report with its paragraphs, windows and files; returns the vector ids to drop."""
    vector_ids = [
        row[0]
        for row in connection.execute(
            "SELECT chunks.id FROM chunks JOIN paragraphs ON paragraphs.id = chunks.paragraph WHERE paragraphs.report = ?",
            (report,),
        )
    ]
    connection.execute("DELETE FROM paragraph_fts WHERE rowid IN (SELECT id FROM paragraphs WHERE report = ?)", (report,))
    connection.execute("DELETE FROM reports WHERE id = ?", (report,))
    return vector_ids


def upsert_source(connection: sqlite3.Connection, source: SourceFile) -> None:
    connection.execute(
        "INSERT OR REPLACE INTO sources (path, report, size, mtime_ns, sha256) VALUES (?, ?, ?, ?, ?)",
        (source.path, source.report, source.size, source.mtime_ns, source.sha256),
    )
    connection.execute("DELETE FROM excluded WHERE path = ?", (source.path,))


def delete_source(connection: sqlite3.Connection, path: str) -> None:
    connection.execute("DELETE FROM sources WHERE path = ?", (path,))


def exclude(connection: sqlite3.Connection, paths: Iterable[str]) -> None:
    connection.executemany("INSERT OR IGNORE INTO excluded (path) VALUES (?)", [(p,) for p in paths])


def include(connection: sqlite3.Connection, paths: Iterable[str]) -> None:
    connection.executemany("DELETE FROM excluded WHERE path = ?", [(p,) for p in paths])


# ---------------------------------------------------------------- reading


def reports(connection: sqlite3.Connection) -> list[StoredReport]:
    """Every report, by authority, date and id: an order that does not depend on the order they were added."""
    stated = _stated_judgements(connection)
    rows = connection.execute("SELECT * FROM reports ORDER BY authority, inspection_start, report_id")
    return [_stored_report(row, stated.get(row["id"], ())) for row in rows]


def report_by_hash(connection: sqlite3.Connection, content_hash: str) -> StoredReport | None:
    row = connection.execute("SELECT * FROM reports WHERE content_hash = ?", (content_hash,)).fetchone()
    return _stored_report(row, _stated_judgements(connection, row["id"]).get(row["id"], ())) if row else None


def report_by_id(connection: sqlite3.Connection, report_id: str) -> StoredReport | None:
    row = connection.execute("SELECT * FROM reports WHERE report_id = ?", (report_id,)).fetchone()
    return _stored_report(row, _stated_judgements(connection, row["id"]).get(row["id"], ())) if row else None


def _stated_judgements(connection: sqlite3.Connection, report: int | None = None) -> dict[int, tuple[StatedJudgement, ...]]:
    """Report row -> the judgements it states, in the report's order (of one report, or all)."""
    where, args = ("WHERE report = ?", (report,)) if report is not None else ("", ())
    out: dict[int, list[StatedJudgement]] = {}
    for row in connection.execute(f"SELECT * FROM judgements {where} ORDER BY report, position", args):
        out.setdefault(row["report"], []).append(StatedJudgement(row["label"], row["key"], row["grade"], row["anchor"]))
    return {report: tuple(items) for report, items in out.items()}


def report_id_of_row(connection: sqlite3.Connection, row: int) -> str:
    return connection.execute("SELECT report_id FROM reports WHERE id = ?", (row,)).fetchone()[0]


def report_ids_in_use(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT report_id FROM reports")}


def sources(connection: sqlite3.Connection) -> list[SourceFile]:
    return [SourceFile(**dict(row)) for row in connection.execute("SELECT * FROM sources ORDER BY path")]


def excluded(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT path FROM excluded")}


def paragraphs_by_ids(connection: sqlite3.Connection, ids: Sequence[int]) -> dict[int, StoredParagraph]:
    out: dict[int, StoredParagraph] = {}
    for batch, marks in _batches(ids):
        for row in connection.execute(f"SELECT * FROM paragraphs WHERE id IN ({marks})", batch):
            out[row["id"]] = _stored_paragraph(row)
    return out


TEMPLATE_AUTHORITIES = 3
"""A sentence that reports of this many authorities hold is standard text (or, in an index of
fewer authorities, one that all of them hold). Two councils' reports sometimes share a
finding's words, written by one inspector; three do only for Ofsted's own text."""
TEMPLATE_SHARE = 2 / 3  # of a paragraph's sentences, by weight, for it to be standard text


def boilerplate(connection: sqlite3.Connection, ids: Sequence[int]) -> set[int]:
    """Which of these paragraphs are no answer: a letter's form (kind 'letter'), a heading
    read as a paragraph ('Leadership, management and governance': a few words that end no
    sentence; see `_heading_like`), or a standard paragraph whose sentences reports of other
    authorities repeat."""
    return letter_form(connection, ids) | standard_text(connection, ids)


def letter_form(connection: sqlite3.Connection, ids: Sequence[int]) -> set[int]:
    """Which of these paragraphs are a letter's form or a heading read as a paragraph."""
    found: set[int] = set()
    for batch, marks in _batches(list(ids)):
        found.update(pid for pid, kind, text in connection.execute(
            f"SELECT id, kind, text FROM paragraphs WHERE id IN ({marks})"
            " AND (kind = 'letter' OR (kind = 'text' AND length(text) < 80))", batch)
            if kind == "letter" or _heading_like(text))
    return found


def standard_text(connection: sqlite3.Connection, ids: Sequence[int]) -> set[int]:
    """Which of these paragraphs are standard text: most of their sentences are in reports of
    other authorities too (see `TEMPLATE_AUTHORITIES`)."""
    if not ids:
        return set()
    authorities = connection.execute("SELECT count(DISTINCT authority) FROM reports").fetchone()[0]
    others = max(1, min(TEMPLATE_AUTHORITIES, authorities) - 1)
    found: set[int] = set()
    for batch, marks in _batches(list(ids)):
        rows = connection.execute(
            "SELECT s.paragraph, s.weight, (SELECT count(DISTINCT r2.authority) FROM sentences s2"
            "   JOIN paragraphs p2 ON p2.id = s2.paragraph JOIN reports r2 ON r2.id = p2.report"
            "   WHERE s2.key = s.key AND r2.authority IS NOT r.authority)"
            " FROM sentences s JOIN paragraphs p ON p.id = s.paragraph JOIN reports r ON r.id = p.report"
            f" WHERE s.paragraph IN ({marks})",
            batch,
        )
        total: dict[int, int] = {}
        shared: dict[int, int] = {}
        for paragraph, weight, elsewhere in rows:
            total[paragraph] = total.get(paragraph, 0) + weight
            if elsewhere >= others:
                shared[paragraph] = shared.get(paragraph, 0) + weight
        found.update(p for p, w in shared.items() if w >= TEMPLATE_SHARE * total[p])
    return found


def _heading_like(text: str) -> bool:
    """A line of six words or fewer that ends no sentence and labels nothing ('Help and
    protection', 'Leadership and management'); 'Deputy lead inspector: Jo Smith' says something."""
    text = text.strip()
    return len(text.split()) <= 6 and ":" not in text and not re.search(r"[.!?;)]$", text)


def paragraph_ids(connection: sqlite3.Connection, report: int, anchors: Sequence[str]) -> list[int]:
    """The ids of a report's paragraphs with these citation anchors, in the order given."""
    found = {row[0]: row[1] for row in connection.execute(
        "SELECT anchor, id FROM paragraphs WHERE report = ?", (report,)) if row[0] in set(anchors)}
    return [found[a] for a in anchors if a in found]


def paragraphs_of_report(connection: sqlite3.Connection, report: int) -> list[StoredParagraph]:
    rows = connection.execute("SELECT * FROM paragraphs WHERE report = ? ORDER BY ordinal", (report,))
    return [_stored_paragraph(row) for row in rows]


def paragraph_places(connection: sqlite3.Connection, ids: Sequence[int]) -> dict[int, tuple[str, int]]:
    """Paragraph id -> (report id, place in the report): where a paragraph is, whatever
    order its report was added in (row ids follow that order)."""
    out: dict[int, tuple[str, int]] = {}
    for batch, marks in _batches(list(ids)):
        for pid, report_id, ordinal in connection.execute(
            "SELECT p.id, r.report_id, p.ordinal FROM paragraphs p JOIN reports r ON r.id = p.report"
            f" WHERE p.id IN ({marks})", batch
        ):
            out[pid] = (report_id, ordinal)
    return out


def chunk_paragraphs(connection: sqlite3.Connection, chunk_ids: Sequence[int]) -> dict[int, int]:
    """Vector id -> paragraph id."""
    out: dict[int, int] = {}
    for batch, marks in _batches([int(i) for i in chunk_ids]):
        for row in connection.execute(f"SELECT id, paragraph FROM chunks WHERE id IN ({marks})", batch):
            out[row[0]] = row[1]
    return out


def chunk_ids_of_reports(connection: sqlite3.Connection, report_rows: Sequence[int]) -> list[int]:
    marks = ",".join("?" * len(report_rows))
    return [
        row[0]
        for row in connection.execute(
            f"SELECT chunks.id FROM chunks JOIN paragraphs ON paragraphs.id = chunks.paragraph"
            f" WHERE paragraphs.report IN ({marks})",
            list(report_rows),
        )
    ]


def lexical_search(
    connection: sqlite3.Connection, match: str, limit: int, report_rows: Sequence[int] | None = None
) -> list[tuple[int, float]]:
    """(paragraph id, BM25 score; higher is better) for an FTS5 MATCH expression.

    A report's paragraphs are stored together, so their ids form one range, and a
    rowid range lets FTS5 skip the rest of the index instead of scoring it all.
    """
    if not match:
        return []
    sql = "SELECT rowid, -bm25(paragraph_fts, 1.0, 0.4) AS score FROM paragraph_fts WHERE paragraph_fts MATCH ?"
    ranges: list[tuple[int, int] | None] = [None] if report_rows is None else paragraph_ranges(connection, report_rows)
    found: list[tuple[int, float]] = []
    try:
        for bounds in ranges:
            if bounds is None:
                rows = connection.execute(sql + " ORDER BY score DESC LIMIT ?", (match, limit))
            else:
                rows = connection.execute(sql + " AND rowid BETWEEN ? AND ? ORDER BY score DESC LIMIT ?",
                                          (match, *bounds, limit))
            found.extend((row[0], row[1]) for row in rows)
    except sqlite3.OperationalError:
        return []
    return sorted(found, key=lambda item: item[1], reverse=True)[:limit]


def paragraph_ranges(connection: sqlite3.Connection, report_rows: Sequence[int]) -> list[tuple[int, int]]:
    """The (first, last) paragraph id of each report: inserted together, they are contiguous."""
    marks = ",".join("?" * len(report_rows))
    return [
        (row[0], row[1])
        for row in connection.execute(
            f"SELECT min(id), max(id) FROM paragraphs WHERE report IN ({marks}) GROUP BY report", list(report_rows)
        )
    ]


def paragraph_rows(
    connection: sqlite3.Connection, report_rows: Sequence[int] = (), ids: Sequence[int] = ()
) -> list[tuple[int, str, str, str]]:
    """(id, kind, headings as JSON, text) of the paragraphs of these reports, or with these ids, in report order."""
    column, values = ("report", list(report_rows)) if report_rows else ("id", list(ids))
    if not values:
        return []
    marks = ",".join("?" * len(values))
    return connection.execute(
        f"SELECT id, kind, headings, text FROM paragraphs WHERE {column} IN ({marks}) ORDER BY report, ordinal", values
    ).fetchall()


def grade_tables(connection: sqlite3.Connection, ids: Sequence[int]) -> set[int]:
    """Which of these paragraphs are a report's grade table (kind 'judgements')."""
    found: set[int] = set()
    for batch, marks in _batches(list(ids)):
        found.update(pid for (pid,) in connection.execute(
            f"SELECT id FROM paragraphs WHERE id IN ({marks}) AND kind = 'judgements'", batch))
    return found


def numbering(connection: sqlite3.Connection, ids: Sequence[int]) -> dict[int, tuple[bool, int]]:
    """Paragraph id -> (whether it is numbered, how many numbered paragraphs its report has)."""
    out: dict[int, tuple[bool, int]] = {}
    for batch, marks in _batches(ids):
        for pid, numbered, numbers in connection.execute(
            "SELECT p.id, p.number IS NOT NULL, (SELECT count(number) FROM paragraphs q WHERE q.report = p.report)"
            f" FROM paragraphs p WHERE p.id IN ({marks})",
            batch,
        ):
            out[pid] = (bool(numbered), numbers)
    return out


def paragraph_count(connection: sqlite3.Connection) -> int:
    return connection.execute("SELECT count(*) FROM paragraphs").fetchone()[0]


def fts_phrase(term: str) -> str:
    """A word (or words, in order) as an FTS5 phrase, so nothing is read as FTS5 syntax."""
    return '"' + term.replace('"', '""') + '"'


def document_frequency(connection: sqlite3.Connection, term: str) -> int:
    """How many paragraphs hold this word (as FTS5 stems it)."""
    return connection.execute(
        "SELECT count(*) FROM paragraph_fts WHERE paragraph_fts MATCH ?", (fts_phrase(term),)
    ).fetchone()[0]


def near_frequency(connection: sqlite3.Connection, first: str, second: str, gap: int) -> int:
    """How many paragraphs hold two words with at most `gap` words between them, in either order."""
    return connection.execute(
        "SELECT count(*) FROM paragraph_fts WHERE paragraph_fts MATCH ?",
        (f"NEAR({fts_phrase(first)} {fts_phrase(second)}, {gap})",),
    ).fetchone()[0]


def terms_in_paragraph(connection: sqlite3.Connection, paragraph: int, terms: Sequence[str]) -> list[str]:
    """The words of `terms` this paragraph (or its headings) holds."""
    return [
        term
        for term in terms
        if connection.execute("SELECT 1 FROM paragraph_fts WHERE paragraph_fts MATCH ? AND rowid = ?",
                              (fts_phrase(term), paragraph)).fetchone()
    ]


def chunk_count(connection: sqlite3.Connection) -> int:
    return connection.execute("SELECT count(*) FROM chunks").fetchone()[0]


def counts(connection: sqlite3.Connection) -> dict[str, int]:
    return {
        table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("reports", "paragraphs", "chunks", "sources")
    }


# ---------------------------------------------------------------- rows


def _batches(ids: Sequence[int], size: int = 900):
    """(batch, placeholders) under SQLite's limit on bound parameters."""
    for start in range(0, len(ids), size):
        batch = list(ids[start : start + size])
        yield batch, ",".join("?" * len(batch))


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _stored_report(row: sqlite3.Row, stated: tuple[StatedJudgement, ...] = ()) -> StoredReport:
    facts = ReportFacts(
        authority=row["authority"],
        report_type=row["report_type"],
        inspection_start=_day(row["inspection_start"]),
        inspection_end=_day(row["inspection_end"]),
        published=_day(row["published"]),
        lead_inspector=row["lead_inspector"],
        judgements=Judgements(**{key: row[key] for key in JUDGEMENT_KEYS}),
        stated_judgements=stated,
    )
    return StoredReport(row["id"], row["report_id"], row["content_hash"], row["source"], facts)


def _stored_paragraph(row: sqlite3.Row) -> StoredParagraph:
    paragraph = Paragraph(
        text=row["text"],
        ordinal=row["ordinal"],
        anchor=row["anchor"],
        number=row["number"],
        headings=tuple(json.loads(row["headings"])),
        pages=tuple(json.loads(row["pages"])),
        kind=row["kind"],
    )
    return StoredParagraph(row["id"], row["report"], paragraph)
