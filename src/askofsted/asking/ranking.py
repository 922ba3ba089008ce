"""Ranking: which paragraphs of the chosen reports answer a question.

The reports are chosen first (`selection`). Within them two views of relevance are fused
by reciprocal rank (`rank`): dense vectors catch paraphrase ("kids who ran away"
~ "children missing from home"), BM25 catches the exact terms people search for
(MARVE, Letterbook, deprivation of liberty) and, where two of the question's words are
more often apart than together in the reports, the paragraphs that hold them together
('harmful sexual behaviour', 'placement with parents'; `Terms.pairs`). BM25 counts for as
much as its best match covers of the question (`lexical_weight`). Questions with an intent
(a grade, what needs to improve, what inspectors criticised or praised) add a short ranking of their own; in reports
that number paragraphs, findings rank above their summaries (`prefer_findings`). A question
naming its children ('kids in care') ranks the parts of reports about other children lower
(`POPULATION_WEIGHT`).
Every constant below was set on the development question sets and checked on
both, never on one question.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..domain.grades import grade_pattern
from ..domain.judgements import judgement_areas
from ..domain.sections import about_others, headed
from ..domain.stance import speaks
from ..domain.vocabulary import Concept, find_concepts, is_judgement, uses_terms
from ..index import store
from .selection import Selection
from .sentences import asked_part, children_asked, sections_asked
from .understanding import Understanding
from ..words import neighbours, phrases, words

DENSE_CANDIDATES = 120
LEXICAL_CANDIDATES = 120
RRF_K = 60
DENSE_WEIGHT = 1.0
LEXICAL_WEIGHT = 2.0  # times the cube of the best match's share of the question (see lexical_weight)
LEXICAL_WEIGHT_CAP = 1.5
LEXICAL_PROBE = 3  # top lexical matches whose coverage of the question is measured
PAIR_GAP = 1  # words between a pair's two in a paragraph: 'placement of children with parents' is not one
APART = 0.5
"""A pair of the question's words is matched as a pair only where its words are more often apart
than together in the index ('harmful' and 'sexual', 'placement' and 'parents'): where they come
together nearly always ('social workers', 'care leavers', 'front door') the words already say it."""
COMMON_SHARE = 0.3  # words in more than this share of paragraphs are not matched lexically
NAMED_WEIGHT = 1.0  # a paragraph naming the programme asked about ranks with the dense ranking's best
NAMED_CANDIDATES = 1000
JUDGEMENT_WEIGHT = 0.5
SECTION_WEIGHT = 0.5
OPENING_WEIGHT = 0.5
"""A question about change, or about grades, ranks each inspection's summary this much higher (a
half vote, as the other intents have, at the usual RRF k): ILACS and SIF reports open by saying
how services changed since the last inspection, why they are judged as they are, and what they
found on the main topics. On dev_users' change
questions every weight from 0.3 to 1.0 helped the odd half and none hurt the even half, which
0.4 to 0.6 also helped: the half vote is not a fitted peak (benchmarks/README.md)."""
LATEST_WEIGHT = 0.5
"""A question that names one council and no time asks how things are now ('is the front door any
good?', 'is that normal there?'): among the candidates, the paragraphs of its latest inspection
have a half vote more, as a report's summary has for a question about change. Blind reviews 10
and 11 found such questions answered first from reports up to ten years old, sometimes
contradicting the latest. The cost: where the latest inspection says nothing on the topic, its
nearest paragraph can now come before an older finding on it (benchmarks/README.md)."""
POPULATION_WEIGHT = 0.5
"""A question that names its children ('disabled children in care', 'care leavers') gives a half
vote more to the candidates outside the parts of graded reports about other children: the
reports say much the same of each group in its own part (`domain.sections.POPULATIONS`)."""
INTENT_K = 10
RESTATEMENT_FACTOR = 0.85  # see prefer_findings
MIN_NUMBERED = 5  # a report with fewer numbered paragraphs does not number them
POOL = 40  # candidates the intent rankings reorder when the selection is too big to scan
TIE_MARGIN = 20  # candidates fetched beyond a cut, so that equal scores at the cut are decided by place
MAX_SCANNED_REPORTS = 10

_GRADE = grade_pattern()
# A sentence that gives this inspection's grade ("Services for children in Manchester are
# no longer inadequate", "The SSCB is judged to be inadequate"), not a past one's
# ("was judged to be adequate in 2010") nor a children's home's.
_GRADE_STATEMENT = re.compile(
    r"\b(?:is|are|remains?|now|(?:is|are)\s+judged(?:\s+to\s+be)?|(?:is|are)\s+no\s+longer|judgement\s+is(?:\s+that)?"
    rf"(?:\s+[\w’'-]+){{0,4}}\s+(?:is|are))\s+(?:now\s+)?{_GRADE}\b"
    # ... not a grade word before a noun ('there is adequate accommodation', 'is good quality')
    r"(?!\s+(?!(?:and|because|overall|in|for|but|with|at|to|although|while|as|or|across|since|now|when|where)\b)[a-z])"
    r"|\brequires?\s+improvement\s+to\s+be\s+good\b",
    re.IGNORECASE,
)
_PAST_GRADE = re.compile(r"\b(previous(?:ly)?|children.s\s+homes?|most\s+recent\s+ofsted|were\s+judged|was\s+judged)\b",
                         re.IGNORECASE)
# The overall grade as a grade table's headline: "Children's services in Leeds are good",
# "The overall judgement is requires improvement" (the single inspection framework).
_HEADLINE = re.compile(
    r"(?:children.s\s+services\s+in\s+[^.]+?|overall\s+judgement\s+is(?:\s+that\s+children.s\s+services)?)\s+"
    rf"(?:(?:are|is|requires?)\s+)?{_GRADE}\s*$",
    re.IGNORECASE,
)
# A line of a grade table: "Overall effectiveness: Good".
_TABLE_LINE = re.compile(rf":\s*{_GRADE}\b", re.IGNORECASE)

def fts_expression(terms: Sequence[str]) -> str:
    """An FTS5 query matching any of the terms (BM25 ranks by how many, how rare)."""
    return " OR ".join(store.fts_phrase(t) for t in terms)


@dataclass(frozen=True)
class Terms:
    """A question's content words, how rare each is in the index, and which to match on."""

    words: tuple[str, ...]
    idf: dict[str, float]
    matched: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...] = ()
    """Words the question puts side by side ('harmful sexual behaviour', 'placement with
    parents'): a paragraph holding them together says what the question names, not just its words."""

    def expression(self) -> str:
        """The FTS5 query: any matched word, and each pair as near neighbours (a pair counts as
        one more, rarer term, so BM25 ranks the paragraphs that hold the phrase first)."""
        near = [f"NEAR({store.fts_phrase(a)} {store.fts_phrase(b)}, {PAIR_GAP})" for a, b in self.pairs]
        return " OR ".join([fts_expression(self.matched), *near]) if self.matched else ""


