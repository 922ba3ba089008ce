"""Retrieval quality: askofsted against the pipeline a tutorial would build, side by side,
on every development set, each half of it and all of it.

    python benchmarks/retrieval.py [--shared ../shared] [--index497 DIR] [--work benchmarks/.work]
                                   [--variant int8|fp32] [--sets seeds,ilacs,users] [--no-reference]

The development question sets (../shared/eval) are scored as `askofsted eval`
scores them (see askofsted.evaluate and the sets' README): hit@1, hit@5, MRR@10,
recall@10 with the gold quotes, and each kind's own figures (grade stated,
inspections covered, authority recall and precision, the weak flag), overall and
by question type, for the questions whose id's number is odd, even, and all:

- dev_seeds.jsonl on an index of the five seed reports (the repo's corpus/, built
  into --work if not there yet);
- dev_ilacs.jsonl and dev_users.jsonl on an index of the 497 shared PDFs:
  --index497 (default /work/idx/base497, the one built at the start of the
  session), else one built into --work (10-15 minutes of both cores).

Beside askofsted, the reference: the report text split by
RecursiveCharacterTextSplitter into 1000-character chunks with 200 overlap,
embedded by the same model (all-MiniLM-L6-v2, fp32 ONNX: the vectors of
sentence-transformers to cosine 0.9999999), searched in a flat FAISS index, no
filters. Its chunks carry their file and the authority its folder names
(`<urn>_<authority>/`), so "which councils" questions can be scored for it too;
it never says an answer is weak. Reference embeddings are cached in --work
(keyed by chunk text), so a second run takes seconds; the first embeds about
36,000 chunks (~20 minutes here).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from askofsted.domain.authorities import canonical_authority
from askofsted.evaluate import HALVES, Question, Response, Shown, asking, evaluate, half, load_questions, report
from askofsted.index.encoder import OnnxEncoder, cached_export
from askofsted.reading.reader import find_report_files
from askofsted.reading.sources import UnreadableFile, read_lines
from common import SHARED, own_index

HERE = Path(__file__).resolve().parent
INDEX497 = Path("/work/idx/base497")
CUTOFF = 10
COLUMNS = (*HALVES, "all")
WEAK_ROWS = ("overall", "none", "answerable")  # the rows whose weak flag is printed

# The figures of a row, in the order printed, and their labels.
FIGURES = (
    ("questions", "n"), ("hit@1", "hit@1"), ("hit@5", "hit@5"), ("mrr@10", "MRR@10"), ("recall@10", "rec@10"),
    ("grade_stated", "grade stated"), ("covered@5", "covered@5"), ("covers_two@5", "covers two@5"),
    ("authority_recall", "auth recall"), ("authority_precision", "auth precision"), ("weak", "weak"),
)


def reference_chunks(files: Sequence[Path]) -> list[Shown]:
    """The tutorial recipe: whole text, 1000-character chunks, 200 overlap."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    chunks: list[Shown] = []
    for path in files:
        try:
            pages = read_lines(path)
        except UnreadableFile:
            continue
        text = "\n\n".join("\n".join(line.text for line in page) for page in pages)
        authority = folder_authority(path)
        chunks.extend(Shown(piece, str(path), authority) for piece in splitter.split_text(text))
    return chunks


def folder_authority(path: Path) -> str | None:
    """The authority a shared PDF's folder names ('80549_sandwell' -> Sandwell)."""
    _, _, name = path.parent.name.partition("_")
    return canonical_authority(name) if name else None


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


def reference_responder(files: Sequence[Path], cache: Path) -> tuple[Callable[[str], Response], int]:
    import faiss

    chunks = reference_chunks(files)
    encoder = OnnxEncoder(cached_export(), variant="fp32")
    vectors = cached_vectors([c.text for c in chunks], encoder, cache)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    faiss.omp_set_num_threads(1)

    def respond(question: str) -> Response:
        _, ids = index.search(encoder.encode([question]), CUTOFF)
        return Response(tuple(chunks[i] for i in ids[0] if i >= 0))

    return respond, len(chunks)


