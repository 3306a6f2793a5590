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


def rows_keep(job: ImportJob, rows: list[ParsedRow]) -> None:
    """Keep the parsed rows of a file that passed its check."""
    path = kept_path(job)
    part = path.with_name(path.name + ".part")
    with part.open("wb") as out:
        pickle.dump(
            [_packed(row) for row in rows], out, protocol=pickle.HIGHEST_PROTOCOL
        )
    part.replace(path)


def rows_kept(job: ImportJob) -> list[ParsedRow] | None:
    """The rows its check kept; None when it kept none or they no longer load (a
    check made by an earlier version of the code): the file is then read again."""
    path = kept_path(job)
    try:
        with path.open("rb") as kept:
            packed = pickle.load(kept)  # noqa: S301 - the worker's own file
        cells: dict[tuple[Any, ...], Cell] = {}
        return [_unpacked(row, cells) for row in packed]
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


def rows_forget(job: ImportJob) -> None:
    kept_path(job).unlink(missing_ok=True)


# A row's cells as plain tuples: pickling thousands of small objects one by one is
# slower than reading the file again.
def _packed(row: ParsedRow) -> tuple[Any, ...]:
    source = row.source
    cells = tuple(
        (name, cell.value, cell.formula, cell.error, cell.literal)
        for name, cell in source.cells.items()
    )
    return (
        source.number,
        cells,
        source.external_id,
        source.origin,
        source.version,
        row.entity,
        row.figures,
        row.year,
        row.code,
        row.signature,
    )


def _unpacked(
    packed: tuple[Any, ...], shared: dict[tuple[Any, ...], Cell]
) -> ParsedRow:
    """`shared`: the cells read so far, one object per content (cells are not
    changed once read), as most of a file's cells repeat."""
    number, cells, external_id, origin, version, *parsed = packed
    for _name, *content in cells:
        key = tuple(content)
        if key not in shared:
            shared[key] = Cell(*content)
    source = SourceRow(
        number=number,
        cells={name: shared[tuple(content)] for name, *content in cells},
        external_id=external_id,
        origin=origin,
        version=version,
    )
    return ParsedRow(source, *parsed)
