"""Lines of a report in, whole citable paragraphs out.

Ofsted reports number most paragraphs, but a PDF's text has no paragraph
breaks, wraps every line, repeats a running header and footer on each page, and
breaks paragraphs across pages. This module undoes all of that:

1. `_strip_furniture`: drop running headers, footers and page numbers (text that
   recurs in the page margins), set footnotes aside, drop the table of contents;
2. `_blocks_from_geometry` / `_blocks_from_text`: group lines into blocks, using
   the vertical gaps, sizes and indents PDFium reports (or the blank lines of a
   text extraction);
3. `_drop_boilerplate`: Ofsted's own back-page and letterhead text is not report
   content;
4. `_classify`: headings, numbered paragraphs, list items, judgement tables, text;
5. `_merge`: rejoin paragraphs broken by a page break or a stray gap, and fold
   sub-lists into the item or paragraph that introduces them;
6. `_cite`: number them, give each its headings and a citation anchor.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from ..domain.grades import grade_pattern
from ..domain.judgements import label_openings
from ..domain.ofsted import ofsted_contact
from ..models import Paragraph
from .sources import Line

BULLETS = "•◼▪●■□◦‣∙·\uf0b7\uf06e\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf02d\uf0e0\uf0be\u25aa\u25cf\u2022\u2023\u2043\u25e6➢►"
# Word's second-level bullet is a lower-case 'o' in a symbol font.
_BULLET = re.compile(rf"^\s*(?:[{BULLETS}]|[-–](?=\s)|o(?=\s+[a-z]))\s*")
# '12. Text', and '12.Text' where a PDF lost the space (not '2.1 Adoption' or '10.5%').
_NUMBERED = re.compile(rf"^\s*(?:[{BULLETS}\-–]\s+)?(\d{{1,3}})\.\.?(?:\s+(?=\S)|(?=[A-Z‘“'\"(]))")
GRADE_WORDS = grade_pattern(not_judged=True)
_GRADE_CELL = re.compile(
    rf"^\s*(?:grade\s+\d\s*\(\s*{GRADE_WORDS}\s*\)|{GRADE_WORDS}(?:\s*\(\s*grade\s+\d\s*\))?)\s*$", re.IGNORECASE
)
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"'’”)\]]*\s*$")
_ENDS_CLAUSE = re.compile(r"[.!?][\"'’”)\]]*\s*$")
_METADATA = re.compile(
    r"^(dear|yours|copy|cc\b|to:|(lead|reporting) inspector|inspection dates?|(report )?published|age group|"
    r"reference|unique reference|urn\b|her majesty|his majesty|date of (inspection|visit)|"
    r"inspectors?:|inspection (start|end)|visit dates?)",
    re.IGNORECASE,
)
_DATE_ONLY = re.compile(r"^\d{1,2}(st|nd|rd|th)? [A-Z][a-z]+ \d{4}$")
_SIGN_OFF = re.compile(r"^yours (sincerely|faithfully)", re.IGNORECASE)

# Text-only sources have no type sizes: these section titles open a top-level part.
_TOP_LEVEL = re.compile(
    r"^(the experiences and progress of|the impact of leaders|summary of key findings|"
    r"what needs to improve|what does the local authority need|headline findings|main findings|findings|"
    r"about this inspection|service information|safeguarding services|services for looked after children|"
    r"record of main findings|information about this|inspection judgements about|the inspection judgements|"
    r"children who need help and protection|children looked after and achieving permanence|"
    r"leadership,? management and governance|next steps|executive summary|the local authority|"
    r"the local safeguarding children board|overview|what the inspection judgements mean|"
    r"evaluation of progress|progress since|areas for priority action)",
    re.IGNORECASE,
)

# Ofsted's own text, printed on the back page or the letterhead of every report.
_BOILERPLATE = re.compile(
    r"^(the office for standards in education, children.s services and skills \(ofsted\) regulates|"
    r"ofsted (regulates|is the office)|if you would like a copy of this document|you may reuse this information|"
    r"you may copy all or parts of this document|this (report|publication|document) is available at|"
    r"interested in our work\?|©\s*crown copyright|crown copyright|any complaints about the inspection or the report)",
    re.IGNORECASE,
)
# The cover's facts (dates, inspectors) are read into the report's facts, not cited as findings.
_COVER_FACT = re.compile(
    r"^(inspection dates?|lead inspector|reporting inspector|(report )?published|age group|"
    r"(her|his) majesty.s inspector)\b",
    re.IGNORECASE,
)
# Ofsted's addresses, phone numbers and web addresses (domain/data/ofsted.toml).
_CONTACT = ofsted_contact()


@dataclass
class _Block:
    lines: list[str]
    pages: list[int]
    x: float | None = None
    indent: float | None = None  # x of the block's later lines (hanging indent)
    size: float | None = None
    bold: bool = False
    kind: str = "text"  # heading | title | numbered | bullet | judgements | text | footnote
    number: int | None = None
    depth: int = 0  # list nesting in text sources (leading spaces)
    starts_page: bool = False
    top_level: bool = False
    has_list: bool = False  # a sub-list has been folded into it

    @property
    def text(self) -> str:
        """The lines rejoined; cached while no line is added (lines only grow)."""
        key = (len(self.lines), self.lines[0] if self.lines else "")
        if getattr(self, "_key", None) != key:
            self._key, self._text = key, _join(self.lines)
        return self._text


def split_paragraphs(pages: list[list[Line]]) -> list[Paragraph]:
    """The paragraphs of a report, in reading order, with numbers and headings."""
    has_geometry = any(line.top is not None for page in pages for line in page)
    body_size = _body_size(pages) if has_geometry else None
    pages, footnotes = _strip_furniture(pages, body_size)
    pages = [_drop_contents(page) for page in pages]
    blocks = _blocks_from_geometry(pages, body_size) if has_geometry else _blocks_from_text(pages)
    blocks = _drop_boilerplate(blocks)
    blocks = _classify(blocks, body_size)
    blocks = _attach_grades(blocks)
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
_KNOWN_FURNITURE = re.compile(r"^(protect[: ]+inspection|protect|\*\*protect\*\*)$", re.IGNORECASE)


def _margin_lines(page: list[Line]) -> list[int]:
    """Indexes of the lines in a page's top and bottom margins."""
    if not page:
        return []
    if page[0].top is None:  # text file: the first and last two lines
        count = len(page)
        return sorted({i for i in (0, 1, count - 2, count - 1) if 0 <= i < count})
    height = page[0].page_height or 842.0
    return [i for i, line in enumerate(page) if line.top is not None and (line.top < 75 or line.top > height - 62)]


