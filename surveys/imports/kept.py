"""The rows a check read and parsed, kept beside the upload for the commit.

The commit then starts from the rows the person saw checked instead of reading and
parsing the file again; what the database holds (the entities the rows update, the
look-alikes) is read again at commit. The file is the worker's own, written in the
private files root and never taken from a request.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from surveys.imports.reading import Cell
from surveys.imports.rows import ParsedRow, SourceRow
from surveys.jobs.runner import private_path
from surveys.models import ImportJob

SUFFIX = ".checked"


def kept_path(job: ImportJob) -> Path:
    return private_path(job.file_path + SUFFIX)


# Rows packed and written at a time: the check's rows are all in memory, their
# packed copy only a chunk at a time. Each chunk names its own cells.
CHUNK_ROWS = 1000


def rows_keep(job: ImportJob, rows: list[ParsedRow]) -> None:
    """Keep the parsed rows of a file that passed its check."""
    path = kept_path(job)
    part = path.with_name(path.name + ".part")
    with part.open("wb") as out:
        for start in range(0, len(rows), CHUNK_ROWS):
            packing = _Packing()
            packed = [packing.row(row) for row in rows[start : start + CHUNK_ROWS]]
            pickle.dump(
                (packing.contents, packed), out, protocol=pickle.HIGHEST_PROTOCOL
            )
    part.replace(path)


def rows_kept(job: ImportJob) -> list[ParsedRow] | None:
    """The rows its check kept; None when it kept none or they no longer load (a
    check made by an earlier version of the code): the file is then read again."""
    path = kept_path(job)
    rows: list[ParsedRow] = []
    try:
        with path.open("rb") as kept:
            while kept.peek(1):
                contents, packed = pickle.load(kept)  # noqa: S301 - the worker's own
                # One cell per content: cells are not changed once read.
                cells = [Cell(*content) for content in contents]
                rows.extend(_unpacked(row, cells) for row in packed)
    except (
        FileNotFoundError,
        EOFError,
        pickle.UnpicklingError,
        AttributeError,
        ImportError,
        TypeError,
        ValueError,
    ):
        return None
    return rows or None


def rows_forget(job: ImportJob) -> None:
    kept_path(job).unlink(missing_ok=True)


class _Packing:
    """Rows as plain tuples: each distinct cell content written once and named by its
    position, each row's column names shared with the rows that have the same ones.
    Pickling many small objects one by one is slower than reading the file again."""

    def __init__(self) -> None:
        self.contents: list[tuple[Any, ...]] = []
        self._positions: dict[tuple[Any, ...], int] = {}
        self._names: dict[tuple[str, ...], tuple[str, ...]] = {}

    def _position(self, cell: Cell) -> int:
        content = (cell.value, cell.formula, cell.error, cell.literal)
        # By type too: 1, 1.0 and True are equal keys, not the same cell.
        key = (type(cell.value), *content)
        position = self._positions.get(key)
        if position is None:
            position = self._positions[key] = len(self.contents)
            self.contents.append(content)
        return position

    def row(self, row: ParsedRow) -> tuple[Any, ...]:
        source = row.source
        names = tuple(source.cells)
        return (
            source.number,
            self._names.setdefault(names, names),
            tuple(self._position(cell) for cell in source.cells.values()),
            source.external_id,
            source.origin,
            source.version,
            row.entity,
            row.figures,
            row.year,
            row.code,
            row.signature,
        )


def _unpacked(packed: tuple[Any, ...], cells: list[Cell]) -> ParsedRow:
    number, names, positions, external_id, origin, version, *parsed = packed
    source = SourceRow(
        number=number,
        cells=dict(zip(names, map(cells.__getitem__, positions), strict=True)),
        external_id=external_id,
        origin=origin,
        version=version,
    )
    return ParsedRow(source, *parsed)
