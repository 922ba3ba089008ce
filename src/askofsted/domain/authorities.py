"""English councils with children's services: names, codes, regions and successions.

Reports, questions and Ofsted's own metadata spell the same council many ways
("Royal Borough of Kingston-upon-Thames", "Kingston upon Thames", "Kingston's").
Everything that names an authority goes through `canonical_authority` (a name
given on purpose: a flag, a CSV cell), `find_authorities` (names inside a
report's text: exact and fast) or `match_authorities` (names inside a question:
misspellings corrected, abolished councils led to their successors). The facts
come from data/authorities.csv and data/authority_changes.csv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ._files import read_csv, split_list


@dataclass(frozen=True)
class Authority:
    name: str
    gss_code: str | None
    dfe_number: str | None
    ofsted_urn: str | None
    region: str
    ended: date | None
    aliases: tuple[str, ...]
    capitalised_only: tuple[str, ...]
    former_gss_codes: tuple[str, ...]

    @property
    def current(self) -> bool:
        return self.ended is None


@dataclass(frozen=True)
class AuthorityChange:
    day: date
    authority: str
    became: str
    change: str  # split | merger | transfer | unitary
    note: str


REGIONS = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)


@lru_cache(maxsize=1)
def authorities() -> tuple[Authority, ...]:
    """Every authority in the table, current and abolished, by name."""
    return tuple(
        Authority(
            name=row["name"],
            gss_code=row["gss_code"] or None,
            dfe_number=row["dfe_number"] or None,
            ofsted_urn=row["ofsted_urn"] or None,
            region=row["region"],
            ended=date.fromisoformat(row["ended"]) if row["ended"] else None,
            aliases=split_list(row["aliases"]),
            capitalised_only=split_list(row["capitalised_only"]),
            former_gss_codes=split_list(row["former_gss_codes"]),
        )
        for row in read_csv("authorities.csv")
    )


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Authority]:
    return {a.name: a for a in authorities()}


def authority(name: str | None) -> Authority | None:
    """The authority with this canonical name (see `canonical_authority` for any other spelling)."""
    return _by_name().get(name or "")


def region(name: str | None) -> str | None:
    found = authority(name)
    return found.region if found else None


@lru_cache(maxsize=1)
def changes() -> tuple[AuthorityChange, ...]:
    """Every change of children's services authority since April 2009, oldest first."""
    return tuple(
        AuthorityChange(date.fromisoformat(r["date"]), r["authority"], r["became"], r["change"], r["note"])
        for r in read_csv("authority_changes.csv")
    )


def successors(name: str) -> tuple[str, ...]:
    """The authorities an abolished one's area passed to; () for one that goes on."""
    found = authority(name)
    if found is None or found.ended is None:
        return ()
    return tuple(dict.fromkeys(c.became for c in changes() if c.authority == name and c.became != name))


def predecessors(name: str) -> tuple[str, ...]:
    """The abolished authorities whose area (or part of it) passed to this one."""
    return tuple(
        dict.fromkeys(c.authority for c in changes() if c.became == name and c.authority != name and authority(c.authority).ended)
    )


@lru_cache(maxsize=1)
def _aliases() -> dict[str, tuple[str, ...]]:
    return {a.name: a.aliases for a in authorities()}


@lru_cache(maxsize=1)
def _capitalised_only() -> frozenset[str]:
    """Names that are everyday words ("reading the case files", "a hot bath"): in free
    text they count only when written with a capital."""
    return frozenset(n for a in authorities() for n in a.capitalised_only)


# Words around a name that say which body it is, not part of the name itself.
_DECORATION = re.compile(
    r"\b(the|royal|london|metropolitan|borough|county|city|district|unitary|authority|"
    r"council|corporation|of|children'?s services)\b"
)


@dataclass(frozen=True)
class AuthorityMention:
    authority: str
    start: int
    end: int
    text: str


def normalise(name: str) -> str:
    """Lower case, '&' as 'and', hyphens and punctuation as spaces."""
    name = name.lower().replace("&", " and ").replace("’", "'")
    name = re.sub(r"'s\b", "", name)
    name = re.sub(r"[^a-z0-9']+", " ", name)
    return " ".join(name.split())


@lru_cache(maxsize=1)
def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, aliases in _aliases().items():
        for name in (canonical, *aliases):
            for form in (name, *_shortened(name)):
                for key in (normalise(form), _undecorated(normalise(form))):
                    table[key] = canonical
                    table.setdefault(key.replace(" and ", " "), canonical)  # 'windsor maidenhead'
    return table


def _undecorated(normalised: str) -> str:
    return " ".join(_DECORATION.sub(" ", normalised).split())


