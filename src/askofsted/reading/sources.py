"""Files in, lines of text out: the only module that knows about PDF and text files.

A report file becomes pages of `Line`s. PDFs are read with pypdfium2 (PDFium,
Apache-2.0/BSD: permissive, fast, and its text keeps reading order); each line
carries where it sits and how it is set (size, weight), which the paragraph
splitter needs because PDF text has no blank lines between paragraphs. Text
files (extractions like the seed reports) carry no geometry: paragraphs there are
separated by blank lines and pages by runs of them.

Anything that cannot be a report raises `UnreadableFile` with a reason a user can
act on.
"""

from __future__ import annotations

import ctypes
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..files import open_regular

SUFFIXES = (".pdf", ".txt")
MIN_TEXT_CHARS = 200  # below this a file has no real text layer
MAX_PAGE_CHARS = 6000  # an A4 report page holds about 3,500 characters
# Far beyond any Ofsted report (the 497 shared PDFs: at most 58 pages; the longest seed
# text: 116 KB), near enough that a log or a book is refused before it takes gigabytes
# (a 50 MB text file made 81,837 paragraphs and 2.2 GB of memory).
MAX_PDF_PAGES = 300
MAX_TEXT_BYTES = 2_000_000


class UnreadableFile(Exception):
    """The file gives no report; the message says why, in one line."""


@dataclass(frozen=True)
class Line:
    """One line of a page. Geometry is None for plain-text sources.

    `top` is the baseline's distance from the top of the page in points, `gap`
    the distance from the previous line's baseline on the same page (None for a
    page's first line). `joins` counts line breaks PDFium already removed inside
    this line (hyphenated words it rejoined), so a larger gap is expected.
    """

    text: str
    page: int
    x: float | None = None
    top: float | None = None
    gap: float | None = None
    size: float | None = None
    bold: bool = False
    joins: int = 0
    page_height: float | None = None


def read_lines(path: str | Path) -> list[list[Line]]:
    """Pages of lines from a PDF or text file. Raises UnreadableFile."""
    path = Path(path)
    if not path.exists():
        raise UnreadableFile("no such file")
    if path.is_dir():
        raise UnreadableFile("is a folder, not a file")
    try:
        with open_regular(path) as handle:  # a FIFO named .txt is refused, not waited on
            head = handle.read(2048)
            size = os.fstat(handle.fileno()).st_size
            if not head:
                raise UnreadableFile("empty file; download or export the report again")
            if head.lstrip().startswith(b"%PDF") or b"%PDF-" in head[:1024]:
                return _pdf_lines(path)
            if path.suffix.lower() == ".pdf":
                raise UnreadableFile(_not_a_pdf_reason(path, head))
            if size > MAX_TEXT_BYTES:
                raise UnreadableFile(f"too long for an Ofsted report ({size / 1e6:.1f} MB of text; the longest is "
                                     f"about 0.1 MB): check it is a report")
            return _text_lines(head + handle.read())
    except OSError as exc:
        raise UnreadableFile(f"cannot be read: {exc.strerror or exc}") from None


def _not_a_pdf_reason(path: Path, head: bytes) -> str:
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        body = path.read_bytes().lower()
        if b"report not found" in body or b"no longer exists" in body:
            return "not a PDF: a saved web page saying the report was not found; download the report again"
        return "not a PDF: a saved web page; download the report itself"
    return "not a PDF (no PDF header): damaged or another kind of file; download the report again"


# ---------------------------------------------------------------- text files

_PAGE_BREAK = re.compile(r"\n[ \t\f]*\n(?:[ \t\f]*\n)+")  # two or more blank lines


def _text_lines(data: bytes) -> list[list[Line]]:
    if b"\x00" in data[:8192]:
        raise UnreadableFile("binary data, neither text nor PDF; check this is the report you meant")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            f"not UTF-8 text (bad byte at offset {exc.start}); convert it, e.g. iconv -f cp1252 -t utf-8"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n\n")
    if len(re.sub(r"\s", "", text)) < MIN_TEXT_CHARS:
        raise UnreadableFile("no text to read (empty or nearly empty)")
    chunks = _PAGE_BREAK.split(text.strip("\n"))
    # Page breaks survive some extractions and not others: where the "pages" are far
    # longer than a printed page, they are not pages, and no page number is claimed (0).
    real_pages = len(text) / len(chunks) <= MAX_PAGE_CHARS
    return [
        [Line(text=line.rstrip(), page=number if real_pages else 0) for line in chunk.split("\n")]
        for number, chunk in enumerate(chunks, start=1)
    ]


