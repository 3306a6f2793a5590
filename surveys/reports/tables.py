"""The shape every report table takes, in the report row's JSON and in every file.

A table is a plain dict so that it is stored as it was compiled and rendered the same
way in the page, the PDF and the workbook:

    {"key", "title", "columns": [{"label", "kind"}], "rows": [{"cells", "kind"}],
     "basis": {"n", "population", "reference", "sources", "not_disaggregated"},
     "notes": [str]}

Column kinds: text, name, int, pct (a fraction 0–1), num (a decimal figure, e.g. a median
or an amount of money). Row kinds: "" (ordinary), "total", "priority" (highlighted),
"share" (the shares under a total) and "percent" (an indicator given as a share, in
tables whose columns are countries).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

TEXT, INT, PCT, NUM = "text", "int", "pct", "num"
# A name (of an entity, an area, a type): text kept on one line where it fits, so that
# a Thai or Khmer name, written without spaces, is never split across two lines.
NAME = "name"
NAME_ON_ONE_LINE = 48
# Row kinds whose cells (after the first) are shares, whatever their columns say.
SHARE, PERCENT = "share", "percent"


def column(label: Any, kind: str = INT) -> dict[str, str]:
    return {"label": str(label), "kind": kind}


def row(cells: list[Any], kind: str = "") -> dict[str, Any]:
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
) -> dict[str, Any]:
    """What every figure carries: n, its reference year, its source, and the share of
    people not disaggregated by sex (for counts of people)."""
    return {
        "n": n,
        "population": str(population),
        "reference": str(reference),
        "sources": str(sources),
        "not_disaggregated": not_disaggregated,
    }


def table(
    key: str,
    title: Any,
    columns: list[dict[str, str]],
    rows: list[dict[str, Any]],
    *,
    basis: dict[str, Any],
    notes: list[Any] | None = None,
) -> dict[str, Any]:
    return {
        "key": key,
        "title": str(title),
        "columns": columns,
        "rows": rows,
        "basis": basis,
        "notes": [str(note) for note in notes or []],
    }
