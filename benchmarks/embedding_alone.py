"""Embedding each text on its own (what a build does) beside length-sorted batches (what it did).

    python benchmarks/embedding_alone.py [--index /work/idx/trust-497] [--sample 3000] [--rounds 3]

In an int8 batch a text's vector depends on the texts beside it (the model scales a
batch's activations together), which made an index's answers depend on the order its
files came in; a build now embeds every text alone, two one-thread runs side by side
(`OnnxEncoder.encode_each`). This prints, for a random sample of the windows an index
embedded, the wall and CPU time of both ways, round after round (other load on the
machine moves each round), and checks that each text's vector alone is the same
whatever runs beside it.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import time
from pathlib import Path

import numpy as np

from askofsted.index import snapshots
from askofsted.index.encoder import OnnxEncoder, cached_export


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, default=Path(__file__).resolve().parent / ".work" / "index-ilacs-int8")
    parser.add_argument("--sample", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    live = snapshots.current(args.index) if args.index.is_dir() else None
    if live is None:
        print(f"skipped: no index at {args.index}")
        return 0
    connection = sqlite3.connect(f"{(live / 'askofsted.sqlite').as_uri()}?mode=ro&immutable=1", uri=True)
    rows = connection.execute("SELECT p.text, c.start, c.end FROM chunks c JOIN paragraphs p ON p.id = c.paragraph")
    windows = [text[start:end] for text, start, end in rows]
    texts = list(dict.fromkeys(random.Random(1).sample(windows, min(args.sample, len(windows)))))
    export = cached_export()
    batched, alone = OnnxEncoder(export, "int8", threads=2), OnnxEncoder(export, "int8", threads=1)
    tokens = batched.tokenize(texts)
    pieces = sum(min(len(t), batched.max_tokens) for t in tokens)
    print(f"{len(texts)} windows of {args.index}, {pieces} word pieces; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; int8")
    ways = [("batches of about 1024 word pieces, 2 threads (before)", lambda: batched.encode_tokens(tokens)),
            ("each text alone, two 1-thread runs (encode_each)", lambda: alone.encode_each(tokens, workers=2))]
    for _ in range(args.rounds):
        for name, run in ways:
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(f"{name:55s} wall {wall:5.1f} s  cpu {cpu:5.1f} s  {pieces / wall:6.0f} word pieces/s")
    sample = tokens[:200]
    one = np.stack([alone.encode_each([t])[0] for t in sample])
    print("each text's vector the same alone and among others, in any order:",
          np.array_equal(one, alone.encode_each(sample[::-1], workers=2)[::-1]),
          "| in a batch:", np.array_equal(one, batched.encode_tokens(sample)))
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
