"""Ofsted's world as data: authorities, report types, judgements and grades.

The facts live in data/ (CSV and TOML, each file saying where its facts come
from) and are read once, into frozen dataclasses, by the modules here. Every
other module reads them from here and keeps no list of its own.
"""

from .authorities import (
    REGIONS,
    Authority,
    AuthorityChange,
    AuthorityMatch,
    AuthorityMention,
    authorities,
    authority,
    canonical_authority,
    changes,
    find_authorities,
    match_authorities,
    predecessors,
    region,
    slug,
    successors,
    suggest_authorities,
)
from .grades import Grade, Scale, current_grades, grade, grade_pattern, grades, grades_in, normalise_grade, rank, scales
from .judgements import (
    HEADLINE_KEYS,
    Judgement,
    all_judgements,
    judgement,
    judgement_areas,
    judgement_for,
    judgements,
)
from .ofsted import ofsted_contact, publication_day, publication_lag
from .report_types import REPORT_TYPES, ReportType, full_inspection_types, report_type, report_types, type_label

__all__ = [
    "REGIONS", "Authority", "AuthorityChange", "AuthorityMatch", "AuthorityMention", "authorities", "authority",
    "canonical_authority", "changes", "find_authorities", "match_authorities", "predecessors", "region", "slug",
    "successors", "suggest_authorities",
    "Grade", "Scale", "current_grades", "grade", "grade_pattern", "grades", "grades_in", "normalise_grade", "rank",
    "scales",
    "HEADLINE_KEYS", "Judgement", "all_judgements", "judgement", "judgement_areas", "judgement_for", "judgements",
    "ofsted_contact", "publication_day", "publication_lag",
    "REPORT_TYPES", "ReportType", "full_inspection_types", "report_type", "report_types", "type_label",
]
