"""Shared fixtures: the bundled seed reports and, where present, the shared PDFs.

The shared data lives outside the repo (`ASKOFSTED_SHARED`, else `<repo>/../shared`);
tests that need it skip cleanly when it is absent.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

# Tests that press Ctrl-C on a child process need the child to start with Ctrl-C live. A shell
# starts background jobs (`.ci/run &`, nohup) with SIGINT ignored, children inherit that, and
# Python then never raises KeyboardInterrupt: restore the default here, before any child starts.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

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


@pytest.fixture(scope="session")
def seed_index_dir(tmp_path_factory, corpus_dir) -> Path:
    """An index of the five seed reports, built once per test session."""
    from askofsted.index import build_index

    path = tmp_path_factory.mktemp("seed-index") / "index"
    index, _ = build_index([corpus_dir], path)
    index.close()
    return path


@pytest.fixture(scope="session")
def seed_index(seed_index_dir):
    from askofsted.index import open_index

    index = open_index(seed_index_dir)
    yield index
    index.close()


@pytest.fixture
def index_copy(seed_index_dir, tmp_path) -> Path:
    """A private copy of the seed index for tests that change it (published snapshots
    never change, so hard links are a safe copy)."""
    import shutil

    target = tmp_path / "index"
    shutil.copytree(seed_index_dir, target, copy_function=os.link, ignore=shutil.ignore_patterns(".lock"))
    return target
