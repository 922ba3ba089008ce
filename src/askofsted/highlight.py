"""Which sentences of a cited paragraph best answer the question.

A paragraph is cited whole, but a reader's eye should land on the sentence that
answers. Sentences are scored by the question's content words they contain
(stemmed, rarer words weighing more) and, where a sentence shares no word with
the question (a paraphrase), by meaning, with the same embedding model.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

import numpy as np

from .words import content_words

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


def highlight(
    question: str,
    texts: Sequence[str],
    encode: Callable[[list[str]], np.ndarray] | None = None,
    query_vector: np.ndarray | None = None,
    per_text: int = 2,
) -> list[list[tuple[int, int]]]:
    """For each text, the spans of up to `per_text` sentences that best answer the question."""
    wanted = set(content_words(question))
    all_spans = [sentences(text) for text in texts]
    # Rarer words (in these texts) say more about what is asked.
    document_frequency: dict[str, int] = {}
    for text, spans in zip(texts, all_spans):
        for start, end in spans:
            for word in set(content_words(text[start:end])) & wanted:
                document_frequency[word] = document_frequency.get(word, 0) + 1
    total = max(1, sum(len(s) for s in all_spans))
    lexical = [
        [
            sum(math.log(1 + total / document_frequency[w]) for w in set(content_words(text[s:e])) & wanted)
            for s, e in spans
        ]
        for text, spans in zip(texts, all_spans)
    ]
    semantic: list[list[float]] | None = None
    if encode is not None and query_vector is not None:
        flat = [text[s:e] for text, spans in zip(texts, all_spans) for s, e in spans]
        if flat:
            similarity = encode(flat) @ query_vector.reshape(-1)
            semantic, i = [], 0
            for spans in all_spans:
                semantic.append([float(x) for x in similarity[i : i + len(spans)]])
                i += len(spans)
    out = []
    for index, spans in enumerate(all_spans):
        if not spans:
            out.append([])
            continue
        scores = [
            lexical[index][j] + (3.0 * semantic[index][j] if semantic else 0.0) for j in range(len(spans))
        ]
        best = sorted(range(len(spans)), key=lambda j: scores[j], reverse=True)
        threshold = max(scores) * 0.6
        chosen = [j for j in best[:per_text] if scores[j] > 0 and scores[j] >= threshold]
        out.append([spans[j] for j in sorted(chosen)])
    return out
