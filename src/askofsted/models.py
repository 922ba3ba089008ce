"""The data that flows through askofsted: reports, their facts and their paragraphs.

Plain frozen dataclasses with no behaviour beyond small derived views, so every
stage (reading, indexing, searching, printing) agrees on one shape and a script
can build or inspect them directly.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from .domain.grades import current_grades
from .domain.judgements import HEADLINE_KEYS
from .domain.report_types import REPORT_TYPES

GRADES = current_grades()
"""The four grades of Ofsted's current scale, best first (domain/data/grades.toml). Older
reports' 'adequate' is kept as said; it is not one of these."""

JUDGEMENT_KEYS = HEADLINE_KEYS
"""The five headline judgements kept for agreement with Ofsted's published grades."""

# REPORT_TYPES (type key -> label) is imported above for scripts that read it from here.


@dataclass(frozen=True)
class Judgements:
    """The five headline judgements; None where the report makes no such judgement."""

    overall_effectiveness: str | None = None
    impact_of_leaders: str | None = None
    help_and_protection: str | None = None
    children_in_care: str | None = None
    care_leavers: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)

    def any(self) -> bool:
        return any(v is not None for v in asdict(self).values())


@dataclass(frozen=True)
class StatedJudgement:
    """One judgement as the report states it: its label as printed, the domain's key for it
    (None for a label the domain does not know), the grade (a grade key: 'requires
    improvement' however printed) and the anchor of the paragraph that states it (the
    grade table, the graded heading's first paragraph, or the grade sentence)."""

    label: str
    key: str | None
    grade: str
    anchor: str

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)


@dataclass(frozen=True)
class ReportFacts:
    """What a report says about itself: who was inspected, how, when and by whom.

    `judgements` holds the five headline judgements kept for agreement with Ofsted's
    published grades; `stated_judgements` every judgement the report grades, in its own
    words and order, each cited.
    """

    authority: str | None = None
    report_type: str | None = None
    inspection_start: date | None = None
    inspection_end: date | None = None
    published: date | None = None
    lead_inspector: str | None = None
    judgements: Judgements = field(default_factory=Judgements)
    stated_judgements: tuple[StatedJudgement, ...] = ()

    @property
    def year(self) -> int | None:
        """The year the inspection took place (what users mean by 'in 2012')."""
        day = self.inspection_start or self.inspection_end or self.published
        return day.year if day else None


@dataclass(frozen=True)
class Paragraph:
    """One whole, citable paragraph (or list item) of a report.

    `number` is the number printed in the report, if any. `ordinal` is the
    paragraph's position in the report (1-based), which orders paragraphs and
    finds a paragraph's neighbours. `anchor` is the part of the citation id after
    '#': the printed number, or "N.k" for the k-th unnumbered paragraph after
    paragraph N (0 before the first numbered one).
    """

    text: str
    ordinal: int
    anchor: str
    number: int | None = None
    headings: tuple[str, ...] = ()
    pages: tuple[int, ...] = ()
    kind: str = "text"  # text | numbered | bullet | judgements

    @property
    def section(self) -> str | None:
        """The top-level heading the paragraph sits under."""
        return self.headings[0] if self.headings else None


@dataclass(frozen=True)
class Report:
    """A parsed report: its facts, its paragraphs in order, and where it came from."""

    source: str
    facts: ReportFacts
    paragraphs: tuple[Paragraph, ...]
    content_hash: str
    report_id: str = ""

    def citation_id(self, paragraph: Paragraph) -> str:
        return citation_id(self.report_id, paragraph.anchor)


def citation_id(report_id: str, anchor: str) -> str:
    """'kingston-upon-thames-2012#28': the one way a citation id is written."""
    return f"{report_id}#{anchor}"


@dataclass(frozen=True)
class ReadError:
    """A file that gave no report, and why, in words a user can act on."""

    source: str
    reason: str


@dataclass(frozen=True)
class Citation:
    """Where a paragraph comes from, exactly enough to find it in the report."""

    id: str
    authority: str | None
    report_type: str | None
    inspection_start: date | None
    inspection_end: date | None
    published: date | None
    section: str | None
    paragraph: int | None
    pages: tuple[int, ...]
    source: str
    headings: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "authority": self.authority,
            "report_type": self.report_type,
            "inspection_start": iso(self.inspection_start),
            "inspection_end": iso(self.inspection_end),
            "published": iso(self.published),
            "section": self.section,
            "paragraph": self.paragraph,
            "pages": list(self.pages),
            "source": self.source,
            "headings": list(self.headings),
        }


@dataclass(frozen=True)
class Result:
    """One answering paragraph: cited, whole, scored, with its best sentences."""

    citation: Citation
    text: str
    score: float
    highlights: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "citation": self.citation.as_dict(),
            "text": self.text,
            "score": round(self.score, 6),
            "highlights": list(self.highlights),
        }


@dataclass(frozen=True)
class Group:
    """Results that belong together in an answer: one inspection of a timeline, or one
    authority of a roster. `positions` index the answer's results, from 0."""

    label: str
    positions: tuple[int, ...]
    report_id: str | None = None
    authority: str | None = None
    facts: object | None = None
    """The inspection's facts (a `history.Inspection`) where the group is one inspection."""
    lead: bool = False
    """A group that leads a timeline: the latest inspection's own account of the change,
    its grades left to the inspection's group below."""

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"label": self.label, "results": list(self.positions)}
        if self.lead:
            out["lead"] = True
        if self.report_id:
            out["report_id"] = self.report_id
        if self.authority:
            out["authority"] = self.authority
        if self.facts is not None:
            out["facts"] = self.facts.as_dict()
        return out


SHAPES = ("grades", "timeline", "roster", "passages")
"""What an answer looks like: an inspection's grades, a timeline of one authority's
inspections, a roster of authorities, or passages."""


@dataclass(frozen=True)
class Answer:
    """A question's results, the shape they take, and what the search understood it to ask.

    `results` is always the flat list of cited paragraphs, best first within the shape;
    `groups` arrange them (timeline, roster), `facts` lead a grades answer (each a
    `history.Inspection`), and `weak` says that nothing in the chosen reports answers
    closely, so the results are only the nearest paragraphs.
    """

    question: str
    filters: dict[str, object]
    understood: str
    results: tuple[Result, ...]
    note: str | None = None
    shape: str = "passages"
    weak: bool = False
    groups: tuple[Group, ...] = ()
    facts: tuple = ()

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "question": self.question,
            "understood": self.understood,
            "shape": self.shape,
            "weak": self.weak,
            "filters": self.filters,
            "results": [r.as_dict() for r in self.results],
            "groups": [g.as_dict() for g in self.groups],
            "facts": [f.as_dict() for f in self.facts],
        }
        if self.note:
            out["note"] = self.note
        return out


def iso(day: date | None) -> str | None:
    """A date as JSON and the index store write it: '2012-06-01', or None."""
    return day.isoformat() if day else None
