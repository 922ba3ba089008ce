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

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[A-Z‘“'\"(0-9])")
_WORD = re.compile(r"[a-z0-9]+")

STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    did does done said say says tell told find found ofsted inspectors inspector inspection inspections report
    reports council councils authority authorities local according get got well much many way ways also""".split()
)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of a paragraph."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def stem(word: str) -> str:
    """A light suffix stripper: enough to match 'missing'/'missed', 'audits'/'audited'."""
    for suffix in ("ingly", "edly", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


def content_words(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]


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
