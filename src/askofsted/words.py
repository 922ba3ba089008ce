"""Words of questions and paragraphs, for lexical matching and highlighting.

One place decides what counts as a content word, so BM25 queries and the
highlighter agree: lower case, contractions dropped ("who've" is "who", not
"who" and "ve"), stopwords and question words removed.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+")
_CONTRACTION = re.compile(r"(?<=[a-z])['’](?:s|ve|re|ll|d|t|m)\b")

FRAME_WORDS = frozenset(
    """did does done said say says tell told find found ofsted inspectors inspector inspection inspections report
    reports council councils authority authorities local according get got well much many way ways also
    actually really just even ever quite happen happened happening whats common typical typically usually
    generally since like things stuff main biggest handle handled handles handling deal deals dealt dealing
    yet still anymore vs versus anything something everything nothing normal usual normally true correct accurate officially another mate mates""".split()
)
"""Words that frame a question about the reports ('what did inspectors find in the council's
report', 'Liverpool 2023 vs 2026'): in nearly every question and paragraph, or in none, so no
topic. Some are also part of a name ('children in care council', 'local authority designated
officer')."""

STOPWORDS = FRAME_WORDS | frozenset(
    """a about above after again against all am an and any are aren't as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves""".split()
) | frozenset(
    # The same typed without their apostrophes ("im 22 and ive just been dropped", "it isnt written down").
    """im ive dont doesnt didnt isnt arent wasnt werent hasnt havent hadnt cant couldnt wouldnt shouldnt wont
    youre youve theyre theyve weve hes shes thats theres wheres whos""".split()
)


def stem(word: str) -> str:
    """A light suffix stripper: enough to match 'missing'/'missed', 'audits'/'audited'."""
    for suffix in ("ingly", "edly", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


def _tokens(text: str) -> list[str]:
    """Every word of a text in lower case, contractions dropped."""
    return _WORD.findall(_CONTRACTION.sub("", text.lower().replace("n't", "")))


def _is_content(word: str) -> bool:
    return word not in STOPWORDS and len(word) > 1


def words(text: str) -> list[str]:
    """Content words of a text, unstemmed, in order (duplicates kept)."""
    return [w for w in _tokens(text) if _is_content(w)]


def neighbours(text: str) -> list[tuple[str, str]]:
    """Content words side by side, or with one stopword between ('placement with parents'), in order."""
    pairs: list[tuple[str, str]] = []
    last, gap = None, 0
    for word in _tokens(text):
        if not _is_content(word):
            gap += 1
            continue
        if last is not None and gap <= 1:
            pairs.append((last, word))
        last, gap = word, 0
    return pairs


_JOINERS = frozenset({"and", "of"})
_WRITTEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


def phrases(text: str) -> list[list[str]]:
    """Every run of two or more content words side by side as written ('functional family
    therapy', 'family drug and alcohol court'): a run may hold 'and' or 'of' between two of its
    words, and breaks at any other word, at punctuation but a hyphen, and at a possessive
    ('children's trust' is no phrase the reports write)."""
    runs: list[list[str]] = [[]]
    end = 0
    for match in _WRITTEN.finditer(text):
        token = match.group(0).lower()
        word = re.split(r"['’]", token)[0]
        if text[end:match.start()].strip(" -") or word != token or not (_is_content(word) or word in _JOINERS):
            runs.append([])
        if word == token and (_is_content(word) or (word in _JOINERS and runs[-1])):
            runs[-1].append(word)
        end = match.end()
    return [run[i:j] for run in runs for i in range(len(run)) for j in range(i + 2, len(run) + 1)
            if run[i] not in _JOINERS and run[j - 1] not in _JOINERS]


def content_words(text: str) -> list[str]:
    """Stemmed content words: what two texts must share to be about the same thing."""
    return [stem(w) for w in words(text)]


