"""File helpers shared by everything that reads or writes: safe opening, hashes, durable writes.

Two promises rest on these. Reading a report never blocks on a FIFO or a device
named like one (`open_regular`). Loading an index reads nothing outside it: a part
of an index is named relative to its folder and reached without following a
symbolic link or a '..' (`inside`, `read_inside`), because an index may come from
someone else. And a folder published by an atomic rename must have its files on
disk first, or a power cut right after the rename could leave a complete-looking
folder of empty files; `fsync_tree` is that flush.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path, PurePosixPath
from typing import BinaryIO

BLOCK = 1 << 22  # 4 MiB: large blocks let hashlib and the kernel work with the GIL released


class NotARegularFile(OSError):
    """A FIFO, device, socket or folder where a file was expected."""


class NotInside(OSError):
    """A path that would leave its folder: absolute, '..', or through a symbolic link."""


def open_regular(path: Path, follow_symlinks: bool = True) -> BinaryIO:
    """Open a regular file for reading; a FIFO or device is refused, never waited on."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow_symlinks else os.O_NOFOLLOW)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFile(f"not a regular file ({_kind(mode)})")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def inside(folder: Path, relative: str) -> Path:
    """`folder/relative`, checked to be a regular file reached without leaving `folder`:
    no absolute path, no '.' or '..', no symbolic link on the way (the folder itself is
    the caller's to check). Raises NotInside, or FileNotFoundError if it is not there."""
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or any(p in (".", "..") for p in parts) \
            or "\\" in relative:
        raise NotInside(f"{relative!r} is not a plain name inside the folder")
    path = folder
    for depth, part in enumerate(parts, start=1):
        path = path / part
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            raise NotInside(f"{'/'.join(parts[:depth])} is a symbolic link")
        if depth < len(parts) and not stat.S_ISDIR(mode):
            raise NotInside(f"{'/'.join(parts[:depth])} is not a folder")
        if depth == len(parts) and not stat.S_ISREG(mode):
            raise NotInside(f"{relative} is {_kind(mode)}")
    return path


def open_inside(folder: Path, relative: str) -> BinaryIO:
    """`folder/relative` opened for reading, checked as `inside` checks it."""
    return open_regular(inside(folder, relative), follow_symlinks=False)


def read_inside(folder: Path, relative: str) -> bytes:
    """The bytes of `folder/relative`, checked as `inside` checks it."""
    with open_inside(folder, relative) as handle:
        return handle.read()


def sha256(path: Path) -> str:
    """The SHA-256 of a regular file's bytes."""
    with open_regular(path) as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def sha256_bytes(data) -> str:
    return hashlib.sha256(data).hexdigest()


def copy_hashing(source: Path, target: Path) -> str:
    """Copy a regular file (never through a symbolic link) to a new file; returns the SHA-256
    of what was copied, so a copy is checked without reading the source twice."""
    digest = hashlib.sha256()
    buffer = bytearray(BLOCK)
    view = memoryview(buffer)
    with open_regular(source, follow_symlinks=False) as src, open(target, "xb") as dst:
        while size := src.readinto(buffer):
            digest.update(view[:size])
            dst.write(view[:size])
    return digest.hexdigest()


def fsync_tree(folder: Path) -> None:
    """Flush every file under a folder, then the folder itself."""
    for path in folder.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir():
            fsync_dir(path)
        elif path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