def canonical_authority(name: str) -> str | None:
    """The canonical name for a name given on purpose (a flag, a CSV cell), or None."""
    key = normalise(name)
    table = _lookup()
    if key in table:
        return table[key]
    stripped = _undecorated(key)
    if stripped in table:
        return table[stripped]
    # "Royal Borough of Kingston upon Thames Council" and friends
    for candidate in (stripped, key):
        mentions = find_authorities(candidate, case_sensitive=False)
        if len(mentions) == 1 and mentions[0].end - mentions[0].start >= len(candidate) - 1:
            return mentions[0].authority
    return None


def suggest_authorities(name: str, n: int = 3) -> list[str]:
    """Closest canonical names to a misspelt one, for 'did you mean'."""
    from rapidfuzz import fuzz, process  # only for a name that is no exact spelling

    table = _lookup()
    close = process.extract(normalise(name), list(table), scorer=fuzz.ratio, limit=n * 3, score_cutoff=60)
    seen: list[str] = []
    for key, _, _ in close:
        if table[key] not in seen:
            seen.append(table[key])
    return seen[:n]


def _first_word(name: str) -> str:
    return re.split(r"[\s\-&,.]+", name)[0].lower()


@lru_cache(maxsize=1)
def _names_by_first_word() -> dict[str, tuple[str, ...]]:
    """Every name and spelling, grouped by its first word."""
    names: dict[str, list[str]] = {}
    for canonical, aliases in _aliases().items():
        for name in (canonical, *aliases):
            for form in (name, *_shortened(name)):
                names.setdefault(_first_word(form), []).append(form)
    return {word: tuple(group) for word, group in names.items()}


@lru_cache(maxsize=None)
def _pattern(first_word: str, case_sensitive: bool) -> re.Pattern[str]:
    """One regex for every name that starts with `first_word`, compiled when a text first
    has that word (compiling all of them cost a cold question 30 ms)."""
    return _names_regex(_names_by_first_word()[first_word], case_sensitive)


_ONLY_A_COUNCIL = (r"['’]s\b|\s+(?:city\s+|borough\s+)?council\b|\s+children['’]?s\s+services\b|"
                   r"\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been|got)\s+(?:rated|judged|graded|inspected|"
                   r"failed|found\s+to\s+be|put\s+in\s+special\s+measures)\b|"
                   r"\s+(?:get|got|doing|fare|faring|any\s+good)\b")
"""What may follow an everyday-word name in lower case for it to be the council: its possessive,
its name as a council, or how it was graded or got on ('what did stoke get for care leavers?', 'is
bury any good?'). Not a part of its services: 'reading social workers' blogs' is reading."""

COMPASS = {"n": "north", "s": "south", "e": "east", "w": "west", "ne": "north east", "nw": "north west",
           "se": "south east", "sw": "south west"}
"""Compass points as people shorten them before a name ('W Sussex', 'N Yorks', 'NE Lincs')."""


def _shortened(name: str) -> list[str]:
    """A name's forms with its compass point shortened: 'West Sussex' -> 'W Sussex', 'W. Sussex';
    the longest point it starts with ('North East Lincolnshire' -> 'NE Lincolnshire')."""
    for short, point in sorted(COMPASS.items(), key=lambda item: -len(item[1])):
        if name.lower().startswith(point + " "):
            rest = name[len(point) + 1:]
            return [f"{short.upper()} {rest}", f"{short.upper()}. {rest}"]
    return []


_AND = r"(?:[\s\-]+and[\s\-]+|[\s\-]*&[\s\-]*|[\s\-]+)"
"""How the 'and' or '&' of a name may be written: either, or left out."""


def _names_regex(names: tuple[str, ...], case_sensitive: bool) -> re.Pattern[str]:
    # Longest first, so "Kingston upon Hull" wins over "Kingston".
    parts = []
    for name in sorted(names, key=len, reverse=True):
        words = [w for w in re.split(r"[\s\-]+", name.replace("&", " & ")) if w]
        # 'and' or '&' may be either, '&' without spaces ('K&C'), or left out ('bournemouth christchurch poole').
        body = ""
        for i, word in enumerate(words):
            if word.lower() in ("and", "&"):
                body += _AND
            else:
                after_word = i > 0 and words[i - 1].lower() not in ("and", "&")
                body += (r"[\s\-]+" if after_word else "") + re.escape(word)
        if case_sensitive and name in _capitalised_only():
            # In lower case only where nothing else is meant: "slough's front door", "reading council",
            # "bury was rated inadequate".
            parts.append(f"(?:(?-i:{body})|{body}(?={_ONLY_A_COUNCIL}))")
        else:
            parts.append(body)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _starts() -> re.Pattern[str]:
    """Where a name can start: one of the names' first words, as a prefix-tree regex
    (Python's re tries a flat alternation branch by branch at every word)."""
    return re.compile(r"(?<![\w-])" + _trie_regex(sorted(_names_by_first_word())) + r"(?![a-z])", re.IGNORECASE)


