"""Reading an uploaded spreadsheet: CSV (UTF-8 or UTF-16), XLSX or the older XLS.

A file's kind comes from its content, never its name: survey tools and browsers name
files freely. Anything we cannot read for certain is refused with a message naming
the problem, so that no garbled text (mojibake) and no shifted cell is ever stored.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import xlrd
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

# Refused at upload: larger files are split by the consultant.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
# An XLSX file is a ZIP archive of XML: a small file can expand a thousandfold. What
# it declares it holds is checked before anything is decompressed; 20,000 rows of 200
# filled columns stay well within these.
MAX_XLSX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_XLSX_PARTS = 500
MAX_COLUMNS = 200

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"{\\rtf", "RTF"),
)
# Text that was UTF-8, read as Windows-1252 and saved again as UTF-8.
_MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf]|â€[\u0080-\u00bf™œ\u0153\u201a-\u201e]")


class FileRefused(Exception):
    """The file cannot be read; the message tells the person what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(slots=True)
class Cell:
    value: Any
    formula: bool = False
    error: str = ""
    # A spreadsheet's text cell: "=x" in it is text, never a formula.
    literal: bool = False

    @property
    def empty(self) -> bool:
        return self.value is None or (
            isinstance(self.value, str) and not self.value.strip()
        )


@dataclass
class Sheet:
    headers: list[str]
    # (row number as a spreadsheet shows it, cells), empty rows left out.
    rows: list[tuple[int, list[Cell]]]
    kind: str  # "csv", "xlsx" or "xls"


def read_spreadsheet(
    path: Path, *, max_rows: int | None = MAX_ROWS, stop_after: int | None = None
) -> Sheet:
    """The sheet's header and rows. `stop_after` reads only the first rows (a preview);
    more than `max_rows` rows is refused."""
    with path.open("rb") as file:
        head = file.read(8192)
    if not head.strip(b" \t\r\n\xef\xbb\xbf\xff\xfe\x00"):
        raise FileRefused(_("The file is empty."))
    kind = next((name for sig, name in _SIGNATURES if head.startswith(sig)), "")
    if kind == "ZIP":
        return _read_xlsx(path, max_rows=max_rows, stop_after=stop_after)
    if kind == "OLE":
        return _read_xls(path, max_rows=max_rows, stop_after=stop_after)
    if kind:
        raise FileRefused(
            _(
                "This is a %(kind)s file, not a spreadsheet. Upload the template "
                "filled in, as XLSX or CSV."
            )
            % {"kind": kind}
        )
    return _read_csv(path, head, max_rows=max_rows, stop_after=stop_after)


# --- CSV -------------------------------------------------------------------------------


def _encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:2000]
    if b"\x00" in sample:
        # UTF-16 without a byte order mark: every other byte of ASCII text is zero.
        odd_zeros = sample[1::2].count(0)
        even_zeros = sample[0::2].count(0)
        if odd_zeros > len(sample) / 4 and even_zeros == 0:
            return "utf-16-le"
        if even_zeros > len(sample) / 4 and odd_zeros == 0:
            return "utf-16-be"
        raise FileRefused(
            _(
                "This file is not a spreadsheet: it holds binary data. Upload the "
                "template filled in, as XLSX or CSV."
            )
        )
    return "utf-8"


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex().upper()
        raise FileRefused(
            _(
                "The file is not in UTF-8 or UTF-16: byte 0x%(byte)s on line %(line)d "
                "is not valid %(encoding)s. It was probably saved in an older local "
                "encoding (such as Windows-1252 or TIS-620). In Excel choose 'CSV "
                "UTF-8 (comma delimited)'; in LibreOffice choose the character set "
                "'Unicode (UTF-8)'; then upload it again."
            )
            % {"byte": byte, "line": line, "encoding": encoding.upper()}
        ) from error


