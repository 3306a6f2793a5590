"""XLSX exports: the data sheet, the code lists and 'about this export'."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from countries.names import country_name
from surveys.exports.rows import export_rows
from surveys.exports.writers.context import ExportContext
from surveys.models import Entity
from surveys.spreadsheet import (
    BOOL,
    DATA_SHEET,
    DATE,
    DECIMAL,
    EXPORT_COLUMNS,
    FORMULA_TRIGGERS,
    INT,
    MULTI_SEPARATOR,
    MULTI_VALUED,
    NO,
    YEAR,
    YES,
    code_lists,
    workbook_formats,
    write_code_lists,
    write_data_header,
)

# One XLSX sheet holds at most this many rows, the header included.
XLSX_MAX_ROWS = 1_048_576


class TooManyRows(Exception):
    pass


def write_xlsx(
    entities: QuerySet[Entity],
    path: Path,
    context: ExportContext,
    *,
    scratch: Path | None = None,
) -> int:
    """A data sheet (the template's columns), the code lists and 'about this export'.

    Constant-memory mode flushes each row to disk as it goes.
    """
    workbook = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "tmpdir": str(scratch or path.parent)}
    )
    formats = workbook_formats(workbook)
    data = workbook.add_worksheet(DATA_SHEET)
    ranges = write_code_lists(workbook, formats, code_lists(context.country))
    if context.labels is not None:
        # Dropdowns of codes would call every label cell invalid.
        ranges = {}
    about = workbook.add_worksheet(_("about this export"))
    # Dropdowns reach a little beyond the rows, for rows a consultant adds.
    last_row = min(context.entity_count * 20 + 1000, XLSX_MAX_ROWS - 1)
    write_data_header(
        data, formats, EXPORT_COLUMNS, ranges, last_row=last_row, notes=False
    )
    row_number = 0
    for row in export_rows(
        entities,
        per_year=context.per_year,
        progress=context.progress,
        labels=context.labels,
    ):
        row_number += 1
        if row_number >= XLSX_MAX_ROWS:
            workbook.close()
            raise TooManyRows
        for index, column in enumerate(EXPORT_COLUMNS):
            _write_cell(data, formats, row_number, index, column.kind, row[column.name])
    context.counts["rows"] = row_number
    _write_about(about, formats, context)
    workbook.close()
    return row_number


def _write_cell(
    sheet: Any, formats: Any, row: int, col: int, kind: str, value: Any
) -> None:
    if value is None or value == [] or value == "":
        return
    if kind == BOOL and isinstance(value, bool):
        sheet.write_string(row, col, YES if value else NO)
    elif kind in MULTI_VALUED:
        _write_text(sheet, formats, row, col, MULTI_SEPARATOR.join(value))
    elif kind in (INT, YEAR, DECIMAL):
        sheet.write_number(
            row, col, float(value) if isinstance(value, Decimal) else value
        )
    elif kind == DATE:
        sheet.write_datetime(
            row, col, datetime.datetime.combine(value, datetime.time()), formats.date
        )
    else:
        _write_text(sheet, formats, row, col, str(value))


def _write_text(sheet: Any, formats: Any, row: int, col: int, text: str) -> None:
    # A quote-prefixed text cell is shown as typed and never run as a formula.
    if text.startswith(FORMULA_TRIGGERS):
        sheet.write_string(row, col, text, formats.text)
    else:
        sheet.write_string(row, col, text)


def _write_about(sheet: Any, formats: Any, context: ExportContext) -> None:
    lines: list[tuple[str, str]] = [
        (_("Country"), f"{country_name(context.country)} ({context.country.code})"),
        (_("Exported on"), context.requested_at.strftime("%Y-%m-%d %H:%M UTC")),
        (_("Exported by"), context.requested_by),
        (
            _("Records"),
            _("validated and not yet validated (see the workflow_state column)")
            if context.include_unvalidated
            else _("validated only"),
        ),
        (
            _("Rows"),
            _("one per entity and reference year")
            if context.per_year
            else _("one per entity, with its latest figures"),
        ),
        (_("Entities"), str(context.entity_count)),
        (_("Data rows"), str(context.counts.get("rows", 0))),
    ]
    lines += [(_("Filter: %s") % label, value) for label, value in context.filters]
    if not context.filters:
        lines.append((_("Filters"), _("none: every entity of the country")))
    lines.append(
        (
            _("Codes"),
            _(
                "The data sheet holds codes; their labels are on the 'code lists' sheet."
            ),
        )
    )
    sheet.write_string(0, 0, _("About this export"), formats.bold)
    for number, (label, value) in enumerate(lines, start=2):
        sheet.write_string(number, 0, label, formats.bold)
        _write_text(sheet, formats, number, 1, value)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 70)
