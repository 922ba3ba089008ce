"""How a web request reaches the library: one open index per process, shared by its threads.

The server answers requests on a pool of threads. `Index` is safe to share between
them and follows new snapshots by itself; each request takes the newest snapshot
when it starts (`Library.run`) and reads that one throughout, so a page never mixes
two versions of the index.

The other functions here read what the page needs from an open index in the
library's own terms; they never open a file whose path came from a request.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

from ..errors import UnknownReport
from ..index import store
from ..models import Citation, Paragraph

T = TypeVar("T")


class Library:
    """The open index, and the one way a request calls it (off the event loop, on one snapshot)."""

    def __init__(self, index):
        self._index = index

    async def run(self, work: Callable[..., T]) -> T:
        """`work(snapshot)` in a worker thread, so a slow question never blocks the other requests."""
        return await run_in_threadpool(self._on_snapshot, work)

    def _on_snapshot(self, work: Callable[..., T]) -> T:
        return work(self._index.snapshot())

    def close(self) -> None:
        self._index.close()


def report_paragraphs(index, report_id: str) -> tuple[store.StoredReport, list[tuple[Citation, Paragraph]]]:
    """A report and every paragraph of it, each with its citation, in order.

    Raises UnknownReport. (The library's `Index.show` gives a window around one
    paragraph; a whole report is the same rows, read the way `show` reads them.)
    """
    report = store.report_by_id(index.connection, report_id)
    if report is None:
        raise UnknownReport(f"no report {report_id!r} in this index")
    rows = store.paragraphs_of_report(index.connection, report.id)
    return report, [(index.citation(report, row.paragraph), row.paragraph) for row in rows]


def reports_by_id(index) -> dict[str, store.StoredReport]:
    return {report.report_id: report for report in index.reports()}


def pdf_file(report: store.StoredReport | None) -> Path | None:
    """The PDF a report in the index was read from, if it is still there and is a PDF.

    The path is the one the index recorded when it read the report; nothing from a
    URL is ever part of it.
    """
    if report is None or not report.source.lower().endswith(".pdf"):
        return None
    path = Path(report.source)
    try:
        with path.open("rb") as file:
            head = file.read(1024)
    except OSError:
        return None
    return path if b"%PDF-" in head else None