def _read_csv(
    path: Path, head: bytes, *, max_rows: int | None, stop_after: int | None
) -> Sheet:
    encoding = _encoding(head)
    text = _decode(path.read_bytes(), encoding).lstrip("\ufeff")
    if "\x00" in text:
        raise FileRefused(
            _("This file is not a spreadsheet: it holds binary data (NUL bytes).")
        )
    garbled = _MOJIBAKE.search(text)
    if garbled:
        line = text[: garbled.start()].count("\n") + 1
        raise FileRefused(
            _(
                "The text on line %(line)d looks garbled (“%(sample)s”): the file was "
                "converted between encodings twice. Open the original, save it as CSV "
                "UTF-8 once, and upload that."
            )
            % {"line": line, "sample": garbled.group(0)}
        )
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    # strict: a quote left open or text after a closing quote is an error, not a
    # cell that silently swallows the rest of the line.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    try:
        headers = next(reader, None)
        if headers is None or not any(h.strip() for h in headers):
            raise FileRefused(
                _("The first line must hold the column names; it is empty.")
            )
        headers = _trim_trailing_empty(headers)
        rows: list[tuple[int, list[Cell]]] = []
        # One cell per distinct text (cells are not changed once read): most of a
        # file's cells are empty or repeat.
        shared: dict[str, Cell] = {}
        line = reader.line_num + 1
        for values in reader:
            # A cell may span lines; the row is named by the line it starts on.
            start, line = line, reader.line_num + 1
            if not any(v.strip() for v in values):
                continue
            _check_width(values, len(headers), start, delimiter)
            rows.append(
                (
                    start,
                    [
                        shared.get(v) or shared.setdefault(v, Cell(v))
                        for v in values[: len(headers)]
                    ],
                )
            )
            if stop_after is not None and len(rows) >= stop_after:
                break
            if max_rows is not None and len(rows) > max_rows:
                raise _too_many(max_rows)
    except csv.Error as error:
        raise FileRefused(
            _(
                "The CSV file is malformed on line %(line)d (%(error)s): a quote "
                '(") is probably left open or stray. Put quotes only around a whole '
                'cell, double a quote inside a quoted cell (""), or save the file '
                "again from Excel or LibreOffice as CSV UTF-8."
            )
            % {"line": line, "error": error}
        ) from error
    return Sheet(headers=[h.strip() for h in headers], rows=rows, kind="csv")


def _separator_names() -> dict[str, str]:
    return {",": _("comma"), ";": _("semicolon"), "\t": _("tab")}


def _trim_trailing_empty(values: list[str]) -> list[str]:
    end = len(values)
    while end > 1 and not values[end - 1].strip():
        end -= 1
    return values[:end]


def _check_width(values: list[str], width: int, line: int, separator: str) -> None:
    """Every row has as many cells as the header names: a cell missing or too many
    would shift every value after it into the wrong column. Empty cells past the
    last named column (trailing separators) are harmless."""
    if len(values) >= width and not any(v.strip() for v in values[width:]):
        return
    cells = len(values)
    if cells < width:
        raise FileRefused(
            _(
                "Line %(line)d has %(cells)d cells but the first line names "
                "%(width)d columns: a separator is missing, or a cell holding a "
                "separator (%(separator)s) or a line break is not in quotes. Fix that "
                "line (give every column a cell, even an empty one) and upload the "
                "file again."
            )
            % {
                "line": line,
                "cells": cells,
                "width": width,
                "separator": _separator_names()[separator],
            }
        )
    raise FileRefused(
        _(
            "Line %(line)d has %(cells)d cells but the first line names only "
            "%(width)d columns: the values past the last column would be lost. Put "
            "quotes around a cell that holds a separator, or give the extra column a "
            "name in the first line, and upload the file again."
        )
        % {"line": line, "cells": cells, "width": width}
    )


def _too_many(max_rows: int) -> FileRefused:
    return FileRefused(
        _(
            "The file has more than %(max)s data rows. Split it into files of at most "
            "%(max)s rows and import them one after the other."
        )
        % {"max": f"{max_rows:,}"}
    )


