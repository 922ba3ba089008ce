"""Where askofsted looks for its index and its bundled corpus by default.

Run from a checkout (or an editable install) the defaults are the checkout's
`index/` and `corpus/`, wherever the command is run from; otherwise they are
`./index` and `./corpus`. `ASKOFSTED_INDEX` names another index.
"""

from __future__ import annotations

import os
from pathlib import Path

INDEX_ENV = "ASKOFSTED_INDEX"


def project_home() -> Path | None:
    """The source checkout this package runs from, if it runs from one."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "pyproject.toml").is_file() and (root / "corpus").is_dir() else None


def default_index_path() -> Path:
    if os.environ.get(INDEX_ENV):
        return Path(os.environ[INDEX_ENV]).expanduser()
    home = project_home()
    return (home / "index") if home else Path("index").resolve()


def default_corpus_path() -> Path:
    home = project_home()
    return (home / "corpus") if home else Path("corpus").resolve()