def by_half(questions: Sequence[Question], scored) -> dict[str, dict[str, dict[str, float]]]:
    """The figures of the odd half, the even half and all questions: {half: {row: figures}}."""
    outcome = {s.question.id: s for s in scored}
    parts = {name: [outcome[q.id] for q in half(questions, name)] for name in HALVES}
    return {**{name: report(part) for name, part in parts.items()}, "all": report(scored)}


def print_set(title: str, systems: list[tuple[str, dict]]) -> None:
    """One block per set: a line per row and figure, each system's odd, even and all side by side."""
    print(f"\n{title}")
    print(f"{'type':12s} {'figure':15s}" + "".join(f" | {name:^20s}" for name, _ in systems))
    print(f"{'':12s} {'':15s}" + "".join(" | " + " ".join(f"{c:>6s}" for c in COLUMNS) for _ in systems))
    rows = list(dict.fromkeys(row for _, figures in systems for row in figures["all"]))
    for row in rows:
        for key, label in FIGURES:
            if not any(key in figures[c].get(row, {}) for _, figures in systems for c in COLUMNS):
                continue
            if key == "weak" and row not in WEAK_ROWS:
                continue  # what 'answerable' sums up
            cells = []
            for _, figures in systems:
                values = [figures[c].get(row, {}).get(key) for c in COLUMNS]
                cells.append(" ".join(_cell(key, v) for v in values))
            print(f"{row:12s} {label:15s}" + "".join(f" | {cell}" for cell in cells))


def _cell(key: str, value: float | None) -> str:
    if value is None:
        return f"{'-':>6s}"
    return f"{int(value):6d}" if key == "questions" else f"{value:6.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--index497", type=Path, help=f"An index of the 497 shared PDFs (default {INDEX497}).")
    parser.add_argument("--work", type=Path, default=HERE / ".work")
    parser.add_argument("--variant", default="int8", choices=["int8", "fp32"], help="For indexes built here.")
    parser.add_argument("--sets", default="seeds,ilacs,users")
    parser.add_argument("--no-reference", action="store_true")
    args = parser.parse_args()
    if args.index497 is not None and not (args.index497 / "CURRENT").exists():
        print(f"no index at {args.index497}", file=sys.stderr)
        return 2
    index497 = args.index497 or (INDEX497 if (INDEX497 / "CURRENT").exists() else
                                 args.work / f"index-ilacs-{args.variant}")
    corpora = {
        "seeds": ([HERE.parent / "corpus"], args.work / f"index-seeds-{args.variant}"),
        "ilacs": ([args.shared / "ilacs"], index497),
    }
    sets = {"seeds": ("seeds", "dev_seeds.jsonl"), "ilacs": ("ilacs", "dev_ilacs.jsonl"),
            "users": ("ilacs", "dev_users.jsonl")}
    indexes, references = {}, {}
    for name in args.sets.split(","):
        corpus, file = sets[name]
        sources, index_path = corpora[corpus]
        questions_file = args.shared / "eval" / file
        if not questions_file.exists() or not all(s.exists() for s in sources):
            print(f"skipped {name}: {questions_file} or its reports not found")
            continue
        questions = load_questions(questions_file)
        if corpus not in indexes:
            indexes[corpus] = own_index(sources, index_path, args.variant)
        index = indexes[corpus]
        info = index.info()
        print(f"{file}: {len(questions)} questions; askofsted: {info.path} ({info.reports} reports, "
              f"{info.paragraphs} paragraphs, {info.model})", flush=True)
        started = time.perf_counter()
        scored = evaluate(questions, asking(index, k=CUTOFF), CUTOFF)
        print(f"  askofsted: {1000 * (time.perf_counter() - started) / len(questions):.0f} ms a question", flush=True)
        systems = [("askofsted", by_half(questions, scored))]
        if not args.no_reference:
            if corpus not in references:
                files, _ = find_report_files(sources)
                references[corpus] = reference_responder(files, args.work / "reference-vectors")
                print(f"  reference: {references[corpus][1]} chunks", flush=True)
            systems.append(("reference (1000/200)", by_half(questions, evaluate(questions, references[corpus][0]))))
        print_set(f"{file} ({len(questions)} questions)", systems)
    return 0


if __name__ == "__main__":
    sys.exit(main())
