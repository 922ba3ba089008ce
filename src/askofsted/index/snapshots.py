"""An index directory whose every change is all or nothing.

The index lives in numbered snapshot folders (`v000007/`); a one-line file
`CURRENT` names the live one. A writer takes an exclusive lock, builds the next
snapshot in a temporary folder, records the size and SHA-256 of each of its parts
(`parts.json`), and publishes it by atomically replacing `CURRENT`. So a build
killed at any moment (Ctrl-C, kill -9, power cut) leaves the previous snapshot
live and untouched, and a question asked during an update reads either the old
snapshot or the new one, never a half-written mix. Published snapshots are never
modified, which also lets readers open SQLite in immutable mode. The live
snapshot and the one before it are kept; a reader opens all of a snapshot's parts
at once, so one that is pruned afterwards goes on answering from open files.

askofsted writes only into folders it made: a marker file (`.askofsted-index`)
says so, and only names it makes there (`v000007`, `v000008.tmp-123`,
`CURRENT.tmp-123`), never through a symbolic link, are ever cleaned. The lock
file is opened without following a link and never written.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import shutil
import stat
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..errors import IndexMissing, NotAnIndex
from ..files import NotInside, fsync_dir, fsync_tree, inside, open_regular, read_inside, sha256
from .changes import Damaged

POINTER = "CURRENT"
LOCK = ".lock"
MARKER = ".askofsted-index"
PARTS = "parts.json"
KEEP = 2  # the live snapshot and the one before it, for readers still opening it

_SNAPSHOT = re.compile(r"^v(\d{6})$")
_STAGING = re.compile(r"^v\d{6}\.tmp-\d+$")
_POINTER_TMP = re.compile(rf"^{POINTER}\.tmp-\d+$")
_MARKER_TEXT = (
    "This folder holds an askofsted index. askofsted creates and deletes the v000000 folders\n"
    "and *.tmp-* files in it, and nothing else.\n"
)


class Busy(Exception):
    """Another process is changing this index."""


@dataclass(frozen=True)
class Part:
    """One file of a snapshot as it was published."""

    bytes: int
    sha256: str


# ---------------------------------------------------------------- reading the pointer


def current(root: Path) -> Path | None:
    """The live snapshot folder, or None if the index has never been published.

    Raises Damaged when `CURRENT` is not what a writer leaves: a link, a FIFO, garbage,
    or a name whose folder is missing.
    """
    for _ in range(3):  # CURRENT may move on, and its old folder be pruned, while this reads it
        name = _read_pointer(root)
        if name is None:
            return None
        folder = root / name
        try:
            mode = os.lstat(folder).st_mode
        except FileNotFoundError:
            if _read_pointer(root) != name:
                continue
            raise Damaged(POINTER, f"names {name}, which is missing") from None
        if not stat.S_ISDIR(mode):
            raise Damaged(name, "is not a folder (a symbolic link?)")
        return folder
    raise Damaged(POINTER, "keeps changing while it is read")


def _read_pointer(root: Path) -> str | None:
    try:
        with open_regular(root / POINTER, follow_symlinks=False) as handle:
            name = handle.read(64).decode("ascii", "replace").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise Damaged(POINTER, f"cannot be read ({_reason(exc)})") from None
    if not _SNAPSHOT.match(name):
        raise Damaged(POINTER, f"does not name a snapshot ({name[:20]!r})")
    return name


def snapshot_names(root: Path) -> list[Path]:
    """Every published snapshot folder (real folders named v000000), oldest first."""
    found = []
    for path in root.iterdir():
        if _SNAPSHOT.match(path.name) and stat.S_ISDIR(os.lstat(path).st_mode):
            found.append(path)
    return sorted(found, key=lambda p: p.name)


# ---------------------------------------------------------------- whose folder is it


def is_ours(root: Path) -> bool:
    """A folder askofsted made an index in: it carries the marker, or (made before the
    marker existed) its CURRENT names a snapshot holding an askofsted store."""
    try:
        if stat.S_ISREG(os.lstat(root / MARKER).st_mode):
            return True
    except FileNotFoundError:
        pass
    try:
        folder = current(root)
        return folder is not None and stat.S_ISREG(os.lstat(folder / "askofsted.sqlite").st_mode)
    except (Damaged, OSError):
        return False


def check_ours(root: Path) -> None:
    """Raise NotAnIndex unless a writer may work in `root`: it is ours, new, or empty."""
    try:
        mode = os.stat(root).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(mode):
        raise NotAnIndex(f"{root} is not a folder; name a folder for the index with --index")
    if is_ours(root) or not any(root.iterdir()):
        return
    raise NotAnIndex(f"{root} holds files that are not an askofsted index, and askofsted changes only folders it "
                     f"made; build the index in a new or empty folder (--index NEW-FOLDER)")


def no_index(root: Path) -> Exception:
    """The error for a folder with no published snapshot: missing, or someone else's."""
    if root.is_dir() and not is_ours(root) and any(root.iterdir()):
        return NotAnIndex(f"{root} is not an askofsted index (it holds other files); name an index with --index, "
                          f"or build one in a new folder: askofsted index build --index NEW-FOLDER SOURCE")
    return IndexMissing(f"no index at {root}; build one with: askofsted index build --index {root} [SOURCE ...]")


