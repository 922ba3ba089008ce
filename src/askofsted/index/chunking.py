"""What is embedded for each paragraph: the paragraph itself, and windows over long ones.

The model reads at most 256 word pieces and silently drops the rest, and many
report paragraphs are longer. A paragraph that does not fit is embedded as
overlapping windows that all point back to it, so its end is searchable too.

A long paragraph also makes several points, and its one vector is the average of
them: a question about one point ("do young people check supported housing?")
meets a vector about all of them. So paragraphs over DETAIL_MIN_TOKENS also get
short "detail" windows of about a sentence or two. Windows are cut by
langchain-text-splitters at sentence ends, measured in the model's own word
pieces. Whatever window matches, the citation is always the whole paragraph.

Detail windows for every paragraph would help more but double the embedding
time; above 160 word pieces they add 14% to it (building all 497 shared
reports must stay under 10 minutes on two cores).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..models import Paragraph

MAX_TOKENS = 256
WINDOW_TOKENS = 200
OVERLAP_TOKENS = 50
DETAIL_MIN_TOKENS = 160
DETAIL_TOKENS = 64
MIN_WINDOW_WORDS = 8


@dataclass(frozen=True)
class Window:
    """A span [start, end) of a paragraph's text, and the text embedded for it."""

    start: int
    end: int
    text: str


def windows(paragraph: Paragraph, count_tokens: Callable[[str], int], size: int | None = None) -> list[Window]:
    """The texts to embed for a paragraph: itself (or overlapping windows if it does not
    fit), then, if it is long, its detail windows.

    `size` is the paragraph's length in word pieces where the caller has measured it.
    Only the paragraph's own words are embedded. Its headings are matched
    lexically instead (see store): prefixing them to every paragraph cost 12%
    more embedding time for no measured gain in retrieval.
    """
    text = paragraph.text
    if size is None:
        size = count_tokens(text)
    if size <= MAX_TOKENS - 2:
        spans = [(0, len(text))]
    else:
        spans = split_spans(text, count_tokens, WINDOW_TOKENS, OVERLAP_TOKENS)
    if size > DETAIL_MIN_TOKENS:
        spans += split_spans(text, count_tokens, DETAIL_TOKENS, 0)
    return [Window(start, end, text[start:end]) for start, end in spans]


def split_spans(text: str, count_tokens: Callable[[str], int], size: int, overlap: int) -> list[tuple[int, int]]:
    """(start, end) character spans of at most `size` word pieces, `overlap` shared
    between neighbours, broken at sentence ends where possible."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter  # build time only

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=size,
        chunk_overlap=overlap,
        length_function=count_tokens,
        separators=[". ", "; ", ", ", " ", ""],
        keep_separator="end",
        add_start_index=True,
    )
    spans: list[tuple[int, int]] = []
    for document in splitter.create_documents([text]):
        start = document.metadata["start_index"]
        if start < 0:  # the splitter could not locate the piece: search from the last span
            start = text.find(document.page_content, spans[-1][0] if spans else 0)
        end = start + len(document.page_content)
        if spans and len(document.page_content.split()) < MIN_WINDOW_WORDS:
            # A scrap ('and others.') says nothing of its own but matches every vague
            # question: it joins the window before it.
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans or [(0, len(text))]
