"""The grades page: `Index.grades` as a table with its filters, sortable, with counts and a CSV.

`GradesRequest` reads the page's query parameters into the same filters `askofsted
grades` builds from its options (so `/api/grades` and `/grades.csv` give what the CLI's
--json and --csv give for the same filters), and says in one line what is wrong with
a bad one. `grades_view` lays the library's rows out as the table shows them, sorted
by a column on the server (`?sort=column&order=asc|desc`), a page of `PAGE_SIZE` rows
at a time (`?page=N`; the CSV and JSON hold them all), with the counts by grade of
every row at its foot. Pure functions; the app calls the library.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlencode

from ..domain.authorities import REGIONS
from ..domain.grades import grade_keys, rank
from ..domain.judgements import HEADLINE_KEYS, HEADLINE_SHORT_NAMES, all_judgements
from ..history import COUNT_FROM, Inspection, counts, grade_key, headline_name, judgement_key, region_name
from ..history import resolve_authority
from ..models import REPORT_TYPES
from ..present import SHORT_TYPES, date_range, type_label
from .view import GradeCell, RequestError, authority_url, flag_param, grade_cell, grade_class
from .view import optional_year, report_types_param, report_url

GRADE_CHOICES = grade_keys()
"""The grades the form offers, best first ('adequate' is the 2009-2013 scale's third place)."""

OTHER_JUDGEMENTS = ("adoption_performance", "lscb")
"""Judgements besides the five headline ones that the form offers (the single inspection
framework's separate grades); any other key still works in the URL."""

TEXT_COLUMNS = ("authority", "region", "inspected", "type")
ORDERS = ("asc", "desc")
PAGE_SIZE = 100
"""Rows a page shows: every authority's latest fits on two pages, and a page stays light."""


@dataclass(frozen=True)
class GradesRequest:
    """The filters of `Index.grades`, as `askofsted grades` takes them, and the table's sort and page."""

    latest: bool = False
    as_at: date | None = None
    count_from: str = "publication"
    year: int | None = None
    since: int | None = None
    until: int | None = None
    judgement: str | None = None
    grades: tuple[str, ...] = ()
    authorities: tuple[str, ...] = ()
    region: str | None = None
    types: tuple[str, ...] = ()
    sort: str | None = None
    order: str = "asc"
    page: int = 1
    read_as: tuple[str, ...] = field(default=(), compare=False)  # misspelt authorities, as they were read

    @classmethod
    def from_params(cls, params) -> GradesRequest:
        """From query parameters (anything with `get` and `getlist`). Raises RequestError, or
        `history.UnknownAuthority` (with the closest names) for an authority no one has."""
        year, since, until = (optional_year(params.get(name)) for name in ("year", "since", "until"))
        if year is not None and (since is not None or until is not None):
            raise RequestError("give a year, or a range from and to, not both")
        count_from = params.get("count_from") or "publication"
        if count_from not in COUNT_FROM:
            raise RequestError(f"count from {' or '.join(COUNT_FROM)}, not {count_from!r}")
        resolved = [resolve_authority(text) for text in dict.fromkeys(a.strip() for a in params.getlist("authority"))
                    if text]
        sort = params.get("sort") or None
        if sort is not None and sort not in (*TEXT_COLUMNS, *HEADLINE_KEYS, *OTHER_JUDGEMENTS):
            raise RequestError(f"cannot sort by {sort!r}; sort by {', '.join((*TEXT_COLUMNS, *HEADLINE_KEYS))}")
        order = params.get("order") or "asc"
        if order not in ORDERS:
            raise RequestError(f"order is asc or desc, not {order!r}")
        page = params.get("page") or "1"
        if not page.isdigit() or int(page) < 1:
            raise RequestError(f"page is a number from 1, not {page!r}")
        return cls(
            latest=flag_param(params.get("latest")),
            as_at=_date(params.get("as_at")),
            count_from=count_from,
            year=year,
            since=since,
            until=until,
            judgement=judgement_key(params["judgement"]) if params.get("judgement") else None,
            grades=tuple(dict.fromkeys(grade_key(g) for g in params.getlist("grade") if g)),
            authorities=tuple(dict.fromkeys(name for name, _ in resolved)),
            region=region_name(params["region"]) if params.get("region") else None,
            types=report_types_param(params),
            sort=sort,
            order=order,
            page=int(page),
            read_as=tuple(note for _, note in resolved if note),
        )

    def filters(self) -> dict[str, object]:
        """Keyword arguments for `Index.grades`: the dict `askofsted grades` builds (and prints with --json)."""
        return dict(latest=self.latest, as_at=self.as_at, count_from=self.count_from, year=self.year,
                    since=self.since, until=self.until, judgement=self.judgement, grade=self.grades,
                    authorities=self.authorities, region=self.region, types=self.types or None)

    def params(self, with_sort: bool = True) -> list[tuple[str, str]]:
        """The query for this request; `with_sort=False` leaves out the table's sort and page
        (the CSV and JSON links)."""
        out: list[tuple[str, str]] = []
        if self.latest:
            out.append(("latest", "1"))
        if self.as_at:
            out.append(("as_at", self.as_at.isoformat()))
        if self.count_from != "publication":
            out.append(("count_from", self.count_from))
        out += [(name, str(value)) for name, value in (("year", self.year), ("since", self.since),
                                                        ("until", self.until)) if value is not None]
        if self.judgement:
            out.append(("judgement", self.judgement))
        out += [("grade", g) for g in self.grades]
        out += [("authority", a) for a in self.authorities]
        if self.region:
            out.append(("region", self.region))
        out += [("type", t) for t in self.types]
        if with_sort and self.sort:
            out += [("sort", self.sort), ("order", self.order)]
        if with_sort and self.page != 1:
            out.append(("page", str(self.page)))
        return out

    def url(self, path: str = "/grades", with_sort: bool = True) -> str:
        query = urlencode(self.params(with_sort))
        return f"{path}?{query}" if query else path

    def sorted_by(self, column: str) -> str:
        """The link a column's head gives: sort by it ascending, or the other way if it already is."""
        order = "desc" if self.sort == column and self.order == "asc" else "asc"
        return replace(self, sort=column, order=order, page=1).url()


def _date(text: str | None) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RequestError(f"the as-at date wants a date like 2024-03-31, not {text!r}") from None


# ---------------------------------------------------------------- the table


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    sort_url: str
    sorted: str | None  # "ascending" | "descending" for aria-sort, or None
    grade: bool


@dataclass(frozen=True)
class Row:
    authority: str
    authority_url: str | None
    region: str
    report_url: str
    inspected: str
    month: str  # what the narrow column shows ('Dec 2024'); `inspected` on hover
    type_short: str
    type_label: str
    cells: tuple[GradeCell, ...]


@dataclass(frozen=True)
class Count:
    grade: str
    grade_class: str
    numbers: tuple[int, ...]  # one per grade column


@dataclass(frozen=True)
class Pages:
    """Where this page's rows stand among them all, and the links to the pages either side."""

    first: int  # counting from 1
    last: int
    total: int
    page: int
    pages: int
    previous_url: str | None
    next_url: str | None


@dataclass(frozen=True)
class GradesView:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    counts: tuple[Count, ...]
    says: str
    csv_url: str
    json_url: str
    pages: Pages

    @property
    def abbreviated(self) -> bool:
        """Whether the table shortens a grade (and so says what 'RI' means)."""
        return any(cell.short for row in self.rows for cell in row.cells)


def grade_keys(request: GradesRequest) -> tuple[str, ...]:
    """The grade columns: the five headline judgements, and the one asked about if it is another."""
    extra = (request.judgement,) if request.judgement and request.judgement not in HEADLINE_KEYS else ()
    return (*HEADLINE_KEYS, *extra)


def grades_view(rows: Sequence[Inspection], request: GradesRequest, page_size: int = PAGE_SIZE) -> GradesView:
    """The page of rows asked for, sorted as asked, with the counts by grade of them all under each grade column."""
    keys = grade_keys(request)
    labels = {"authority": "Authority", "region": "Region", "inspected": "Inspected", "type": "Type",
              **HEADLINE_SHORT_NAMES, **{key: _judgement_label(key) for key in keys if key not in HEADLINE_SHORT_NAMES}}
    columns = tuple(
        Column(key, labels[key], request.sorted_by(key),
               ("ascending" if request.order == "asc" else "descending") if request.sort == key else None,
               grade=key not in TEXT_COLUMNS)
        for key in (*TEXT_COLUMNS, *keys)
    )
    tally = {key: counts(rows, key) for key in keys}
    shown = pages(len(rows), request, page_size)
    seen = sorted({g for c in tally.values() for g in c}, key=lambda g: (rank(g) or 9, g))
    return GradesView(
        columns=columns,
        rows=tuple(_row(row, keys) for row in sort_rows(rows, request.sort, request.order)[shown.first - 1:shown.last]),
        counts=tuple(Count(g, grade_class(None if g == "not graded" else g),
                           tuple(tally[key].get(g, 0) for key in keys)) for g in seen),
        says=says(rows, request),
        csv_url=request.url("/grades.csv", with_sort=False),
        json_url=request.url("/api/grades", with_sort=False),
        pages=shown,
    )


def pages(total: int, request: GradesRequest, page_size: int = PAGE_SIZE) -> Pages:
    """The rows of the page asked for (the last page for one past it), and the links either side."""
    count = max(1, -(-total // page_size))
    page = min(request.page, count)
    first = (page - 1) * page_size + 1 if total else 0
    return Pages(first=first, last=min(total, page * page_size), total=total, page=page, pages=count,
                 previous_url=replace(request, page=page - 1).url() if page > 1 else None,
                 next_url=replace(request, page=page + 1).url() if page < count else None)


def sort_rows(rows: Sequence[Inspection], column: str | None, order: str = "asc") -> list[Inspection]:
    """The rows by a column (a grade column by the grade's place on the scale, best first),
    those without a value last either way; without a column, as the library gave them."""
    if column is None:
        return list(rows)
    value = _sort_value(column)
    present = [row for row in rows if value(row) is not None]
    missing = [row for row in rows if value(row) is None]
    return sorted(present, key=value, reverse=order == "desc") + missing


def _sort_value(column: str):
    if column == "authority":
        return lambda row: (row.authority or "").casefold() or None
    if column == "region":
        return lambda row: row.region
    if column == "inspected":
        return lambda row: row.inspection_start or row.inspection_end
    if column == "type":
        return lambda row: _short_type(row.report_type)
    return lambda row: rank(row.grade(column))


def _row(row: Inspection, keys: Sequence[str]) -> Row:
    cells = tuple(grade_cell(row.grade(key), row.citation(key)) for key in keys)
    return Row(
        authority=row.authority or "unknown authority",
        authority_url=authority_url(row.authority),
        region=row.region or "",
        report_url=report_url(row.report_id),
        inspected=date_range(row.inspection_start, row.inspection_end),
        month=f"{day:%b %Y}" if (day := row.inspection_start or row.inspection_end) else "undated",
        type_short=_short_type(row.report_type),
        type_label=type_label(row.report_type),
        cells=cells,
    )


def says(rows: Sequence[Inspection], request: GradesRequest) -> str:
    """'12 inspections' or '152 authorities, each at its latest graded inspection as at 31 March 2024'."""
    if request.latest:
        text = (f"{len(rows)} authorit{'ies' if len(rows) != 1 else 'y'}, each at its latest graded inspection"
                + (f" that grades {_judgement_label(request.judgement).lower()}" if request.judgement else ""))
    else:
        text = f"{len(rows)} graded inspection{'s' if len(rows) != 1 else ''}"
    if request.as_at:
        counted = "over" if request.count_from == "inspection" else "published"
        text += f", as at {request.as_at.day} {request.as_at:%B %Y} (counting inspections {counted} by then)"
    return text


def _judgement_label(key: str) -> str:
    if key in HEADLINE_SHORT_NAMES:
        return HEADLINE_SHORT_NAMES[key]
    known = next((j for j in all_judgements() if j.key == key), None)
    name = known.name if known else headline_name(key)
    return name[:1].upper() + name[1:]


def _short_type(report_type: str | None) -> str:
    return SHORT_TYPES.get(report_type or "", type_label(report_type))


# ---------------------------------------------------------------- the form


def form_choices(authorities: Sequence[str], report_types: Sequence[str]) -> dict[str, object]:
    """What the filter form offers: the index's authorities and report types, the judgements,
    grades and regions."""
    return {
        "authorities": list(authorities),
        "report_types": [(key, label) for key, label in REPORT_TYPES.items() if key in set(report_types)],
        "judgements": [(key, _judgement_label(key)) for key in (*HEADLINE_KEYS, *OTHER_JUDGEMENTS)],
        "grade_choices": GRADE_CHOICES,
        "regions": REGIONS,
        "count_from_choices": (("publication", "its report's publication"), ("inspection", "its last day")),
    }
