"""How long it takes to add one report to, and remove one from, an index of all 497 shared PDFs.

    python benchmarks/index_changes.py [--index benchmarks/.work/index-ilacs-int8]

Works on a hard-linked copy of the index (published snapshots never change, so
the copy costs nothing and the original is untouched). Each run removes one
report, times it, adds its PDF back, times that, and asks a question that only
that report answers, to show the new report is answerable at once. For
reference, in the same run: the floor any all-or-nothing change pays here
(copying the live store and vectors into a new folder, without checking or
changing them), and what checking every part's hash costs (`index info --check`,
which a change does for the parts it copies). The machine's load is printed
before and after: other work slows every figure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from askofsted.index import open_index
from common import SHARED

HERE = Path(__file__).resolve().parent
# (report id, its file under ../shared/ilacs, a question only it answers, words the answer holds)
CASES = [
    ("bolton-2014", "80432_bolton/children's services inspection - 21 march 2014.pdf",
     "How was Bolton working with mosque leaders to find adoptive families in 2014?", "Mosque"),
    ("norfolk-2022", "80418_norfolk/children's services inspection - 13 january 2023.pdf",
     "Why were Norfolk foster carers frustrated in 2022?", "payment"),
    ("isles-of-scilly-2019", "80455_isles of scilly/children's services inspection - 19 december 2019.pdf",
     "How do children on the Isles of Scilly get emotional wellbeing support in 2019?", "Scilly"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, default=HERE / ".work" / "index-ilacs-int8")
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args()
    if not (args.index / "CURRENT").exists():
        print(f"skipped: no index at {args.index} (build it: askofsted index build --index {args.index} "
              f"{args.shared / 'ilacs'})")
        return 0
    adds, removes = [], []
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at start; niceness {os.nice(0)}")
    with tempfile.TemporaryDirectory(dir=args.index.parent) as work:
        copy = Path(work) / "index"
        shutil.copytree(args.index, copy, copy_function=os.link, ignore=shutil.ignore_patterns(".lock"))
        index = open_index(copy)
        info = index.info()
        print(f"index: {info.reports} reports, {info.paragraphs} paragraphs, {info.windows} vectors, "
              f"{info.size_bytes / 1e6:.0f} MB")
        floor = _copy_floor(copy, Path(work) / "floor")
        started = time.perf_counter()
        index.check()
        print(f"reference: copying store and vectors {floor:.2f} s; checking every part's hash and the "
              f"store's integrity {time.perf_counter() - started:.2f} s")
        for report_id, relative, question, expected in CASES:
            pdf = args.shared / "ilacs" / relative
            if not pdf.exists():
                continue
            started = time.perf_counter()
            removed = index.remove([report_id])
            removes.append(time.perf_counter() - started)
            assert removed.removed == [report_id], removed
            started = time.perf_counter()
            added = index.add([pdf])
            adds.append(time.perf_counter() - started)
            top = index.search(question, k=3)
            found = any(expected in r.text for r in top) and top[0].citation.id.startswith(added.added[0])
            print(f"{report_id:24s} remove {removes[-1]:5.2f} s   add {adds[-1]:5.2f} s "
                  f"({added.paragraphs} paragraphs)   answerable at once: {'yes' if found else 'NO'} "
                  f"({top[0].citation.id})")
    if adds:
        print(f"median: add {statistics.median(adds):.2f} s, remove {statistics.median(removes):.2f} s "
              f"over {len(adds)} reports")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at end")
    return 0


def _copy_floor(index: Path, target: Path) -> float:
    """Seconds to copy the live snapshot's store and vectors to new files, flushed to disk."""
    from askofsted.files import fsync_tree
    from askofsted.index import snapshots

    live = snapshots.current(index)
    target.mkdir()
    started = time.perf_counter()
    for name in ("askofsted.sqlite", "vectors.faiss"):
        shutil.copyfile(live / name, target / name)
    fsync_tree(target)
    seconds = time.perf_counter() - started
    shutil.rmtree(target)
    return seconds


if __name__ == "__main__":
    sys.exit(main())
