"""The rows of an uploaded file as the check reads them: the template's cells of each
row, whether the file is the template or a mapped survey export."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from surveys.imports.parsing import Problem
from surveys.imports.reading import Cell, Sheet
from surveys.imports.survey import SurveyRow, survey_rows
from surveys.models import ColumnMapping
from surveys.spreadsheet import DERIVED_COLUMNS, TEMPLATE_COLUMNS


@dataclass
class SourceRow:
    number: int
    cells: dict[str, Cell]
    external_id: str = ""
    origin: dict[str, str] = field(default_factory=dict)
    # The record's version when it was exported, when the file says.
    version: int | None = None

    def column_label(self, name: str) -> str:
        """The column as the person sees it in their file."""
        if name in self.origin:
            return f"{self.origin[name]} ({name})"
        return name


@dataclass
class ParsedRow:
    """A row whose every cell was read without a problem."""

    source: SourceRow
    entity: dict[str, Any]
    figures: dict[str, Any]
    year: int | None
    code: str
    signature: tuple[str, ...]


def _version(cells: list[Cell], position: int | None) -> int | None:
    if position is None or position >= len(cells):
        return None
    try:
        return int(str(cells[position].value).strip())
    except ValueError:
        return None


def template_rows(sheet: Sheet) -> tuple[list[SourceRow], list[Problem]]:
    headers = [h.strip().lower() for h in sheet.headers]
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for position, header in enumerate(headers):
        if header and header in seen:
            problems.append(
                Problem(
                    1,
                    header,
                    header,
                    _("The column “%(name)s” appears twice (columns %(a)d and %(b)d).")
                    % {"name": header, "a": seen[header] + 1, "b": position + 1},
                    _("each column once"),
                )
            )
        seen.setdefault(header, position)
    missing = [c.name for c in TEMPLATE_COLUMNS if c.name not in seen]
    if missing:
        known = {c.name for c in TEMPLATE_COLUMNS} | {c.name for c in DERIVED_COLUMNS}
        unknown = [h for h in headers if h and h not in known]
        message = _("The file lacks the columns: %(missing)s.") % {
            "missing": ", ".join(missing)
        }
        if unknown:
            message += " " + _("Columns not recognised: %(unknown)s.") % {
                "unknown": ", ".join(unknown)
            }
        message += " " + _(
            "Keep the template's first row as it is; download the template again if "
            "in doubt."
        )
        problems.append(
            Problem(1, ", ".join(missing), "", message, _("the template's columns"))
        )
    if problems:
        return [], problems
    rows = []
    for number, cells in sheet.rows:
        by_column = {
            c.name: cells[seen[c.name]] if seen[c.name] < len(cells) else Cell(None)
            for c in TEMPLATE_COLUMNS
        }
        rows.append(
            SourceRow(
                number=number,
                cells=by_column,
                version=_version(cells, seen.get("version")),
            )
        )
    return rows, []


def mapped_rows(
    sheet: Sheet, mapping: ColumnMapping
) -> tuple[list[SourceRow], list[Problem]]:
    rows, mapping_problems = survey_rows(
        sheet,
        mapping.columns,
        values=mapping.values,
        review_states=mapping.review_states,
    )
    problems = [
        Problem(1, column, "", message, _("a column of this file"))
        for column, message in mapping_problems
    ]
    return [_from_survey(row) for row in rows], problems


def _from_survey(row: SurveyRow) -> SourceRow:
    return SourceRow(
        number=row.number,
        cells=row.cells,
        external_id=row.external_id,
        origin=row.origin,
    )
