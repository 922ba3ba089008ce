"""What is embedded for each paragraph: the paragraph itself, or windows over it.

The model reads at most 256 word pieces and silently drops the rest, and many
report paragraphs are longer. A long paragraph is embedded as overlapping
windows (langchain-text-splitters, measured in the model's own word pieces) that
all point back to the one paragraph, so its end is searchable too; the citation
is always the whole paragraph.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .models import Paragraph

MAX_TOKENS = 256
WINDOW_TOKENS = 200
OVERLAP_TOKENS = 50


@dataclass(frozen=True)
class Window:
    """A span [start, end) of a paragraph's text, and the text embedded for it."""

    start: int
    end: int
    text: str


def windows(paragraph: Paragraph, count_tokens: Callable[[str], int]) -> list[Window]:
    """The text(s) to embed for a paragraph: whole if it fits, else overlapping windows.

    Only the paragraph's own words are embedded. Its headings are matched
    lexically instead (see store): prefixing them to every paragraph cost 12%
    more embedding time for no measured gain in retrieval.
    """
    text = paragraph.text
    if count_tokens(text) <= MAX_TOKENS - 2:
        return [Window(0, len(text), text)]
    return [Window(start, end, text[start:end]) for start, end in split_spans(text, count_tokens)]


def split_spans(text: str, count_tokens: Callable[[str], int]) -> list[tuple[int, int]]:
    """Overlapping (start, end) character spans of at most WINDOW_TOKENS word pieces,
    broken at sentence ends where possible."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter  # build time only

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=WINDOW_TOKENS,
        chunk_overlap=OVERLAP_TOKENS,
        length_function=count_tokens,
        separators=[". ", "; ", ", ", " ", ""],
        keep_separator="end",
        add_start_index=True,
    )
    spans = []
    for document in splitter.create_documents([text]):
        start = document.metadata["start_index"]
        if start < 0:  # the splitter could not locate the piece: search from the last span
            start = text.find(document.page_content, spans[-1][0] if spans else 0)
        spans.append((start, start + len(document.page_content)))
    return spans or [(0, len(text))]
