"""The rows a check read and parsed, kept beside the upload for the commit.

The commit then starts from the rows the person saw checked instead of reading and
parsing the file again; what the database holds (the entities the rows update, the
look-alikes) is read again at commit. The file is the worker's own, written in the
private files root and never taken from a request.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from surveys.imports.rows import ParsedRow
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
        pickle.dump(rows, out, protocol=pickle.HIGHEST_PROTOCOL)
    part.replace(path)


def rows_kept(job: ImportJob) -> list[ParsedRow] | None:
    """The rows its check kept, or None when there are none (the file is read)."""
    path = kept_path(job)
    try:
        with path.open("rb") as kept:
            rows = pickle.load(kept)  # noqa: S301 - the worker's own file
    except (FileNotFoundError, EOFError, pickle.UnpicklingError, AttributeError):
        return None
    return rows if isinstance(rows, list) else None


def rows_forget(job: ImportJob) -> None:
    kept_path(job).unlink(missing_ok=True)
