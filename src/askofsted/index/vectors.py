"""Dense vectors in FAISS: exact inner-product search, with ids that survive edits.

A flat index keeps search exact and lets single reports be added and removed in
place (an HNSW graph cannot remove); at the size of every English council's
reports (tens of thousands of windows) a flat scan takes milliseconds on one
thread. Filtered searches scan only the allowed ids through an IDSelector.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import faiss
import numpy as np

FILE_NAME = "vectors.faiss"

# Two OpenMP threads made single queries 3-5x slower on the 2-core machine.
faiss.omp_set_num_threads(1)


class VectorIndex:
    """FAISS IndexIDMap2 over IndexFlatIP: cosine similarity of normalised vectors."""

    def __init__(self, index: faiss.Index):
        self._index = index

    @classmethod
    def empty(cls, dim: int) -> VectorIndex:
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dim)))

    @classmethod
    def load(cls, path: Path) -> VectorIndex:
        """Read a file a writer saved; raises ValueError (FAISS's own error is C++ text) if it is not one."""
        try:
            return cls._checked(faiss.read_index(str(path)))
        except RuntimeError:
            raise ValueError("is not a FAISS index, or is cut short") from None

    @classmethod
    def _checked(cls, index: faiss.Index) -> VectorIndex:
        if not isinstance(index, faiss.IndexIDMap2):
            raise ValueError(f"holds a FAISS {type(index).__name__}, not the id-mapped flat index askofsted writes")
        return cls(index)

    def save(self, path: Path) -> str:
        """Write the index to a new file and return its SHA-256, taken as it is written.
        Written through Python, so a full or read-only disk raises OSError like any other
        write (FAISS's own file writer raises C++ text)."""
        digest = hashlib.sha256()
        with open(path, "xb") as handle:

            def write(chunk: bytes) -> None:
                digest.update(chunk)
                handle.write(chunk)

            faiss.write_index(self._index, faiss.PyCallbackIOWriter(write))
        return digest.hexdigest()

    @property
    def dim(self) -> int:
        return self._index.d

    def __len__(self) -> int:
        return self._index.ntotal

    def add(self, ids: Sequence[int], vectors: np.ndarray) -> None:
        if len(ids):
            self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(ids, dtype=np.int64))

    def remove(self, ids: Sequence[int]) -> None:
        if len(ids):
            self._index.remove_ids(faiss.IDSelectorBatch(np.asarray(ids, dtype=np.int64)))

    def search(self, vector: np.ndarray, k: int, allowed: Sequence[int] | None = None) -> list[tuple[int, float]]:
        """The k nearest ids with their cosine similarity, optionally only among `allowed` ids."""
        if len(self) == 0 or k <= 0 or (allowed is not None and len(allowed) == 0):
            return []
        query = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        params = None
        if allowed is not None:
            k = min(k, len(allowed))
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64)))
        scores, ids = self._index.search(query, min(k, len(self)), params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