def question_terms(connection, text: str) -> Terms:
    """Content words with their IDF; words in most paragraphs ('children', 'services')
    barely move BM25 but make FTS5 score most of the index, so they are not matched."""
    unique = tuple(dict.fromkeys(words(text)))
    total = store.paragraph_count(connection) or 1
    frequency = {t: store.document_frequency(connection, t) for t in unique}
    idf = {t: math.log((total + 1) / (frequency[t] + 0.5)) for t in unique}
    matched = tuple(t for t in unique if frequency[t] <= COMMON_SHARE * total)
    if not matched and unique:
        matched = tuple(sorted(unique, key=idf.get, reverse=True)[:2])
    pairs = tuple(pair for pair in dict.fromkeys(neighbours(text)) if set(pair) <= set(matched)
                  and 0 < store.near_frequency(connection, *pair, PAIR_GAP) < APART * min(frequency[w] for w in pair))
    return Terms(unique, idf, matched, pairs)


class Places:
    """Where paragraphs sit (report id, place in the report), looked up once per question.

    Equal scores are ordered by place, never by row id: row ids follow the order files
    were added in, and the same reports under other names, added in another order, must
    give the same ranking (identical paragraphs in two reports have equal scores).
    """

    def __init__(self, connection):
        self._connection = connection
        self._places: dict[int, tuple[str, int]] = {}

    def key(self, pid: int) -> tuple[str, int]:
        if pid not in self._places:
            self.fetch([pid])
        return self._places.get(pid, ("", pid))

    def fetch(self, ids) -> None:
        missing = [pid for pid in ids if pid not in self._places]
        if missing:
            self._places.update(store.paragraph_places(self._connection, missing))

    def by_score(self, items) -> list[tuple[int, float]]:
        """Highest score first; equal scores by place."""
        items = list(items)
        self.fetch([pid for pid, _ in items])
        return sorted(items, key=lambda item: (-item[1], self.key(item[0])))