def _in_outer_band(line: Line) -> bool:
    if line.top is None:
        return False
    height = line.page_height or 842.0
    return line.top < 0.15 * height or line.top > 0.85 * height


def _strip_furniture(pages: list[list[Line]], body_size: float | None) -> tuple[list[list[Line]], list[tuple[int, str]]]:
    """Remove running headers, footers and page numbers; set footnotes aside."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_shape(page[i].text) for i in _margin_lines(page)})
    repeat = max(3, int(0.3 * len(pages)))
    cleaned, footnotes = [], []
    for number, page in enumerate(pages, start=1):
        margin = set(_margin_lines(page))
        kept: list[Line] = []
        for i, line in enumerate(page):
            text = line.text.strip()
            if _KNOWN_FURNITURE.match(text):
                continue
            # The title that opens a report is content there, even when later pages repeat it.
            opens_report = number == 1 and not kept and (line.top is None or line.top < 0.5 * (line.page_height or 842))
            if text and i in margin and not opens_report and (seen[_shape(text)] >= repeat or _PAGE_NUMBER.match(text)):
                continue
            if _PAGE_NUMBER.match(text) and _in_outer_band(line):
                continue  # a page number set a little inside the margin
            kept.append(line)
        body, notes = _split_footnotes(kept, body_size)
        cleaned.append(body)
        footnotes.extend(notes)
    return cleaned, footnotes


_FOOTNOTE_START = re.compile(r"^\d{1,2}(\s*\S|$)")


def _split_footnotes(page: list[Line], body_size: float | None) -> tuple[list[Line], list[tuple[int, str]]]:
    """Footnotes sit at the foot of a page in small type, starting with their number."""
    if not page or body_size is None or page[0].top is None:
        return page, []
    height = page[0].page_height or 842.0
    start = None
    for i, line in enumerate(page):
        small = line.size is not None and line.size <= body_size - 1.5
        if small and line.top is not None and line.top > 0.55 * height and _FOOTNOTE_START.match(line.text):
            start = i
            break
    if start is None:
        return page, []
    rest = page[start:]
    if not all((l.size or body_size) <= body_size - 1.5 for l in rest):
        return page, []
    notes: list[tuple[int, str]] = []
    for line in rest:
        text = line.text.strip()
        is_mark = re.fullmatch(r"\d{1,2}", text)
        starts_note = re.match(r"^\d{1,2}\s+\S", text) and (not notes or (line.size and line.size < body_size - 3))
        if is_mark:
            notes.append((line.page, ""))
        elif starts_note:
            notes.append((line.page, re.sub(r"^\d{1,2}\s+", "", text)))
        elif notes:
            notes[-1] = (notes[-1][0], _join([notes[-1][1], text]))
        else:
            notes.append((line.page, re.sub(r"^\d{1,2}\s*", "", text)))
    return page[:start], [(p, t) for p, t in notes if t]


_CONTENTS = re.compile(r"^\s*(?:#+\s*)?(?:table of )?contents\s*$", re.IGNORECASE)
_TOC_ENTRY = re.compile(r"(?:\s|\t|\.{2,})\d{1,3}(?:\s+\d{1,3})*\s*$")


def _drop_contents(page: list[Line]) -> list[Line]:
    """A table of contents is navigation, not content: drop it and its entries.

    An entry ends in a page number; a line without one belongs to the table when
    a later line within the next two does (a title wrapped over two lines)."""
    start = next((i for i, line in enumerate(page) if _CONTENTS.match(line.text)), None)
    if start is None:
        return page
    end = start + 1
    while end < len(page):
        text = page[end].text.strip()
        if not text:
            end += 1
            continue
        following = [l.text for l in page[end + 1 : end + 4] if l.text.strip()][:2]
        if _TOC_ENTRY.search(text) or (len(text) < 160 and any(_TOC_ENTRY.search(t) for t in following)):
            end += 1
            continue
        break
    return page[:start] + page[end:]


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
    if abs(line.size - previous.size) > 0.6 and not _is_odd_size_run(previous, line):
        return True
    if line.bold != previous.bold:
        return True
    expected = ratio * max(previous.size, line.size) * (1 + previous.joins)
    if line.gap > expected + 0.3 * line.size:
        return True
    if _BULLET.match(line.text) or (_NUMBERED.match(line.text) and line.x is not None and previous.x is not None
                                     and line.x < previous.x - 4):
        return True
    return False


def _is_odd_size_run(previous: Line, line: Line) -> bool:
    """A line whose first character is a symbol or bracket set in another size
    ('(Outcome 4, ...)' at 13.6pt in 12pt text) still wraps its paragraph."""
    return line.x is not None and previous.x is not None and abs(line.x - previous.x) < 30 and not line.text[:1].isalnum() \
        and line.gap is not None and line.gap < 1.4 * min(line.size or 99, previous.size or 99)


def _blocks_from_text(pages: list[list[Line]]) -> list[_Block]:
    """Text extractions mostly put a paragraph on one line; wrapped lines are rejoined."""
    blocks: list[_Block] = []
    for page in pages:
        previous_blank = True
        first = True
        for line in page:
            raw = line.text.replace("**", "")
            text = raw.strip()
            if not text:
                previous_blank = True
                continue
            heading_mark = text.startswith("#")
            text = re.sub(r"^#+\s*", "", text)
            depth = 1 if re.match(r"^\s+\S", raw) and _BULLET.match(raw) else 0
            continues = (
                not previous_blank
                and blocks
                and not heading_mark
                and not _BULLET.match(text)
                and not _NUMBERED.match(text)
                and not _ENDS_SENTENCE.search(blocks[-1].lines[-1])
            )
            if continues:
                blocks[-1].lines.append(text)
            else:
                block = _Block([text], [line.page], starts_page=first, depth=depth)
                if heading_mark:
                    block.kind = "heading"
                blocks.append(block)
            previous_blank = False
            first = False
    return blocks


def _drop_boilerplate(blocks: list[_Block]) -> list[_Block]:
    """Drop Ofsted's standard back page (who Ofsted is, licence, address), letterheads
    and the cover's fact lines.

    On a page where that text starts, the short contact lines after it go too."""
    out: list[_Block] = []
    boiler_pages: set[int] = set()
    for block in blocks:
        text = block.text.strip()
        if _BOILERPLATE.match(text):
            boiler_pages.add(block.pages[0])
            continue
        short = len(text.split()) <= 25
        if short and (_CONTACT.search(text) or _COVER_FACT.match(text)):
            continue
        if block.pages[0] in boiler_pages and len(text.split()) <= 12 and not _NUMBERED.match(text):
            continue
        out.append(block)
    return out


# ---------------------------------------------------------------- kinds


def _classify(blocks: list[_Block], body_size: float | None) -> list[_Block]:
    blocks = _gather_judgement_tables(blocks)
    signed_off = False
    for block in blocks:
        if block.kind == "heading":  # marked as such by a text extraction ('## ')
            block.top_level = bool(_TOP_LEVEL.match(block.text.strip()))
            continue
        if block.kind != "text":
            continue
        text = block.text
        number = _NUMBERED.match(text)
        if _SIGN_OFF.match(text):
            signed_off = True
        if number and not _is_table_row(text):
            block.kind, block.number = "numbered", int(number.group(1))
        elif _BULLET.match(text):
            block.kind = "bullet"
        elif not signed_off and _looks_like_heading(block, body_size):
            block.kind = "heading"
            block.top_level = _is_top_level(block, body_size)
    return _mark_title(blocks)


def _mark_title(blocks: list[_Block]) -> list[_Block]:
    """The headings that open the first page, before anything else, are the report's title."""
    for i, block in enumerate(blocks):
        joiner = re.fullmatch(r"\s*(and|&)\s*", block.text) and i + 1 < len(blocks) and blocks[i + 1].kind == "heading"
        if (block.kind != "heading" and not joiner) or block.pages[0] != 1:
            break
        block.kind = "title"  # 'Inspection of services for ...' 'and' 'Review of the ... Board'
    return blocks


