"""What has been fetched into a folder, known by Ofsted's file ID.

The record is `fetched.json` in the folder the reports are fetched into, so it
travels with them: a second fetch into the same folder downloads only file IDs
it does not list. It is rewritten after every download, atomically (a new file,
flushed, renamed over the old), so a fetch killed at any moment leaves either
the record before that download or the one after it.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import AskofstedError
from ..files import fsync_dir

RECORD = "fetched.json"
VERSION = 1


class RecordDamaged(AskofstedError):
    """fetched.json cannot be read."""


@dataclass(frozen=True)
class Entry:
    file_id: str
    file: str  # its name in the folder
    url: str
    urn: str
    authority: str
    kind: str
    published: str  # ISO date, as Ofsted's page gave it
    fetched: str  # ISO date and time (UTC)
    sha256: str


@dataclass
class Record:
    path: Path
    entries: dict[str, Entry]

    @classmethod
    def load(cls, folder: Path) -> Record:
        path = folder / RECORD
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = {str(key): Entry(**value) for key, value in data["files"].items()}
        except FileNotFoundError:
            return cls(path, {})
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            raise RecordDamaged(f"{path} cannot be read ({type(exc).__name__}); move it away and fetch again "
                                "(files already in the folder are kept, not fetched twice)") from None
        return cls(path, entries)

    def __contains__(self, file_id: str) -> bool:
        return file_id in self.entries

    def files(self) -> set[str]:
        return {entry.file for entry in self.entries.values()}

    def add(self, entry: Entry, scratch: Path) -> None:
        """Record one more file and write the record, atomically, via `scratch` (a folder
        of this fetch's own on the same file system)."""
        self.entries[entry.file_id] = entry
        data = {"version": VERSION, "files": {key: asdict(value) for key, value in sorted(self.entries.items())}}
        temp = scratch / f"{RECORD}.tmp-{os.getpid()}"
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, self.path)
        fsync_dir(self.path.parent)
