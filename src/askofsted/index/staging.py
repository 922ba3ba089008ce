"""Preparing the next snapshot of an index: a staging transaction.

`apply` takes the index's write lock and begins a `Transaction`: the next snapshot,
in a staging folder. Begun from the live snapshot, it copies the store and vectors
there, each checked against the SHA-256 recorded when it was published, and links
the encoder's files after checking them the same way; begun afresh, it copies the
model from the user's cache (a copy: damage to one index never reaches the cache
or another index). Additions and removals are applied there, and the transaction
is committed (published atomically, see `snapshots`) or rolled back (its folder
deleted); until then the live snapshot keeps answering. Only new or changed files
are read, and only their paragraphs are embedded.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from . import snapshots
from . import store
from .chunking import windows
from ..errors import AskofstedError, ChangeInterrupted, IndexBusy, IndexUnwritable, NothingToIndex, UnknownReport
from ..files import copy_hashing, sha256, sha256_bytes
from .changes import (DEFAULT_VARIANT, EMBEDDING_RECIPE, ENCODER_DIR, Change, Damaged, Progress, check_compatible,
                      damaged_error)
from ..models import ReadError, Report
from ..reading.boilerplate import sentence_keys
from ..reading.reader import find_report_files, read_reports
from .vectors import FILE_NAME as VECTORS_FILE
from .vectors import VectorIndex

# Errors of a folder that cannot be written; anything else is not the user's to fix.
_UNWRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT}


# ---------------------------------------------------------------- applying a change


def apply(root: Path, begin: Callable[[], Transaction | None], action: Callable[[Transaction], Change],
          on_wait: Callable[[str], None] | None = None,
          commit_if: Callable[[Change], bool] = lambda change: True) -> Change:
    """Under the index's write lock, begin a transaction (`begin` may return None: nothing
    to do after all), apply `action` to it, and commit it if `commit_if(change)` or roll it
    back; any failure rolls it back. Every change is all or nothing.

    Ctrl-C during the commit is taken once it is over, so an interruption falls either
    before it (nothing changed: KeyboardInterrupt) or after it (ChangeInterrupted: the
    change is live).
    """
    started = time.perf_counter()
    change = Change()
    committed = False
    try:
        snapshots.check_ours(root)  # before the lock file is made: a stranger's folder is not written into
        with snapshots.writer_lock(root, on_wait):
            snapshots.claim(root)
            transaction = begin()
            if transaction is None:
                return change
            try:
                try:
                    change = action(transaction)
                except Exception:
                    transaction.verify()  # a damaged live part, if that is what failed, is the error to give
                    raise
                if commit_if(change):
                    with _ctrl_c_after():
                        transaction.commit()
                        committed = True
                else:
                    transaction.rollback()
            except BaseException:
                if not committed:
                    transaction.rollback()
                raise
    except KeyboardInterrupt:
        if committed:
            raise ChangeInterrupted(change) from None
        raise
    except snapshots.Busy as exc:
        raise IndexBusy(str(exc)) from None
    except Damaged as exc:
        raise damaged_error(root, exc) from None
    except OSError as exc:
        if exc.errno not in _UNWRITABLE:
            raise
        where = f" ({exc.filename})" if exc.filename else ""
        raise IndexUnwritable(f"cannot write the index at {root}: {exc.strerror}{where}; nothing was changed") from None
    except sqlite3.OperationalError as exc:
        if not any(words in str(exc) for words in ("disk is full", "readonly", "unable to open")):
            raise
        raise IndexUnwritable(f"cannot write the index at {root}: {exc}; nothing was changed") from None
    change.seconds = time.perf_counter() - started
    return change


@contextlib.contextmanager
def _ctrl_c_after() -> Iterator[None]:
    """Hold Ctrl-C until the block is over (in the main thread, the only one it reaches)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            raise KeyboardInterrupt


# ---------------------------------------------------------------- the transaction


@dataclass(frozen=True)
class _Candidate:
    path: Path
    size: int
    mtime_ns: int
    sha256: str


