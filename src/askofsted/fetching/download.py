"""One report file from Ofsted into a folder: complete and readable, or not at all.

The body is streamed to a temporary file in the fetch's scratch folder (inside
the target folder, so on the same file system), flushed to disk, and checked:
it must be a whole PDF (a PDF header, an end-of-file marker) that askofsted's
reader reads as an inspection report. Only then is it renamed, atomically, to its
readable name. So the folder only ever holds complete, checked reports; a
download killed halfway leaves a temporary file in the scratch folder, which the
next fetch removes.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..domain.authorities import slug
from ..files import fsync_dir, sha256
from ..reading.reader import read_report
from ..reading.sources import UnreadableFile
from .polite import Client
from .site import Publication

PART = ".part"  # temporary downloads end so, and are never taken for reports
_TAIL = 2048  # where a PDF's %%EOF marker must be
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


class Rejected(Exception):
    """The file came, but is not a report askofsted can keep; the message says why."""


@dataclass(frozen=True)
class Saved:
    path: Path
    sha256: str
    already_there: bool  # the same bytes were in the folder under this name (an interrupted fetch)


def file_name(publication: Publication, authority: str) -> str:
    """'norfolk-2024-08-01-focused-visit.pdf': authority, publication date, kind."""
    return f"{slug(authority)}-{publication.published.isoformat()}-{publication.kind}.pdf"


def download(client: Client, publication: Publication, name: str, folder: Path, scratch: Path) -> Saved:
    """Fetch a publication into `folder` as `name` (or a name with its file ID added, if
    another file has that name). Raises Rejected, or FetchError for the request itself."""
    temp = scratch / f"{publication.file_id}-{os.getpid()}{PART}"
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            client.save(publication.url, handle)
            handle.flush()
            os.fsync(handle.fileno())
        check(temp)
        return _place(temp, folder, name, publication.file_id)
    finally:
        temp.unlink(missing_ok=True)


def check(path: Path) -> None:
    """Raise Rejected unless the file is a whole PDF that reads as an inspection report."""
    size = path.stat().st_size
    with open(path, "rb") as handle:
        head = handle.read(1024)
        handle.seek(max(0, size - _TAIL))
        tail = handle.read()
    if size == 0:
        raise Rejected("empty response (0 bytes), not a PDF")
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        title = _TITLE.search(path.read_bytes())
        said = " ".join(title.group(1).decode("utf-8", "replace").split()) if title else ""
        if "not found" in said.lower():
            raise Rejected(f"Ofsted answered with a web page saying '{said}', not a PDF")
        raise Rejected("Ofsted answered with a web page, not a PDF" + (f" ('{said}')" if said else ""))
    if not head.startswith(b"%PDF-"):
        raise Rejected("not a PDF (no PDF header)")
    if b"%%EOF" not in tail:
        raise Rejected(f"truncated PDF ({size} bytes, no end-of-file marker)")
    try:
        read_report(path)
    except UnreadableFile as exc:
        raise Rejected(f"the reader cannot read it: {exc}") from None


def _place(temp: Path, folder: Path, name: str, file_id: str) -> Saved:
    """Rename the checked file into the folder without replacing anything already there;
    if the name is taken by the very same bytes (a fetch killed after its rename but
    before its record), keep that file."""
    digest = sha256(temp)
    stem = name.removesuffix(".pdf")
    for candidate in (name, f"{stem}-{file_id}.pdf"):
        target = folder / candidate
        if target.is_symlink():
            continue  # never write through, or over, a link someone else made
        if not target.exists():
            os.rename(temp, target)
            fsync_dir(folder)
            return Saved(target, digest, already_there=False)
        if target.is_file() and sha256(target) == digest:
            return Saved(target, digest, already_there=True)
    raise Rejected(f"{folder} already holds other files named {name} and {stem}-{file_id}.pdf")