def _mark(root: Path) -> None:
    try:
        fd = os.open(root / MARKER, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except FileExistsError:
        return
    with os.fdopen(fd, "w") as handle:
        handle.write(_MARKER_TEXT)


# ---------------------------------------------------------------- writing


def claim(root: Path) -> None:
    """Under the write lock of a folder `check_ours` allowed: mark it as an index, and clear
    what a killed writer left there."""
    _mark(root)
    _remove_abandoned(root)


@contextlib.contextmanager
def writer_lock(root: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold a folder's write lock; a second writer waits (telling `on_wait`) until it is free.

    The lock file is created owner-only, opened without following a link, and never
    written to, so a link or hard link planted in its place changes nothing. An index
    writer checks the folder is its own first (`check_ours`) and claims it once it
    holds the lock (`claim`); the fetcher locks its scratch folder with this too.
    """
    root.mkdir(parents=True, exist_ok=True)
    fd = _open_lock(root / LOCK)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if on_wait is None:
                raise Busy(f"another askofsted process ({holder}) is changing this index") from None
            on_wait(f"waiting for another askofsted process ({holder}) to finish changing this index...")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _open_lock(path: Path) -> int:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotAnIndex(f"{path} is a symbolic link, which askofsted never makes; "
                             f"remove it if this folder is askofsted's") from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotAnIndex(f"{path} is not a file, which askofsted never makes; remove it if this folder is askofsted's")
    return fd


def _holder(fd: int) -> str:
    """Who holds the lock, from the kernel's table of locks (Linux); nothing is written to find out."""
    inode = os.fstat(fd).st_ino
    try:
        with open("/proc/locks") as handle:
            for line in handle:
                fields = line.split()
                if len(fields) > 5 and fields[1] == "FLOCK" and fields[5].rsplit(":", 1)[-1] == str(inode):
                    return f"pid {fields[4]}"
    except OSError:
        pass
    return "another process"


def start(root: Path) -> Path:
    """A fresh staging folder for the next snapshot. Call inside `writer_lock`."""
    numbers = [int(p.name[1:]) for p in snapshot_names(root)]
    staging = root / f"v{max(numbers, default=0) + 1:06d}.tmp-{os.getpid()}"
    staging.mkdir()
    return staging


def publish(root: Path, staging: Path, known: dict[str, Part] | None = None) -> Path:
    """Record the staging folder's parts, then make it the live snapshot, atomically; prune old ones.

    `known` gives parts whose size and hash the caller already has (files it verified
    and linked, bytes it hashed as it wrote them); every other file is hashed here.
    """
    parts = dict(known or {})
    new = [path for path in sorted(staging.rglob("*"))
           if path.relative_to(staging).as_posix() not in parts and path.is_file() and not path.is_symlink()]
    with ThreadPoolExecutor(2) as pool:  # hashing releases the GIL: the store and the vectors at once
        for path, digest in zip(new, pool.map(sha256, new)):
            parts[path.relative_to(staging).as_posix()] = Part(path.stat().st_size, digest)
    (staging / PARTS).write_text(json.dumps(
        {"format": 1, "parts": {name: {"bytes": p.bytes, "sha256": p.sha256} for name, p in sorted(parts.items())}},
        indent=1) + "\n")
    fsync_tree(staging)
    final = root / staging.name.split(".tmp-")[0]
    os.rename(staging, final)
    try:
        _point_to(root, final.name)
    except BaseException:
        shutil.rmtree(final, ignore_errors=True)  # never published: the live snapshot is untouched
        raise
    _prune(root)
    return final


def discard(staging: Path) -> None:
    """Forget a staging folder: the live snapshot was never touched."""
    shutil.rmtree(staging, ignore_errors=True)


def _point_to(root: Path, name: str) -> None:
    pointer_tmp = root / f"{POINTER}.tmp-{os.getpid()}"
    fd = os.open(pointer_tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    with os.fdopen(fd, "w") as handle:
        handle.write(name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, root / POINTER)
    fsync_dir(root)


def _prune(root: Path) -> None:
    """Delete snapshots older than the last KEEP: readers opened theirs whole, so they keep answering."""
    live = current(root)
    for old in snapshot_names(root)[:-KEEP]:
        if old != live:
            shutil.rmtree(old, ignore_errors=True)


def _remove_abandoned(root: Path) -> None:
    """Staging folders and pointer files left by a writer that was killed: only the names
    askofsted makes, only real folders and files, never what a link points to."""
    for path in root.iterdir():
        mode = os.lstat(path).st_mode
        if _STAGING.match(path.name) and stat.S_ISDIR(mode):
            shutil.rmtree(path, ignore_errors=True)
        elif _POINTER_TMP.match(path.name) and stat.S_ISREG(mode):
            path.unlink(missing_ok=True)


# ---------------------------------------------------------------- parts


def recorded_parts(folder: Path) -> dict[str, Part] | None:
    """The parts a snapshot was published with; None for one published before they were recorded."""
    try:
        data = json.loads(read_inside(folder, PARTS))
        return {name: Part(int(p["bytes"]), str(p["sha256"])) for name, p in data["parts"].items()}
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise Damaged(f"{folder.name}/{PARTS}", f"cannot be read ({_reason(exc)})") from None


def check_parts(folder: Path, parts: dict[str, Part] | None, hashes: bool = False) -> None:
    """Raise Damaged for the first part that is missing, a link, or not as recorded
    (by size; with `hashes`, by SHA-256 too, which reads every byte)."""
    for name, part in sorted((parts or {}).items()):
        path = part_path(folder, name)
        size = path.stat().st_size
        if size != part.bytes:
            raise Damaged(f"{folder.name}/{name}", f"is {size} bytes, but {part.bytes} were published")
        if hashes and sha256(path) != part.sha256:
            raise Damaged(f"{folder.name}/{name}", "does not match the SHA-256 recorded when it was published")


def part_path(folder: Path, name: str, is_folder: bool = False) -> Path:
    """A part's path, checked to lie inside the snapshot (see files.inside); Damaged if not."""
    try:
        if is_folder:
            path = folder / name
            if "/" in name or not stat.S_ISDIR(os.lstat(path).st_mode):
                raise NotInside(f"{name} is not a folder of its own (a symbolic link?)")
            return path
        return inside(folder, name)
    except FileNotFoundError:
        raise Damaged(f"{folder.name}/{name}", "is missing") from None
    except OSError as exc:
        raise Damaged(f"{folder.name}/{name}", f"cannot be used: {_reason(exc)}") from None


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
