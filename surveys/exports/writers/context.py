"""What every export writer reads besides the rows."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


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
