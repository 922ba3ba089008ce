"""The data that flows through askofsted: reports, their facts and their paragraphs.

Plain frozen dataclasses with no behaviour beyond small derived views, so every
stage (reading, indexing, searching, printing) agrees on one shape and a script
can build or inspect them directly.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

GRADES = ("outstanding", "good", "requires improvement", "inadequate")
"""The four grades of Ofsted's current scale, best first. Older reports' 'adequate'
is kept as said; it is not one of these."""

REPORT_TYPES: dict[str, str] = {
    "ilacs": "inspection of local authority children's services (ILACS)",
    "focused_visit": "focused visit",
    "monitoring_visit": "monitoring visit",
    "jtai": "joint targeted area inspection",
    "sif": "inspection of services for children in need of help and protection (single inspection framework)",
    "lscb_review": "review of the local safeguarding children board",
    "safeguarding_and_looked_after": "inspection of safeguarding and looked after children services",
    "looked_after_children": "inspection of looked after children services",
    "safeguarding": "inspection of safeguarding services",
    "child_protection": "unannounced inspection of arrangements for the protection of children",
    "contact_referral_assessment": "unannounced inspection of contact, referral and assessment arrangements",
}
"""Report type keys and what each means; the keys are what filters and JSON use."""

JUDGEMENT_KEYS = (
    "overall_effectiveness",
    "impact_of_leaders",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
)


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
class ReportFacts:
    """What a report says about itself: who was inspected, how, when and by whom."""

    authority: str | None = None
    report_type: str | None = None
    inspection_start: date | None = None
    inspection_end: date | None = None
    published: date | None = None
    lead_inspector: str | None = None
    judgements: Judgements = field(default_factory=Judgements)

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
            "inspection_start": _iso(self.inspection_start),
            "inspection_end": _iso(self.inspection_end),
            "published": _iso(self.published),
            "section": self.section,
            "paragraph": self.paragraph,
            "pages": list(self.pages),
            "source": self.source,
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
class Answer:
    """A question's results and what the search understood it to ask."""

    question: str
    filters: dict[str, object]
    understood: str
    results: tuple[Result, ...]
    note: str | None = None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "question": self.question,
            "filters": self.filters,
            "results": [r.as_dict() for r in self.results],
        }
        if self.note:
            out["note"] = self.note
        return out


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
