"""What the index's readers and writers share: its layout and what a change did.

Kept apart from `core` (the open Index) and `staging` (preparing a snapshot) so
that each can import it without importing the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..models import ReadError

ENCODER_DIR = "encoder"
DEFAULT_VARIANT = "int8"
EMBEDDING_RECIPE = "paragraph-detail-v4"  # what text is embedded per paragraph (see chunking)

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): stages are 'reading' and 'embedding'."""


@dataclass(frozen=True)
class IndexInfo:
    path: str
    reports: int
    paragraphs: int
    windows: int
    sources: int
    model: str
    format_version: int
    size_bytes: int
    created: str
    updated: str
    roots: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {**self.__dict__, "roots": list(self.roots)}


@dataclass
class Change:
    """What a write did, for the user and for scripts."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, report id it repeats)
    errors: list[ReadError] = field(default_factory=list)
    paragraphs: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed)

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "replaced": self.replaced,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "duplicates": [{"source": p, "report": r} for p, r in self.duplicates],
            "errors": [{"source": e.source, "error": e.reason} for e in self.errors],
            "paragraphs": self.paragraphs,
            "seconds": round(self.seconds, 2),
        }
