"""Ofsted's own contact details (data/ofsted.toml): letterhead and back-page text, not report content."""

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