# ---------------------------------------------------------------- PDF files


def _pdf_lines(path: Path) -> list[list[Line]]:
    import pypdfium2 as pdfium  # imported here: text files and --help never pay for it

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise UnreadableFile("password-protected PDF; save a copy without the password") from None
        raise UnreadableFile(f"corrupt PDF ({_pdfium_reason(message)}); download it again") from None
    try:
        if len(doc) > MAX_PDF_PAGES:
            raise UnreadableFile(f"too long for an Ofsted report ({len(doc)} pages; the longest has about 60): "
                                 f"check it is a report")
        pages = []
        for index in range(len(doc)):
            try:
                page = doc[index]
            except pdfium.PdfiumError:
                raise UnreadableFile(f"corrupt PDF (page {index + 1} cannot be read); download it again") from None
            pages.append(_page_lines(page, index + 1))
            page.close()
    finally:
        doc.close()
    chars = sum(len(line.text.strip()) for page in pages for line in page)
    if chars < MIN_TEXT_CHARS:
        raise UnreadableFile("no text layer (a scanned PDF?); run OCR first, e.g. ocrmypdf")
    return pages


def _pdfium_reason(message: str) -> str:
    match = re.search(r"\(pdfium: ([^)]*)\)", message)
    return match.group(1) if match else "unreadable"


def _page_lines(page, number: int) -> list[Line]:
    """A page's lines with the geometry of each line's first character.

    Three PDFium calls per line (origin, size, weight), plus a font-name look-up
    only where the weight is unknown: reading is dominated by PDFium parsing the
    page, not by this.
    """
    import pypdfium2.raw as raw

    height = page.get_height()
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count <= 0:
            return []
        text = textpage.get_text_range(0, count)
        aligned = len(text) == count  # UTF-16 surrogates would shift char indices
        handle = textpage.raw
        get_origin, get_size, get_weight = raw.FPDFText_GetCharOrigin, raw.FPDFText_GetFontSize, raw.FPDFText_GetFontWeight
        x, y = ctypes.c_double(), ctypes.c_double()
        x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
        page_height = round(height, 1)
        lines: list[Line] = []
        previous_top = None
        for match in _LINE.finditer(text):
            raw_line = match.group(1)
            clean = raw_line.replace("\ufffe", "-").replace("\x02", "-").rstrip()
            if not clean.strip():
                continue
            if not aligned:
                lines.append(Line(text=clean, page=number))
                continue
            first = match.start(1) + (len(raw_line) - len(raw_line.lstrip()))
            get_origin(handle, first, x_ref, y_ref)
            weight = get_weight(handle, first)
            top = round(height - y.value, 1)
            lines.append(
                Line(
                    text=clean,
                    page=number,
                    x=round(x.value, 1),
                    top=top,
                    gap=None if previous_top is None else round(top - previous_top, 1),
                    size=_font_size(handle, first, get_size(handle, first)),
                    bold=weight >= 600 or (weight < 0 and _is_bold_font(handle, first)),
                    joins=raw_line.count("\ufffe"),
                    page_height=page_height,
                )
            )
            previous_top = top
        return lines
    finally:
        textpage.close()


def _font_size(handle, index: int, size: float) -> float:
    """Type size in points. Some PDFs set every font at 1pt and scale it with the
    text matrix; their size is the matrix's vertical scale."""
    if size >= 3:
        return round(size, 1)
    import pypdfium2.raw as raw

    matrix = raw.FS_MATRIX()
    if raw.FPDFText_GetMatrix(handle, index, ctypes.byref(matrix)):
        scaled = size * (matrix.c**2 + matrix.d**2) ** 0.5
        if scaled >= 3:
            return round(scaled, 1)
    return round(size, 1)


_LINE = re.compile(r"([^\r\n]*)(?:\r\n|\n|\r|$)")
_FONT_NAME = ctypes.create_string_buffer(96)
_FONT_FLAGS = ctypes.c_int()


def _is_bold_font(handle, index: int) -> bool:
    """Weight unknown: fall back on the font's name ('Arial-BoldMT')."""
    import pypdfium2.raw as raw

    raw.FPDFText_GetFontInfo(handle, index, _FONT_NAME, 96, ctypes.byref(_FONT_FLAGS))
    name = _FONT_NAME.value.decode("latin-1", "replace").lower()
    return "bold" in name or "black" in name or "heavy" in name
