"""Why pypdfium2: text extraction speed of the candidate PDF libraries on the shared PDFs.

    python benchmarks/pdf_libraries.py [--shared ../shared] [--limit N]

Extracts the plain text of every page with pypdfium2 (the project's choice),
PyMuPDF and pypdf, where installed (only pypdfium2 is a dependency), on one core,
and prints pages, characters and seconds for each, plus what each makes of the
saved 'Report not found' web pages named .pdf.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path
from common import SHARED

HERE = Path(__file__).resolve().parent


def with_pdfium(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def with_pymupdf(path: Path) -> list[str]:
    import pymupdf

    with pymupdf.open(str(path)) as document:
        return [page.get_text() for page in document]


def with_pypdf(path: Path) -> list[str]:
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages]


LIBRARIES = {"pypdfium2": with_pdfium, "pymupdf": with_pymupdf, "pypdf": with_pypdf}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, default=0, help="only the first N PDFs (0: all)")
    args = parser.parse_args()
    files = sorted((args.shared / "ilacs").glob("*/*.pdf"))
    if not files:
        print(f"skipped: no PDFs under {args.shared / 'ilacs'}")
        return 0
    if args.limit:
        files = files[: args.limit]
    print(f"{len(files)} PDFs")
    for name, extract in LIBRARIES.items():
        if importlib.util.find_spec(name) is None:
            print(f"{name:10s} not installed")
            continue
        pages = chars = failures = 0
        refused = []
        started = time.perf_counter()
        for path in files:
            try:
                texts = extract(path)
            except Exception:  # noqa: BLE001 - a library's own error is the measurement
                failures += 1
                refused.append(path.parent.name)
                continue
            pages += len(texts)
            chars += sum(len(t) for t in texts)
        seconds = time.perf_counter() - started
        print(f"{name:10s} {seconds:7.1f} s  {pages:6d} pages  {chars:10d} characters  "
              f"{failures} files refused ({', '.join(sorted(set(refused))[:6])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
