"""The shape every report table takes, in the report row's JSON and in every file.

A table is a plain dict (typed below) so that it is stored as it was compiled and
rendered the same way in the page, the PDF and the workbook.

Column kinds: text, name, int, pct (a fraction 0–1), num (a decimal figure, e.g. a median
or an amount of money). Row kinds: "" (ordinary), "total", "priority" (highlighted),
"share" (the shares under a total), "beside" (a class of entities shown beside
the SSE and not added to its total) and "percent" (an indicator given as a share, in
tables whose columns are countries).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NotRequired, TypedDict

TEXT, INT, PCT, NUM = "text", "int", "pct", "num"
# A name (of an entity, an area, a type): text kept on one line where it fits, so that
# a Thai or Khmer name, written without spaces, is never split across two lines.
NAME = "name"
NAME_ON_ONE_LINE = 48
# Row kinds whose cells (after the first) are shares, whatever their columns say.
SHARE, PERCENT = "share", "percent"


class Column(TypedDict):
    label: str
    kind: str


class Row(TypedDict):
    cells: list[Any]
    kind: str


class Basis(TypedDict):
    """What every figure carries: n, its reference year, its source, and the share of
    people not disaggregated by sex (for counts of people)."""

    n: int
    population: str
    reference: str
    sources: str
    not_disaggregated: float | None
    # What the table counts (the SSE only, what is beside, what is left out), and
    # whether that rests on a national definition not yet validated.
    scope: NotRequired[str]
    provisional: NotRequired[bool]


class Table(TypedDict):
    key: str
    title: str
    columns: list[Column]
    rows: list[Row]
    basis: Basis
    notes: list[str]
    # Rows grouped under their first cell (one group per SSE type, say).
    group_rows: NotRequired[bool]
    # In the workbook only: not numbered, not in the page or the PDF.
    workbook_only: NotRequired[bool]
    # Empty cells of the case-study coverage, for the key figures.
    empty_cells: NotRequired[int]
    # Rows shown in the page and the PDF (a listing; the workbook has them all).
    display_limit: NotRequired[int]
    # Set once the report is assembled: the chart above it and its number.
    chart: NotRequired[str | None]
    number: NotRequired[int | None]
    # Its sheet's name in the workbook, when the title is too long for one.
    sheet: NotRequired[str]


class Section(TypedDict):
    key: str
    title: str
    tables: list[Table]
    charts: list[str]
    definition: Any
    # The chapters told in words: the case studies' narratives and the methodology.
    narratives: NotRequired[list[dict[str, Any]]]
    methodology: NotRequired[dict[str, Any] | None]


def column(label: Any, kind: str = INT) -> Column:
    return {"label": str(label), "kind": kind}


def row(cells: list[Any], kind: str = "") -> Row:
    return {"cells": [plain(cell) for cell in cells], "kind": kind}


def plain(value: Any) -> Any:
    """A JSON value: decimals become floats, lazy strings become strings; a list (of
    names) stays a list."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return str(value)


def share(part: int | float | None, whole: int | float | None) -> float | None:
    """part / whole as a fraction rounded for display, or None when whole is 0."""
    if not whole or part is None:
        return None
    return round(part / whole, 4)


def basis(
    *,
    n: int,
    population: Any,
    reference: Any,
    sources: Any,
    not_disaggregated: float | None = None,
    scope: Any = None,
    provisional: bool = False,
) -> Basis:
    found: Basis = {
        "n": n,
        "population": str(population),
        "reference": str(reference),
        "sources": str(sources),
        "not_disaggregated": not_disaggregated,
    }
    if scope is not None:
        found["scope"] = str(scope)
        found["provisional"] = provisional
    return found


def table(
    key: str,
    title: Any,
    columns: list[Column],
    rows: list[Row],
    *,
    basis: Basis,
    notes: list[Any] | None = None,
) -> Table:
    return {
        "key": key,
        "title": str(title),
        "columns": columns,
        "rows": rows,
        "basis": basis,
        "notes": [str(note) for note in notes or []],
    }


def section(
    key: str,
    title: Any,
    tables: list[Table],
    *,
    charts: list[str] | None = None,
    definition: Any = None,
    narratives: list[dict[str, Any]] | None = None,
    methodology: dict[str, Any] | None = None,
) -> Section:
    found: Section = {
        "key": key,
        "title": str(title),
        "tables": tables,
        "charts": charts or [],
        "definition": definition,
    }
    if narratives is not None:
        found["narratives"] = narratives
    if methodology is not None:
        found["methodology"] = methodology
    return found


def number_tables(
    sections: list[Section],
    charts: dict[str, str],
    sheets: dict[str, Any] | None = None,
) -> None:
    """Number the tables through the report (those only in the workbook get none),
    name the chart each one carries and the sheet it takes in the workbook."""
    number = 0
    for found in sections:
        for found_table in found["tables"]:
            found_table["chart"] = charts.get(found_table["key"])
            if sheets and found_table["key"] in sheets:
                found_table["sheet"] = str(sheets[found_table["key"]])
            if found_table.get("workbook_only"):
                found_table["number"] = None
                continue
            number += 1
            found_table["number"] = number
