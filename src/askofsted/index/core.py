"""The index: open it, search it, and change it without ever breaking it.

An `Index` is a folder of snapshots (see `snapshots`); each snapshot holds the
SQLite store (reports, paragraphs, citations, BM25), the FAISS vectors, and the
ONNX encoder that made them, so questions are encoded by exactly the model the
index was built with. Opening an index runs no code from it: SQLite rows, a FAISS
file and an ONNX graph are data.

Writers (`build_index`, `Index.add/remove/update/rebuild`) read and embed only
what changed, then publish a new snapshot atomically.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import snapshots
from . import store
from ..config import default_index_path
from ..errors import IndexBusy, IndexMissing, IndexOutdated, UnknownReport
from ..models import Answer, Citation, Result, citation_id
from .changes import DEFAULT_VARIANT, EMBEDDING_RECIPE, ENCODER_DIR, Change, IndexInfo, Progress

# ---------------------------------------------------------------- opening


def open_index(path: str | Path | None = None) -> Index:
    """Open the index at `path` (default: ASKOFSTED_INDEX, else the project's index/)."""
    root = _root(path)
    snapshot = snapshots.current(root)
    if snapshot is None:
        leftovers = (snapshots.LOCK, "README.md")  # and staging folders of a build that never finished
        if root.is_dir() and any(p.name not in leftovers and ".tmp-" not in p.name for p in root.iterdir()):
            raise IndexOutdated(f"{root} holds no askofsted index of this version; build one there with: "
                                f"askofsted index build --index {root} SOURCE")
        raise IndexMissing(f"no index at {root}; build one with: askofsted index build --index {root} [SOURCE ...]")
    return Index(root, snapshot)


class Index:
    """An open snapshot of an index. Search it; change it through its write methods."""

    def __init__(self, root: Path, snapshot: Path):
        self.root = root
        self._open(snapshot)

    def _open(self, snapshot: Path) -> None:
        self.snapshot = snapshot
        self._connection = store.open_readonly(snapshot / store.DB_NAME)
        self.meta = store.read_meta(self._connection)
        _check_compatible(self.root, self.meta)
        self._reports = store.reports(self._connection)
        self._vectors = None
        self._encoder = None

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------ reading

    @property
    def encoder(self):
        if self._encoder is None:
            from .encoder import OnnxEncoder

            self._encoder = OnnxEncoder(self.snapshot / ENCODER_DIR, variant=self.meta["encoder_variant"])
        return self._encoder

    @property
    def vectors(self):
        if self._vectors is None:
            from .vectors import FILE_NAME, VectorIndex

            self._vectors = VectorIndex.load(self.snapshot / FILE_NAME)
        return self._vectors

    def reports(self) -> list[store.StoredReport]:
        """Every report in the index, by authority and date."""
        return list(self._reports)

    def info(self) -> IndexInfo:
        counts = store.counts(self._connection)
        size = sum(p.stat().st_size for p in self.snapshot.rglob("*") if p.is_file())
        return IndexInfo(
            path=str(self.root),
            reports=counts["reports"],
            paragraphs=counts["paragraphs"],
            windows=counts["chunks"],
            sources=counts["sources"],
            model=self.meta.get("encoder_name", "?"),
            format_version=int(self.meta.get("format_version", 0)),
            size_bytes=size,
            created=self.meta.get("created", ""),
            updated=self.meta.get("updated", ""),
            roots=tuple(json.loads(self.meta.get("roots", "[]"))),
        )

    @property
    def connection(self):
        """The snapshot's SQLite store, read-only (see `store` for what it holds)."""
        return self._connection

    def search(self, question: str, k: int = 5, **filters) -> list[Result]:
        """The k paragraphs that best answer the question, cited.

        Filters (each optional): authority, year, since, until, type (report type
        key, see REPORT_TYPES), latest (bool). What the question itself says
        ('in 2012', 'Kingston', 'the latest inspection') is understood too; a
        filter given here overrides it.
        """
        return list(self.ask(question, k=k, **filters).results)

    def ask(self, question: str, k: int = 5, **options) -> Answer:
        """Like `search`, with what was understood and a note when nothing matched
        (see `asking.answer.ask` for the options)."""
        from ..asking.answer import ask

        return ask(self, question, k=k, **options)

    def citation(self, report: store.StoredReport, paragraph) -> Citation:
        """The one place a paragraph's citation is made."""
        facts = report.facts
        return Citation(
            id=citation_id(report.report_id, paragraph.anchor),
            authority=facts.authority,
            report_type=facts.report_type,
            inspection_start=facts.inspection_start,
            inspection_end=facts.inspection_end,
            published=facts.published,
            section=paragraph.section,
            paragraph=paragraph.number,
            pages=paragraph.pages,
            source=report.source,
            headings=paragraph.headings,
        )

    def show(self, cited: str, around: int = 1) -> tuple[store.StoredReport, list[tuple[Citation, str, bool]]]:
        """A paragraph by its citation id, with `around` paragraphs either side.

        Returns the report and (citation, text, is_the_one_asked_for) rows in order.
        """
        report_id, _, anchor = cited.strip().partition("#")
        report = store.report_by_id(self._connection, report_id)
        if report is None:
            raise UnknownReport(f"no report {report_id!r} in this index; `askofsted index info --reports --index {self.root}` lists them")
        paragraphs = store.paragraphs_of_report(self._connection, report.id)
        position = next((i for i, p in enumerate(paragraphs) if p.paragraph.anchor == anchor), None)
        if position is None:
            raise UnknownReport(f"{report_id} has no paragraph {anchor!r}; its paragraphs run from "
                                f"#{paragraphs[0].paragraph.anchor} to #{paragraphs[-1].paragraph.anchor}")
        window = paragraphs[max(0, position - around) : position + around + 1]
        return report, [(self.citation(report, p.paragraph), p.paragraph.text, p is paragraphs[position]) for p in window]

    # ------------------------------------------------ writing

    def add(self, paths: Iterable[str | Path], progress: Progress | None = None, workers: int = 1,
            on_wait: Callable[[str], None] | None = None) -> Change:
        """Add reports from files or folders; only new or changed files are read and embedded."""
        paths = [Path(p) for p in paths]
        return self._write(lambda plan: plan.add(paths, progress, workers), on_wait)

    def remove(self, reports: Iterable[str], on_wait: Callable[[str], None] | None = None) -> Change:
        """Remove reports by report id, citation id or source path."""
        names = list(reports)
        return self._write(lambda plan: plan.remove(names), on_wait)

    def update(self, progress: Progress | None = None, workers: int = 1,
               on_wait: Callable[[str], None] | None = None) -> Change:
        """Bring the index in line with its source folders: new, changed and deleted reports."""
        return self._write(lambda plan: plan.update(progress, workers), on_wait)

    def _write(self, action, on_wait) -> Change:
        from .staging import Plan

        change = _apply(self.root, on_wait, lambda: Plan.from_snapshot(self.root, snapshots.current(self.root)),
                        action, publish_if=lambda change: change.changed or bool(change.duplicates))
        self.close()
        self._open(snapshots.current(self.root))
        return change

    # ------------------------------------------------ grades over time

    def history(self, authority: str):
        """Every report of an authority, oldest first, and how its grades moved between
        graded inspections (see `askofsted.history.history`)."""
        from ..history import history

        return history(self._reports, authority)

    def grades(self, **filters):
        """Graded inspections as rows: latest, as at a date, by year, judgement, grade,
        authority or region (see `askofsted.history.grades`)."""
        from ..history import grades

        return grades(self._reports, **filters)


def _apply(root: Path, on_wait, make_plan, action, publish_if=lambda change: True) -> Change:
    """Under the index's write lock, make the next snapshot, apply `action` to it and
    publish it, or discard it if the action fails: every change is all or nothing.
    `make_plan` may return None: there is nothing to do after all."""
    started = time.perf_counter()
    try:
        with snapshots.writer_lock(root, on_wait):
            plan = make_plan()
            if plan is None:
                return Change()
            try:
                change = action(plan)
            except BaseException:
                plan.discard()
                raise
            if publish_if(change):
                plan.publish()
            else:
                plan.discard()
    except snapshots.Busy as exc:
        raise IndexBusy(str(exc)) from None
    change.seconds = time.perf_counter() - started
    return change


def build_index(
    sources: Iterable[str | Path],
    path: str | Path | None = None,
    progress: Progress | None = None,
    workers: int = 1,
    variant: str = DEFAULT_VARIANT,
    on_wait: Callable[[str], None] | None = None,
    excluded: Iterable[str] = (),
    replace: bool = True,
) -> tuple[Index, Change]:
    """Build a new index from files and folders, replacing any index at `path` only when done.

    `excluded` names files under those folders to leave out (reports a user removed).
    With `replace=False` an index already at `path` is opened and left as it is: two
    first questions at once build the default index once, the second waiting for it.
    """
    from .staging import Plan

    root = _root(path)
    sources = [Path(s).resolve() for s in sources]

    def fresh_plan() -> Plan | None:
        if not replace and snapshots.current(root) is not None:
            return None  # another writer built it while this one waited
        return Plan.fresh(root, variant)

    def add(plan: Plan) -> Change:
        store.exclude(plan.connection, excluded)
        return plan.add(sources, progress, workers, strict=True)

    change = _apply(root, on_wait, fresh_plan, add)
    return open_index(root), change


def rebuild_index(path: str | Path | None = None, progress: Progress | None = None, workers: int = 1,
                  on_wait: Callable[[str], None] | None = None) -> tuple[Index, Change]:
    """Re-read and re-embed everything from the index's recorded source folders."""
    root = _root(path)
    roots, excluded = _recorded_sources(root)
    if not roots:
        raise IndexMissing(f"no index at {root} to rebuild; build one with: askofsted index build --index {root} SOURCE")
    return build_index(roots, root, progress, workers, on_wait=on_wait, excluded=excluded)


def _root(path: str | Path | None) -> Path:
    return Path(path).expanduser() if path else default_index_path()


def _recorded_sources(root: Path) -> tuple[list[str], list[str]]:
    """The source folders an index (of any format version) was built from, and the files
    removed from it, if its store can be read at all."""
    snapshot = snapshots.current(root)
    if snapshot is None:
        return [], []
    try:
        connection = store.open_readonly(snapshot / store.DB_NAME)
    except store.StoreError:
        return [], []
    try:
        return json.loads(store.read_meta(connection).get("roots", "[]")), sorted(store.excluded(connection))
    except (sqlite3.DatabaseError, json.JSONDecodeError):
        return [], []
    finally:
        connection.close()


def _check_compatible(root: Path, meta: dict[str, str]) -> None:
    version = int(meta.get("format_version", 0))
    if version != store.FORMAT_VERSION:
        raise IndexOutdated(
            f"the index at {root} has format {version}, this askofsted reads format {store.FORMAT_VERSION}; "
            f"rebuild it with: askofsted index rebuild --index {root}"
        )
    from .encoder import SHORT_NAME

    if not meta.get("encoder_name", "").startswith(SHORT_NAME) or meta.get("embedding_recipe") != EMBEDDING_RECIPE:
        raise IndexOutdated(
            f"the index at {root} was embedded with {meta.get('encoder_name', 'another model')} "
            f"({meta.get('embedding_recipe', 'another recipe')}); this askofsted uses {SHORT_NAME} "
            f"({EMBEDDING_RECIPE}): rebuild it with: askofsted index rebuild --index {root}"
        )