def dense_ranking(
    connection, vectors, query_vectors: np.ndarray, selection: Selection, limit: int = DENSE_CANDIDATES,
    places: Places | None = None,
) -> list[tuple[int, float]]:
    """Paragraph ids by their best window's cosine similarity to the question, in whichever
    of its phrasings (one vector a row: as asked, in the reports' words) comes closer."""
    places = places or Places(connection)
    allowed = None if selection.everything else store.chunk_ids_of_reports(connection, [r.id for r in selection.reports])
    found = [vectors.search(vector, limit + TIE_MARGIN, allowed) for vector in np.atleast_2d(query_vectors)]
    owner = store.chunk_paragraphs(connection, [chunk for hits in found for chunk, _ in hits])
    places.fetch(owner.values())
    best: dict[int, float] = {}
    for hits in found:
        hits = sorted((hit for hit in hits if hit[0] in owner),
                      key=lambda hit: (-hit[1], places.key(owner[hit[0]]), hit[0]))[:limit]
        for chunk, score in hits:
            if score > best.get(owner[chunk], -1.0):
                best[owner[chunk]] = score
    return places.by_score(best.items())


def named_ranking(connection, names: Sequence[str], selection: Selection,
                  limit: int = NAMED_CANDIDATES, places: Places | None = None) -> list[tuple[int, float]]:
    """Paragraphs that mention any of the things a question names, word for word: the index
    stems ('Achieving for Children' would find 'achievement for children'), a name does not."""
    if not names:
        return []
    rows = None if selection.everything else [r.id for r in selection.reports]
    found = store.lexical_search(connection, " OR ".join(store.fts_phrase(n) for n in names), limit + TIE_MARGIN, rows)
    texts = {pid: text for pid, _, _, text in store.paragraph_rows(connection, ids=[pid for pid, _ in found])}
    said = name_pattern(names, everyday_names(names, list(texts.values())))
    found = [(pid, score) for pid, score in found if said.search(texts.get(pid, ""))]
    return (places or Places(connection)).by_score(found)[:limit]


# A phrase of a roster's question counts as a thing named only where it is a term of art, of
# three words or more ('functional family therapy', 'family drug and alcohol court'), and the
# reports of at least two (one council's phrase is no list) and at most a third of the chosen
# councils use it. Two words are too often one wording of many ('unregistered placements', where
# most reports say 'unregistered children's homes'), and a count of the councils would mislead.
PHRASE_SHARE = 1 / 3
PHRASE_WORDS = 3
PHRASE_MIN_COUNCILS = 2


