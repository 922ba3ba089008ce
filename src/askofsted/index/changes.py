"""What the index's readers and writers share: its layout, what a change did, and damage.

Kept apart from `core` (the open Index) and `staging` (preparing a snapshot) so
that each can import it without importing the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import IndexDamaged, IndexOutdated
from ..models import ReadError

ENCODER_DIR = "encoder"
DEFAULT_VARIANT = "int8"
EMBEDDING_RECIPE = "paragraph-detail-v4"  # what text is embedded per paragraph (see chunking)

class Damaged(Exception):
    """A part of a snapshot that cannot be used: `part` is its path inside the index
    ('v000012/vectors.faiss'), `reason` what is wrong with it. `core` turns it into the
    user's one line with the command that repairs it."""

    def __init__(self, part: str, reason: str):
        super().__init__(f"{part} {reason}")
        self.part = part
        self.reason = reason


def damaged_error(root, damaged: Damaged) -> IndexDamaged:
    """The user's one line for a damaged part: what, where, and the command that repairs it."""
    return IndexDamaged(f"the index at {root} is damaged: {damaged.part} {damaged.reason}; "
                        f"rebuild it with: askofsted index rebuild --index {root}")


def check_compatible(root, snapshot: str, meta: dict[str, str]) -> None:
    """Refuse a snapshot this askofsted cannot read (IndexOutdated, with the rebuild command)
    or whose meta table is broken (Damaged): readers and writers alike."""
    from .encoder import SHORT_NAME
    from .store import DB_NAME, FORMAT_VERSION

    try:
        version = int(meta.get("format_version", 0))
        meta["encoder_variant"]  # noqa: B018
    except (ValueError, KeyError) as exc:
        raise Damaged(f"{snapshot}/{DB_NAME}", f"has a broken meta table ({type(exc).__name__}: {exc})") from None
    if version != FORMAT_VERSION:
        raise IndexOutdated(
            f"the index at {root} has format {version}, this askofsted reads format {FORMAT_VERSION}; "
            f"rebuild it with: askofsted index rebuild --index {root}"
        )
    if not meta.get("encoder_name", "").startswith(SHORT_NAME) or meta.get("embedding_recipe") != EMBEDDING_RECIPE:
        raise IndexOutdated(
            f"the index at {root} was embedded with {meta.get('encoder_name', 'another model')} "
            f"({meta.get('embedding_recipe', 'another recipe')}); this askofsted uses {SHORT_NAME} "
            f"({EMBEDDING_RECIPE}): rebuild it with: askofsted index rebuild --index {root}"
        )


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
    kept: list[tuple[str, str]] = field(default_factory=list)  # (report id, why its file was not read again)
    errors: list[ReadError] = field(default_factory=list)
    paragraphs: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed)

    @property
    def skipped(self) -> bool:
        """Some file or folder named was not read (each is in `errors`, with why)."""
        return bool(self.errors)

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "replaced": self.replaced,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "duplicates": [{"source": p, "report": r} for p, r in self.duplicates],
            "kept": [{"report": r, "reason": why} for r, why in self.kept],
            "errors": [{"source": e.source, "error": e.reason} for e in self.errors],
            "paragraphs": self.paragraphs,
            "seconds": round(self.seconds, 2),
        }
