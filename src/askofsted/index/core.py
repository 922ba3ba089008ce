"""The index: open it, ask it from any thread, and change it without ever breaking it.

An index is a folder of snapshots (see `snapshots`); each snapshot holds the
SQLite store (reports, paragraphs, citations, BM25), the FAISS vectors, and the
ONNX encoder that made them, so questions are encoded by exactly the model the
index was built with. Opening an index runs no code from it and reads nothing
outside it: SQLite rows, a FAISS file and an ONNX graph are data, each reached
without following a link, and the model must have the hash the index recorded.

An open `Index` follows its folder: a question is answered from the newest
published snapshot, taken whole when the question starts (`Index.snapshot()`),
so a change published meanwhile is seen by the next question, never mid-answer.
One `Index` can be shared by a server's threads: a `Snapshot` gives each thread
its own SQLite connection and shares its read-only vectors and encoder.

Writers (`build_index`, `rebuild_index`, `Index.add/remove/update`) prepare the
next snapshot in a staging transaction (see `staging`) and publish it atomically.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from . import snapshots
from . import store
from ..config import default_index_path
from ..errors import ChangeInterrupted, IndexMissing, NothingToIndex, UnknownReport
from ..models import Answer, Citation, Result, citation_id
from .changes import DEFAULT_VARIANT, ENCODER_DIR, Change, Damaged, IndexInfo, Progress, check_compatible, damaged_error
from .vectors import FILE_NAME as VECTORS_FILE

_ATTEMPTS = 5  # a snapshot pruned while it was being opened is followed by the newer one this many times

# ---------------------------------------------------------------- opening


def open_index(path: str | Path | None = None, load: bool = True) -> Index:
    """Open the index at `path` (default: ASKOFSTED_INDEX, else the project's index/).

    Its newest snapshot is opened now, so a missing, outdated or damaged index is refused
    here. `load=False` opens nothing yet: for a writer, whose change checks the index itself.
    """
    index = Index(_root(path))
    if load:
        index.snapshot()
    return index


class Snapshot:
    """One published snapshot, open: its store, vectors and encoder, all opened together
    (so it answers even after a writer prunes its folder), and read-only from then on.

    Safe to share between threads: each thread gets its own SQLite connection
    (`connection`); FAISS searches and ONNX Runtime sessions may run concurrently.
    """

    def __init__(self, root: Path, folder: Path, previous: Snapshot | None = None):
        self.root = root
        self.folder = folder
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self.parts = snapshots.recorded_parts(folder)
        snapshots.check_parts(folder, self.parts)  # sizes: a part cut short is caught here
        self._store_path = snapshots.part_path(folder, store.DB_NAME)
        with self._reading_store():
            self.meta = store.read_meta(self.connection)
        check_compatible(root, folder.name, self.meta)
        with self._reading_store():
            self._reports = tuple(store.reports(self.connection))
            windows = store.chunk_count(self.connection)
        self.vectors = _load_vectors(folder, windows)
        self.encoder, self._encoder_files = _load_encoder(folder, self.meta, previous)
        if self.encoder.dim != self.vectors.dim:
            raise Damaged(f"{folder.name}/{VECTORS_FILE}",
                          f"holds vectors of {self.vectors.dim} dimensions; the model makes {self.encoder.dim}")

    # ------------------------------------------------ threads

    @property
    def connection(self) -> sqlite3.Connection:
        """This thread's read-only connection to the snapshot's store (opened on first use)."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = store.open_readonly(self._store_path)
            with self._lock:
                self._connections.append(connection)
            self._local.connection = connection
        return connection

    def close(self) -> None:
        """Close every thread's connection (the vectors and encoder go with the object)."""
        with self._lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self._local = threading.local()

    @contextlib.contextmanager
    def _reading_store(self) -> Iterator[None]:
        """A store damaged inside (random bytes in a page) shows only when that page is read."""
        try:
            yield
        except sqlite3.ProgrammingError:
            raise
        except sqlite3.DatabaseError as exc:
            raise damaged_error(self.root, Damaged(f"{self.folder.name}/{store.DB_NAME}",
                                                   f"cannot be read ({exc})")) from None

    # ------------------------------------------------ reading

    def reports(self) -> list[store.StoredReport]:
        """Every report in the snapshot, by authority, date and id."""
        return list(self._reports)

    def info(self) -> IndexInfo:
        with self._reading_store():
            counts = store.counts(self.connection)
        return IndexInfo(
            path=str(self.root),
            reports=counts["reports"],
            paragraphs=counts["paragraphs"],
            windows=counts["chunks"],
            sources=counts["sources"],
            model=self.meta.get("encoder_name", "?"),
            format_version=int(self.meta.get("format_version", 0)),
            size_bytes=sum(p.bytes for p in self.parts.values()) if self.parts else _size(self.folder),
            created=self.meta.get("created", ""),
            updated=self.meta.get("updated", ""),
            roots=tuple(json.loads(self.meta.get("roots", "[]"))),
        )

    def check(self) -> None:
        """The slow checks: every part against its recorded SHA-256, and SQLite's own
        integrity check of the store. Raises IndexDamaged naming the first bad part."""
        try:
            snapshots.check_parts(self.folder, self.parts, hashes=True)
        except Damaged as exc:
            raise damaged_error(self.root, exc) from None
        with self._reading_store():
            problem = store.integrity(self.connection)
        if problem:
            raise damaged_error(self.root, Damaged(f"{self.folder.name}/{store.DB_NAME}", f"is damaged ({problem})"))

    def search(self, question: str, k: int = 5, **filters) -> list[Result]:
        return list(self.ask(question, k=k, **filters).results)

    def ask(self, question: str, k: int = 5, **options) -> Answer:
        """See `Index.ask`; answered from this snapshot alone."""
        from ..asking.answer import ask
        from ..errors import BadQuestion

        if not isinstance(question, str) or not question.strip():
            raise BadQuestion("the question is empty; ask it in words, e.g. \"how are care leavers supported?\"")
        with self._reading_store():
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
        """See `Index.show`."""
        report_id, hash_mark, anchor = cited.strip().partition("#")
        with self._reading_store():
            report = store.report_by_id(self.connection, report_id)
            if report is None:
                raise UnknownReport(f"no report {report_id!r} in this index; "
                                    f"`askofsted index info --reports --index {self.root}` lists them")
            paragraphs = store.paragraphs_of_report(self.connection, report.id)
        if not paragraphs:
            raise UnknownReport(f"{report_id} has no paragraphs")
        if not hash_mark:  # a report id alone: its start
            return report, [(self.citation(report, p.paragraph), p.paragraph.text, False)
                            for p in paragraphs[: 2 * around + 1]]
        position = next((i for i, p in enumerate(paragraphs) if p.paragraph.anchor == anchor), None)
        if position is None:
            raise UnknownReport(f"{report_id} has no paragraph {anchor!r}; its paragraphs run from "
                                f"#{paragraphs[0].paragraph.anchor} to #{paragraphs[-1].paragraph.anchor}")
        window = paragraphs[max(0, position - around) : position + around + 1]
        return report, [(self.citation(report, p.paragraph), p.paragraph.text, p is paragraphs[position])
                        for p in window]

    def history(self, authority: str):
        """See `Index.history`; from this snapshot's reports."""
        from ..history import history

        return history(self.reports(), authority)

    def grades(self, **filters):
        """See `Index.grades`; from this snapshot's reports."""
        from ..history import grades

        return grades(self.reports(), **filters)

    def paragraph_count(self, report: store.StoredReport) -> tuple[int, str, str]:
        """How many paragraphs a report has, and its first and last anchors."""
        with self._reading_store():
            paragraphs = store.paragraphs_of_report(self.connection, report.id)
        return len(paragraphs), paragraphs[0].paragraph.anchor, paragraphs[-1].paragraph.anchor


class Index:
    """An index folder, open for questions and changes.

    Each question is answered from the newest published snapshot, taken when the
    question starts (`snapshot()`) and kept to its end. Safe to share between threads.
    """

    def __init__(self, root: Path):
        self.root = root
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None

    def snapshot(self) -> Snapshot:
        """The newest published snapshot, open, with this thread's connection ready.

        Take one per question and use it throughout: it holds store, vectors and
        encoder of one snapshot. A snapshot pruned by writers while this opens it is
        followed by the newer one."""
        for _ in range(_ATTEMPTS):
            try:
                folder = snapshots.current(self.root)
            except Damaged as exc:
                raise damaged_error(self.root, exc) from None
            if folder is None:
                raise snapshots.no_index(self.root)
            try:
                with self._lock:
                    if self._snapshot is None or self._snapshot.folder != folder:
                        self._snapshot = Snapshot(self.root, folder, previous=self._snapshot)
                    snapshot = self._snapshot
                snapshot.connection  # noqa: B018 - opened now, while the folder is there
                return snapshot
            except Damaged as exc:
                if _moved_on(self.root, folder):
                    continue
                raise damaged_error(self.root, exc) from None
        raise damaged_error(self.root, Damaged(snapshots.POINTER, "moved on every time its snapshot was opened"))

    def close(self) -> None:
        """Close the open snapshot's connections; a later question opens the newest again."""
        with self._lock:
            if self._snapshot is not None:
                self._snapshot.close()
                self._snapshot = None

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------ reading (each call: the newest snapshot)

    @property
    def meta(self) -> dict[str, str]:
        return self.snapshot().meta

    @property
    def connection(self) -> sqlite3.Connection:
        """This thread's connection to the newest snapshot's store (see `store` for what it holds)."""
        return self.snapshot().connection

    @property
    def vectors(self):
        return self.snapshot().vectors

    @property
    def encoder(self):
        return self.snapshot().encoder

    def reports(self) -> list[store.StoredReport]:
        """Every report in the index, by authority, date and id."""
        return self.snapshot().reports()

    def info(self) -> IndexInfo:
        return self.snapshot().info()

    def check(self) -> None:
        """Check every part against its recorded hash (slow); raises IndexDamaged."""
        self.snapshot().check()

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
        (see `asking.answer.ask` for the options). One snapshot answers it throughout."""
        return self.snapshot().ask(question, k=k, **options)

    def citation(self, report: store.StoredReport, paragraph) -> Citation:
        return self.snapshot().citation(report, paragraph)

    def show(self, cited: str, around: int = 1) -> tuple[store.StoredReport, list[tuple[Citation, str, bool]]]:
        """A paragraph by its citation id, with `around` paragraphs either side; a report
        id alone gives the report's first paragraphs.

        Returns the report and (citation, text, is_the_one_asked_for) rows in order.
        """
        return self.snapshot().show(cited, around)

    # ------------------------------------------------ writing

    def add(self, paths: Iterable[str | Path], progress: Progress | None = None, workers: int = 1,
            on_wait: Callable[[str], None] | None = None) -> Change:
        """Add reports from files or folders; only new or changed files are read and embedded.
        A file removed from the index earlier comes back when it is named here."""
        paths = [Path(p) for p in paths]
        return self._write(lambda t: t.add(paths, progress, workers, named=True), on_wait)

    def remove(self, reports: Iterable[str], on_wait: Callable[[str], None] | None = None) -> Change:
        """Remove reports by report id, citation id or source path; they stay out of later
        updates and rebuilds until their file is added by name."""
        names = list(reports)
        return self._write(lambda t: t.remove(names), on_wait)

    def update(self, progress: Progress | None = None, workers: int = 1,
               on_wait: Callable[[str], None] | None = None) -> Change:
        """Bring the index in line with its source folders: new, changed and deleted reports."""
        return self._write(lambda t: t.update(progress, workers), on_wait)

    def _write(self, action, on_wait) -> Change:
        from .staging import Transaction, apply

        return apply(self.root, lambda: Transaction.continuing(self.root), action, on_wait,
                     commit_if=lambda change: change.changed or bool(change.duplicates))

    # ------------------------------------------------ grades over time (each call: the newest snapshot)

    def history(self, authority: str):
        """Every report of an authority, oldest first, and how its grades moved between
        graded inspections (see `askofsted.history.history`)."""
        return self.snapshot().history(authority)

    def grades(self, **filters):
        """Graded inspections as rows: latest, as at a date, by year, judgement, grade,
        authority or region (see `askofsted.history.grades`)."""
        return self.snapshot().grades(**filters)


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
    from .staging import Transaction, apply

    root = _root(path)
    sources = [Path(s).resolve() for s in sources]
    excluded = list(excluded)

    def begin() -> Transaction | None:
        if not replace and snapshots.current(root) is not None:
            return None  # another writer built it while this one waited
        return Transaction.fresh(root, variant)

    def add(transaction: Transaction) -> Change:
        store.exclude(transaction.connection, excluded)
        return transaction.add(sources, progress, workers, strict=True)

    change = apply(root, begin, add, on_wait)
    return _opened(root, change), change


def rebuild_index(path: str | Path | None = None, progress: Progress | None = None, workers: int = 1,
                  on_wait: Callable[[str], None] | None = None) -> tuple[Index, Change]:
    """Re-read and re-embed everything from the index's recorded source folders.

    Nothing is lost: a report whose file is missing or unreadable now is kept, its
    stored paragraphs embedded again, and the change says so (`Change.kept`)."""
    from .staging import Transaction, apply

    root = _root(path)
    old = _readable_store(root)
    if old is None:
        raise IndexMissing(f"no index at {root} to rebuild (or none whose store can be read); build one with: "
                           f"askofsted index build --index {root} SOURCE")
    try:
        meta = store.read_meta(old)
        roots = [Path(r) for r in json.loads(meta.get("roots", "[]"))]
        excluded = sorted(store.excluded(old))
        variant = meta.get("encoder_variant") or DEFAULT_VARIANT

        def rebuild(transaction: Transaction) -> Change:
            store.exclude(transaction.connection, excluded)
            change = transaction.add(roots, progress, workers)
            try:
                transaction.keep(old, change, progress)
            except (sqlite3.DatabaseError, KeyError, ValueError, TypeError) as exc:
                raise NothingToIndex(f"the index at {root} cannot be rebuilt without losing the reports whose files "
                                     f"are missing: its old store cannot be read by this askofsted ({exc}); nothing "
                                     f"was changed") from None
            if not change.added and not change.kept and not change.duplicates:
                raise NothingToIndex(f"no readable reports in {', '.join(map(str, roots)) or 'the recorded sources'}")
            return change

        change = apply(root, lambda: Transaction.fresh(root, variant), rebuild, on_wait)
    finally:
        old.close()
    return _opened(root, change), change


def _opened(root: Path, change: Change) -> Index:
    """The index just published; Ctrl-C while it opens must not say nothing changed."""
    try:
        return open_index(root)
    except KeyboardInterrupt:
        raise ChangeInterrupted(change) from None


def _readable_store(root: Path) -> sqlite3.Connection | None:
    """A read-only connection to the newest snapshot whose store opens (the live one, or,
    if that one is damaged, the one kept before it)."""
    try:
        live = snapshots.current(root)
        candidates = [live] if live else []
        candidates += [s for s in reversed(snapshots.snapshot_names(root)) if s != live]
    except (Damaged, OSError):
        try:
            candidates = list(reversed(snapshots.snapshot_names(root)))
        except OSError:
            return None
    for folder in candidates:
        try:
            connection = store.open_readonly(snapshots.part_path(folder, store.DB_NAME))
            store.read_meta(connection)
            return connection
        except (Damaged, sqlite3.DatabaseError):
            continue
    return None


def _root(path: str | Path | None) -> Path:
    return Path(path).expanduser() if path else default_index_path()


def _moved_on(root: Path, folder: Path) -> bool:
    try:
        return snapshots.current(root) != folder
    except Damaged:
        return False


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _load_vectors(folder: Path, windows: int):
    from .vectors import VectorIndex

    path = snapshots.part_path(folder, VECTORS_FILE)
    try:
        vectors = VectorIndex.load(path)
    except ValueError as exc:
        raise Damaged(f"{folder.name}/{VECTORS_FILE}", str(exc)) from None
    if len(vectors) != windows:
        raise Damaged(f"{folder.name}/{VECTORS_FILE}", f"holds {len(vectors)} vectors for the store's {windows} windows")
    return vectors


def _load_encoder(folder: Path, meta: dict[str, str], previous: Snapshot | None):
    """The snapshot's encoder, and what identifies its files. The previous snapshot's
    encoder is reused when its files are the very same (snapshots share them by hard
    link): following a new snapshot then costs no model load."""
    from .encoder import load_from_index

    encoder_dir = snapshots.part_path(folder, ENCODER_DIR, is_folder=True)
    files = tuple(sorted((p.name, s.st_dev, s.st_ino, s.st_size, s.st_mtime_ns)
                         for p in encoder_dir.iterdir() for s in [os.lstat(p)]))
    identity = (files, meta["encoder_variant"], meta.get("encoder_sha256"))
    if previous is not None and previous._encoder_files == identity:
        return previous.encoder, identity
    # Readers do not hash the model on every start (70 ms of a cold question): writers check
    # every part's SHA-256 before they change an index, and `index info --check` on request.
    return load_from_index(encoder_dir, f"{folder.name}/{ENCODER_DIR}", meta["encoder_variant"],
                           meta.get("encoder_sha256"), verify=False), identity