def _looks_like_heading(block: _Block, body_size: float | None) -> bool:
    text = block.text.strip()
    words = text.split()
    if not words or len(words) > 18 or len(text) > 140 or not re.search(r"[A-Za-z]{2}", text):
        return False
    if _METADATA.match(text) or _DATE_ONLY.match(text) or not (text[0].isupper() or text[0].isdigit()):
        return False
    if _GRADE_CELL.match(text) or re.match(rf"^{GRADE_WORDS}\s*\(grade \d\)", text, re.IGNORECASE):
        return False  # a grade, or a row of the table that explains the grades
    if re.search(r"[.,;]$", text) or (text.endswith(":") and len(words) > 6) or "@" in text or re.search(r"\b[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}\b", text):
        return False  # sentences, email and postal addresses
    if block.size is not None and body_size is not None:
        return (block.bold and block.size >= body_size - 0.6) or block.size > body_size + 1.5
    if len(block.lines) > 1 and not _TOP_LEVEL.match(text):
        return False  # an address or a list of names, not a title
    return not re.search(r"\t", text)


def _is_top_level(block: _Block, body_size: float | None) -> bool:
    if block.size is not None and body_size is not None:
        return block.size >= body_size + 1.5
    return bool(_TOP_LEVEL.match(block.text.strip()))


