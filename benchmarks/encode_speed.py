"""Encoding speed of all-MiniLM-L6-v2: sentence-transformers (reference) vs ONNX Runtime fp32 and int8.

Prints, for each encoder, start-up time, bulk throughput on real report paragraphs
(length-bucketed batches), the median latency of one short query, and the cosine
of its vectors to the reference's. Paragraphs: the seed corpus, plus numbered
paragraphs from a few PDFs in ../shared/ilacs (or $ASKOFSTED_SHARED/ilacs) when it exists.

    python benchmarks/encode_speed.py [--pdfs 3] [--threads 1,2] [--no-reference]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from askofsted.index.encoder import OnnxEncoder, SentenceTransformerEncoder, cached_export, default_threads
from common import SHARED

ROOT = Path(__file__).resolve().parents[1]
SHARED_ILACS = SHARED / "ilacs"
QUERY = "How well are care leavers supported into education, employment or training?"


def seed_paragraphs() -> list[str]:
    """Blank-line-separated pieces of corpus/*.txt with 40+ characters."""
    pieces = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        pieces += [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))]
    return [p for p in pieces if len(p) >= 40]


def pdf_paragraphs(count: int) -> list[str]:
    """Numbered paragraphs ('12. Leaders ...') from the first `count` ILACS PDFs; none if absent."""
    if count <= 0 or not SHARED_ILACS.is_dir():
        return []
    import pypdfium2

    pieces = []
    for path in sorted(SHARED_ILACS.glob("*/*.pdf"))[:count]:
        pdf = pypdfium2.PdfDocument(path)
        text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
        pdf.close()
        lines = text.replace("\r\n", "\n").split("\n")
        pieces += [" ".join(p.split()) for p in re.split(r"\n(?=\d{1,3}\. )", "\n".join(lines))]
    return [p for p in pieces if len(p) >= 40]


def timed(make):
    started = time.perf_counter()
    value = make()
    return value, time.perf_counter() - started


def query_latency_ms(encoder, repeats: int = 20) -> float:
    """Median wall time of encoding one short query, after a warm-up call."""
    encoder.encode([QUERY])
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        encoder.encode([QUERY])
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def measure(label: str, make, paragraphs: list[str], batch_size: int) -> dict:
    encoder, load_s = timed(make)
    encoder.encode(paragraphs[:8], batch_size=batch_size)  # warm-up
    vectors, bulk_s = timed(lambda: encoder.encode(paragraphs, batch_size=batch_size))
    return {
        "label": label,
        "load_s": load_s,
        "bulk_s": bulk_s,
        "query_ms": query_latency_ms(encoder),
        "vectors": vectors,
    }


def model_pieces(encoder: OnnxEncoder, paragraphs: list[str]) -> tuple[int, int]:
    """Word pieces the model actually reads (specials in, cut at max_tokens); how many texts are cut."""
    counts = [encoder.count_tokens(p) + 2 for p in paragraphs]
    return sum(min(c, encoder.max_tokens) for c in counts), sum(c > encoder.max_tokens for c in counts)


def print_table(rows: list[dict], paragraphs: int, pieces: int) -> None:
    header = f"{'encoder':<38} {'load s':>7} {'bulk s':>7} {'par/s':>7} {'wp/s':>7} {'query ms':>9} {'cos min':>10} {'cos mean':>10}"
    print(header)
    print("-" * len(header))
    reference = rows[0]["vectors"]
    for row in rows:
        if row["vectors"] is reference:
            cos_min = cos_mean = "-"
        else:
            cos = np.sum(row["vectors"] * reference, axis=1)
            cos_min, cos_mean = f"{cos.min():.7f}", f"{cos.mean():.7f}"
        print(
            f"{row['label']:<38} {row['load_s']:>7.2f} {row['bulk_s']:>7.2f} {paragraphs / row['bulk_s']:>7.1f} "
            f"{pieces / row['bulk_s']:>7.0f} {row['query_ms']:>9.1f} {cos_min:>10} {cos_mean:>10}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=int, default=3, help="ILACS PDFs to add paragraphs from (0: seed corpus only)")
    parser.add_argument("--threads", default=str(default_threads()), help="comma-separated intra-op thread counts")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--export-dir", type=Path, help="an export directory (default: the cache, made if needed)")
    parser.add_argument("--no-reference", action="store_true", help="skip sentence-transformers (cosines to first row)")
    args = parser.parse_args(argv)

    paragraphs = seed_paragraphs() + pdf_paragraphs(args.pdfs)
    print(f"load average at start {os.getloadavg()[0]:.2f} (2 cores: other work on the machine skews timings)")
    rows = []
    if not args.no_reference:  # first, so that its load time includes importing torch
        rows.append(measure("sentence-transformers (torch)", SentenceTransformerEncoder, paragraphs, args.batch_size))
    export_dir, export_s = timed(lambda: args.export_dir or cached_export())
    for variant in ("fp32", "int8"):
        for threads in (int(t) for t in args.threads.split(",")):
            make = lambda: OnnxEncoder(export_dir, variant, threads=threads)  # noqa: E731
            rows.append(measure(f"onnx {variant}, {threads} thread(s)", make, paragraphs, args.batch_size))

    probe = OnnxEncoder(export_dir, "fp32", threads=1)
    pieces, cut = model_pieces(probe, paragraphs)
    print(f"export dir {export_dir} (ready in {export_s:.1f} s)")
    print(
        f"{len(paragraphs)} paragraphs, {pieces} word pieces read by the model "
        f"(mean {pieces / len(paragraphs):.0f}; {cut} cut at {probe.max_tokens}), batch size {args.batch_size}"
    )
    print()
    print_table(rows, len(paragraphs), pieces)
    print(f"\nwp/s: word pieces read by the model per second; cosines are to the first row. "
          f"Load average at end {os.getloadavg()[0]:.2f}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
