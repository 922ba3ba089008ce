"""Ofsted's own contact details (data/ofsted.toml): letterhead and back-page text, not report content."""

from __future__ import annotations

import re
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