# --- XLSX ------------------------------------------------------------------------------

DATA_SHEET_NAMES = ("data",)


def _check_xlsx_archive(path: Path) -> None:
    """Refuse a workbook whose parts would expand beyond what an import needs,
    before any of them is decompressed."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl's own refusal names the problem
    expanded = sum(part.file_size for part in parts)
    if len(parts) > MAX_XLSX_PARTS or expanded > MAX_XLSX_EXPANDED_BYTES:
        raise FileRefused(
            _(
                "This workbook expands to %(size)s MB of data when opened, more than "
                "the %(max)s MB an import can read. Keep only the data sheet, remove "
                "formatting of empty rows and columns, or save it as CSV UTF-8."
            )
            % {
                "size": f"{expanded / 1024 / 1024:,.0f}",
                "max": MAX_XLSX_EXPANDED_BYTES // 1024 // 1024,
            }
        )


def _too_wide(columns: int) -> FileRefused:
    return FileRefused(
        _(
            "The sheet uses %(columns)s columns; an import reads at most %(max)s. "
            "Delete the empty columns to the right of the data (select them, then "
            "Delete columns) and upload it again."
        )
        % {"columns": f"{columns:,}", "max": MAX_COLUMNS}
    )


def _check_dimensions(sheet: Any, max_rows: int | None) -> None:
    """The sheet's declared size, when it declares one; rows are counted again while
    reading, since a file may declare less than it holds."""
    try:
        min_col, min_row, max_col, max_row = (
            sheet.min_column,
            sheet.min_row,
            sheet.max_column,
            sheet.max_row,
        )
    except (TypeError, ValueError):
        return
    if max_col and min_col and max_col - min_col + 1 > MAX_COLUMNS:
        raise _too_wide(max_col - min_col + 1)
    # The header row and blank rows come on top of the data rows.
    if (
        max_rows is not None
        and max_row
        and min_row
        and max_row - min_row > 2 * max_rows
    ):
        raise _too_many(max_rows)


def _read_xlsx(path: Path, *, max_rows: int | None, stop_after: int | None) -> Sheet:
    _check_xlsx_archive(path)
    # Opened as a stream so the file's name (".upload", ".xls", none) plays no part.
    stream = path.open("rb")
    try:
        workbook = load_workbook(stream, read_only=True, data_only=False)
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        ParseError,
        KeyError,
        OSError,
        TypeError,
        ValueError,
    ) as error:
        stream.close()
        raise FileRefused(
            _(
                "This file is a ZIP archive but not an XLSX workbook we can read "
                "(%(error)s). Save it from Excel or LibreOffice as .xlsx, or as CSV "
                "UTF-8."
            )
            % {"error": error.__class__.__name__}
        ) from error
    try:
        name = next(
            (n for n in workbook.sheetnames if n.strip().lower() in DATA_SHEET_NAMES),
            workbook.sheetnames[0],
        )
        sheet = workbook[name]
        _check_dimensions(sheet, max_rows)
        # Declared sizes are often wrong; the rows are read as they are, no wider
        # than an import reads.
        sheet.reset_dimensions()
        return _xlsx_rows(sheet, max_rows=max_rows, stop_after=stop_after)
    finally:
        workbook.close()
        stream.close()


def _xlsx_cell(cell: Any) -> Cell:
    data_type = getattr(cell, "data_type", None)
    if data_type == "f":
        return Cell(cell.value, formula=True)
    if data_type == "e":
        return Cell(cell.value, error=str(cell.value))
    value = cell.value
    if isinstance(value, str):
        value = value.replace("_x000D_", "")
    return Cell(value, literal=True)


def _xlsx_rows(sheet: Any, *, max_rows: int | None, stop_after: int | None) -> Sheet:
    first = next(iter(sheet.iter_rows(min_row=1, max_row=1)), ())
    header_cells = [_xlsx_cell(c) for c in first]
    width = max(
        (n for n, c in enumerate(header_cells, start=1) if not c.empty), default=0
    )
    if width == 0:
        raise FileRefused(_("The first row must hold the column names; it is empty."))
    if width > MAX_COLUMNS:
        raise _too_wide(width)
    headers: list[str] | None = [
        "" if c.value is None else str(c.value).strip() for c in header_cells[:width]
    ]
    rows: list[tuple[int, list[Cell]]] = []
    # Only the columns that have a name are read: a stray cell far to the right would
    # otherwise make every row thousands of cells wide.
    rows_iter: Iterator[Any] = sheet.iter_rows(min_row=2, max_col=width)
    for number, raw in enumerate(rows_iter, start=2):
        cells = [_xlsx_cell(c) for c in raw]
        if all(c.empty for c in cells):
            continue
        rows.append((number, cells))
        if stop_after is not None and len(rows) >= stop_after:
            break
        if max_rows is not None and len(rows) > max_rows:
            raise _too_many(max_rows)
    if headers is None:
        raise FileRefused(_("The file is empty."))
    return Sheet(headers=headers, rows=rows, kind="xlsx")


# --- XLS (Excel 97–2003) -----------------------------------------------------------------


def _xls_refused(reason: str) -> FileRefused:
    return FileRefused(
        _(
            "This old Excel 97–2003 (.xls) file cannot be read (%(reason)s). Save it "
            "as Excel Workbook (.xlsx) or as CSV UTF-8, then upload it again."
        )
        % {"reason": reason}
    )


def _xls_reason(error: Exception) -> str:
    return str(error)[:120] or error.__class__.__name__


def _xls_cell(cell: Any, datemode: int) -> Cell:
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return Cell(None)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        text = xlrd.error_text_from_code.get(cell.value, "#ERROR")
        return Cell(text, error=text)
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return Cell(xlrd.xldate.xldate_as_datetime(cell.value, datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return Cell(cell.value, error="#DATE")
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return Cell(bool(cell.value), literal=True)
    return Cell(cell.value, literal=True)


def _read_xls(path: Path, *, max_rows: int | None, stop_after: int | None) -> Sheet:
    """An Excel 97–2003 workbook. Its cells hold the values formulas last gave: the
    format keeps no formula an import could mistake for a value."""
    try:
        book = xlrd.open_workbook(
            file_contents=path.read_bytes(), on_demand=True, ragged_rows=True
        )
    # xlrd meets a damaged file with whatever error it hits first, assertions
    # included; every one of them means the same to the person: it cannot be read.
    except Exception as error:
        raise _xls_refused(_xls_reason(error)) from error
    try:
        names = book.sheet_names()
        if not names:
            raise FileRefused(_("The file is empty."))
        name = next(
            (n for n in names if n.strip().lower() in DATA_SHEET_NAMES), names[0]
        )
        try:
            sheet = book.sheet_by_name(name)
        except Exception as error:
            raise _xls_refused(_xls_reason(error)) from error
        if max_rows is not None and sheet.nrows - 1 > max_rows:
            raise _too_many(max_rows)
        header_cells = (
            [_xls_cell(c, book.datemode) for c in sheet.row(0)] if sheet.nrows else []
        )
        width = max(
            (n for n, c in enumerate(header_cells, start=1) if not c.empty), default=0
        )
        if width == 0:
            raise FileRefused(
                _("The first row must hold the column names; it is empty.")
            )
        if width > MAX_COLUMNS:
            raise _too_wide(width)
        headers = [
            "" if c.value is None else str(c.value).strip()
            for c in header_cells[:width]
        ]
        rows: list[tuple[int, list[Cell]]] = []
        for index in range(1, sheet.nrows):
            cells = [_xls_cell(c, book.datemode) for c in sheet.row(index)[:width]]
            if all(c.empty for c in cells):
                continue
            rows.append((index + 1, cells))
            if stop_after is not None and len(rows) >= stop_after:
                break
        return Sheet(headers=headers, rows=rows, kind="xls")
    finally:
        book.release_resources()
