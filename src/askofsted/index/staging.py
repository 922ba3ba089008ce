"""Preparing the next snapshot of an index: read what changed, embed it, store it.

A `Plan` is made under the index's write lock. It copies the live snapshot's
store and vectors into a staging folder, applies additions and removals there,
and is either published (atomically, see `snapshots`) or discarded; until then
the live snapshot keeps answering. Only new or changed files are read, and only
their paragraphs are embedded.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from .. import __version__
from . import snapshots
from . import store
from .chunking import windows
from ..errors import NothingToIndex, UnknownReport
from ..files import sha256
from .changes import DEFAULT_VARIANT, EMBEDDING_RECIPE, ENCODER_DIR, Change, Progress
from ..models import ReadError, Report
from ..reading.boilerplate import sentence_keys
from ..reading.reader import find_report_files, read_reports
from .vectors import FILE_NAME as VECTORS_FILE
from .vectors import VectorIndex


@dataclass(frozen=True)
class _Candidate:
    path: Path
    size: int
    mtime_ns: int
    sha256: str


class Plan:
    """The next snapshot of an index, in a staging folder, until published or discarded."""

    def __init__(self, root: Path, staging: Path, connection, vectors: VectorIndex, variant: str):
        self.root = root
        self.staging = staging
        self.connection = connection
        self.vectors = vectors
        self.variant = variant
        self._encoder = None

    # ------------------------------------------------ making

    @classmethod
    def fresh(cls, root: Path, variant: str = DEFAULT_VARIANT) -> Plan:
        """An empty next snapshot, with the encoder exported (or taken from the cache)."""
        from .encoder import cached_export, read_manifest

        staging = snapshots.start(root)
        try:
            export = cached_export()
            manifest = read_manifest(export)
            _copy_encoder(export, staging / ENCODER_DIR, manifest["variants"][variant]["file"])
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
            return cls(root, staging, connection, VectorIndex.empty(int(manifest["dim"])), variant)
        except BaseException:
            snapshots.discard(staging)
            raise

    @classmethod
    def from_snapshot(cls, root: Path, live: Path | None) -> Plan:
        """The next snapshot, starting as a copy of the live one."""
        if live is None:
            return cls.fresh(root)
        staging = snapshots.start(root)
        try:
            shutil.copyfile(live / store.DB_NAME, staging / store.DB_NAME)
            _link_tree(live / ENCODER_DIR, staging / ENCODER_DIR)
            connection = store.open_writable(staging / store.DB_NAME)
            meta = store.read_meta(connection)
            return cls(root, staging, connection, VectorIndex.load(live / VECTORS_FILE), meta["encoder_variant"])
        except BaseException:
            snapshots.discard(staging)
            raise

    @property
    def encoder(self):
        if self._encoder is None:
            from .encoder import OnnxEncoder

            self._encoder = OnnxEncoder(self.staging / ENCODER_DIR, variant=self.variant)
        return self._encoder

    def publish(self) -> Path:
        try:
            store.write_meta(self.connection, {"updated": now()})
            self.connection.commit()
            self.connection.execute("PRAGMA optimize")
            self.connection.close()
            self.vectors.save(self.staging / VECTORS_FILE)
            return snapshots.publish(self.root, self.staging)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        try:
            self.connection.close()
        finally:
            snapshots.discard(self.staging)

    # ------------------------------------------------ changes

    def add(
        self,
        paths: Sequence[Path],
        progress: Progress | None = None,
        workers: int = 1,
        strict: bool = False,
        record_roots: bool = True,
    ) -> Change:
        """Add or refresh the reports in these files and folders."""
        change = Change()
        files, missing = find_report_files(paths)
        change.errors.extend(missing)
        if record_roots:
            self._record_roots(p for p in paths if p.exists())
        # A removed report stays out of its folder's updates and rebuilds until its
        # file is named again on purpose.
        store.include(self.connection, [str(p.resolve()) for p in paths if p.is_file()])
        excluded = store.excluded(self.connection)
        known = {s.path: s for s in store.sources(self.connection)}
        to_read: list[_Candidate] = []
        for path in files:
            key = str(path.resolve())
            if key in excluded:
                continue
            stat = path.stat()
            old = known.get(key)
            if old and old.size == stat.st_size and old.mtime_ns == stat.st_mtime_ns:
                change.unchanged += 1
                continue
            sha = sha256(path)
            if old and old.sha256 == sha:
                store.upsert_source(self.connection, store.SourceFile(key, old.report, stat.st_size, stat.st_mtime_ns, sha))
                change.unchanged += 1
                continue
            to_read.append(_Candidate(Path(key), stat.st_size, stat.st_mtime_ns, sha))

        reports = self._read(to_read, progress, workers, change)
        new_reports: list[tuple[Report, list[int]]] = []
        ids_in_use = store.report_ids_in_use(self.connection)
        for candidate, report in reports:
            key = str(candidate.path)
            previous = known.get(key)
            duplicate = store.report_by_hash(self.connection, report.content_hash)
            if previous is not None and (duplicate is None or duplicate.id != previous.report):
                self._detach(key, previous.report, change)
                ids_in_use = store.report_ids_in_use(self.connection)
            if duplicate is not None:
                store.upsert_source(self.connection, _source(candidate, duplicate.id))
                if previous is None or previous.report != duplicate.id:
                    change.duplicates.append((key, duplicate.report_id))
                else:
                    change.unchanged += 1
                continue
            report_id = _unique(report.report_id, ids_in_use)
            ids_in_use.add(report_id)
            context = [" ".join(p.headings) for p in report.paragraphs]
            sentences = [sentence_keys(p) for p in report.paragraphs]
            paragraph_ids = store.insert_report(self.connection, report, report_id, context, sentences)
            row = store.report_by_id(self.connection, report_id)
            store.upsert_source(self.connection, _source(candidate, row.id))
            new_reports.append((report, paragraph_ids))
            if report_id in change.removed:
                change.removed.remove(report_id)
                change.replaced.append(report_id)
            else:
                change.added.append(report_id)
            change.paragraphs += len(report.paragraphs)
        self._embed(new_reports, progress)
        if strict and not new_reports and not change.duplicates:
            reasons = "; ".join(f"{Path(e.source).name}: {e.reason}" for e in change.errors[:3])
            raise NothingToIndex("no readable reports in " + ", ".join(str(p) for p in paths)
                                 + (f" ({reasons})" if reasons else ""))
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
                raise UnknownReport(f"no report {name!r} in this index; `askofsted index info --reports` lists them")
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
                                                          "(remove them with: askofsted index remove REPORT)"))
        files, _ = find_report_files(present)
        on_disk = {str(f.resolve()) for f in files}
        for source in store.sources(self.connection):
            under_present_root = any(_is_under(Path(source.path), r) for r in present)
            if source.path not in on_disk and under_present_root:
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

    # ------------------------------------------------ steps

    def _read(self, candidates: list[_Candidate], progress: Progress | None, workers: int, change: Change):
        by_path = {str(c.path): c for c in candidates}
        out: list[tuple[_Candidate, Report]] = []
        if progress:
            progress("reading", 0, len(candidates))
        try:
            for done, result in enumerate(read_reports([c.path for c in candidates], workers=workers), start=1):
                if isinstance(result, ReadError):
                    change.errors.append(result)
                else:
                    out.append((by_path[result.source], result))
                if progress:
                    progress("reading", done, len(candidates))
        except BrokenProcessPool:
            raise KeyboardInterrupt from None  # a worker died: almost always Ctrl-C reaching it first
        return out

    def _embed(self, reports: list[tuple[Report, list[int]]], progress: Progress | None) -> None:
        """Embed every window of the new paragraphs; identical texts are embedded once.

        Each paragraph is tokenized once, in parallel: its length decides its windows,
        and a paragraph that is its own window is embedded from those same ids
        (tokenizing every text twice, one at a time, was 5% of a full build).
        """
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
        vectors = self.encoder.encode_tokens([tokens[t] for t in unique], progress=step)
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


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _source(candidate: _Candidate, report_row: int) -> store.SourceFile:
    return store.SourceFile(str(candidate.path), report_row, candidate.size, candidate.mtime_ns, candidate.sha256)


def _unique(report_id: str, in_use: set[str]) -> str:
    if report_id not in in_use:
        return report_id
    n = 2
    while f"{report_id}-{n}" in in_use:
        n += 1
    return f"{report_id}-{n}"


def _is_under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _copy_encoder(export: Path, target: Path, model_file: str) -> None:
    """Put the exported model in the snapshot: questions are encoded by the model that built it."""
    from .encoder import MANIFEST, TOKENIZER_FILE

    target.mkdir()
    for name in (MANIFEST, TOKENIZER_FILE, model_file):
        _link_or_copy(export / name, target / name)


def _link_tree(source: Path, target: Path) -> None:
    """Snapshots are immutable, so the next one can share the encoder's files by hard link."""
    target.mkdir()
    for path in source.iterdir():
        _link_or_copy(path, target / path.name)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
