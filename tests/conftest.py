"""Shared fixtures: the bundled seed reports and, where present, the shared PDFs.

The shared data lives outside the repo (`ASKOFSTED_SHARED`, else `<repo>/../shared`);
tests that need it skip cleanly when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_root() -> Path:
    return Path(os.environ.get("ASKOFSTED_SHARED") or REPO.parent / "shared")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return REPO / "corpus"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared data folder; skips the test when it (or its PDFs) is absent."""
    root = shared_root()
    if not (root / "ilacs").is_dir():
        pytest.skip(f"shared data not found at {root} (set ASKOFSTED_SHARED)")
    return root


@pytest.fixture(scope="session")
def shared_pdf(shared_dir):
    """shared_pdf('80418_norfolk', '20 october 2015') -> that report's PDF, or skip."""

    def find(folder: str, published: str) -> Path:
        matches = sorted((shared_dir / "ilacs" / folder).glob(f"*{published}.pdf"))
        if not matches:
            pytest.skip(f"{folder}/*{published}.pdf not in shared data")
        return matches[0]

    return find
