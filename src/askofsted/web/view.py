"""From the library's answers and reports to what the page shows: pure functions.

The templates only lay out what these return; every decision (which shape, which
filters a person can remove and where that link goes, which words to mark, where
a citation's PDF page is) is made here, where a test can check it without a
server. Answers come in as `Answer.as_dict()` records, the same JSON the CLI
prints, so a field the library does not give yet simply does not show.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import quote, urlencode

from ..asking.answer import DROPPABLE
from ..history import inspection as history_row
from ..domain.authorities import authority as authority_record
from ..domain.authorities import slug
from ..domain.judgements import judgement
from ..models import REPORT_TYPES
from ..present import GRADE_SHORT, date_range, day_text, type_label

SHAPES = ("grades", "timeline", "roster", "passages")
"""The shapes an answer can take (issue 9); anything else is shown as passages."""

SHAPE_LABELS = {
    "grades": "the grades of the inspection",
    "timeline": "a timeline, grouped by inspection",
    "roster": "one entry per authority",
}
MAX_QUESTION = 500
MAX_RESULTS = 50
RESULT_CHOICES = (5, 10, 20, 50)


class RequestError(ValueError):
    """A request the page cannot answer as asked; the message says why, in one line."""


# ---------------------------------------------------------------- the question and its filters


@dataclass(frozen=True)
class AskRequest:
    """A question and the filters given on purpose (the form's controls, or a chip's link)."""

    question: str = ""
    authorities: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    since: int | None = None
    until: int | None = None
    types: tuple[str, ...] = ()
    latest: bool = False
    literal: bool = False
    drop: tuple[str, ...] = ()
    k: int = 5

    @classmethod
    def from_params(cls, params) -> AskRequest:
        """From query parameters (anything with `get` and `getlist`). Raises RequestError."""
        question = " ".join((params.get("q") or "").split())
        if len(question) > MAX_QUESTION:
            raise RequestError(f"the question is {len(question)} characters long; ask in at most {MAX_QUESTION}")
        years = tuple(dict.fromkeys(year_param(word) for value in params.getlist("year")
                                    for word in re.split(r"[\s,;]+", value) if word))
        drop = tuple(dict.fromkeys(d for d in params.getlist("drop") if d))
        for name in drop:
            if name not in DROPPABLE:
                raise RequestError(f"cannot leave out {name!r}; choose from {', '.join(DROPPABLE)}")
        return cls(
            question=question,
            authorities=tuple(dict.fromkeys(a.strip() for a in params.getlist("authority") if a.strip())),
            years=years,
            since=optional_year(params.get("since")),
            until=optional_year(params.get("until")),
            types=report_types_param(params),
            latest=flag_param(params.get("latest")),
            literal=flag_param(params.get("literal")),
            drop=drop,
            k=_count(params.get("k")),
        )

    def options(self) -> dict[str, object]:
        """Keyword arguments for `Index.ask`: the library's own options, as the CLI passes them."""
        return dict(k=self.k, authority=list(self.authorities), year=list(self.years), since=self.since,
                    until=self.until, type=list(self.types), latest=self.latest,
                    understand_question=not self.literal, drop=list(self.drop))

    def params(self) -> list[tuple[str, str]]:
        out = [("q", self.question)]
        out += [("authority", a) for a in self.authorities]
        out += [("year", str(y)) for y in self.years]
        out += [(key, str(value)) for key, value in (("since", self.since), ("until", self.until)) if value]
        out += [("type", t) for t in self.types]
        out += [(key, "1") for key, on in (("latest", self.latest), ("literal", self.literal)) if on]
        out += [("drop", name) for name in self.drop]
        if self.k != 5:
            out.append(("k", str(self.k)))
        return out

    def url(self, path: str = "/") -> str:
        return f"{path}?{urlencode(self.params())}"


# Query parameters both forms take (the ask page's and the grades page's), read the same way.


def year_param(text: str | None) -> int:
    text = (text or "").strip()
    if not re.fullmatch(r"(?:19[89]|20\d)\d", text):
        raise RequestError(f"{text!r} is not a year (e.g. 2019)")
    return int(text)


def optional_year(text: str | None) -> int | None:
    return year_param(text) if (text or "").strip() else None


def flag_param(value: str | None) -> bool:
    return (value or "").lower() in ("1", "on", "true", "yes")


def report_types_param(params) -> tuple[str, ...]:
    """The report type keys given (`type`, repeatable), each one the domain knows."""
    types = tuple(dict.fromkeys(t for t in params.getlist("type") if t))
    for key in types:
        if key not in REPORT_TYPES:
            raise RequestError(f"unknown report type {key!r}; choose from {', '.join(REPORT_TYPES)}")
    return types