def phrase_named(connection, text: str, selection: Selection) -> str | None:
    """The phrase of a 'which councils ...' question that names what the councils must have done,
    as the reports write it ('which councils offer functional family therapy?'): of its words
    side by side that hold its rarest word, the longest run that some councils' reports use word
    for word and few do (the fewest, between runs of one length). With it, the roster is of the
    councils whose reports use it, and says how many there are, as for a programme the question
    names by its capital."""
    asked = asked_part(text)
    rarest = min(words(asked), key=lambda w: store.document_frequency(connection, w), default=None)
    authority = {r.id: r.facts.authority for r in selection.reports}
    cap = PHRASE_SHARE * len(set(authority.values()))
    candidates = {" ".join(phrase) for phrase in phrases(asked) if rarest in phrase and len(phrase) >= PHRASE_WORDS}
    for length in sorted({len(c.split()) for c in candidates}, reverse=True):
        counted = []
        for phrase in sorted(c for c in candidates if len(c.split()) == length):
            ids = [pid for pid, _ in named_ranking(connection, [phrase], selection)]
            naming = {authority.get(p.report) for p in store.paragraphs_by_ids(connection, ids).values()} - {None}
            if PHRASE_MIN_COUNCILS <= len(naming) <= cap:
                counted.append((len(naming), phrase))
        if counted:
            return min(counted)[1]
    return None


def name_pattern(names: Sequence[str], capitalised: Sequence[str] = ()) -> re.Pattern[str]:
    """Any of these names as written, in any case, its words parted by spaces or hyphens, with
    or without a plural ending ('Lifelong Links', 'lifelong link'); those `capitalised` only with
    their capital (see `everyday_names`)."""
    return re.compile("|".join(r"(?<!\w)" + _as_written(n, n in capitalised) + r"(?:e?s)?(?!\w)" for n in names),
                      re.IGNORECASE)


def _as_written(name: str, capitalised: bool) -> str:
    if capitalised:
        return f"(?-i:{re.escape(name[0])}){re.escape(name[1:])}"
    return r"[\s-]+".join(map(re.escape, name.split()))


def everyday_names(names: Sequence[str], texts: Sequence[str]) -> tuple[str, ...]:
    """The names of one word that these texts mostly write in lower case: everyday words ('pause
    and reflect', 'prevent'), so only their capital says the programme ('Pause', the Prevent
    duty). 'Mockingbird' is the programme however it is written."""
    found = []
    for name in names:
        if len(name.split()) == 1 and name[:1].isupper():
            lower = sum(1 for t in texts if re.search(rf"\b{re.escape(name.lower())}", t))
            upper = sum(1 for t in texts if re.search(rf"\b{re.escape(name)}", t))
            if lower > upper:
                found.append(name)
    return tuple(found)


def lexical_ranking(connection, terms: Terms, selection: Selection, limit: int = LEXICAL_CANDIDATES,
                    places: Places | None = None) -> list[tuple[int, float]]:
    rows = None if selection.everything else [r.id for r in selection.reports]
    found = store.lexical_search(connection, terms.expression(), limit + TIE_MARGIN, rows)
    return (places or Places(connection)).by_score(found)[:limit]


def coverage(connection, terms: Terms, lexical: Sequence[tuple[int, float]]) -> float:
    """How much of the question's meaning (its content words, rarer ones weighing more) the
    best lexical matches contain, from 0 to 1."""
    total = sum(terms.idf.values())
    if not lexical or total <= 0:
        return 0.0
    return max(
        sum(terms.idf[t] for t in store.terms_in_paragraph(connection, pid, terms.words)) / total
        for pid, _ in lexical[:LEXICAL_PROBE]
    )


def lexical_weight(covered: float) -> float:
    """How far to trust BM25 for this question: by how much of it the best lexical matches
    contain (`coverage`). A question put in other words than the report's ("kids who've run
    away" for "children missing from home") shares only common words with any paragraph,
    and BM25's ranking is then noise that would drown the dense ranking."""
    return min(LEXICAL_WEIGHT_CAP, LEXICAL_WEIGHT * covered**3)


def _candidate_rows(connection, selection: Selection, pool: Sequence[int]):
    """(id, kind, headings, text) of every paragraph of a few selected reports, or of the pool."""
    if len(selection.reports) <= MAX_SCANNED_REPORTS:
        return store.paragraph_rows(connection, report_rows=[r.id for r in selection.reports])
    return store.paragraph_rows(connection, ids=pool)


