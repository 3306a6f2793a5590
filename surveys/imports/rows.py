"""The rows of an uploaded file as the check reads them: the template's cells of each
row, whether the file is the template or a mapped survey export."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from surveys.imports.parsing import Problem
from surveys.imports.reading import Cell, Sheet
from surveys.imports.survey import SurveyRow, survey_rows
from surveys.models import ColumnMapping
from surveys.spreadsheet import DERIVED_COLUMNS, TEMPLATE_COLUMNS


class _Columns:
    """Column names and their positions, shared by every row that has these columns."""

    __slots__ = ("names", "positions")

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names
        self.positions = {name: position for position, name in enumerate(names)}

    def __reduce__(self) -> tuple[Any, tuple[tuple[str, ...]]]:
        return (_columns, (self.names,))


@functools.lru_cache(maxsize=256)
def _columns(names: tuple[str, ...]) -> _Columns:
    return _Columns(names)


class ColumnValues(Mapping[str, Any]):
    """A row's values by column name, read-only. Rows with the same columns share
    their names, so that a row holds a tuple of values rather than a dict of its own:
    the check keeps every row of a file, three mappings a row."""

    __slots__ = ("_columns", "_values")

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._columns = _columns(tuple(values))
        self._values = tuple(values.values())

    def __reduce__(self) -> tuple[Any, tuple[_Columns, tuple[Any, ...]]]:
        return (_column_values, (self._columns, self._values))

    def __getitem__(self, name: str) -> Any:
        return self._values[self._columns.positions[name]]

    def get(self, name: str, default: Any = None) -> Any:
        position = self._columns.positions.get(name)
        return default if position is None else self._values[position]

    def __contains__(self, name: object) -> bool:
        return name in self._columns.positions

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns.names)

    def __len__(self) -> int:
        return len(self._values)

    def keys(self) -> KeysView[str]:
        return self._columns.positions.keys()

    def items(self) -> ItemsView[str, Any]:
        return _Items(self)

    def values(self) -> ValuesView[Any]:
        return _Values(self)

    def __repr__(self) -> str:
        return f"ColumnValues({dict(self.items())!r})"


class _Items(ItemsView[str, Any]):
    _mapping: ColumnValues

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        row = self._mapping
        return zip(row._columns.names, row._values, strict=True)


class _Values(ValuesView[Any]):
    _mapping: ColumnValues

    def __iter__(self) -> Iterator[Any]:
        return iter(self._mapping._values)


def _column_values(columns: _Columns, values: tuple[Any, ...]) -> ColumnValues:
    row = ColumnValues.__new__(ColumnValues)
    row._columns, row._values = columns, values
    return row


def row_signature(values: Iterable[str]) -> bytes:
    """A digest of a row's cells as text, equal for rows that repeat each other."""
    return hashlib.blake2b(
        repr(tuple(values)).encode("utf-8", "surrogatepass"), digest_size=16
    ).digest()


@dataclass
class SourceRow:
    number: int
    cells: Mapping[str, Cell]
    external_id: str = ""
    origin: dict[str, str] = field(default_factory=dict)
    # The record's version when it was exported, when the file says.
    version: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.cells, ColumnValues):
            self.cells = ColumnValues(self.cells)

    def column_label(self, name: str) -> str:
        """The column as the person sees it in their file."""
        if name in self.origin:
            return f"{self.origin[name]} ({name})"
        return name


@dataclass
class ParsedRow:
    """A row whose every cell was read without a problem."""

    source: SourceRow
    entity: Mapping[str, Any]
    figures: Mapping[str, Any]
    year: int | None
    code: str
    signature: bytes


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