def _count(value: str | None) -> int:
    if not value:
        return 5
    if not value.isdigit() or not 1 <= int(value) <= MAX_RESULTS:
        raise RequestError(f"show between 1 and {MAX_RESULTS} results, not {value!r}")
    return int(value)


@dataclass(frozen=True)
class Chip:
    """One filter the answer applied, and the link to the same answer without it."""

    label: str
    remove_url: str


DROPPED_LABELS = {
    "authority": "the authority", "region": "the region", "year": "the years", "type": "the report type",
    "latest": "latest only", "grade": "the grade",
}
"""What each filter `drop` can leave out is called where the page says it was left out."""


def chips(request: AskRequest, filters: dict[str, object]) -> list[Chip]:
    """The filters an answer applied (understood from the question or given on purpose), each removable.

    Removing one asks the same question again with that filter's slot left out of the
    question's reading (`drop`, so its words are still not matched as a topic) and the
    slot's other values, if any, given on purpose; every other filter stays as it was,
    understood or given.
    """
    authorities = tuple(filters.get("authority") or ())
    years = tuple(filters.get("year") or ())
    types = tuple(filters.get("type") or ())
    since, until = filters.get("since"), filters.get("until")

    def without(slot: str, **given) -> str:
        return replace(request, drop=tuple(dict.fromkeys((*request.drop, slot))), **given).url()

    out = [Chip(name, without("authority", authorities=_without(authorities, name))) for name in authorities]
    out += [Chip(f"councils in {name}", without("region")) for name in filters.get("region") or ()]
    out += [Chip(f"inspected in {year}", without("year", years=_without(years, year), since=since, until=until))
            for year in years]
    if since or until:
        out.append(Chip(_range_label(since, until), without("year", years=years, since=None, until=None)))
    out += [Chip(type_label(key), without("type", types=_without(types, key))) for key in types]
    if filters.get("latest"):
        out.append(Chip("latest inspection", without("latest", latest=False)))
    if filters.get("grade"):
        area = str(filters.get("grade_area") or "overall_effectiveness").replace("_", " ")
        out.append(Chip(f"judged {filters['grade']} ({area})", without("grade")))
    return out


@dataclass(frozen=True)
class Dropped:
    """What the question's reading leaves out on purpose, and the link that puts it back."""

    labels: tuple[str, ...]
    restore_url: str


def dropped(request: AskRequest) -> Dropped | None:
    if not request.drop:
        return None
    return Dropped(tuple(DROPPED_LABELS[name] for name in request.drop), replace(request, drop=()).url())


def _without(values: tuple, value) -> tuple:
    return tuple(v for v in values if v != value)


def _range_label(since: int | None, until: int | None) -> str:
    if since and until:
        return f"inspected {since}-{until}"
    return f"inspected in or after {since}" if since else f"inspected in or before {until}"


# ---------------------------------------------------------------- answers


@dataclass(frozen=True)
class CitedResult:
    """One answering paragraph as the page shows it: citation, links, text with marks."""

    number: int
    id: str
    report_url: str
    pdf_url: str | None
    authority: str
    authority_url: str | None
    report_type: str
    inspected: str
    published: str | None
    where: str
    paragraph: int | None
    pages: str
    segments: tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class Judgement:
    """One judgement as the report states it; `headline` is the key of Ofsted's published
    grades it counts as ('overall_effectiveness'), or None."""

    label: str
    grade: str | None
    grade_class: str
    citation_id: str | None
    citation_url: str | None
    headline: str | None = None


@dataclass(frozen=True)
class Inspection:
    """One inspection's facts and grades, for a grade card, a timeline's group, an
    authority's history or a report page's head."""

    report_id: str
    report_url: str
    pdf_url: str | None
    authority: str
    authority_url: str | None
    report_type: str
    year: int | None
    inspected: str
    published: str | None
    lead_inspector: str | None
    graded: bool
    judgements: tuple[Judgement, ...]

    @property
    def headline_judgements(self) -> tuple[Judgement, ...]:
        """The judgements that count as one of Ofsted's published grades, in the report's order."""
        return tuple(j for j in self.judgements if j.headline)


@dataclass(frozen=True)
class Group:
    """A timeline's inspection or a roster's authority, and its results."""

    label: str
    report_url: str | None
    authority_url: str | None
    results: tuple[CitedResult, ...]
    inspection: Inspection | None = None


@dataclass(frozen=True)
class AnswerView:
    question: str
    understood: str
    shape: str
    shape_label: str | None
    weak: bool
    note: str | None
    results: tuple[CitedResult, ...]
    groups: tuple[Group, ...] = ()
    ungrouped: tuple[CitedResult, ...] = ()
    inspections: tuple[Inspection, ...] = field(default_factory=tuple)


