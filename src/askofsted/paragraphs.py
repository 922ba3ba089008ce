"""Lines of a report in, whole citable paragraphs out.

Ofsted reports number most paragraphs, but a PDF's text has no paragraph
breaks, wraps every line, repeats a running header and footer on each page, and
breaks paragraphs across pages. This module undoes all of that:

1. `_strip_furniture`: drop running headers, footers and page numbers (text that
   recurs in the page margins) and set footnotes aside;
2. `_blocks`: group lines into blocks, using the vertical gaps, sizes and
   indents PDFium reports (or the blank lines of a text extraction);
3. `_classify`: headings, numbered paragraphs, list items, judgement tables, text;
4. `_merge`: rejoin paragraphs broken by a page break or a stray gap;
5. `_cite`: number them, give each its headings and a citation anchor.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace

from .models import Paragraph
from .sources import Line

BULLETS = "•◼▪●■□◦‣∙·\uf0b7\uf06e\uf0a7\uf0d8\uf076\uf0fc\uf0a8\u25aa\u25cf\u2022\u2023\u2043\u25e6➢►"
_BULLET = re.compile(rf"^\s*(?:[{BULLETS}]|[-–](?=\s))\s*")
_NUMBERED = re.compile(rf"^\s*(?:[{BULLETS}\-–]\s+)?(\d{{1,3}})\.\s+(?=\S)")
GRADE_WORDS = r"(?:outstanding|good|requires\s+improvement(?:\s+to\s+be\s+good)?|inadequate|adequate)"
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"'’”)\]]*\s*$")
_ENDS_CLAUSE = re.compile(r"[.!?][\"'’”)\]]*\s*$")
_SALUTATION = re.compile(
    r"^(dear|yours|copy|cc|to:|(lead|reporting) inspector|inspection dates?|published|age group|"
    r"her majesty|his majesty)\b",
    re.IGNORECASE,
)
_DATE_ONLY = re.compile(r"^\d{1,2}(st|nd|rd|th)? [A-Z][a-z]+ \d{4}$")

# Section titles that open a top-level part of a report, whatever their type size.
_TOP_LEVEL = re.compile(
    r"^(the experiences and progress of|the impact of leaders|overall effectiveness|"
    r"summary of key findings|what needs to improve|what does the local authority need|"
    r"headline findings|main findings|findings|overview|about this inspection|"
    r"service information|safeguarding services|services for looked after children|"
    r"record of main findings|areas for improvement|information about this|"
    r"inspection judgements about|the effectiveness of|effectiveness of the|"
    r"children who need help and protection|children looked after and achieving permanence|"
    r"leadership,? management and governance|next steps|recommendations|section \d|"
    r"executive summary|local authority|how good are outcomes|quality of provision|"
    r"leadership and management|ambition and prioritisation|"
    r"performance management and quality assurance|partnership working|"
    r"safeguarding outcomes for children|capacity for improvement|"
    r"outcomes for (looked after )?children|strengths|areas for development|"
    r"what the inspection judgements mean|the inspection judgements and what they mean|"
    r"evaluation of progress|progress since)",
    re.IGNORECASE,
)


@dataclass
class _Block:
    lines: list[str]
    pages: list[int]
    x: float | None = None
    indent: float | None = None  # x of the block's later lines (hanging indent)
    size: float | None = None
    bold: bool = False
    kind: str = "text"  # heading | numbered | bullet | judgements | text | footnote
    number: int | None = None
    level: int = 2
    starts_page: bool = False
    headings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return _join(self.lines)


def split_paragraphs(pages: list[list[Line]]) -> list[Paragraph]:
    """The paragraphs of a report, in reading order, with numbers and headings."""
    has_geometry = any(line.top is not None for page in pages for line in page)
    body_size = _body_size(pages) if has_geometry else None
    pages, footnotes = _strip_furniture(pages, body_size)
    blocks = _blocks_from_geometry(pages, body_size) if has_geometry else _blocks_from_text(pages)
    blocks = _classify(blocks, body_size)
    blocks = _merge(blocks)
    blocks += [_Block([t], [p], kind="footnote") for p, t in footnotes]
    return _cite(blocks)


# ---------------------------------------------------------------- furniture


def _body_size(pages: list[list[Line]]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page:
            if line.size:
                sizes[round(line.size)] += len(line.text)
    return float(sizes.most_common(1)[0][0]) if sizes else 12.0


def _shape(text: str) -> str:
    """A line's shape for spotting repeats: digits and spacing do not matter."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,3}(\s*(of|/)\s*\d{1,3})?$|^[ivxlc]{1,6}$", re.IGNORECASE)
_KNOWN_FURNITURE = re.compile(r"^(protect[: ]+inspection|protect)$", re.IGNORECASE)


