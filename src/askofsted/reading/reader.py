"""A report file in, a `Report` out: facts, paragraphs and a stable id.

This is the public face of reading; `sources`, `paragraphs` and `facts` do the
work. A file that gives no report becomes a `ReadError` with a reason and never
stops the rest of a batch.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
import time
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..domain.authorities import slug
from ..domain.report_types import report_type
from .facts import parse_facts
from ..models import ReadError, Report
from .boilerplate import letter_form
from .paragraphs import split_paragraphs
from .sources import SUFFIXES, UnreadableFile, read_lines

MIN_PARAGRAPHS = 3

class NotAReport(UnreadableFile):
    """Readable text that is not an Ofsted inspection report."""


def read_report(path: str | Path) -> Report:
    """Read one PDF or text file. Raises UnreadableFile with the reason it gave no report."""
    pages = read_lines(path)
    paragraphs = letter_form(split_paragraphs(pages))
    pages_text = ["\n".join(line.text for line in page) for page in pages]
    if _is_not_found_page(pages_text):
        raise NotAReport("not a report: a saved web page saying the report was not found; download the report again")
    facts = parse_facts(paragraphs, pages_text)
    if len(paragraphs) < MIN_PARAGRAPHS or (facts.authority is None and facts.report_type is None):
        raise NotAReport("not an Ofsted inspection report (no authority or report type found)")
    return Report(
        source=str(path),
        facts=facts,
        paragraphs=tuple(paragraphs),
        content_hash=_content_hash(paragraphs),
        report_id=report_id(facts, Path(path)),
    )


def _is_not_found_page(pages_text: list[str]) -> bool:
    head = " ".join(pages_text[:2]).lower()
    return "report not found" in head and "no longer exists" in head


def _content_hash(paragraphs) -> str:
    """Same words, same hash: a report saved twice under two names is one report."""
    digest = hashlib.sha256()
    for paragraph in paragraphs:
        digest.update(re.sub(r"\W+", " ", paragraph.text.lower()).strip().encode())
        digest.update(b"\n")
    return digest.hexdigest()


def report_id(facts, path: Path) -> str:
    """'kingston-upon-thames-2012', '...-2019-focused-visit': readable and typeable."""
    base = slug(facts.authority) if facts.authority else slug(path.stem)
    parts = [base]
    if facts.year:
        parts.append(str(facts.year))
    kind = report_type(facts.report_type)
    if kind and kind.slug:  # a visit or a partial inspection may share its year with a full inspection
        parts.append(kind.slug)
    return "-".join(parts)


def find_report_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[ReadError]]:
    """Expand files and folders into report files (.pdf, .txt), sorted; name what is missing."""
    files: list[Path] = []
    errors: list[ReadError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                errors.append(ReadError(str(path), "folder holds no .pdf or .txt reports"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            errors.append(ReadError(str(path), "no such file or folder"))
    return files, errors


def _read_one(path: Path) -> Report | ReadError:
    try:
        return read_report(path)
    except UnreadableFile as exc:
        return ReadError(str(path), str(exc))


def _follow_parent(parent: int) -> None:
    """In a worker: exit as soon as the process that started it is gone (kill -9 gives it
    no chance to stop its workers, which would otherwise read on, orphaned)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def read_reports(paths: Iterable[str | Path], workers: int = 1) -> Iterator[Report | ReadError]:
    """Every report under the given files and folders, in order; failures as ReadError.

    With workers > 1 files are read in parallel processes (PDF parsing is CPU-bound).
    They are started fresh ('spawn'), not forked: a forked worker would inherit the
    index's write lock and, if its parent were killed, keep it and hang on. Like any
    spawned process pool, this needs a script's `if __name__ == "__main__":` guard.
    """
    files, errors = find_report_files(paths)
    yield from errors
    if workers > 1 and len(files) > 1:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_follow_parent, initargs=(os.getpid(),)) as pool:
            yield from pool.map(_read_one, files, chunksize=4)
    else:
        for path in files:
            yield _read_one(path)
