"""Ofsted's own facts (data/ofsted.toml): its contact details (letterhead and back-page text,
not report content), when reports are published, and the kinds of publication its site lists."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from ._files import read_toml


@lru_cache(maxsize=1)
def contact_patterns() -> tuple[tuple[str, str], ...]:
    """(pattern, example) for each of Ofsted's addresses, numbers and web addresses."""
    return tuple((c["pattern"], c["example"]) for c in read_toml("ofsted.toml")["contact"])


@lru_cache(maxsize=1)
def ofsted_contact() -> re.Pattern[str]:
    """Matches a line (or short block) of Ofsted's contact details: an office address,
    a phone number, an email or web address."""
    return re.compile("|".join(f"(?:{p})" for p, _ in contact_patterns()), re.IGNORECASE)


@lru_cache(maxsize=1)
def publication_lag() -> timedelta:
    """The typical time between an inspection's last day and its report's publication."""
    return timedelta(days=read_toml("ofsted.toml")["publication"]["typical_lag_days"])


def publication_day(published: date | None, inspection_end: date | None) -> tuple[date | None, bool]:
    """When a report was published: the day it states, else its last inspection day plus
    the typical lag. Returns (day, whether it is an estimate)."""
    if published:
        return published, False
    if inspection_end:
        return inspection_end + publication_lag(), True
    return None, False


@lru_cache(maxsize=1)
def site_kinds() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(kind, the phrases of a publication's description that mark it), in the order they are tried."""
    return tuple((kind, tuple(phrases)) for kind, phrases in read_toml("ofsted.toml")["site_kinds"].items())


def site_kind_names() -> tuple[str, ...]:
    """The kinds `askofsted fetch --kind` takes: 'ilacs' (every full inspection) first."""
    kinds = [kind for kind, _ in site_kinds()]
    return tuple(sorted(kinds, key=lambda kind: kind != "ilacs"))