def _pool_first(ids: Sequence[int], pool: Sequence[int], places: Places) -> list[int]:
    """Ids the question already ranked, in that order, then the rest by place (report id, then order in the report)."""
    position = {pid: i for i, pid in enumerate(pool)}
    places.fetch(ids)
    return sorted(ids, key=lambda pid: (position.get(pid, len(position)), places.key(pid)))


def judgement_ranking(connection, selection: Selection, pool: Sequence[int], areas: Sequence[str] = (),
                      places: Places | None = None) -> list[int]:
    """For questions about grades: paragraphs and grade tables stating this inspection's
    grade for the judgement asked about; failing those, other grade statements, then
    other tables. (Ranking the others after the ones asked about still lifted them above
    the answer: most paragraphs state some grade.)

    Where a question names two things ('the overall grade of looked after children
    services'), a statement under a heading that names the other ('Services for looked
    after children > Overall effectiveness') answers more of it and comes first; a
    sentence giving the grade comes before a table giving it, as it also says why.
    """
    places = places or Places(connection)
    on_area, stating, tables = _statements(connection, selection, pool, areas)
    if on_area:
        ordered = _pool_first([pid for pid, _ in on_area], pool, places)
        order = dict(on_area)
        return sorted(ordered, key=order.__getitem__)  # stable: pool order within the same order
    return _pool_first(stating, pool, places) + _pool_first(tables, pool, places)


def grade_sentence(connection, selection: Selection, areas: Sequence[str]) -> int | None:
    """The sentence (not a table) of the selected report that best states its grade for the
    judgements asked about, if it has one: a grades answer cites it first, as it says why."""
    on_area, _, _ = _statements(connection, selection, [], areas)
    sentences = sorted((order, i, pid) for i, (pid, order) in enumerate(on_area) if not order[1])
    return sentences[0][2] if sentences else None


def _statements(connection, selection: Selection, pool: Sequence[int], areas: Sequence[str]):
    """(paragraphs stating a grade asked about with (-judgements covered, is a table),
    other grade sentences, other grade tables)."""
    asked = set(areas)
    # 'Good overall, but what grade for help and protection?': a judgement named besides the
    # overall one is the one asked about, so a statement of the overall grade alone is not it.
    required = asked - {"overall_effectiveness"} or asked
    on_area: list[tuple[int, tuple[int, bool]]] = []
    stating, tables = [], []
    for pid, kind, headings, text in _candidate_rows(connection, selection, pool):
        heads = json.loads(headings)
        stated = stated_judgements(text)
        if kind == "judgements" and any(_HEADLINE.search(h) for h in heads):
            stated.add("overall_effectiveness")
        if stated & required:
            covered = len(asked & (stated | set(judgement_areas(" / ".join(heads)))))
            on_area.append((pid, (-covered, kind == "judgements")))
        elif kind == "judgements":
            tables.append(pid)
        elif _grade_sentences(text):
            stating.append(pid)
    return on_area, stating, tables


def _grade_sentences(text: str) -> list[str]:
    """The sentences and table lines of a text that give this inspection's grade for something."""
    pieces = re.split(r"(?<=[.;])\s+|\n", text)
    return [s for s in pieces if (_GRADE_STATEMENT.search(s) or _TABLE_LINE.search(s)) and not _PAST_GRADE.search(s)]


def stated_judgements(text: str) -> set[str]:
    """The judgements whose grade a text states. A sentence that names a particular
    judgement states that one, even in the words of the overall one: 'services for
    children in need of help and protection are inadequate' is not the overall grade."""
    stated: set[str] = set()
    for sentence in _grade_sentences(text):
        areas = set(judgement_areas(sentence))
        if len(areas) > 1 or not _OF_THE_SERVICES.search(sentence):
            # 'Placement stability is good overall' grades one thing, not the services.
            areas.discard("overall_effectiveness")
        stated |= areas
    return stated


