"""An authority's headline grades over time, as the elements of an SVG chart: a pure function.

Small multiples: one strip per headline judgement (Ofsted's five published grades),
each with the four places of the grading scale from best at the top to worst at the
bottom, a point at each graded inspection where it was graded, and a line joining
consecutive points (dashed where the two grades are not like for like: another
framework or scale, as `history.movements` says). Inspections that give no grade
(visits) are marked on a strip of their own, so the time axis shows every inspection.

`grade_chart` only computes the geometry and the words; the template `_chart.html`
writes the SVG (autoescaped, styled by classes from the stylesheet, so it follows
high-contrast modes and prints in black), and the page gives the same data as a
table beside it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..domain.grades import grades as all_grades
from ..domain.judgements import HEADLINE_KEYS, HEADLINE_SHORT_NAMES, judgement
from ..history import Inspection, movements
from .view import grade_class

# The chart's geometry, in SVG user units (the SVG scales to the page's width).
WIDTH = 640
LEFT = 168  # room for the scale's words
RIGHT = 16
TOP = 4
TITLE = 26  # a strip's title above its scale
STEP = 15  # between two places of the scale
GAP = 16  # between strips
VISITS = 30  # the strip of ungraded inspections
AXIS = 26  # the years under it all
MOST_TICKS = 12

@dataclass(frozen=True)
class Level:
    """One place on the grading scale: its height in a strip (from the strip's top, below its
    title) and the grades standing there."""

    y: float
    label: str


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    grade: str
    css: str  # the grade's class ('grade-good'), as the page's grade labels have
    title: str  # what a pointer shows: judgement as the report names it, grade, inspection


@dataclass(frozen=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float
    like_for_like: bool


@dataclass(frozen=True)
class Panel:
    """One headline judgement's strip; its y values are from the strip's top."""

    key: str
    title: str
    top: float
    points: tuple[Point, ...]
    segments: tuple[Segment, ...]
    summary: str


@dataclass(frozen=True)
class Tick:
    x: float
    label_x: float
    text: str


@dataclass(frozen=True)
class Mark:
    """An inspection that gives no grade, on the visits strip."""

    x: float
    title: str


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    plot_left: float
    plot_right: float
    levels: tuple[Level, ...]
    panels: tuple[Panel, ...]
    visits: tuple[Mark, ...]
    visits_top: float
    ticks: tuple[Tick, ...]
    axis_y: float
    summary: str
    unlike: bool  # whether any line is dashed (the legend says what that means)


def grade_chart(rows: Sequence[Inspection], name: str = "") -> Chart:
    """The chart of `rows` (one authority's inspections, oldest first, as `History.inspections`):
    a strip for each headline judgement any of them grades."""
    graded = [row for row in rows if row.graded and _day(row)]
    ungraded = [row for row in rows if not row.graded and _day(row)]
    days = [_day(row) for row in (*graded, *ungraded)]
    keys = [key for key in HEADLINE_KEYS if any(row.headline.get(key) for row in graded)]
    levels = _levels(rows)
    strip = levels[-1].y
    tops = [TOP + i * (strip + GAP) for i in range(len(keys))]
    visits_top = TOP + len(keys) * (strip + GAP)
    axis_y = visits_top + (VISITS if ungraded else 0)
    if not days:
        return Chart(WIDTH, axis_y, LEFT, WIDTH - RIGHT, levels, (), (), visits_top, (), axis_y,
                     f"No graded inspection of {name or 'this authority'} to chart.", False)
    first, last = min(days).year, max(days).year + 1
    x = _scale(date(first, 1, 1), date(last, 1, 1), LEFT, WIDTH - RIGHT)
    rank_y = {g.key: levels[g.rank - 1].y for g in all_grades()}
    panels = tuple(_panel(key, top, graded, x, rank_y) for key, top in zip(keys, tops))
    visits = tuple(Mark(round(x(_day(row)), 1), f"{_when(row)}: {row.type_label}, not graded") for row in ungraded)
    years = sorted({_day(row).year for row in graded})
    summary = (f"Headline grades of {name or 'this authority'} at {len(graded)} graded inspection"
               f"{'s' if len(graded) != 1 else ''}"
               + (f", {years[0]}-{years[-1]}. " if len(years) > 1 else f", {years[0]}. " if years else ". ")
               + " ".join(panel.summary for panel in panels)
               + (f" {len(ungraded)} inspection{'s' if len(ungraded) != 1 else ''} gave no grade." if ungraded else ""))
    return Chart(
        width=WIDTH, height=axis_y + AXIS, plot_left=LEFT, plot_right=WIDTH - RIGHT, levels=levels, panels=panels,
        visits=visits, visits_top=visits_top, ticks=_ticks(first, last, x), axis_y=axis_y, summary=summary.strip(),
        unlike=any(not s.like_for_like for p in panels for s in p.segments),
    )


def _panel(key: str, top: float, graded: Sequence[Inspection], x, rank_y: dict[str, float]) -> Panel:
    rows = [row for row in graded if row.headline.get(key) in rank_y]
    points = []
    for row in rows:
        grade = row.headline[key]
        stated = _stated_name(row, key)
        said = f" ({stated})" if stated and stated.lower() != HEADLINE_SHORT_NAMES[key].lower() else ""
        points.append(Point(round(x(_day(row)), 1), rank_y[grade], grade, grade_class(grade),
                            f"{HEADLINE_SHORT_NAMES[key]}: {grade}{said}; {_when(row)} {row.type_label}"))
    segments = tuple(
        Segment(a.x, a.y, b.x, b.y, like_for_like=all(m.like_for_like for m in movements(before, after, keys=(key,))))
        for (before, a), (after, b) in zip(zip(rows, points), zip(rows[1:], points[1:]))
    )
    summary = f"{HEADLINE_SHORT_NAMES[key]}: " + ", ".join(f"{p.grade} ({_when(r)})" for r, p in zip(rows, points)) + "."
    return Panel(key, HEADLINE_SHORT_NAMES[key], round(top, 1), tuple(points), segments, summary)


def _levels(rows: Sequence[Inspection]) -> tuple[Level, ...]:
    """The four places of the scale, best at the top; where two grades share a place
    ('requires improvement' from 2013, 'adequate' before), the words of those the rows give."""
    given = {grade for row in rows for grade in row.headline.values() if grade}
    places: dict[int, list[str]] = {}
    for grade in all_grades():
        places.setdefault(grade.rank, []).append(grade.key)
    out = []
    for i, (rank, keys) in enumerate(sorted(places.items())):
        shown = [k for k in keys if k in given] or keys[:1]
        out.append(Level(float(TITLE + STEP * i), " / ".join(shown)))
    return tuple(out)


def _scale(start: date, end: date, left: float, right: float):
    span = max((end - start).days, 1)
    return lambda day: left + (day - start).days / span * (right - left)


def _ticks(first: int, last: int, x) -> tuple[Tick, ...]:
    """A tick at the start of every year (every few years over a long span), the year's
    number under the middle of the year when every year has one."""
    step = max(1, math.ceil((last - first) / MOST_TICKS))
    out = []
    for year in range(first, last, step):
        left = x(date(year, 1, 1))
        middle = x(date(year, 7, 1)) if step == 1 else left
        out.append(Tick(round(left, 1), round(middle, 1), str(year)))
    return tuple(out)


def _stated_name(row: Inspection, key: str) -> str | None:
    """The report's own name for the judgement that counts as a headline key."""
    stated = row.stated(key)
    if stated is None:
        return None
    known = judgement(row.report_type, stated.key)
    return known.name if known else stated.label


def _day(row: Inspection) -> date | None:
    return row.inspection_start or row.inspection_end or row.publication


def _when(row: Inspection) -> str:
    day = _day(row)
    return f"{day:%B %Y}" if day else "undated"