def _margin_lines(page: list[Line]) -> list[int]:
    """Indexes of the lines in a page's top and bottom margins."""
    if not page:
        return []
    if page[0].top is None:  # text file: the first and last two lines
        count = len(page)
        return sorted({i for i in (0, 1, count - 2, count - 1) if 0 <= i < count})
    height = page[0].page_height or 842.0
    return [i for i, line in enumerate(page) if line.top is not None and (line.top < 75 or line.top > height - 62)]


def _strip_furniture(pages: list[list[Line]], body_size: float | None) -> tuple[list[list[Line]], list[tuple[int, str]]]:
    """Remove running headers, footers and page numbers; set footnotes aside."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_shape(page[i].text) for i in _margin_lines(page)})
    repeat = max(3, int(0.3 * len(pages)))
    cleaned, footnotes = [], []
    for page in pages:
        margin = set(_margin_lines(page))
        kept: list[Line] = []
        for i, line in enumerate(page):
            text = line.text.strip()
            if _KNOWN_FURNITURE.match(text):
                continue
            if i in margin and (seen[_shape(text)] >= repeat or _PAGE_NUMBER.match(text)):
                continue
            kept.append(line)
        body, notes = _split_footnotes(kept, body_size)
        cleaned.append(body)
        footnotes.extend(notes)
    return cleaned, footnotes


def _split_footnotes(page: list[Line], body_size: float | None) -> tuple[list[Line], list[tuple[int, str]]]:
    """Footnotes sit at the foot of a page in small type, starting with their number."""
    if not page or body_size is None or page[0].top is None:
        return page, []
    height = page[0].page_height or 842.0
    start = None
    for i, line in enumerate(page):
        small = line.size is not None and line.size <= body_size - 1.5
        if small and line.top is not None and line.top > 0.55 * height and re.match(r"^\d{1,2}\s*\S", line.text):
            start = i
            break
    if start is None:
        return page, []
    rest = page[start:]
    if not all((l.size or body_size) <= body_size - 1.5 or l.top is None or l.top > 0.55 * height for l in rest):
        return page, []
    notes: list[tuple[int, str]] = []
    for line in rest:
        if re.match(r"^\d{1,2}\s+\S", line.text) and (not notes or line.size and line.size < body_size - 3):
            notes.append((line.page, re.sub(r"^\d{1,2}\s+", "", line.text)))
        elif notes:
            notes[-1] = (notes[-1][0], _join([notes[-1][1], line.text]))
        else:
            notes.append((line.page, re.sub(r"^\d{1,2}\s*", "", line.text)))
    return page[:start], notes


# ---------------------------------------------------------------- blocks


def _line_ratio(pages: list[list[Line]]) -> float:
    """Baseline-to-baseline distance inside a paragraph, as a multiple of type size."""
    ratios = [
        line.gap / line.size
        for page in pages
        for line in page
        if line.gap and line.size and 0.95 < line.gap / line.size < 1.6 and not line.joins
    ]
    return statistics.median(ratios) if ratios else 1.2


def _blocks_from_geometry(pages: list[list[Line]], body_size: float | None) -> list[_Block]:
    ratio = _line_ratio(pages)
    blocks: list[_Block] = []
    for page in pages:
        previous: Line | None = None
        for line in page:
            if previous is None or _starts_block(previous, line, ratio):
                blocks.append(
                    _Block([line.text], [line.page], x=line.x, size=line.size, bold=line.bold, starts_page=previous is None)
                )
            else:
                blocks[-1].lines.append(line.text)
                if blocks[-1].indent is None:
                    blocks[-1].indent = line.x
                if line.page not in blocks[-1].pages:
                    blocks[-1].pages.append(line.page)
            previous = line
    return blocks


def _starts_block(previous: Line, line: Line, ratio: float) -> bool:
    if line.gap is None or line.size is None or previous.size is None:
        return True
    if line.gap < -2:  # a jump back up the page: a table column or a new column
        return True
    if abs(line.size - previous.size) > 0.6 or line.bold != previous.bold:
        return True
    expected = ratio * previous.size * (1 + previous.joins)
    if line.gap > expected + 0.3 * line.size:
        return True
    if _BULLET.match(line.text) or (_NUMBERED.match(line.text) and line.x is not None and previous.x is not None
                                     and line.x < previous.x - 4):
        return True
    return False


def _blocks_from_text(pages: list[list[Line]]) -> list[_Block]:
    """Text extractions put a paragraph on one line; wrapped lines are rejoined."""
    blocks: list[_Block] = []
    for page in pages:
        previous_blank = True
        first = True
        for line in page:
            text = line.text.strip()
            if not text:
                previous_blank = True
                continue
            continues = (
                not previous_blank
                and blocks
                and not _BULLET.match(text)
                and not _NUMBERED.match(text)
                and not _ENDS_SENTENCE.search(blocks[-1].lines[-1])
            )
            if continues:
                blocks[-1].lines.append(text)
            else:
                blocks.append(_Block([text], [line.page], starts_page=first))
            previous_blank = False
            first = False
    return blocks


# ---------------------------------------------------------------- kinds


def _classify(blocks: list[_Block], body_size: float | None) -> list[_Block]:
    blocks = _gather_judgement_tables(blocks)
    for block in blocks:
        if block.kind != "text":
            continue
        text = block.text
        number = _NUMBERED.match(text)
        if number and not _is_table_row(text):
            block.kind, block.number = "numbered", int(number.group(1))
        elif _BULLET.match(text):
            block.kind = "bullet"
        elif _looks_like_heading(block, body_size):
            block.kind = "heading"
            block.level = 1 if _is_top_level(block, body_size) else 2
    return blocks


def _looks_like_heading(block: _Block, body_size: float | None) -> bool:
    text = block.text.strip()
    words = text.split()
    if not words or len(words) > 16 or len(text) > 130:
        return False
    if _SALUTATION.match(text) or _DATE_ONLY.match(text) or not (text[0].isupper() or text[0].isdigit()):
        return False
    if re.search(r"[.,;]$", text) or "@" in text or re.search(r"\b[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}\b", text):
        return False  # sentences, email and postal addresses
    if block.size is not None and body_size is not None:
        return block.bold or block.size > body_size + 0.5
    if len(words) > 12:
        return False
    return not re.search(r"\t", text)


def _is_top_level(block: _Block, body_size: float | None) -> bool:
    if block.size is not None and body_size is not None and block.size >= body_size + 1.5:
        return True
    return bool(_TOP_LEVEL.match(block.text.strip()))


_TABLE_HEAD = re.compile(r"^\s*judgement\s+grade\s*$", re.IGNORECASE)
_ROW_END = re.compile(rf"\b{GRADE_WORDS}\s*$", re.IGNORECASE)


def _is_table_row(text: str) -> bool:
    """'2. Children looked after and achieving permanence Good' is a grade, not paragraph 2."""
    body = _NUMBERED.sub("", text)
    return bool(_ROW_END.search(body)) and len(body.split()) <= 16


def _gather_judgement_tables(blocks: list[_Block]) -> list[_Block]:
    """Join a grade table ('Judgement Grade' then label/grade rows) into one block."""
    out: list[_Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        first_line = block.lines[0]
        if _TABLE_HEAD.match(first_line.replace("\t", " ")) or _is_sif_table_start(blocks, i):
            rows, j = _table_rows(blocks, i)
            if rows:
                table = _Block([r for r in rows], block.pages[:], x=block.x, size=block.size, kind="judgements")
                out.append(table)
                i = j
                continue
        out.append(block)
        i += 1
    return out


def _is_sif_table_start(blocks: list[_Block], i: int) -> bool:
    text = blocks[i].text
    return bool(re.match(r"^1\.\s", text)) and bool(_ROW_END.search(_table_text(blocks, i))) and blocks[i].pages[0] <= 2


def _table_text(blocks: list[_Block], i: int) -> str:
    text = blocks[i].text
    if i + 1 < len(blocks) and re.fullmatch(r"\s*(improvement|improvement to be good)\s*", blocks[i + 1].text, re.I):
        text += " " + blocks[i + 1].text
    return text


def _table_rows(blocks: list[_Block], start: int) -> tuple[list[str], int]:
    """Rows 'label: grade' of a judgement table starting at blocks[start]."""
    rows: list[str] = []
    label: list[str] = []
    i = start
    head = blocks[start].lines[0]
    pieces: list[str] = []
    if _TABLE_HEAD.match(head.replace("\t", " ")):
        pieces.extend(blocks[start].lines[1:])
        i = start + 1
        table_x = blocks[start].x
        while i < len(blocks):
            b = blocks[i]
            if b.pages != blocks[start].pages:
                break
            grade_cell = re.fullmatch(rf"\s*{GRADE_WORDS}\s*", b.text, re.IGNORECASE)
            same_column = table_x is None or b.x is None or abs(b.x - table_x) < 3 or b.x > table_x + 100
            if not grade_cell and (not same_column or len(b.text) > 160 or b.kind != "text"):
                break
            if table_x is None and not grade_cell and not _ROW_END.search(b.text.replace("\t", " ")):
                break
            pieces.extend(b.lines)
            i += 1
            if re.match(r"^\s*overall effectiveness", b.text, re.I) and _ROW_END.search(b.text):
                break
    else:  # SIF: '1. Children who need help and protection Requires' / 'improvement'
        while i < len(blocks):
            text = _table_text(blocks, i)
            if not re.match(r"^\d(\.\d)?\.?\s", text) or not _ROW_END.search(text):
                break
            pieces.append(text)
            i += 2 if text != blocks[i].text else 1
    for piece in pieces:
        piece = piece.replace("\t", " ").strip()
        if not piece:
            continue
        grade = re.fullmatch(rf"{GRADE_WORDS}", piece, re.IGNORECASE)
        if grade:
            rows.append(f"{_join(label)}: {piece}" if label else piece)
            label = []
            continue
        match = _ROW_END.search(piece)
        if match:
            label.append(piece[: match.start()].strip())
            rows.append(f"{_join(label)}: {match.group(0).strip()}")
            label = []
        else:
            label.append(piece)
    if label and rows:
        rows[-1] = rows[-1] + " " + _join(label)
    return (rows, i) if len(rows) >= 2 else ([], start)


# ---------------------------------------------------------------- merging


def _merge(blocks: list[_Block]) -> list[_Block]:
    """Rejoin paragraphs split by page breaks, footnote markers or stray gaps."""
    out: list[_Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if previous is not None and _continues(previous, block):
            body = _BULLET.sub("", block.text, count=1) if block.kind == "bullet" else block.text
            previous.lines.append(body)
            for page in block.pages:
                if page not in previous.pages:
                    previous.pages.append(page)
            continue
        out.append(block)
    return out


def _continues(previous: _Block, block: _Block) -> bool:
    if previous.kind in ("heading", "judgements", "footnote") or block.kind in ("heading", "judgements", "numbered"):
        return False
    text = block.text
    body = _BULLET.sub("", text, count=1) if block.kind == "bullet" else text
    if not body:
        return False
    starts_lower = body[0].islower() or body[0] in ",;)"
    open_sentence = not _ENDS_CLAUSE.search(previous.text)
    if block.kind == "bullet" and not starts_lower:
        return False  # a new list item
    if starts_lower and not _ENDS_CLAUSE.search(previous.text):
        return True
    crossed_page = block.starts_page and block.pages[0] > previous.pages[-1]
    if not crossed_page:
        return False
    if open_sentence and not previous.text.rstrip().endswith(":"):
        return True
    return block.kind == "text" and previous.kind in ("numbered", "bullet") and _same_indent(previous, block)


def _same_indent(previous: _Block, block: _Block) -> bool:
    """A page's first block set at the hanging indent of the paragraph before it
    continues that paragraph (PDF). Text extractions mark every new numbered or
    listed paragraph, so there an unmarked block after a page break continues."""
    if block.x is None or previous.x is None:
        return True
    if previous.indent is None:
        return False
    return abs(block.x - previous.indent) < 2 and block.x > previous.x + 4


# ---------------------------------------------------------------- citing


def _cite(blocks: list[_Block]) -> list[Paragraph]:
    """Number paragraphs, attach headings, and give each a citation anchor."""
    paragraphs: list[Paragraph] = []
    top: str | None = None
    sub: str | None = None
    last_number = 0
    unnumbered_since = 0
    used_numbers: set[int] = set()
    for block in blocks:
        if block.kind == "heading":
            title = _clean_heading(block.text)
            if block.level == 1 or top is None:
                top, sub = title, None
            else:
                sub = title
            continue
        number = block.number if block.kind == "numbered" else None
        if number is not None and not (last_number < number <= last_number + 3) or number in used_numbers:
            number = None  # a list numbered on its own, not the report's paragraph sequence
        kind = "numbered" if number is not None else ("text" if block.kind == "numbered" else block.kind)
        if number is not None:
            last_number, unnumbered_since = number, 0
            used_numbers.add(number)
            anchor = str(number)
            text = _NUMBERED.sub("", block.text, count=1)
        else:
            unnumbered_since += 1
            anchor = f"{last_number}.{unnumbered_since}"
            text = _BULLET.sub("", block.text, count=1) if kind == "bullet" else block.text
            if kind == "judgements":
                text = "\n".join(block.lines)
        if block.kind == "footnote":
            headings: tuple[str, ...] = ("Footnotes",)
        else:
            headings = tuple(h for h in (top, sub) if h)
        text = text.strip()
        if not text:
            continue
        paragraphs.append(
            Paragraph(
                text=text,
                ordinal=len(paragraphs) + 1,
                anchor=anchor,
                number=number,
                headings=headings,
                pages=tuple(block.pages),
                kind=kind,
            )
        )
    return paragraphs


def _clean_heading(text: str) -> str:
    text = re.sub(r"\s+", " ", text.replace("\t", " ")).strip()
    return re.sub(r"(?<=[a-z?])\d{1,2}$", "", text)  # a footnote mark: 'board1'


def _join(lines: list[str]) -> str:
    """Rejoin wrapped lines: a line ending in a hyphen joins the next without a space."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and not out.endswith(" -") and line[:1].isalnum():
            out += line
        else:
            out += " " + line
    return out