_OF_THE_SERVICES = re.compile(r"\bservices\b|\boverall\s+(?:effectiveness|judgement|grade)\b", re.IGNORECASE)
"""What a sentence stating the overall grade speaks of: the services as a whole, or the
judgement by name."""


def states_grade(text: str) -> bool:
    """Does a text state this inspection's grade for a judgement it names (a grade table
    line, a grade sentence)? Conservative: 'assessments are good' grades nothing."""
    return bool(stated_judgements(text))


def not_about_others(connection, pool: Sequence[int], populations: frozenset[str]) -> list[int]:
    """The candidates, in their order, that do not sit in the part of a report about other
    children than those asked about."""
    heads = {pid: json.loads(headings) for pid, _, headings, _ in store.paragraph_rows(connection, ids=pool)}
    return [pid for pid in pool if not about_others(heads.get(pid, ()), populations)]


def section_ranking(connection, selection: Selection, pool: Sequence[int], key: str,
                    places: Places | None = None, closer: Sequence[int] = ()) -> list[int]:
    """Paragraphs under the headings of the part of a report a question asks for ('what needs to
    improve'): those the question ranked first, then those its dense ranking found (`closer`),
    then the rest in report order."""
    return _where(connection, selection, pool, lambda heads, _: headed(key, heads), places, closer)


def _where(connection, selection: Selection, pool: Sequence[int], keep: Callable[[str, str], bool],
           places: Places | None, closer: Sequence[int]) -> list[int]:
    """The candidates (see `_candidate_rows`) that `keep(headings, text)` keeps: those the question
    ranked first, then those its dense ranking found (`closer`), then the rest in report order."""
    found = [pid for pid, _, heads, text in _candidate_rows(connection, selection, pool) if keep(heads, text)]
    return _pool_first(found, list(dict.fromkeys([*pool, *closer])), places or Places(connection))


def unused_words(connection, text: str, selection: Selection) -> list[Concept]:
    """Concepts the question names in everyday words that the chosen reports never use ('front
    door', of a council whose reports say 'MASH' and 'contacts'): neither BM25 nor, often, the
    dense ranking can find them by the question's words. A concept that is a judgement of its
    own ('kids in care': children in care) is a whole part of the report, in most of whose
    paragraphs its name occurs: naming it says nothing about which of them answers."""
    if selection.everything:
        return []
    rows = [r.id for r in selection.reports]
    return [found.concept for found in find_concepts(text)
            if not is_judgement(found.concept)
            and not store.lexical_search(connection, store.fts_phrase(text[found.start:found.end]), 1, rows)]


def concept_ranking(connection, selection: Selection, pool: Sequence[int], concepts: Sequence[Concept],
                    places: Places | None = None, closer: Sequence[int] = ()) -> list[int]:
    """Paragraphs that name the concepts in the reports' own words, in the order of `_where`."""
    return _where(connection, selection, pool, lambda _, text: any(uses_terms(text, c) for c in concepts),
                  places, closer)


def stance_ranking(connection, pool: Sequence[int], key: str) -> list[int]:
    """The pool's paragraphs that find fault (or praise), in the pool's order: among the
    paragraphs on the question's topic, those that say what it asks for ('the main criticisms').
    What a report says needs to improve is a criticism whatever its words, and never praise
    ('Ensure that return home interviews are timely')."""
    rows = store.paragraph_rows(connection, ids=list(pool))
    needed = {pid for pid, _, heads, _ in rows if headed("improvement", heads)}
    found = needed if key == "critical" else set()
    found |= {pid for pid, _, _, text in rows if pid not in needed and speaks(key, text)}
    return [pid for pid in pool if pid in found]