class Transaction:
    """The next snapshot of an index, in a staging folder, until committed or rolled back.

    Begun from the live snapshot, it checks the live parts' hashes in two background
    threads while the change does its own work (hashing releases the GIL), and commits
    only once every check has passed: a damaged index is refused, never built on.
    """

    def __init__(self, root: Path, staging: Path, connection: sqlite3.Connection, vectors: VectorIndex,
                 variant: str, known: dict[str, snapshots.Part], checks: ThreadPoolExecutor | None = None,
                 pending: Sequence[Future] = ()):
        self.root = root
        self.staging = staging
        self.connection = connection
        self.vectors = vectors
        self.variant = variant
        self._known = dict(known)  # parts already hashed (the encoder's files, once linked)
        self._checks = checks
        self._pending = list(pending)
        self._encoder = None

    # ------------------------------------------------ beginning

    @classmethod
    def fresh(cls, root: Path, variant: str = DEFAULT_VARIANT) -> Transaction:
        """An empty next snapshot, with the encoder copied from the user's model cache."""
        from .encoder import cached_export, read_manifest

        staging = snapshots.start(root)
        try:
            export = cached_export()
            manifest = read_manifest(export)
            known = _copy_encoder(export, staging / ENCODER_DIR, manifest, variant)
            connection = store.create(
                staging / store.DB_NAME,
                {
                    "created": now(),
                    "updated": now(),
                    "askofsted_version": __version__,
                    "encoder_name": f"{manifest.get('short_name', 'all-MiniLM-L6-v2')}/onnx-{variant}",
                    "encoder_variant": variant,
                    "encoder_sha256": manifest["variants"][variant]["sha256"],
                    "embedding_recipe": EMBEDDING_RECIPE,
                    "roots": "[]",
                },
            )
            return cls(root, staging, connection, VectorIndex.empty(int(manifest["dim"])), variant, known)
        except BaseException:
            snapshots.discard(staging)
            raise

    @classmethod
    def continuing(cls, root: Path) -> Transaction:
        """The next snapshot, starting as a copy of the live one. The live parts' hashes are
        checked against those recorded when it was published, beside the change's work."""
        live = snapshots.current(root)
        if live is None:
            raise snapshots.no_index(root)
        parts = snapshots.recorded_parts(live)
        staging = snapshots.start(root)
        checks = ThreadPoolExecutor(2)
        pending: list[Future] = []
        try:
            store_path = snapshots.part_path(live, store.DB_NAME)
            vectors_path = snapshots.part_path(live, VECTORS_FILE)
            pending += [checks.submit(_expect_hash, live, parts, name, path)
                        for name, path in ((VECTORS_FILE, vectors_path), (store.DB_NAME, store_path))]
            shutil.copyfile(store_path, staging / store.DB_NAME)
            try:
                vectors = VectorIndex.load(vectors_path)
            except ValueError as exc:
                raise Damaged(f"{live.name}/{VECTORS_FILE}", str(exc)) from None
            connection = store.open_writable(staging / store.DB_NAME)
            try:
                meta = store.read_meta(connection)
                check_compatible(root, live.name, meta)
                windows = store.chunk_count(connection)
            except sqlite3.DatabaseError as exc:
                connection.close()
                raise Damaged(f"{live.name}/{store.DB_NAME}", f"cannot be read ({exc})") from None
            except BaseException:
                connection.close()
                raise
            if len(vectors) != windows:
                connection.close()
                raise Damaged(f"{live.name}/{VECTORS_FILE}", f"holds {len(vectors)} vectors for the store's "
                                                            f"{windows} windows")
            variant = meta["encoder_variant"]
            pending.append(checks.submit(_link_encoder, live, staging, parts, variant, meta.get("encoder_sha256"),
                                         vectors.dim))
            return cls(root, staging, connection, vectors, variant, {}, checks, pending)
        except BaseException:
            _settle(checks, pending)
            snapshots.discard(staging)
            raise

    def verify(self) -> None:
        """Wait for the checks of the live snapshot begun with this transaction; raise
        Damaged for the first part that is not as it was published."""
        pending, self._pending = self._pending, []
        try:
            for check in pending:
                self._known.update(check.result() or {})
        finally:
            _settle(self._checks, pending)

    @property
    def encoder(self):
        if self._encoder is None:
            from .encoder import load_from_index

            self.verify()  # its files are linked, and checked, by then
            # One thread a session, a text per core at once (see encoder.encode_each).
            self._encoder = load_from_index(self.staging / ENCODER_DIR, f"{self.staging.name}/{ENCODER_DIR}",
                                            self.variant, None, threads=1)
        return self._encoder

    def commit(self) -> Path:
        """Publish the next snapshot (see snapshots.publish): from now on it is live."""
        try:
            self.verify()
            store.write_meta(self.connection, {"updated": now()})
            self.connection.commit()
            self.connection.execute("PRAGMA optimize")
            self.connection.close()
            known = dict(self._known)
            with ThreadPoolExecutor(1) as pool:  # the store is hashed while the vectors are written
                hashed = pool.submit(sha256, self.staging / store.DB_NAME)
                for name, digest in ((VECTORS_FILE, self.vectors.save(self.staging / VECTORS_FILE)),
                                     (store.DB_NAME, hashed.result())):
                    known[name] = snapshots.Part((self.staging / name).stat().st_size, digest)
            return snapshots.publish(self.root, self.staging, known)
        except BaseException:
            self.rollback()
            raise

    def rollback(self) -> None:
        """Forget the next snapshot: the live one was never touched."""
        try:
            self.connection.close()
        finally:
            _settle(self._checks, self._pending)
            self._pending = []
            snapshots.discard(self.staging)

    # ------------------------------------------------ changes

    def add(
        self,
        paths: Sequence[Path],
        progress: Progress | None = None,
        workers: int = 1,
        strict: bool = False,
        named: bool = False,
        record_roots: bool = True,
    ) -> Change:
        """Add or refresh the reports in these files and folders.

        `named`: the user named these paths just now, so a file among them that was
        removed from the index comes back (an update or rebuild re-scanning the same
        paths leaves it out). `strict`: no readable report at all is an error.
        """
        change = Change()
        files, problems = find_report_files(paths)
        change.errors.extend(problems)
        if record_roots:
            self._record_roots(p for p in paths if p.exists())
        if named:
            store.include(self.connection, [str(p.resolve()) for p in paths if p.is_file()])
        excluded = store.excluded(self.connection)
        known = {s.path: s for s in store.sources(self.connection)}
        to_read: list[_Candidate] = []
        for path in files:
            key = str(path.resolve())
            if key in excluded:
                continue
            try:
                stat = path.stat()
                old = known.get(key)
                if old and old.size == stat.st_size and old.mtime_ns == stat.st_mtime_ns:
                    change.unchanged += 1
                    continue
                sha = sha256(path)
            except OSError as exc:  # one unreadable file is skipped, by name, never fatal
                change.errors.append(ReadError(str(path), f"cannot be read: {exc.strerror or exc}"))
                continue
            if old and old.sha256 == sha:
                store.upsert_source(self.connection, store.SourceFile(key, old.report, stat.st_size, stat.st_mtime_ns, sha))
                change.unchanged += 1
                continue
            to_read.append(_Candidate(Path(key), stat.st_size, stat.st_mtime_ns, sha))

        reports = self._read(to_read, progress, workers, change)
        new_reports: list[tuple[Report, list[int]]] = []
        fresh: list[tuple[_Candidate, Report]] = []
        for candidate, report in reports:
            key = str(candidate.path)
            previous = known.get(key)
            duplicate = store.report_by_hash(self.connection, report.content_hash)
            if previous is not None and (duplicate is None or duplicate.id != previous.report):
                self._detach(key, previous.report, change)
            if duplicate is not None:
                store.upsert_source(self.connection, _source(candidate, duplicate.id))
                if previous is None or previous.report != duplicate.id:
                    change.duplicates.append((key, duplicate.report_id))
                else:
                    change.unchanged += 1
                continue
            fresh.append((candidate, report))
        # Stored in an order of their own (id, then content), never the order the files came
        # in: row ids, and which of two same-fact reports keeps the plain id, are then the same
        # for the same files under any names.
        fresh.sort(key=lambda item: (item[1].report_id, item[1].content_hash, str(item[0].path)))
        ids_in_use = store.report_ids_in_use(self.connection)
        stored: dict[str, int] = {}
        for candidate, report in fresh:
            if report.content_hash in stored:  # the same report in two of the new files
                store.upsert_source(self.connection, _source(candidate, stored[report.content_hash]))
                change.duplicates.append((str(candidate.path), store.report_id_of_row(
                    self.connection, stored[report.content_hash])))
                continue
            report_id = unique_report_id(report.report_id, report.content_hash, ids_in_use)
            ids_in_use.add(report_id)
            row, paragraph_ids = self._insert(report, report_id)
            stored[report.content_hash] = row
            store.upsert_source(self.connection, _source(candidate, row))
            new_reports.append((report, paragraph_ids))
            if report_id in change.removed:
                change.removed.remove(report_id)
                change.replaced.append(report_id)
            else:
                change.added.append(report_id)
            change.paragraphs += len(report.paragraphs)
        self._embed(new_reports, progress)
        if strict and not new_reports and not change.duplicates:
            raise NothingToIndex("no readable reports in " + ", ".join(str(p) for p in paths) + _reasons(change.errors))
        return change

    def remove(self, names: Iterable[str]) -> Change:
        """Remove reports named by report id, citation id or source path; all or nothing."""
        change = Change()
        targets = []
        sources = store.sources(self.connection)
        by_path = {s.path: s.report for s in sources}
        for name in names:
            report_id = name.split("#", 1)[0]
            path = str(Path(name).resolve())
            if path in by_path:
                report_id = store.report_id_of_row(self.connection, by_path[path])
            report = store.report_by_id(self.connection, report_id)
            if report is None:
                raise UnknownReport(f"no report {name!r} in this index; "
                                    f"`askofsted index info --reports --index {self.root}` lists them")
            targets.append(report)
        for report in targets:
            paths = [s.path for s in sources if s.report == report.id]
            store.exclude(self.connection, paths)
            self.vectors.remove(store.delete_report(self.connection, report.id))
            change.removed.append(report.report_id)
        return change

    def update(self, progress: Progress | None = None, workers: int = 1) -> Change:
        """Re-scan the recorded source folders: add new files, refresh changed ones, drop deleted ones."""
        roots = [Path(r) for r in json.loads(store.read_meta(self.connection).get("roots", "[]"))]
        change = Change()
        present = [r for r in roots if r.exists()]
        for root in roots:
            if not root.exists():
                change.errors.append(ReadError(str(root), "source is missing; its reports are kept "
                                                          f"(remove them with: askofsted index remove --index {self.root} REPORT)"))
        files, _ = find_report_files(present)
        on_disk = {str(f.resolve()) for f in files}
        for source in store.sources(self.connection):
            under_present_root = any(_is_under(Path(source.path), r) for r in present)
            if source.path not in on_disk and under_present_root and _gone(source.path):
                self._detach(source.path, source.report, change)
        added = self.add(present, progress, workers, record_roots=False)
        change.added += added.added
        change.replaced += added.replaced
        change.duplicates += added.duplicates
        change.errors += added.errors
        change.unchanged += added.unchanged
        change.paragraphs += added.paragraphs
        for report_id in added.replaced + added.added:
            if report_id in change.removed:
                change.removed.remove(report_id)
                if report_id in change.added:
                    change.added.remove(report_id)
                    change.replaced.append(report_id)
        return change

    def keep(self, old: sqlite3.Connection, change: Change, progress: Progress | None = None) -> None:
        """Carry over, from an older store, every report none of whose files gave a report
        this time (missing, unreadable): a rebuild loses nothing, and says what it kept.
        Their paragraphs are embedded again from the stored text."""
        read_now = {s.path for s in store.sources(self.connection)}
        reasons = {e.source: e.reason for e in change.errors}
        old_sources: dict[int, list[store.SourceFile]] = {}
        for source in store.sources(old):
            old_sources.setdefault(source.report, []).append(source)
        ids_in_use = store.report_ids_in_use(self.connection)
        carried: list[tuple[Report, list[int]]] = []
        for stored in sorted(store.reports(old), key=lambda r: r.report_id):
            paths = [s.path for s in old_sources.get(stored.id, [])]
            if any(p in read_now for p in paths) or store.report_by_hash(self.connection, stored.content_hash):
                continue
            paragraphs = tuple(p.paragraph for p in store.paragraphs_of_report(old, stored.id))
            report = Report(stored.source, stored.facts, paragraphs, stored.content_hash, stored.report_id)
            report_id = unique_report_id(stored.report_id, stored.content_hash, ids_in_use)
            ids_in_use.add(report_id)
            row, paragraph_ids = self._insert(report, report_id)
            for source in old_sources.get(stored.id, []):
                store.upsert_source(self.connection, store.SourceFile(source.path, row, source.size, source.mtime_ns,
                                                                      source.sha256))
            carried.append((report, paragraph_ids))
            change.kept.append((report_id, _why_kept(paths, reasons)))
            change.paragraphs += len(paragraphs)
        self._embed(carried, progress)

    # ------------------------------------------------ steps

    def _insert(self, report: Report, report_id: str) -> tuple[int, list[int]]:
        context = [" ".join(p.headings) for p in report.paragraphs]
        sentences = [sentence_keys(p) for p in report.paragraphs]
        paragraph_ids = store.insert_report(self.connection, report, report_id, context, sentences)
        return store.report_by_id(self.connection, report_id).id, paragraph_ids

    def _read(self, candidates: list[_Candidate], progress: Progress | None, workers: int, change: Change):
        by_path = {str(c.path): c for c in candidates}
        out: list[tuple[_Candidate, Report]] = []
        if progress:
            progress("reading", 0, len(candidates))
        for done, result in enumerate(read_reports([c.path for c in candidates], workers=workers), start=1):
            if isinstance(result, ReadError):
                change.errors.append(result)
            else:
                out.append((by_path[result.source], result))
            if progress:
                progress("reading", done, len(candidates))
        return out

    def _embed(self, reports: list[tuple[Report, list[int]]], progress: Progress | None) -> None:
        """Embed every window of the new paragraphs; identical texts are embedded once.

        Each paragraph is tokenized once, in parallel: its length decides its windows,
        and a paragraph that is its own window is embedded from those same ids
        (tokenizing every text twice, one at a time, was 5% of a full build).

        Each text is embedded on its own, not in a batch (see encoder.encode_each): its
        vector is then its own, as a question's is, whatever files came with it or before it.
        """
        from .encoder import default_threads

        new = [(paragraph, pid) for report, ids in reports for paragraph, pid in zip(report.paragraphs, ids)]
        tokens = dict(zip((p.text for p, _ in new), self.encoder.tokenize([p.text for p, _ in new])))
        rows: list[tuple[int, int, int]] = []
        texts: list[str] = []
        for paragraph, pid in new:
            size = len(tokens[paragraph.text]) - 2  # without [CLS] and [SEP]
            for window in windows(paragraph, self.encoder.count_tokens, size):
                rows.append((pid, window.start, window.end))
                texts.append(window.text)
        if not rows:
            return
        unique = list(dict.fromkeys(texts))
        parts = [t for t in unique if t not in tokens]
        tokens.update(zip(parts, self.encoder.tokenize(parts)))
        step = None
        if progress:
            progress("embedding", 0, len(unique))
            step = lambda done: progress("embedding", done, len(unique))  # noqa: E731
        vectors = self.encoder.encode_each([tokens[t] for t in unique], workers=default_threads(), progress=step)
        position = {text: i for i, text in enumerate(unique)}
        chunk_ids = store.insert_chunks(self.connection, rows)
        self.vectors.add(chunk_ids, vectors[[position[t] for t in texts]])

    def _detach(self, path: str, report_row: int, change: Change) -> None:
        """A file no longer gives this report: drop the link, and the report if no file gives it."""
        store.delete_source(self.connection, path)
        if any(s.report == report_row for s in store.sources(self.connection)):
            return
        report_id = store.report_id_of_row(self.connection, report_row)
        self.vectors.remove(store.delete_report(self.connection, report_row))
        change.removed.append(report_id)

    def _record_roots(self, paths: Iterable[Path]) -> None:
        meta = store.read_meta(self.connection)
        roots = [Path(r) for r in json.loads(meta.get("roots", "[]"))]
        for path in paths:
            path = path.resolve()
            if not any(_is_under(path, r) for r in roots):
                roots = [r for r in roots if not _is_under(r, path)] + [path]
        store.write_meta(self.connection, {"roots": json.dumps([str(r) for r in roots])})