def answer_view(record: dict, has_pdf: Callable[[str], bool] = lambda report_id: False,
                inspections: dict[str, dict] | None = None) -> AnswerView:
    """What the page shows of an answer record (`Answer.as_dict()`, plus `understood`).

    `has_pdf(report_id)` says whether the index holds that report's PDF, so a
    citation links to its page; `inspections` (report id -> `history.Inspection.as_dict()`)
    head a timeline's groups with their grades.
    """
    results = tuple(cited_result(number, item, has_pdf)
                    for number, item in enumerate(record.get("results") or (), start=1))
    shape = record.get("shape") if record.get("shape") in SHAPES else "passages"
    groups: list[Group] = []
    placed: set[int] = set()
    if shape in ("timeline", "roster"):
        for group in record.get("groups") or ():
            positions = [p for p in group.get("results") or () if isinstance(p, int) and 0 <= p < len(results)]
            placed.update(positions)
            report_id = group.get("report_id")
            facts = (inspections or {}).get(report_id) if report_id and not group.get("lead") else None
            groups.append(Group(label=str(group.get("label") or report_id or group.get("authority") or ""),
                                report_url=report_url(report_id) if report_id else None,
                                authority_url=authority_url(group.get("authority")),
                                results=tuple(results[p] for p in positions),
                                inspection=inspection(facts, has_pdf) if facts else None))
    facts = tuple(inspection(item, has_pdf) for item in record.get("facts") or ()) if shape == "grades" else ()
    weak = bool(record.get("weak"))
    return AnswerView(
        question=str(record.get("question") or ""),
        understood=f"Searching: {record.get('understood') or 'all reports'}",
        shape=shape,
        shape_label=SHAPE_LABELS.get(shape),
        weak=weak,
        note=record.get("note") or (WEAK_NOTE if weak else None),
        results=results,
        groups=tuple(groups),
        ungrouped=tuple(r for i, r in enumerate(results) if i not in placed) if groups else (),
        inspections=facts,
    )


WEAK_NOTE = "Nothing in the selected reports answers this closely; the nearest paragraphs follow."
"""What a weak answer says where the library gives no note of its own."""


def cited_result(number: int, item: dict, has_pdf: Callable[[str], bool]) -> CitedResult:
    citation = item.get("citation") or {}
    cited = str(citation.get("id") or "")
    report_id, _, anchor = cited.partition("#")
    pages = tuple(p for p in citation.get("pages") or () if p)
    headings = citation.get("headings") or ([citation["section"]] if citation.get("section") else [])
    return CitedResult(
        number=number,
        id=cited,
        report_url=report_url(report_id, anchor),
        pdf_url=pdf_url(report_id, pages) if has_pdf(report_id) else None,
        authority=citation.get("authority") or "unknown authority",
        authority_url=authority_url(citation.get("authority")),
        report_type=type_label(citation.get("report_type")),
        inspected=date_range(_day(citation.get("inspection_start")), _day(citation.get("inspection_end"))),
        published=_day_text(citation.get("published")),
        where=" › ".join(headings),
        paragraph=citation.get("paragraph"),
        pages=pages_text(pages),
        segments=marked(str(item.get("text") or ""), item.get("highlights") or ()),
    )


def inspection(item: dict, has_pdf: Callable[[str], bool]) -> Inspection:
    """An inspection record (`history.Inspection.as_dict()`) as the page shows it."""
    report_id = str(item.get("report_id") or "")
    start, end = _day(item.get("inspection_start")), _day(item.get("inspection_end"))
    return Inspection(
        report_id=report_id,
        report_url=report_url(report_id),
        pdf_url=pdf_url(report_id, ()) if has_pdf(report_id) else None,
        authority=item.get("authority") or "unknown authority",
        authority_url=authority_url(item.get("authority")),
        report_type=type_label(item.get("report_type")),
        year=(start or end).year if (start or end) else None,
        inspected=date_range(start, end),
        published=_published(item),
        lead_inspector=item.get("lead_inspector"),
        graded=bool(item.get("graded")),
        judgements=tuple(_judgement(j, item.get("report_type")) for j in item.get("judgements") or ()),
    )


def _published(item: dict) -> str | None:
    """'10 July 2012', or 'about 17 January 2025 (the report prints no date)' for an estimate."""
    if item.get("published"):
        return _day_text(item["published"])
    if item.get("publication") and item.get("publication_estimated"):
        return f"about {_day_text(item['publication'])} (the report prints no date)"
    return None


def _judgement(item: dict, report_type: str | None) -> Judgement:
    cited = item.get("citation")
    cited = cited.get("id") if isinstance(cited, dict) else cited
    report_id, _, anchor = (cited or "").partition("#")
    grade = item.get("grade")
    name = item.get("name") or item.get("label") or judgement_label(str(item.get("key") or ""))
    return Judgement(
        label=name[:1].upper() + name[1:],
        grade=grade,
        grade_class=grade_class(grade),
        citation_id=cited or None,
        citation_url=report_url(report_id, anchor) if cited else None,
        headline=known.headline if (known := judgement(report_type, item.get("key"))) else None,
    )


