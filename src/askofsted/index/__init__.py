"""The index: report paragraphs, their citations, vectors and words, kept in snapshots.

`core` opens an index and answers from it; `staging` prepares its next snapshot;
`snapshots` makes each change atomic; `store` (SQLite, FTS5), `vectors` (FAISS)
and `encoder` (ONNX) hold and make what is searched; `chunking` says what is
embedded for each paragraph.
"""

from .changes import Change, IndexInfo, Progress
from .core import Index, build_index, open_index, rebuild_index

__all__ = ["Change", "Index", "IndexInfo", "Progress", "build_index", "open_index", "rebuild_index"]
