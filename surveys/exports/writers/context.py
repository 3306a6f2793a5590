"""What every export writer reads besides the rows."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypedDict


class Checkpoint(TypedDict):
    """How far a file's writing got: an interrupted attempt goes on from here."""

    # The code of the last entity whose rows are all in the file.
    after: str
    # Entities and rows in the file, and its length in bytes, up to that entity.
    entities: int
    rows: int
    bytes: int


@dataclass
class ExportContext:
    """What a writer needs besides the rows: for the 'about' sheet and the metadata."""

    country: Any
    requested_by: str
    requested_at: datetime.datetime
    filters: list[tuple[str, str]]
    include_unvalidated: bool
    per_year: bool
    entity_count: int
    progress: Callable[[int], None] | None = None
    # Coded columns' labels (surveys.exports.rows.code_labels), or None for codes.
    labels: dict[str, dict[str, str]] | None = None
    counts: dict[str, int] = field(default_factory=dict)
    # Where an interrupted attempt stopped, for a writer that resumes (the CSV one);
    # and what is told each time the file holds whole entities, for the next attempt.
    resume: Checkpoint | None = None
    checkpoint: Callable[[Checkpoint], None] | None = None