_TABLE_HEAD = re.compile(r"^\s*(?:key\s+)?judgements?\s+(?:judgements?\s+)?grades?\s*$", re.IGNORECASE)
_ROW_END = re.compile(rf"\b{GRADE_WORDS}\s*$", re.IGNORECASE)
# The opening words of a graded judgement's label (domain/data/judgements.toml).
_JUDGEMENT_LABEL = label_openings()


def _is_table_row(text: str) -> bool:
    """'2. Children looked after and achieving permanence Good' is a grade, not paragraph 2."""
    if not _JUDGEMENT_LABEL.match(text):
        return False
    body = _NUMBERED.sub("", text)
    return len(body.split()) <= 16 and bool(_ROW_END.search(body))


def _is_grade_cell(block: _Block) -> bool:
    return bool(_GRADE_CELL.match(block.text))


def _is_row(blocks: list[_Block], i: int) -> bool:
    """A judgement row: a judgement's name with its grade at the end or in the next block."""
    text = blocks[i].text
    if not _JUDGEMENT_LABEL.match(text) or len(text.split()) > 20:
        return False
    if _ROW_END.search(text):
        return True
    # the grade in the next block, or after the label's last word wrapped into a block of its own
    for j in (i + 1, i + 2):
        if j < len(blocks) and _is_grade_cell(blocks[j]):
            return j == i + 1 or len(blocks[i + 1].text.split()) <= 4
    return False


def _join_split_grades(blocks: list[_Block]) -> list[_Block]:
    """'Requires improvement to' + 'be good' in a cell of its own is one grade."""
    out: list[_Block] = []
    for block in blocks:
        if out and re.search(r"requires\s+improvement(\s+to)?\s*$", out[-1].text, re.I) \
                and re.fullmatch(r"\s*(to\s+)?be\s+good\s*", block.text, re.I):
            out[-1].lines.append(block.text)
            continue
        out.append(block)
    return out