# ---------------------------------------------------------------- report ids


def unique_report_id(report_id: str, content_hash: str, in_use: set[str]) -> str:
    """The report's id, or, when another report holds it, the id followed by the start of
    this report's content hash ('...-2019-03-19-focused-visit-3fa2c1'). Two reports share
    an id only when their facts are the same (a corrected re-publication, say); the suffix
    comes from their words, never from which file arrived first, and an id once given keeps
    meaning its report."""
    if report_id not in in_use:
        return report_id
    for length in (6, 10, 16, 64):
        candidate = f"{report_id}-{content_hash[:length]}"
        if candidate not in in_use:
            return candidate
    raise AskofstedError(f"cannot give {report_id} an id of its own")  # content hashes are unique per index


# ---------------------------------------------------------------- helpers


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _source(candidate: _Candidate, report_row: int) -> store.SourceFile:
    return store.SourceFile(str(candidate.path), report_row, candidate.size, candidate.mtime_ns, candidate.sha256)


def _is_under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _gone(path: str) -> bool:
    """Deleted, as far as can be told: a file in a folder that cannot be read now is not."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        pass
    return False


def _reasons(errors: Sequence[ReadError]) -> str:
    reasons = "; ".join(f"{Path(e.source).name}: {e.reason}" for e in errors[:3])
    return f" ({reasons})" if reasons else ""


def _why_kept(paths: Sequence[str], reasons: dict[str, str]) -> str:
    for path in paths:
        if path in reasons:
            return f"{path} {reasons[path]}"
        if not Path(path).exists():
            return f"{path} is missing"
    return f"{paths[0] if paths else 'its file'} gave no report this time"


def _expect_hash(live: Path, parts: dict[str, snapshots.Part] | None, name: str, path: Path) -> None:
    if parts is not None:
        _expect(live, parts, name, sha256(path))


def _settle(pool: ThreadPoolExecutor | None, pending: Sequence[Future]) -> None:
    """Let checks still running finish (they read the live snapshot and may link into the
    staging folder), whatever they found, and stop their threads."""
    for check in pending:
        check.cancel()
    if pool is not None:
        pool.shutdown(wait=True)


def _expect(live: Path, parts: dict[str, snapshots.Part] | None, name: str, digest: str) -> None:
    """A part read from the live snapshot must be what was published (snapshots published
    before parts were recorded are taken as they are)."""
    if parts is None:
        return
    if name not in parts or parts[name].sha256 != digest:
        raise Damaged(f"{live.name}/{name}", "does not match the SHA-256 recorded when it was published")


def _copy_encoder(export: Path, target: Path, manifest: dict, variant: str) -> dict[str, snapshots.Part]:
    """Copy the exported model into the snapshot (questions are encoded by the model that
    built it). A copy, not a link: damage to one index's model cannot reach the cache."""
    from .encoder import MANIFEST

    target.mkdir()
    entry = manifest["variants"][variant]
    known = {}
    for name in (MANIFEST, manifest["tokenizer"], entry["file"]):
        digest = copy_hashing(export / name, target / name)
        if name == entry["file"] and digest != entry["sha256"]:
            raise AskofstedError(f"the model cache {export} changed while it was copied; run the command again")
        known[f"{ENCODER_DIR}/{name}"] = snapshots.Part((target / name).stat().st_size, digest)
    return known