def marked(text: str, highlights: Iterable[str]) -> tuple[tuple[str, bool], ...]:
    """The text cut into (part, is_highlighted) runs: the best sentences, found where they stand."""
    spans: list[tuple[int, int]] = []
    for sentence in highlights:
        start = text.find(sentence) if sentence else -1
        if start >= 0:
            spans.append((start, start + len(sentence)))
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue  # overlaps a marked sentence
        if start > last:
            out.append((text[last:start], False))
        out.append((text[start:end], True))
        last = end
    if last < len(text):
        out.append((text[last:], False))
    return tuple(out)


# ---------------------------------------------------------------- reports


@dataclass(frozen=True)
class Heading:
    level: int  # 2 for a section, deeper for its subheadings
    text: str


@dataclass(frozen=True)
class ReportParagraph:
    anchor: str
    citation_id: str
    number: int | None
    text: str
    pages: str
    kind: str


@dataclass(frozen=True)
class ReportView:
    facts: Inspection
    source_name: str
    blocks: tuple[Heading | ReportParagraph, ...]


def report_view(stored, rows: Sequence[tuple[object, object]], has_pdf: bool) -> ReportView:
    """A report's facts and grades, then every paragraph under its headings.

    `stored` is the index's report row; `rows` are (citation, paragraph) pairs in order.
    A heading is shown where it changes from the paragraph before.
    """
    head = inspection(history_row(stored).as_dict(), has_pdf=lambda report_id: has_pdf)
    blocks: list[Heading | ReportParagraph] = []
    previous: tuple[str, ...] = ()
    for citation, paragraph in rows:
        headings = tuple(paragraph.headings)
        same = 0
        while same < min(len(headings), len(previous)) and headings[same] == previous[same]:
            same += 1
        blocks += [Heading(min(2 + depth, 6), text) for depth, text in enumerate(headings) if depth >= same]
        previous = headings
        blocks.append(ReportParagraph(
            anchor=paragraph.anchor,
            citation_id=citation.id,
            number=paragraph.number,
            text=paragraph.text,
            pages=pages_text(tuple(p for p in paragraph.pages if p)),
            kind=paragraph.kind,
        ))
    return ReportView(facts=head, source_name=stored.source.replace("\\", "/").rsplit("/", 1)[-1],
                      blocks=tuple(blocks))


# ---------------------------------------------------------------- small pieces


def report_url(report_id: str, anchor: str = "") -> str:
    url = f"/report/{quote(report_id, safe='')}"
    return f"{url}#{quote(anchor, safe='.')}" if anchor else url


def authority_url(name: str | None) -> str | None:
    """'/authority/kingston-upon-thames' for an authority the domain knows, else None."""
    return f"/authority/{slug(name)}" if name and authority_record(name) else None


def pdf_url(report_id: str, pages: Sequence[int]) -> str:
    url = f"/pdf/{quote(report_id, safe='')}"
    return f"{url}#page={pages[0]}" if pages else url


def pages_text(pages: Sequence[int]) -> str:
    if not pages:
        return ""
    return f"page {pages[0]}" if len(pages) == 1 else f"pages {pages[0]}-{pages[-1]}"


@dataclass(frozen=True)
class GradeCell:
    """A grade in a table, linked to the paragraph stating it. `short` is what a narrow
    column shows ('RI'; the grade is written out for screen readers and on hover), `said`
    the report's own name for the judgement where it differs from the column's."""

    grade: str | None
    grade_class: str
    citation_url: str | None
    short: str | None = None
    said: str | None = None


def grade_cell(grade: str | None, citation: str | None, said: str | None = None) -> GradeCell:
    """The cell for a grade and the citation id of the paragraph stating it."""
    report_id, _, anchor = (citation or "").partition("#")
    return GradeCell(grade, grade_class(grade), report_url(report_id, anchor) if grade and citation else None,
                     GRADE_SHORT.get(grade or ""), said)


def judgement_label(key: str) -> str:
    """'help_and_protection' -> 'Help and protection'."""
    return key.replace("_", " ").capitalize()


def grade_class(grade: str | None) -> str:
    """A CSS class for a grade ('requires improvement' -> 'grade-requires-improvement'); the grade is always written too."""
    return "grade-" + re.sub(r"[^a-z]+", "-", (grade or "none").lower()).strip("-")


def _day(value) -> date | None:
    if isinstance(value, date) or value is None:
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _day_text(value) -> str | None:
    day = _day(value)
    return day_text(day) if day else None