def _gather_judgement_tables(blocks: list[_Block]) -> list[_Block]:
    """Join a grade table ('Judgement Grade' then label/grade rows, or the single
    inspection framework's numbered rows) into one block of 'label: grade' rows."""
    blocks = _join_split_grades(blocks)
    out: list[_Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        head = _TABLE_HEAD.match(block.lines[0].replace("\t", " "))
        # A table with a head can stand anywhere (the 2014 reports grade each section
        # under 'Key judgement / Judgement grade'); rows without one only on the cover.
        if head or (_is_row(blocks, i) and block.pages[0] <= 3):
            rows, j = _table_rows(blocks, i, bool(head))
            if len(rows) >= (1 if head else 2):
                out.append(_Block(rows, block.pages[:], x=block.x, size=block.size, kind="judgements"))
                i = j
                continue
        out.append(block)
        i += 1
    return out


def _table_rows(blocks: list[_Block], start: int, head: bool) -> tuple[list[str], int]:
    """Rows 'label: grade' of a judgement table starting at blocks[start]."""
    pieces: list[str] = []
    i = start
    if head:
        pieces.extend(blocks[start].lines[1:])
        i += 1
    table_x = blocks[start].x
    while i < len(blocks):
        b = blocks[i]
        if b.pages[0] != blocks[start].pages[0] or b.kind != "text":
            break
        wrapped = len(b.text.split()) <= 4 and i + 1 < len(blocks) and _is_grade_cell(blocks[i + 1])
        if _is_grade_cell(b) or _is_row(blocks, i) or wrapped:
            pieces.append(b.text)
        elif head and len(b.text.split()) <= 16 and (table_x is None or b.x is None or abs(b.x - table_x) < 3):
            pieces.append(b.text)  # a label wrapped into a block of its own
        else:
            break
        i += 1
        if re.match(r"^\s*overall effectiveness", b.text, re.I) and _ROW_END.search(b.text):
            break
    return _rows(pieces), i


def _rows(pieces: list[str]) -> list[str]:
    rows: list[str] = []
    label: list[str] = []
    for piece in pieces:
        piece = re.sub(r"\s+", " ", piece.replace("\t", " ")).strip()
        if not piece:
            continue
        if _GRADE_CELL.match(piece):
            rows.append(f"{_join(label)}: {piece}" if label else piece)
            label = []
            continue
        match = _ROW_END.search(piece)
        if match and _JUDGEMENT_LABEL.match(_join([*label, piece])):
            label.append(piece[: match.start()].strip())
            rows.append(f"{_join(label)}: {match.group(0).strip()}")
            label = []
        else:
            label.append(piece)
    if label and rows:
        rows[-1] = rows[-1] + " " + _join(label)
    return [re.sub(r"^\d(?:\.\d)?\.?\s+", "", row) for row in rows]


def _attach_grades(blocks: list[_Block]) -> list[_Block]:
    """A grade set on its own line under a heading ('Grade 4 (Inadequate)') is part of it."""
    out: list[_Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if previous is not None and previous.kind == "heading" and block.kind in ("text", "heading") \
                and _GRADE_CELL.match(block.text):
            previous.lines.append(block.text)
            continue
        out.append(block)
    return out


# ---------------------------------------------------------------- merging


def _merge(blocks: list[_Block]) -> list[_Block]:
    """Rejoin paragraphs split by page breaks, footnote markers or stray gaps;
    fold a sub-list into the item or paragraph that introduces it."""
    out: list[_Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if previous is not None and (_continues(previous, block) or _is_sub_item(previous, block)):
            body = _BULLET.sub("", block.text, count=1) if block.kind == "bullet" else block.text
            if _is_sub_item(previous, block):
                body = "– " + body
                previous.has_list = True
            previous.lines.append(body)
            for page in block.pages:
                if page not in previous.pages:
                    previous.pages.append(page)
            continue
        out.append(block)
    return out


def _is_sub_item(previous: _Block, block: _Block) -> bool:
    """A list item set deeper than the paragraph or item before it belongs to it,
    as does the list a numbered paragraph introduces with a colon."""
    if block.kind != "bullet" or previous.kind not in ("numbered", "bullet", "text"):
        return False
    if block.x is None or previous.x is None:
        return block.depth > previous.depth
    if previous.kind == "numbered" and (previous.has_list or previous.text.rstrip().endswith(":")):
        inner = previous.indent if previous.indent is not None else previous.x + 8
        return block.x >= min(inner, previous.x + 8) - 2
    return previous.kind == "bullet" and block.x > previous.x + 10


def _continues(previous: _Block, block: _Block) -> bool:
    if previous.kind == "numbered" and not _NUMBERED.sub("", previous.text).strip() and block.kind == "text":
        return True  # '89.' at the foot of a page, its words at the top of the next
    if previous.kind in ("heading", "title", "judgements", "footnote") or block.kind in (
        "heading", "title", "judgements", "numbered"
    ):
        return False
    text = block.text
    body = _BULLET.sub("", text, count=1) if block.kind == "bullet" else text
    if not body:
        return False
    starts_lower = body[0].islower() or body[0] in ",;)"
    open_sentence = not _ENDS_CLAUSE.search(previous.text)
    if block.kind == "bullet" and not starts_lower:
        return False  # a new list item
    if starts_lower and open_sentence:
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


def _heading_style(block: _Block) -> tuple[float, int]:
    return (round(block.size or 0.0), 1 if block.bold else 0)


class _Headings:
    """The headings above the current paragraph.

    PDF: a heading closes every open heading set in the same or a smaller style
    (type size, then weight). Text has no styles: a known part title ('Safeguarding
    services', 'What needs to improve?') opens level 1, any other heading level 2,
    and a heading straight after a level-2 heading nests under it."""

    def __init__(self) -> None:
        self.stack: list[tuple[object, str]] = []
        self.title: tuple[str, ...] = ()
        self.after_heading = False

    def title_line(self, text: str) -> None:
        self.title = (*self.title, text)

    def push(self, block: _Block, text: str) -> None:
        self.title = ()
        if block.size is not None:
            level: object = tuple(-v for v in _heading_style(block))  # bigger and bolder: lower
        elif block.top_level:
            level = 1
        elif self.after_heading and self.stack and self.stack[-1][0] == 2:
            level = 3
        else:
            level = 2
        while self.stack and self.stack[-1][0] >= level:  # type: ignore[operator]
            self.stack.pop()
        self.stack.append((level, text))
        self.after_heading = True

    def current(self) -> tuple[str, ...]:
        self.after_heading = False
        if self.title:
            return (" ".join(self.title),)
        return tuple(text for _, text in self.stack)


def _cite(blocks: list[_Block]) -> list[Paragraph]:
    """Number paragraphs, attach headings, and give each a citation anchor."""
    paragraphs: list[Paragraph] = []
    headings = _Headings()
    last_number = 0
    unnumbered_since = 0
    used_numbers: set[int] = set()
    for block in blocks:
        if block.kind == "title":
            headings.title_line(_clean_heading(block.text))
            continue
        if block.kind == "heading":
            headings.push(block, _clean_heading(block.text))
            continue
        if block.kind == "judgements" and len(block.lines) <= 2 and (last_number or block.pages[0] > 2):
            # Inside a report a one-line grade box opens the section it grades (SIF:
            # 'The experiences and progress of children who need help and protection: Good').
            headings.push(block, block.lines[0].rpartition(":")[0].strip() or block.lines[0])
        number = block.number if block.kind == "numbered" else None
        if block.kind == "text" and _undotted_number(block.text) == last_number + 1 and last_number:
            number = last_number + 1  # '34 Most children...': the number's full stop was lost
            block.lines[0] = re.sub(r"^\s*\d{1,3}\s+", f"{number}. ", block.lines[0])
            block.kind = "numbered"
        if number is not None and (not (last_number < number <= last_number + 3) or number in used_numbers):
            number = None  # a list numbered on its own, not the report's paragraph sequence
        kind = "numbered" if number is not None else ("text" if block.kind in ("numbered", "footnote") else block.kind)
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
        where = ("Footnotes",) if block.kind == "footnote" else headings.current()
        text = text.strip()
        if not text or re.fullmatch(r"\d{1,3}\.?", text):
            continue  # nothing, or a paragraph number the report left empty
        paragraphs.append(
            Paragraph(
                text=text,
                ordinal=len(paragraphs) + 1,
                anchor=anchor,
                number=number,
                headings=where,
                pages=tuple(page for page in block.pages if page > 0),
                kind=kind,
            )
        )
    return paragraphs


def _undotted_number(text: str) -> int | None:
    """The leading number of a long paragraph like '34 Most children live...'."""
    match = re.match(r"^\s*(\d{1,3})\s+[A-Z][a-z]", text)
    return int(match.group(1)) if match and len(text.split()) >= 15 else None


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