def _trie_regex(words: list[str]) -> str:
    """An alternation of words factored by common prefixes: 'bar(?:king|net)'."""
    if words == [""]:
        return ""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:1], []).append(word[1:])
    branches = []
    for head, tails in groups.items():
        if head == "":
            continue
        rest = _trie_regex(sorted(set(tails) - {""})) if set(tails) - {""} else ""
        optional = "" in tails and rest
        body = f"(?:{rest})?" if optional else rest
        branches.append(re.escape(head) + body)
    alternation = "|".join(branches)
    return f"(?:{alternation})" if len(branches) > 1 or "" in groups else alternation


def find_authorities(text: str, case_sensitive: bool = True) -> list[AuthorityMention]:
    """Every authority named in free text, in order, longest name winning.

    The big alternation is tried only where a name can start: trying it at every
    position made this the slowest step of reading a report.
    """
    table = _lookup()
    mentions = []
    done = 0
    for start in _starts().finditer(text):
        if start.start() < done:
            continue
        match = _pattern(start.group(0).lower(), case_sensitive).match(text, start.start())
        if not match:
            continue
        done = match.end()
        canonical = table.get(normalise(match.group(0)))
        if canonical:
            mentions.append(AuthorityMention(canonical, match.start(), match.end(), match.group(0)))
    return mentions


def slug(authority: str) -> str:
    """'Kingston upon Thames' -> 'kingston-upon-thames'."""
    return re.sub(r"[^a-z0-9]+", "-", authority.lower().replace("&", "and")).strip("-")


# ---------------------------------------------------------------- names in questions


@dataclass(frozen=True)
class AuthorityMatch:
    """An authority a question names, however it was written.

    `authorities` are what the question means: the authority itself or, for one abolished
    since (`predecessor`), the authorities that took over its area, then itself (its own
    old reports stay findable). `corrected` says the text was a misspelling.
    """

    authorities: tuple[str, ...]
    text: str
    start: int
    end: int
    matched: str  # the canonical name the text spells
    corrected: bool = False
    predecessor: str | None = None
    changed: date | None = None

    def note(self) -> str | None:
        """What to tell the person asking, or None when the name was plain."""
        notes = []
        if self.corrected:
            notes.append(f"'{self.text}' read as {self.matched}")
        if self.predecessor:
            after = [a for a in self.authorities if a != self.predecessor]
            when = f" in {self.changed:%B %Y}" if self.changed else ""
            notes.append(f"{self.predecessor}'s children's services passed to {' and '.join(after)}{when}")
        return "; ".join(notes) or None


# A misspelling is corrected only when it is this close (rapidfuzz's ratio, 0-100) to a name;
# names of one word need more, being short, and the first letter must agree (people rarely
# mistype it, and it keeps 'leading' from becoming 'Reading').
FUZZY_CUTOFF = 85
FUZZY_CUTOFF_ONE_WORD = 88
FUZZY_MIN_LETTERS = 6
_LINKS = {"and", "upon", "on", "of", "with", "the", "in", "&"}
# An everyday-word name opening a question and followed by a determiner is the word, not the
# council: "Reading the case files, ...", "Bury the ...".
_OPENS_CLAUSE = re.compile(r"\s+(?:the|a|an|this|that|these|those|my|our|your|their|his|her|its)\b", re.IGNORECASE)


def match_authorities(text: str) -> list[AuthorityMatch]:
    """Every authority a question names, in order: exact names first (as `find_authorities`
    finds them), then close misspellings of a name among the words left ('kingstone',
    'Kensignton and Chelsey'). An abolished authority leads to its successors."""
    places = [m.span() for m in _other_places().finditer(text)]
    found = [
        _match(m.authority, m.text, m.start, m.end, corrected=False)
        for m in find_authorities(text)
        if not any(s <= m.start and m.end <= e for s, e in places)  # Greater Manchester is not Manchester
        and not (m.start == 0 and m.text in _capitalised_only() and _OPENS_CLAUSE.match(text, m.end))
    ]
    taken = [(m.start, m.end) for m in found] + places
    found.extend(_misspelt(text, taken))
    return sorted(found, key=lambda m: m.start)


def _match(name: str, written: str, start: int, end: int, corrected: bool) -> AuthorityMatch:
    after = successors(name)
    ended = authority(name).ended if after else None
    return AuthorityMatch(
        authorities=(*after, name) if after else (name,),
        text=written,
        start=start,
        end=end,
        matched=name,
        corrected=corrected,
        predecessor=name if after else None,
        changed=ended,
    )