def _link_encoder(live: Path, staging: Path, parts: dict[str, snapshots.Part] | None, variant: str,
                  expected_sha256: str | None, dim: int) -> dict[str, snapshots.Part]:
    """The live snapshot's encoder files, checked (plain names from its manifest, no links,
    the model's recorded SHA-256, every file's hash as published), then shared by hard link:
    published snapshots never change. A file also linked from outside this index (an index
    made before models were copied shares its model with the cache) is copied instead.
    `dim` is the vectors': the model must make vectors of it."""
    from .encoder import MANIFEST, read_index_encoder

    folder = snapshots.part_path(live, ENCODER_DIR, is_folder=True)
    files = read_index_encoder(folder, f"{live.name}/{ENCODER_DIR}", variant, expected_sha256)
    target = staging / ENCODER_DIR
    target.mkdir()
    known = {}
    tokenizer = json.loads(files[MANIFEST])["tokenizer"]
    try:
        if "model" not in json.loads(files[tokenizer]):
            raise ValueError("no model in it")
    except (ValueError, TypeError) as exc:
        raise Damaged(f"{live.name}/{ENCODER_DIR}/{tokenizer}", f"is not a tokenizer ({exc})") from None
    for name, data in files.items():
        part = f"{ENCODER_DIR}/{name}"
        digest = sha256_bytes(data)
        _expect(live, parts, part, digest)
        source = folder / name
        if os.lstat(source).st_nlink <= snapshots.KEEP:
            os.link(source, target / name)
        else:
            (target / name).write_bytes(data)
        known[part] = snapshots.Part(len(data), digest)
    made = int(json.loads(files[MANIFEST])["dim"])
    if made != dim:
        raise Damaged(f"{live.name}/{VECTORS_FILE}", f"holds vectors of {dim} dimensions; the model makes {made}")
    return known
