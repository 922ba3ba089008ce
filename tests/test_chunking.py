"""What is embedded for each paragraph (`chunking.windows`), measured with the model's own tokenizer:
the windows cover the whole paragraph, none is longer than the model reads, and only long
paragraphs get detail windows."""

from __future__ import annotations

import pytest

from askofsted.index.chunking import DETAIL_MIN_TOKENS, MAX_TOKENS, WINDOW_TOKENS, Window, windows
from askofsted.models import Paragraph
from askofsted.reading.reader import read_report


@pytest.fixture(scope="module")
def count_tokens():
    from askofsted.index.encoder import TOKENIZER_FILE, cached_export, load_tokenizer

    tokenizer = load_tokenizer(cached_export() / TOKENIZER_FILE)
    return lambda text: len(tokenizer.encode(text, add_special_tokens=False).ids)


@pytest.fixture(scope="module")
def paragraphs(corpus_dir):
    """Every paragraph of the seed reports, and three made up of many, longer than any of them."""
    seeds = [p for path in sorted(corpus_dir.glob("*.txt")) for p in read_report(path).paragraphs]
    longest = sorted(seeds, key=lambda p: len(p.text), reverse=True)
    made_up = [Paragraph(" ".join(p.text for p in longest[:n]), 1, "1") for n in (3, 6, 10)]
    return seeds + made_up


def parts(paragraph: Paragraph, found: list[Window]) -> tuple[list[Window], list[Window]]:
    """(the paragraph or its overlapping windows, its detail windows): the detail windows
    start again from the paragraph's beginning."""
    restart = next((i for i, w in enumerate(found) if i > 0 and w.start == 0), len(found))
    return found[:restart], found[restart:]


def uncovered(text: str, spans: list[Window]) -> list[int]:
    """Positions of the paragraph's words no window holds."""
    held = set()
    for w in spans:
        held.update(range(w.start, w.end))
    return [i for i, c in enumerate(text) if not c.isspace() and i not in held]


def test_the_seeds_hold_paragraphs_of_every_length(paragraphs, count_tokens):
    sizes = [count_tokens(p.text) for p in paragraphs]
    assert sum(s <= DETAIL_MIN_TOKENS for s in sizes) > 100
    assert sum(DETAIL_MIN_TOKENS < s <= MAX_TOKENS - 2 for s in sizes) >= 10
    assert sum(s > MAX_TOKENS - 2 for s in sizes) >= 4
    assert max(sizes) > 3 * MAX_TOKENS


def test_windows_are_spans_of_the_paragraph_and_fit_the_model(paragraphs, count_tokens):
    for paragraph in paragraphs:
        found = windows(paragraph, count_tokens)
        assert found, paragraph.text[:60]
        for w in found:
            assert 0 <= w.start < w.end <= len(paragraph.text)
            assert w.text == paragraph.text[w.start:w.end]
            # [CLS] and [SEP] take two of the model's 256 word pieces; a longer window would be cut silently.
            assert count_tokens(w.text) + 2 <= MAX_TOKENS, (paragraph.text[:60], w.text[:60])


def test_a_paragraph_that_fits_is_embedded_whole(paragraphs, count_tokens):
    for paragraph in paragraphs:
        size = count_tokens(paragraph.text)
        main, _ = parts(paragraph, windows(paragraph, count_tokens))
        if size <= MAX_TOKENS - 2:
            assert [(w.start, w.end) for w in main] == [(0, len(paragraph.text))]
        else:
            assert len(main) >= 2 and all(count_tokens(w.text) <= WINDOW_TOKENS + 20 for w in main)


def test_windows_cover_the_whole_paragraph(paragraphs, count_tokens):
    for paragraph in paragraphs:
        main, detail = parts(paragraph, windows(paragraph, count_tokens))
        assert uncovered(paragraph.text, main) == [], paragraph.text[:60]
        if detail:
            assert uncovered(paragraph.text, detail) == [], paragraph.text[:60]


def test_detail_windows_only_for_long_paragraphs(paragraphs, count_tokens):
    for paragraph in paragraphs:
        size = count_tokens(paragraph.text)
        _, detail = parts(paragraph, windows(paragraph, count_tokens))
        if size <= DETAIL_MIN_TOKENS:
            assert detail == [], paragraph.text[:60]
        else:
            assert len(detail) >= 2, paragraph.text[:60]
            # About a sentence or two each: far shorter than the paragraph.
            assert all(count_tokens(w.text) < size / 2 for w in detail), paragraph.text[:60]


def test_the_size_a_caller_measured_is_used(count_tokens):
    text = "Children are seen alone and their views inform their plans. " * 3
    paragraph = Paragraph(text.strip(), 1, "1")
    assert len(windows(paragraph, count_tokens)) == 1
    # Told it is long, the same text is split into detail windows too.
    assert len(windows(paragraph, count_tokens, size=DETAIL_MIN_TOKENS + 1)) > 1