@lru_cache(maxsize=1)
def _fuzzy_names() -> tuple[list[str], list[str | None]]:
    """Normalised names and aliases to correct towards, and the canonical name of each (None
    for the places of data/other_places.csv, which are no authority). Abbreviations (all
    capitals, or 4 letters or fewer) are left out: a misspelt 'Notts' is anybody's guess."""
    keys: list[str] = []
    names: list[str | None] = []
    for row in read_csv("other_places.csv"):
        keys.append(normalise(row["name"]))
        names.append(None)
    everyday = {n.lower() for n in _capitalised_only()}
    for canonical, aliases in _aliases().items():
        for name in (canonical, *aliases):
            key = normalise(name)
            if name.isupper() or len(key.replace(" ", "")) <= 4 or key in everyday or key in keys:
                continue
            keys.append(key)
            names.append(canonical)
    return keys, names


@lru_cache(maxsize=1)
def counties() -> dict[str, tuple[str, ...]]:
    """Counties that are no children's services authority, each with the authorities that make
    it up today ('Greater Manchester': Bolton, Bury, ...; 'Sussex': East Sussex, West Sussex,
    Brighton and Hove), from data/other_places.csv."""
    return {row["name"]: split_list(row.get("authorities") or "") for row in read_csv("other_places.csv")
            if split_list(row.get("authorities") or "")}


@lru_cache(maxsize=1)
def county_pattern() -> re.Pattern[str]:
    """The names of `counties` as whole words."""
    return _names_pattern(counties())


def in_area(name: str | None, areas: tuple[str, ...] | list[str]) -> bool:
    """Whether an authority lies in any of these regions ('North West') or counties ('Merseyside')."""
    found = authority(name)
    if found is None:
        return False
    return found.region in areas or any(found.name in counties().get(area, ()) for area in areas)


_OUTSIDE_ENGLAND = ("wales", "scotland", "northern ireland")
_EVERYDAY_PLACES = frozenset({"Newport", "Highland", "Angus", "Moray", "Stirling"})


@lru_cache(maxsize=1)
def outside_england() -> re.Pattern[str]:
    """The councils and cities of Wales, Scotland and Northern Ireland as whole words (from
    data/other_places.csv): Ofsted does not inspect their children's services. Those that are
    everyday words or first names only with their capital."""
    names = [row["name"] for row in read_csv("other_places.csv") if row["kind"] in _OUTSIDE_ENGLAND]
    plain = _names_pattern(n for n in names if n not in _EVERYDAY_PLACES).pattern
    capital = "|".join(sorted(_EVERYDAY_PLACES))
    return re.compile(rf"{plain}|(?-i:\b(?:{capital})\b)(?!,?\s+(?:Isle\s+of\s+Wight|Pagnell))", re.IGNORECASE)


@lru_cache(maxsize=1)
def _other_places() -> re.Pattern[str]:
    return _names_pattern(row["name"] for row in read_csv("other_places.csv"))


def _names_pattern(names) -> re.Pattern[str]:
    """Place names as whole words, any spacing between their words, longest first (so 'West
    Yorkshire' is taken before a shorter name inside it)."""
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in ordered) + r")(?![\w-])",
                      re.IGNORECASE)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’&-]*")


def _misspelt(text: str, taken: list[tuple[int, int]]) -> list[AuthorityMatch]:
    from rapidfuzz import fuzz, process  # imported here: a question naming its authority exactly never needs it

    words = [m for m in _WORD.finditer(text) if not any(s <= m.start() < e for s, e in taken)]
    everyday = {n.lower() for n in _capitalised_only()}
    keys, names = _fuzzy_names()
    candidates = []
    for i in range(len(words)):
        for n in range(1, 6):
            span = words[i : i + n]
            if len(span) < n or any(b.start() - a.end() > 2 for a, b in zip(span, span[1:])):
                break
            if span[0].group(0).lower() in _LINKS or span[-1].group(0).lower() in _LINKS:
                continue
            end = span[-1].end()
            if text[end - 2 : end] in ("'s", "’s"):
                end -= 2  # 'Birmingam's front door'
            written = text[span[0].start() : end]
            query = normalise(written)
            if n == 1 and (len(query) < FUZZY_MIN_LETTERS or query in everyday):
                continue
            cutoff = FUZZY_CUTOFF_ONE_WORD if n == 1 else FUZZY_CUTOFF
            best = process.extractOne(query, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
            if best is None or best[0][0] != query[0]:
                continue
            canonical = names[best[2]]
            if canonical is None or (canonical in _capitalised_only() and not written[0].isupper()):
                continue
            candidates.append((best[1], len(query), span[0].start(), end, canonical, written))
    out: list[AuthorityMatch] = []
    for score, _, start, end, canonical, written in sorted(candidates, key=lambda c: (-c[0], -c[1])):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        out.append(_match(canonical, written, start, end, corrected=True))
    return out
