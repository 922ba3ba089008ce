"""English councils with children's services, one canonical spelling each.

Reports, questions and Ofsted's own metadata spell the same council many ways
("Royal Borough of Kingston-upon-Thames", "Kingston upon Thames", "Kingston's").
Everything that names an authority goes through `canonical_authority` (a name
given on purpose: a flag, a CSV cell) or `find_authorities` (names inside free
text: a report, a question).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

# canonical name: other names it goes by. Names that are also ordinary English
# words are matched in free text only when capitalised (see _CASE_SENSITIVE).
AUTHORITIES: dict[str, tuple[str, ...]] = {
    "Barking and Dagenham": ("Barking & Dagenham", "Barking"),
    "Barnet": (),
    "Barnsley": (),
    "Bath and North East Somerset": ("Bath & North East Somerset", "BANES", "B&NES", "BaNES", "Bath"),
    "Bedford": ("Bedford Borough",),
    "Bexley": (),
    "Birmingham": (),
    "Blackburn with Darwen": ("Blackburn",),
    "Blackpool": (),
    "Bolton": (),
    "Bournemouth, Christchurch and Poole": (
        "Bournemouth, Christchurch & Poole",
        "Bournemouth Christchurch and Poole",
        "BCP",
    ),
    "Bracknell Forest": ("Bracknell",),
    "Bradford": ("City of Bradford",),
    "Brent": (),
    "Brighton and Hove": ("Brighton & Hove", "Brighton"),
    "Bristol": ("City of Bristol", "Bristol City"),
    "Bromley": (),
    "Buckinghamshire": ("Bucks",),
    "Bury": (),
    "Calderdale": (),
    "Cambridgeshire": ("Cambs",),
    "Camden": (),
    "Central Bedfordshire": (),
    "Cheshire East": (),
    "Cheshire West and Chester": ("Cheshire West & Chester", "Cheshire West", "CWAC"),
    "City of London": ("London Corporation", "City of London Corporation", "Corporation of London"),
    "Cornwall": (),
    "Coventry": (),
    "Croydon": (),
    "Cumberland": (),
    "Cumbria": (),
    "Darlington": (),
    "Derby": ("Derby City",),
    "Derbyshire": (),
    "Devon": (),
    "Doncaster": (),
    "Dorset": (),
    "Dudley": (),
    "Durham": ("County Durham",),
    "Ealing": (),
    "East Riding of Yorkshire": ("East Riding",),
    "East Sussex": (),
    "Enfield": (),
    "Essex": (),
    "Gateshead": (),
    "Gloucestershire": ("Glos",),
    "Greenwich": ("Royal Borough of Greenwich",),
    "Hackney": (),
    "Halton": (),
    "Hammersmith and Fulham": ("Hammersmith & Fulham", "Hammersmith", "LBHF"),
    "Hampshire": ("Hants",),
    "Haringey": (),
    "Harrow": (),
    "Hartlepool": (),
    "Havering": (),
    "Herefordshire": (),
    "Hertfordshire": ("Herts",),
    "Hillingdon": (),
    "Hounslow": (),
    "Isle of Wight": (),
    "Isles of Scilly": ("Scilly",),
    "Islington": (),
    "Kensington and Chelsea": ("Kensington & Chelsea", "RBKC", "K&C", "Kensington"),
    "Kent": (),
    "Kingston upon Hull": ("Hull", "City of Kingston upon Hull", "Kingston-upon-Hull"),
    "Kingston upon Thames": ("Kingston-upon-Thames", "Kingston"),
    "Kirklees": (),
    "Knowsley": (),
    "Lambeth": (),
    "Lancashire": ("Lancs",),
    "Leeds": (),
    "Leicester": ("Leicester City",),
    "Leicestershire": ("Leics",),
    "Lewisham": (),
    "Lincolnshire": ("Lincs",),
    "Liverpool": (),
    "Luton": (),
    "Manchester": (),
    "Medway": (),
    "Merton": (),
    "Middlesbrough": (),
    "Milton Keynes": (),
    "Newcastle upon Tyne": ("Newcastle-upon-Tyne", "Newcastle"),
    "Newham": (),
    "Norfolk": (),
    "North East Lincolnshire": ("NE Lincs", "North East Lincs", "NE Lincolnshire"),
    "North Lincolnshire": ("North Lincs", "N Lincs"),
    "North Northamptonshire": (),
    "North Somerset": (),
    "North Tyneside": (),
    "North Yorkshire": ("North Yorks", "N Yorks"),
    "Northamptonshire": ("Northants",),
    "Northumberland": (),
    "Nottingham": ("Nottingham City",),
    "Nottinghamshire": ("Notts",),
    "Oldham": (),
    "Oxfordshire": ("Oxon",),
    "Peterborough": (),
    "Plymouth": (),
    "Poole": (),
    "Bournemouth": (),
    "Portsmouth": (),
    "Reading": (),
    "Redbridge": (),
    "Redcar and Cleveland": ("Redcar & Cleveland", "Redcar"),
    "Richmond upon Thames": ("Richmond-upon-Thames", "Richmond"),
    "Rochdale": (),
    "Rotherham": (),
    "Rutland": (),
    "Salford": (),
    "Sandwell": (),
    "Sefton": (),
    "Sheffield": (),
    "Shropshire": (),
    "Slough": (),
    "Solihull": (),
    "Somerset": (),
    "South Gloucestershire": ("South Glos", "S Glos"),
    "South Tyneside": (),
    "Southampton": (),
    "Southend-on-Sea": ("Southend on Sea", "Southend"),
    "Southwark": (),
    "St Helens": ("St. Helens", "Saint Helens"),
    "Staffordshire": ("Staffs",),
    "Stockport": (),
    "Stockton-on-Tees": ("Stockton on Tees", "Stockton"),
    "Stoke-on-Trent": ("Stoke on Trent", "Stoke"),
    "Suffolk": (),
    "Sunderland": (),
    "Surrey": (),
    "Sutton": (),
    "Swindon": (),
    "Tameside": (),
    "Telford and Wrekin": ("Telford & Wrekin", "Telford"),
    "Thurrock": (),
    "Torbay": (),
    "Tower Hamlets": (),
    "Trafford": (),
    "Wakefield": (),
    "Walsall": (),
    "Waltham Forest": (),
    "Wandsworth": (),
    "Warrington": (),
    "Warwickshire": ("Warks",),
    "West Berkshire": (),
    "West Northamptonshire": (),
    "West Sussex": (),
    "Westminster": (),
    "Westmorland and Furness": ("Westmorland & Furness", "Westmorland"),
    "Wigan": (),
    "Wiltshire": ("Wilts",),
    "Windsor and Maidenhead": ("Windsor & Maidenhead", "RBWM", "Windsor"),
    "Wirral": (),
    "Wokingham": (),
    "Wolverhampton": ("City of Wolverhampton",),
    "Worcestershire": ("Worcs",),
    "York": ("City of York",),
}

# Names that are everyday words ("reading the case files", "a hot bath"): in
# free text they count only when written with a capital.
_CASE_SENSITIVE = {"Reading", "Bury", "Slough", "Bath", "Kent", "Poole", "Hull", "Stoke", "Brent", "Sutton",
                   "Harrow", "Kensington", "Richmond", "Windsor", "Stockton", "Newcastle", "Telford", "Staffs", "Wilts"}

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
    for canonical, aliases in AUTHORITIES.items():
        for name in (canonical, *aliases):
            table[normalise(name)] = canonical
            table[_undecorated(normalise(name))] = canonical
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
    table = _lookup()
    close = difflib.get_close_matches(normalise(name), list(table), n=n * 3, cutoff=0.6)
    seen: list[str] = []
    for key in close:
        if table[key] not in seen:
            seen.append(table[key])
    return seen[:n]


def _first_word(name: str) -> str:
    return re.split(r"[\s\-&,.]+", name)[0].lower()


@lru_cache(maxsize=2)
def _patterns(case_sensitive: bool) -> dict[str, re.Pattern[str]]:
    """One regex per first word, holding every name that starts with it."""
    names: dict[str, list[str]] = {}
    for canonical, aliases in AUTHORITIES.items():
        for name in (canonical, *aliases):
            names.setdefault(_first_word(name), []).append(name)
    return {word: _names_regex(group, case_sensitive) for word, group in names.items()}


def _names_regex(names: list[str], case_sensitive: bool) -> re.Pattern[str]:
    # Longest first, so "Kingston upon Hull" wins over "Kingston".
    parts = []
    for name in sorted(names, key=len, reverse=True):
        words = [re.escape(w) for w in re.split(r"[\s\-]+", name.replace("&", " & "))]
        # '&' may be written without spaces ('K&C'); 'and' may not.
        body = r"[\s\-]+".join(words).replace(r"[\s\-]+\&[\s\-]+", r"(?:[\s\-]*&[\s\-]*|[\s\-]+and[\s\-]+)")
        if case_sensitive and name in _CASE_SENSITIVE:
            parts.append(f"(?-i:{body})")
        else:
            parts.append(body)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _starts() -> re.Pattern[str]:
    """Where a name can start: one of the names' first words, as a prefix-tree regex
    (Python's re tries a flat alternation branch by branch at every word)."""
    return re.compile(r"(?<![\w-])" + _trie_regex(sorted(_patterns(False))) + r"(?![a-z])", re.IGNORECASE)


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
    patterns = _patterns(case_sensitive)
    mentions = []
    done = 0
    for start in _starts().finditer(text):
        if start.start() < done:
            continue
        match = patterns[start.group(0).lower()].match(text, start.start())
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
