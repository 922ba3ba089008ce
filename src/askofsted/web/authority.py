"""An authority's page: its inspection history (`Index.history`) as the page shows it.

Pure functions from the library's `History` to what the template lays out: every
inspection oldest first with each judgement and grade as the report states it (each
linked to the paragraph stating it), what moved between consecutive graded
inspections, the chart of the headline grades (`chart.grade_chart`), and the same
data as a table for anyone who cannot see the chart.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.judgements import HEADLINE_SHORT_NAMES, judgement
from ..history import History, Inspection, Movement
from ..present import SHORT_TYPES
from .chart import Chart, grade_chart
from .view import GradeCell, authority_url, grade_cell, inspection, report_url
from .view import Inspection as InspectionView

DIRECTION_WORDS = {"up": "up", "down": "down", "same": "no change"}


@dataclass(frozen=True)
class Step:
    """How one judgement moved from one graded inspection to the next."""

    label: str
    before: GradeCell
    after: GradeCell
    direction: str  # up | down | same
    words: str
    before_label: str | None  # the earlier report's name for it, where the names differ
    note: int | None  # the number of the note saying why it is not like for like


@dataclass(frozen=True)
class Change:
    """What moved since the previous graded inspection; shown before the later one."""

    since: str
    since_url: str
    steps: tuple[Step, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    inspection: InspectionView
    inherited: bool
    change: Change | None
    no_overall: bool  # its kind of report grades overall effectiveness, this one gives none


@dataclass(frozen=True)
class Row:
    """One inspection in the chart's table: its grade for each of the chart's judgements."""

    label: str
    type_label: str  # in full, where `label` shortens it
    report_url: str
    graded: bool
    cells: tuple[GradeCell, ...]


@dataclass(frozen=True)
class Related:
    """An authority this one took over from, or passed its services to."""

    relation: str  # "predecessor" | "successor"
    name: str
    url: str | None


@dataclass(frozen=True)
class AuthorityView:
    name: str
    url: str
    json_url: str
    region: str | None
    read_as: str | None  # how a misspelt name was read
    notes: tuple[str, ...]
    related: tuple[Related, ...]
    entries: tuple[Entry, ...]
    graded: int
    chart: Chart
    columns: tuple[str, ...]
    table: tuple[Row, ...]

    @property
    def abbreviated(self) -> bool:
        """Whether the table shortens a grade (and so says what 'RI' means)."""
        return any(cell.short for row in self.table for cell in row.cells)


def authority_view(found: History, has_pdf=lambda report_id: False, read_as: str | None = None) -> AuthorityView:
    """The page of one authority's `History`; `has_pdf(report_id)` says which reports' PDFs the index holds."""
    steps = {after.report_id: (before, moved) for (before, after), moved in zip(found.pairs, found.movements)}
    entries = tuple(
        Entry(
            inspection=inspection(row.as_dict(), has_pdf),
            inherited=found.inherited(row),
            change=change(*steps[row.report_id]) if row.report_id in steps else None,
            no_overall=row.graded and judgement(row.report_type, "overall_effectiveness") is not None
            and row.stated("overall_effectiveness") is None,
        )
        for row in found.inspections
    )
    chart = grade_chart(found.inspections, found.authority)
    keys = tuple(panel.key for panel in chart.panels)
    return AuthorityView(
        name=found.authority,
        url=authority_url(found.authority) or "",
        json_url=(authority_url(found.authority) or "").replace("/authority/", "/api/history/", 1),
        region=found.region,
        read_as=read_as,
        notes=found.notes,
        related=(*(Related("predecessor", name, authority_url(name)) for name in found.predecessors),
                 *(Related("successor", name, authority_url(name)) for name in found.successors)),
        entries=entries,
        graded=len(found.graded),
        chart=chart,
        columns=tuple(HEADLINE_SHORT_NAMES[key] for key in keys),
        table=tuple(table_row(row, keys) for row in found.inspections),
    )


def change(before: Inspection, moved: tuple[Movement, ...]) -> Change:
    notes = tuple(dict.fromkeys(m.note for m in moved if m.note))
    return Change(
        since=f"the {before.year} {before.type_label}",
        since_url=report_url(before.report_id),
        steps=tuple(
            Step(
                label=m.label[:1].upper() + m.label[1:],
                before=grade_cell(m.before, m.before_citation),
                after=grade_cell(m.after, m.after_citation),
                direction=m.direction,
                words=DIRECTION_WORDS[m.direction],
                before_label=m.before_label if m.before_label != m.after_label else None,
                note=notes.index(m.note) + 1 if m.note else None,
            )
            for m in moved
        ),
        notes=notes,
    )


def table_row(row: Inspection, keys: tuple[str, ...]) -> Row:
    cells = []
    for key in keys:
        grade = row.headline.get(key)
        stated = row.stated(key) if grade else None
        known = judgement(row.report_type, stated.key) if stated else None
        cells.append(grade_cell(grade, row.citation(key), (known.name if known else stated.label) if stated else None))
    short = SHORT_TYPES.get(row.report_type or "", row.type_label)
    return Row(label=f"{row.year or 'undated'}: {short}", type_label=row.type_label,
               report_url=report_url(row.report_id), graded=row.graded, cells=tuple(cells))


__all__ = ["AuthorityView", "authority_view"]
