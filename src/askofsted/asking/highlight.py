"""Which sentences of a cited paragraph best answer the question.

A paragraph is cited whole, but a reader's eye should land on the sentence that
answers. Sentences are scored by the question's content words they contain
(stemmed, rarer words weighing more); a paraphrase that shares no word with any
sentence gets no highlight rather than a guess. (Scoring sentences by meaning
would mean embedding every sentence of every answer, on the path of a question
that has 0.6 s in all.)
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ..words import content_words

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[A-Z‘“'\"(0-9])")

def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of a paragraph."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def highlight(question: str, texts: Sequence[str], per_text: int = 2) -> list[list[tuple[int, int]]]:
    """For each text, the spans of up to `per_text` sentences that best answer the question."""
    wanted = set(content_words(question))
    all_spans = [sentences(text) for text in texts]
    found = [[set(content_words(text[s:e])) & wanted for s, e in spans] for text, spans in zip(texts, all_spans)]
    # Rarer words (in these texts) say more about what is asked.
    document_frequency: dict[str, int] = {}
    for words_of_text in found:
        for sentence_words in words_of_text:
            for word in sentence_words:
                document_frequency[word] = document_frequency.get(word, 0) + 1
    total = max(1, sum(len(s) for s in all_spans))
    out = []
    for spans, words_of_text in zip(all_spans, found):
        if not spans:
            out.append([])
            continue
        scores = [sum(math.log(1 + total / document_frequency[w]) for w in ws) for ws in words_of_text]
        best = sorted(range(len(spans)), key=lambda j: scores[j], reverse=True)
        threshold = max(scores) * 0.6
        chosen = [j for j in best[:per_text] if scores[j] > 0 and scores[j] >= threshold]
        out.append([spans[j] for j in sorted(chosen)])
    return out
