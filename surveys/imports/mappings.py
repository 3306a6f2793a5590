"""Column mappings of survey exports, saved per country and re-used."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from countries.models import Country
from countries.selectors import AnyUser
from sse_mapping.exceptions import ApplicationError
from surveys import access
from surveys.imports.parsing import shown
from surveys.imports.reading import read_spreadsheet
from surveys.imports.survey import (
    GPS,
    MAPPABLE,
    SAMPLE_HEADERS,
    SUBMISSION_ID,
    suggest_mapping,
)
from surveys.models import ColumnMapping

PREVIEW_ROWS = 3

__all__ = [
    "mapping_get",
    "mapping_list",
    "mapping_save",
    "read_sample",
    "suggest_mapping",
]


def mapping_list(*, user: AnyUser, country: Country) -> QuerySet[ColumnMapping]:
    return ColumnMapping.objects.visible_to(user).in_country(country)


def mapping_get(*, user: AnyUser, pk: int) -> ColumnMapping:
    return get_object_or_404(
        ColumnMapping.objects.visible_to(user).select_related("country"), pk=pk
    )


@transaction.atomic
def mapping_save(
    *,
    user: AnyUser,
    country: Country,
    mapping: ColumnMapping | None,
    name: str,
    tool: str,
    columns: dict[str, Any],
) -> ColumnMapping:
    """Create or change a mapping: template column → survey column."""
    access.require(user, "import.start", country=country)
    name = name.strip()
    if tool not in ColumnMapping.Tool.values:
        raise ApplicationError(
            _("Choose the survey tool."), field_errors={"tool": [_("Unknown tool.")]}
        )
    known = {SUBMISSION_ID, GPS, SAMPLE_HEADERS, *(c.name for c in MAPPABLE)}
    columns = {k: v for k, v in columns.items() if k in known and v}
    if not columns.get(SUBMISSION_ID):
        raise ApplicationError(
            _("Say which column identifies a submission."),
            field_errors={
                SUBMISSION_ID: [
                    _("Choose it: _uuid in KoboToolbox, KEY in ODK Central.")
                ]
            },
        )
    if not (columns.get("name_en") or columns.get("name_local")):
        raise ApplicationError(
            _("Choose the column that holds the entity's name."),
            field_errors={"name_en": [_("Choose a name column (English or local).")]},
        )
    if mapping is None:
        mapping = ColumnMapping(country=country, created_by=user)  # type: ignore[misc]
    mapping.name, mapping.tool, mapping.columns = name, tool, columns
    try:
        with transaction.atomic():
            mapping.save()
    except IntegrityError as error:
        raise ApplicationError(
            _("A mapping of %(country)s already has this name.")
            % {"country": country.name},
            field_errors={"name": [_("Choose another name.")]},
        ) from error
    return mapping


def read_sample(path: Path) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """A survey export's columns and, for each, its first values."""
    sheet = read_spreadsheet(path, max_rows=None, stop_after=PREVIEW_ROWS)
    preview = []
    for position, header in enumerate(sheet.headers):
        values = [
            shown(cells[position].value) if position < len(cells) else ""
            for _number, cells in sheet.rows[:PREVIEW_ROWS]
        ]
        preview.append((header, values))
    return [h for h in sheet.headers if h], preview
