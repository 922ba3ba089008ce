"""Retrieval quality: askofsted against the pipeline a tutorial would build, side by side.

    python benchmarks/retrieval.py [--shared ../shared] [--work benchmarks/.work] [--variant int8|fp32]

For each development question set (../shared/eval: dev_seeds.jsonl over the five
seed reports, dev_ilacs.jsonl over the 497 shared PDFs) it scores, with the sets'
own matching rule, hit@1, hit@5, MRR@10 and recall@10, overall and by question
type, for

- askofsted: its index of the same files (built into --work if not there yet),
  questions asked as a user would, filters understood from the question;
- the reference: the report text split by RecursiveCharacterTextSplitter into
  1000-character chunks with 200 overlap, embedded by the same model
  (all-MiniLM-L6-v2, fp32 ONNX: the vectors of sentence-transformers to cosine
  0.9999999), searched in a flat FAISS index, no filters.

Reference embeddings are cached in --work (keyed by chunk text), so a second run
takes seconds; the first embeds about 36,000 chunks (~20 minutes here).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from askofsted.index.encoder import OnnxEncoder, cached_export
from askofsted.evaluate import Question, evaluate, load_questions, report
from askofsted.index import build_index, open_index
from askofsted.reading.reader import find_report_files
from askofsted.reading.sources import UnreadableFile, read_lines
from common import SHARED

HERE = Path(__file__).resolve().parent


def reference_chunks(files: Sequence[Path]) -> list[str]:
    """The tutorial recipe: whole text, 1000-character chunks, 200 overlap."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    chunks: list[str] = []
    for path in files:
        try:
            pages = read_lines(path)
        except UnreadableFile:
            continue
        text = "\n\n".join("\n".join(line.text for line in page) for page in pages)
        chunks.extend(splitter.split_text(text))
    return chunks


def cached_vectors(texts: Sequence[str], encoder, cache: Path) -> np.ndarray:
    """Embed texts, reusing vectors cached by text hash from earlier runs."""
    cache.mkdir(parents=True, exist_ok=True)
    keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
    store = cache / f"{encoder.name.replace('/', '_')}.npz"
    known: dict[str, np.ndarray] = {}
    if store.exists():
        data = np.load(store)
        known = dict(zip(data["keys"].tolist(), data["vectors"]))
    missing = [i for i, k in enumerate(keys) if k not in known]
    if missing:
        started = time.perf_counter()
        vectors = encoder.encode([texts[i] for i in missing])
        print(f"  embedded {len(missing)} reference chunks in {time.perf_counter() - started:.0f} s", flush=True)
        for i, vector in zip(missing, vectors):
            known[keys[i]] = vector
        np.savez(store, keys=np.array(list(known)), vectors=np.stack(list(known.values())))
    return np.stack([known[k] for k in keys])


def reference_retriever(files: Sequence[Path], cache: Path):
    import faiss

    chunks = reference_chunks(files)
    encoder = OnnxEncoder(cached_export(), variant="fp32")
    vectors = cached_vectors(chunks, encoder, cache)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    faiss.omp_set_num_threads(1)

    def retrieve(question: str) -> list[str]:
        _, ids = index.search(encoder.encode([question]), 10)
        return [chunks[i] for i in ids[0] if i >= 0]

    return retrieve, len(chunks)


def askofsted_retriever(sources: Sequence[Path], index_path: Path, variant: str):
    if not (index_path / "CURRENT").exists():
        print(f"  building the askofsted index {index_path} ...", flush=True)
        started = time.perf_counter()
        build_index(sources, index_path, variant=variant, workers=2)
        print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    index = open_index(index_path)
    return (lambda question: [r.text for r in index.search(question, k=10)]), index.info().paragraphs


def print_table(rows: list[tuple[str, str, dict]]) -> None:
    print(f"{'set':6s} {'system':22s} {'type':12s} {'n':>3s} {'hit@1':>6s} {'hit@5':>6s} {'MRR@10':>7s} {'rec@10':>7s}")
    for name, system, results in rows:
        for kind, m in results.items():
            print(f"{name:6s} {system:22s} {kind:12s} {m['questions']:3d} {m['hit@1']:6.3f} {m['hit@5']:6.3f} "
                  f"{m['mrr@10']:7.3f} {m['recall@10']:7.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--work", type=Path, default=HERE / ".work")
    parser.add_argument("--variant", default="int8", choices=["int8", "fp32"])
    parser.add_argument("--sets", default="seeds,ilacs")
    parser.add_argument("--no-reference", action="store_true")
    args = parser.parse_args()
    corpora = {
        "seeds": ([HERE.parent / "corpus"], args.shared / "eval" / "dev_seeds.jsonl"),
        "ilacs": ([args.shared / "ilacs"], args.shared / "eval" / "dev_ilacs.jsonl"),
    }
    rows = []
    for name in args.sets.split(","):
        sources, questions_file = corpora[name]
        if not questions_file.exists() or not all(s.exists() for s in sources):
            print(f"skipped {name}: {questions_file} or its reports not found")
            continue
        questions: list[Question] = load_questions(questions_file)
        print(f"{name}: {len(questions)} questions", flush=True)
        ours, paragraphs = askofsted_retriever(sources, args.work / f"index-{name}-{args.variant}", args.variant)
        started = time.perf_counter()
        rows.append((name, f"askofsted ({args.variant})", report(evaluate(questions, ours))))
        print(f"  askofsted: {paragraphs} paragraphs, {1000 * (time.perf_counter() - started) / len(questions):.0f} ms "
              f"a question", flush=True)
        if not args.no_reference:
            files, _ = find_report_files(sources)
            reference, chunks = reference_retriever(files, args.work / "reference-vectors")
            rows.append((name, "reference (1000/200)", report(evaluate(questions, reference))))
            print(f"  reference: {chunks} chunks", flush=True)
    print()
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