def fuse(rankings: Sequence[tuple[Sequence[int], float] | tuple[Sequence[int], float, int]],
         places: Places | None = None) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion of ranked id lists, each with a weight and optionally its own k.

    A small k makes a list's order count (its first item is worth much more than
    its fifth): right for short, precise lists such as 'paragraphs stating the
    grade asked about'; the usual k=60 suits long, noisy ones.
    """
    scores: dict[int, float] = defaultdict(float)
    for ids, weight, *rest in rankings:
        k = rest[0] if rest else RRF_K
        for rank, pid in enumerate(ids):
            scores[pid] += weight / (k + rank + 1)
    if places is None:
        return sorted(scores.items(), key=lambda item: item[1], reverse=True)
    return places.by_score(scores.items())


@dataclass(frozen=True)
class Ranked:
    """Paragraph ids with their fused scores, best first, and how close (cosine) each
    candidate's best window came to the question: the measure of whether anything
    answers at all, which fused rank scores cannot give."""

    paragraphs: list[tuple[int, float]]
    closeness: dict[int, float]
    covered: float = 0.0
    """How much of the question's words the best lexical matches hold (see `coverage`)."""


def rank(
    connection,
    vectors,
    query_vectors: np.ndarray,
    understanding: Understanding,
    selection: Selection,
    limit: int,
    require_names: bool = False,
    opening: Sequence[int] = (),
    tables: bool = True,
) -> Ranked:
    """The best `limit` paragraphs for the question among the selected reports; a letter's
    form and the standard paragraphs every report repeats never answer (`store.boilerplate`).
    Paragraphs that mention what the question names ('Lifelong Links') rank higher and, with
    `require_names` (a roster), are the only ones taken where there are any. The paragraphs
    of `opening` (a report's summary, for a question about change or grades) have a half vote more;
    without `tables`, grade tables are left out."""
    places = Places(connection)
    dense = dense_ranking(connection, vectors, query_vectors, selection, places=places)
    # The words matched are the asking sentence's: a scene ('my sister rang them about the
    # neighbours' kids and nothing happened for ages') is in no report, and would count
    # against BM25 (see `coverage`) where the question's own words are there.
    terms = question_terms(connection, asked_part(understanding.text))
    lexical = lexical_ranking(connection, terms, selection, places=places)
    named = named_ranking(connection, understanding.names, selection, places=places)
    if named and require_names:  # a roster of who runs 'Lifelong Links': those that mention it
        mentioned = {pid for pid, _ in named}
        dense = [(pid, s) for pid, s in dense if pid in mentioned] or [(pid, 0.0) for pid, _ in named]
        lexical = [(pid, s) for pid, s in lexical if pid in mentioned]
    candidates = list({pid for pid, _ in dense} | {pid for pid, _ in lexical} | {pid for pid, _ in named})
    exclude = store.boilerplate(connection, candidates)
    # 'The local authority uses the Signs of Safety model of social work': a fact in the words
    # every report of a kind uses, the same where the fact is; what a question names is no template.
    exclude -= {pid for pid, _ in named} - store.letter_form(connection, [pid for pid, _ in named])
    if not tables:  # a timeline heads each inspection with its grades: its grade table is no finding
        exclude |= store.grade_tables(connection, [*candidates, *opening])
    dense = [(pid, s) for pid, s in dense if pid not in exclude]
    lexical = [(pid, s) for pid, s in lexical if pid not in exclude]
    rankings: list[tuple[Sequence[int], float]] = [
        ([pid for pid, _ in dense], DENSE_WEIGHT),
        ([pid for pid, _ in lexical], lexical_weight(covered := coverage(connection, terms, lexical))),
    ]
    if named:
        rankings.append(([pid for pid, _ in named if pid not in exclude], NAMED_WEIGHT))
    if opening:
        rankings.append(([pid for pid in opening if pid not in exclude], OPENING_WEIGHT))
    pool = [pid for pid, _ in fuse(rankings, places)[:POOL]]
    if selection.current:  # one council, no time: among the candidates, the council as it is now first
        rankings.append(([pid for pid in pool if places.key(pid)[0] in selection.current], LATEST_WEIGHT))
        pool = [pid for pid, _ in fuse(rankings, places)[:POOL]]
    populations = children_asked(understanding.text)
    if populations and not (opening or understanding.about_judgements):
        rankings.append((not_about_others(connection, pool, populations), POPULATION_WEIGHT))
    if understanding.about_judgements:
        stating = judgement_ranking(connection, selection, pool, understanding.judgement_areas, places)
        exclude |= store.boilerplate(connection, stating)
        stating = [pid for pid in stating if pid not in exclude]
        rankings.append((stating, JUDGEMENT_WEIGHT, INTENT_K))
    asked = sections_asked(understanding.question)
    for part in asked:
        found = section_ranking(connection, selection, pool, part.key, places, [pid for pid, _ in dense])
        exclude |= store.boilerplate(connection, found)
        rankings.append(([pid for pid in found if pid not in exclude], SECTION_WEIGHT, INTENT_K))
    unused = unused_words(connection, understanding.text, selection) if understanding.topical else []
    if unused:
        named_so = concept_ranking(connection, selection, pool, unused, places, [pid for pid, _ in dense])
        exclude |= store.boilerplate(connection, named_so)
        rankings.append(([pid for pid in named_so if pid not in exclude], SECTION_WEIGHT, INTENT_K))
    speaking = stance_ranking(connection, pool, understanding.stance) if understanding.stance else []
    if speaking:
        rankings.append((speaking, SECTION_WEIGHT, INTENT_K))
    fused = fuse(rankings, places)[: max(limit, POOL)]
    if speaking and not understanding.topical:  # 'what did inspectors praise in Sefton?': praise is all it asks
        saying = set(speaking)
        fused = [item for item in fused if item[0] in saying]
    if not (understanding.about_judgements or asked):
        fused = prefer_findings(connection, fused)
    return Ranked(each_named(connection, fused, selection, limit), dict(dense), covered)


