"""A report file in, a `Report` out: facts, paragraphs and an id made from the facts.

This is the public face of reading; `sources`, `paragraphs` and `facts` do the
work. A file that gives no report becomes a `ReadError` with a reason and never
stops the rest of a batch: not an unreadable file, not a folder that cannot be
listed, not a reading process that dies (PDFium crashing, the out-of-memory
killer), which is named with the file that killed it.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import re
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..domain.authorities import slug
from ..domain.report_types import report_type
from ..models import ReadError, Report, ReportFacts
from .facts import parse_facts
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
        report_id=report_id(facts),
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


def report_id(facts: ReportFacts) -> str:
    """A report's id, from its own facts alone (never its file name or the order files came in):
    'kingston-upon-thames-2012' for a full inspection, 'kingston-upon-thames-2019-03-19-focused-visit'
    for a visit, 'kingston-upon-thames-2010-contact-referral-assessment' for the older
    frameworks' other inspections. Readable and typeable. Two different reports with the
    same id are told apart by the index (see index.staging.unique_report_id)."""
    kind = report_type(facts.report_type)
    parts = [slug(facts.authority) if facts.authority else "unknown-authority"]
    day = facts.inspection_start or facts.inspection_end or facts.published
    if kind and kind.kind == "visit" and day:  # several a year (monitoring visits): the day it began
        parts.append(day.isoformat())
    elif facts.year:
        parts.append(str(facts.year))
    if kind and kind.slug:  # a visit or a partial inspection may share its year with a full inspection
        parts.append(kind.slug)
    return "-".join(parts)


def find_report_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[ReadError]]:
    """Expand files and folders into report files (.pdf, .txt), sorted; say what is not read.

    A file named directly is read wherever it is. In a folder only what lies in it is
    read: a symbolic link out of it is not followed (and is named), a link within it is
    left to the walk that reaches its target, a folder that cannot be listed is named,
    and a FIFO or device is never opened.
    """
    files: list[Path] = []
    errors: list[ReadError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found, problems = _walk(path)
            if not found and not problems:
                problems.append(ReadError(str(path), "folder holds no .pdf or .txt reports"))
            files.extend(found)
            errors.extend(problems)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            errors.append(ReadError(str(path), "not a regular file (a FIFO or a device?); askofsted reads only files"))
        else:
            errors.append(ReadError(str(path), "no such file or folder"))
    return files, errors


def _walk(folder: Path) -> tuple[list[Path], list[ReadError]]:
    found: list[Path] = []
    problems: list[ReadError] = []
    real = folder.resolve()
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError as exc:
            problems.append(ReadError(str(current), f"folder cannot be read ({exc.strerror or exc}); its reports were not read"))
            continue
        for entry in entries:
            path = Path(entry.path)
            wanted = path.suffix.lower() in SUFFIXES
            if entry.is_symlink():
                target = path.resolve()
                if (wanted or entry.is_dir()) and target != real and real not in target.parents:
                    problems.append(ReadError(str(path), "a symbolic link out of the folder: not followed "
                                                         "(add the file by its own name, or copy it in)"))
            elif entry.is_dir(follow_symlinks=False):
                pending.append(path)
            elif wanted and entry.is_file(follow_symlinks=False):
                found.append(path)
            elif wanted:
                problems.append(ReadError(str(path), "not a regular file (a FIFO or a device?): not read"))
    return sorted(found), problems


def _read_one(path: Path) -> Report | ReadError:
    try:
        return read_report(path)
    except UnreadableFile as exc:
        return ReadError(str(path), str(exc))
    except OSError as exc:  # an I/O error part-way through a file
        return ReadError(str(path), f"cannot be read: {exc.strerror or exc}")


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
        yield from _read_in_workers(files, workers)
    else:
        for path in files:
            yield _read_one(path)


def _read_in_workers(files: list[Path], workers: int) -> Iterator[Report | ReadError]:
    """Read files in worker processes, in order. Ctrl-C is the parent's alone: workers
    start with it blocked, so none prints a traceback, and they are stopped at once. A
    worker that dies takes no file silently: the files it may have held are read again
    one process each, and the one that kills its reader is reported as such."""
    pending = list(files)
    while pending:
        done = 0
        started: set = set()
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_follow_parent, initargs=(os.getpid(),))
        try:
            with _workers_ignore_ctrl_c():
                before = set(multiprocessing.active_children())
                futures = [pool.submit(_read_one, path) for path in pending]
                started = set(multiprocessing.active_children()) - before
            for future in futures:
                yield future.result()
                done += 1
            pool.shutdown()
            return
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            for process in started:
                process.terminate()
            for process in started:  # gone before the parent is: none is left reading from its pipe
                process.join(timeout=5)
            raise
        # A worker died. The files it may have held (one a worker, one queued) are read
        # again one process each; files read meanwhile keep their result; the rest go to a new pool.
        suspects = 0
        rest = list(zip(pending[done:], futures[done:]))
        pending = []
        for position, (path, future) in enumerate(rest):
            if future.done() and not future.cancelled() and future.exception() is None:
                yield future.result()
            elif suspects <= workers:
                suspects += 1
                yield _read_alone(path)
            else:
                pending = [p for p, _ in rest[position:]]
                break


def _read_alone(path: Path) -> Report | ReadError:
    """Read one file in a process of its own, to tell whether it is the one that kills its reader."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    with _workers_ignore_ctrl_c():
        process = context.Process(target=_read_and_send, args=(path, send), daemon=True)
        process.start()
    send.close()
    try:
        result = receive.recv()
    except EOFError:  # it died before sending
        result = None
    finally:
        process.join()
        receive.close()
    if result is not None:
        return result
    code = process.exitcode or 0
    how = {-signal.SIGKILL: "was killed (out of memory?)", -signal.SIGSEGV: "crashed (the PDF library failed)"}
    return ReadError(str(path), f"reading it {how.get(code, f'stopped the reading process (exit status {code})')}; "
                                f"the file may be damaged: download it again")


def _read_and_send(path: Path, send) -> None:
    send.send(_read_one(path))
    send.close()


@contextlib.contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Block SIGINT while worker processes are started: they inherit the blocked signal
    (through exec, too) and so never see Ctrl-C. The parent's Ctrl-C is held until this
    ends, not lost. Blocking alone does not hold it: another thread of the parent (the
    pool's manager) may take the signal, and Python then raises KeyboardInterrupt in the
    main thread anyway, perhaps between a child's start and the writing of its start-up
    data (the child then dies with a traceback of its own). So the main thread's handler
    only notes the signal meanwhile, and it is raised again once the children have what
    they need."""
    held: list[int] = []
    in_main_thread = (threading.current_thread() is threading.main_thread()
                      and signal.getsignal(signal.SIGINT) is not None)  # None: set outside Python, left alone
    handler = signal.signal(signal.SIGINT, lambda number, frame: held.append(number)) if in_main_thread else None
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        if in_main_thread:
            signal.signal(signal.SIGINT, handler)
            if held:
                signal.raise_signal(signal.SIGINT)
