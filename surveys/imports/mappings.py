"""Column mappings of survey exports, saved per country and re-used."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from countries.models import Country
from countries.names import country_name
from countries.selectors import AnyUser
from sse_mapping.exceptions import ApplicationError
from surveys import access
from surveys.imports.parsing import shown
from surveys.imports.reading import read_spreadsheet
from surveys.imports.survey import (
    GPS,
    MAPPABLE,
    REVIEW_STATES,
    SAMPLE_HEADERS,
    SUBMISSION_ID,
    suggest_mapping,
)
from surveys.imports.values import (
    check_tables,
    is_coded,
    reads_as_codes,
    suggest_values,
)
from surveys.models import ColumnMapping
from surveys.spreadsheet import Column

PREVIEW_ROWS = 3
# Enough answers to see a coded column's choices.
SUGGESTION_ROWS = 500

__all__ = [
    "Sample",
    "mapping_get",
    "mapping_list",
    "mapping_save",
    "read_sample",
    "sample_suggestions",
    "suggest_mapping",
]


def mapping_list(*, user: AnyUser, country: Country) -> QuerySet[ColumnMapping]:
    return ColumnMapping.objects.visible_to(user).in_country(country)


def mapping_visible(*, user: AnyUser) -> QuerySet[ColumnMapping]:
    return ColumnMapping.objects.visible_to(user).select_related("country")


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
    values: dict[str, Any] | None = None,
    review_states: list[str] | None = None,
) -> ColumnMapping:
    """Create or change a mapping: template column → survey column, with a value
    table for each coded column and the review states of the submissions imported."""
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
    tables, table_errors = check_tables(
        values or {}, {c.name: c for c in MAPPABLE}, country
    )
    if table_errors:
        raise ApplicationError(
            _("Some values are mapped to codes the platform does not have."),
            field_errors={
                f"values_{name}": messages for name, messages in table_errors.items()
            },
        )
    known_states = {state for state, _label in REVIEW_STATES}
    states = list(dict.fromkeys(review_states or []))
    unknown = [state for state in states if state not in known_states]
    if unknown:
        raise ApplicationError(
            _("Unknown review state: %(states)s.") % {"states": ", ".join(unknown)},
            field_errors={"review_states": [_("Choose among the states listed.")]},
        )
    if mapping is None:
        mapping = ColumnMapping(country=country, created_by=user)  # type: ignore[misc]
    mapping.name, mapping.tool, mapping.columns = name, tool, columns
    # Tables of columns no longer mapped are kept out: they would never be read.
    mapping.values = {k: v for k, v in tables.items() if k in columns}
    mapping.review_states = states
    try:
        with transaction.atomic():
            mapping.save()
    except IntegrityError as error:
        raise ApplicationError(
            _("A mapping of %(country)s already has this name.")
            % {"country": country_name(country)},
            field_errors={"name": [_("Choose another name.")]},
        ) from error
    return mapping


@dataclass
class Sample:
    headers: list[str]
    # (column, its first values) for the page.
    preview: list[tuple[str, list[str]]]
    # Column → its answers in the first rows, to suggest from.
    answers: dict[str, list[Any]]


def sample_suggestions(
    *, sample: Sample, tool: str, country: Country
) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """The suggested columns and, for each mapped coded column, its value table."""
    by_name = {c.name: c for c in MAPPABLE}

    def readable(column: Column, header: str) -> bool:
        if not is_coded(column):
            return True
        return reads_as_codes(column, sample.answers.get(header, []), country)

    columns = suggest_mapping(tool, sample.headers, readable=readable)
    tables = {}
    for name, header in columns.items():
        column = by_name.get(name)
        if column is not None and is_coded(column):
            table = suggest_values(column, sample.answers.get(header, []), country)
            if table:
                tables[name] = table
    return columns, tables


def read_sample(path: Path) -> Sample:
    """A survey export's columns, their first values, and the answers of its first
    rows."""
    sheet = read_spreadsheet(path, max_rows=None, stop_after=SUGGESTION_ROWS)
    answers = {
        header: [cells[i].value for _n, cells in sheet.rows if i < len(cells)]
        for i, header in enumerate(sheet.headers)
    }
    preview = []
    for position, header in enumerate(sheet.headers):
        values = [
            shown(cells[position].value) if position < len(cells) else ""
            for _number, cells in sheet.rows[:PREVIEW_ROWS]
        ]
        preview.append((header, values))
    return Sample([h for h in sheet.headers if h], preview, answers)