def each_named(connection, ranked: Sequence[tuple[int, float]], selection: Selection, limit: int) -> list[tuple[int, float]]:
    """The best `limit`, where each authority or year the question names (for one council
    and no time, its latest inspection; see `Selection.named`) is shown: the best paragraph
    of one left out takes the place of the lowest of one shown twice."""
    top = list(ranked[:limit])
    if not selection.named:
        return top
    found = store.paragraphs_by_ids(connection, [pid for pid, _ in ranked])
    group = {pid: selection.named.get(found[pid].report) for pid, _ in ranked if pid in found}
    for name in dict.fromkeys(selection.named.values()):
        shown = [group.get(pid) for pid, _ in top]
        if name in shown:
            continue
        best = next((item for item in ranked[limit:] if group.get(item[0]) == name), None)
        lowest = next((i for i in reversed(range(len(top))) if shown.count(shown[i]) > 1), None)
        if best is not None and lowest is not None:
            top[lowest] = best
    return sorted(top, key=lambda item: item[1], reverse=True)


def prefer_findings(connection, ranked: Sequence[tuple[int, float]]) -> list[tuple[int, float]]:
    """In reports that number their paragraphs, the numbered ones hold the evidence and
    the rest (summaries, lists) restate it in brief: rank the finding itself a little
    higher. So too above a report's summary for children, which restates its findings in
    plain words ('Social workers are good at keeping children safe') and so comes close to
    any question put in plain words. Questions about grades or asking for a section are
    exempt (see rank)."""
    if not ranked:
        return list(ranked)
    ids = [pid for pid, _ in ranked]
    numbering = store.numbering(connection, ids)
    restates = {pid for pid, (numbered, numbers) in numbering.items() if not numbered and numbers >= MIN_NUMBERED}
    restates |= {pid for pid, _, heads, _ in store.paragraph_rows(connection, ids=ids) if headed("children", heads)}
    rescored = [(pid, score * (RESTATEMENT_FACTOR if pid in restates else 1.0)) for pid, score in ranked]
    return sorted(rescored, key=lambda item: item[1], reverse=True)
