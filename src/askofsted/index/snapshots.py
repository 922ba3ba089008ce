"""An index directory whose every change is all or nothing.

The index lives in numbered snapshot folders (`v000007/`); a one-line file
`CURRENT` names the live one. A writer takes an exclusive lock, builds the next
snapshot in a temporary folder, and publishes it by atomically replacing
`CURRENT`. So a build killed at any moment (Ctrl-C, kill -9, power cut) leaves the
previous snapshot live and untouched, and a question asked during an update
reads either the old snapshot or the new one, never a half-written mix.
Published snapshots are never modified, which also lets readers open SQLite in
immutable mode.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from ..files import fsync_dir, fsync_tree

POINTER = "CURRENT"
LOCK = ".lock"
_SNAPSHOT = re.compile(r"^v(\d{6})$")
KEEP = 2  # the live snapshot and the one before it, for readers still using it


class Busy(Exception):
    """Another process is changing this index."""


def current(root: Path) -> Path | None:
    """The live snapshot folder, or None if the index has never been published."""
    try:
        name = (root / POINTER).read_text().strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    folder = root / name
    return folder if _SNAPSHOT.match(name) and folder.is_dir() else None


@contextlib.contextmanager
def writer_lock(root: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the index's write lock; a second writer waits (telling `on_wait`) until it is free."""
    root.mkdir(parents=True, exist_ok=True)
    handle = open(root / LOCK, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            if on_wait is None:
                raise Busy(f"another askofsted process ({holder}) is changing this index") from None
            on_wait(f"waiting for another askofsted process ({holder}) to finish changing this index...")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        _remove_abandoned(root)
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def start(root: Path) -> Path:
    """A fresh staging folder for the next snapshot. Call inside `writer_lock`."""
    live = current(root)
    numbers = [int(live.name[1:]) if live else 0, *(_number(p) or 0 for p in root.iterdir())]
    staging = root / f"v{max(numbers) + 1:06d}.tmp-{os.getpid()}"
    staging.mkdir()
    return staging


def publish(root: Path, staging: Path) -> Path:
    """Make a finished staging folder the live snapshot, atomically; prune old ones."""
    fsync_tree(staging)
    final = root / staging.name.split(".tmp-")[0]
    os.rename(staging, final)
    _publish(root, final.name)
    _prune(root)
    return final


def discard(staging: Path) -> None:
    """Forget a staging folder: the live snapshot was never touched."""
    shutil.rmtree(staging, ignore_errors=True)


def _number(path: Path) -> int | None:
    match = _SNAPSHOT.match(path.name)
    return int(match.group(1)) if match else None


def _publish(root: Path, name: str) -> None:
    pointer_tmp = root / f"{POINTER}.tmp-{os.getpid()}"
    with open(pointer_tmp, "w") as handle:
        handle.write(name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, root / POINTER)
    fsync_dir(root)


def _prune(root: Path) -> None:
    """Delete snapshots older than the last KEEP; open readers keep their files (POSIX)."""
    snapshots = sorted((p for p in root.iterdir() if _number(p) is not None), key=_number)
    live = current(root)
    for old in snapshots[:-KEEP]:
        if old != live:
            shutil.rmtree(old, ignore_errors=True)


def _remove_abandoned(root: Path) -> None:
    """Staging folders and pointer files left by a writer that was killed."""
    for path in root.iterdir():
        if ".tmp-" in path.name:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
