"""The rows of an export, read a chunk of entities at a time so memory stays flat.

Each row is a dict of typed values keyed by the template's column names (codes, never
labels), plus a few extras (keys starting with "_") that only GeoJSON and JSON-LD use.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from countries.models import Country
from countries.names import isic_title
from countries.vocabularies import PrioritySector
from surveys.models import Entity, EntityFigures
from surveys.principles import DEFAULT_RULE_VERSION
from surveys.principles.reasons import reasons_text
from surveys.spreadsheet import (
    AREAS,
    BOOL,
    DATE,
    DECIMAL,
    ENTITY_COLUMNS,
    EXPORT_COLUMNS,
    FIGURE_COLUMNS,
    INT,
    MULTI_SEPARATOR,
    MULTI_VALUED,
    NO,
    YEAR,
    YES,
    Column,
    code_lists,
    neutralised,
)

CHUNK_SIZE = 2000

Row = dict[str, Any]
# Per coded column, its codes' labels in the export's language.
Labels = dict[str, dict[str, str]]

# Entity columns read straight from a field (or a related code) of the entity.
_ENTITY_SOURCES: dict[str, str] = {
    "entity_code": "code",
    "area": "area__code",
    "legal_form": "legal_form__code",
    "former_legal_form": "former_legal_form__code",
    "main_activity": "main_activity_id",
}
_ENTITY_FIELDS = [
    _ENTITY_SOURCES.get(c.name, c.name) for c in ENTITY_COLUMNS if c.kind != AREAS
]
_EXTRA_FIELDS = [
    "pk",
    "uid",
    "workflow_state",
    "classification",
    "classification_rule_version",
    "classification_reasons",
    "sector_farm_small",
    "sector_asm",
    "sector_construction",
    "women_led",
    "share_not_disaggregated",
    "area__name_en",
    "area__centroid_lat",
    "area__centroid_lon",
    "legal_form__name_en",
    "main_activity__title",
    "country_id",
    "version",
]
_FIGURE_FIELDS = [
    "entity_id",
    *("source__title" if c.name == "source" else c.name for c in FIGURE_COLUMNS),
]


def export_rows(
    entities: QuerySet[Entity],
    *,
    per_year: bool,
    progress: Callable[[int], None] | None = None,
    labels: Labels | None = None,
    after: str = "",
    chunk_done: Callable[[str, int], None] | None = None,
) -> Iterator[Row]:
    """One row per entity with its latest figures, or one per entity and year; with
    `labels` (see code_labels), coded columns hold their labels instead of codes.

    Entities are read in code order a chunk at a time (keyset paging: no cursor held
    open, nothing held but the chunk), from the first one whose code comes `after`.
    Once the consumer has taken a chunk's rows, `chunk_done` is told the chunk's last
    code and how many entities were read, then `progress` how many.
    """
    if labels is not None:
        for row in export_rows(
            entities,
            per_year=per_year,
            progress=progress,
            after=after,
            chunk_done=chunk_done,
        ):
            yield labelled(row, labels)
        return
    done, last = 0, after
    while True:
        chunk = entities.filter(code__gt=last).order_by("code").values("pk")
        values = list(
            Entity.objects.filter(pk__in=chunk[:CHUNK_SIZE])
            .order_by("code")
            .values(*_ENTITY_FIELDS, *_EXTRA_FIELDS)
        )
        if not values:
            return
        yield from _chunk_rows(values, per_year=per_year)
        done += len(values)
        last = values[-1]["code"]
        if chunk_done is not None:
            chunk_done(last, done)
        if progress is not None:
            progress(done)


# (column name, the values() key it is read from) for the plain entity columns.
_ENTITY_READS = [
    (c.name, _ENTITY_SOURCES.get(c.name, c.name))
    for c in ENTITY_COLUMNS
    if c.kind != AREAS
]
_EMPTY_FIGURES = {c.name: None for c in FIGURE_COLUMNS}


def _chunk_rows(values: list[dict[str, Any]], *, per_year: bool) -> Iterator[Row]:
    ids = [entity["pk"] for entity in values]
    other_areas: dict[int, list[str]] = defaultdict(list)
    for entity_id, code in Entity.other_areas.through.objects.filter(
        entity_id__in=ids
    ).values_list("entity_id", "adminarea__code"):
        other_areas[entity_id].append(code)
    figures: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in (
        EntityFigures.objects.filter(entity_id__in=ids)
        .order_by("entity_id", "reference_year")
        .values(*_FIGURE_FIELDS)
    ):
        figures[row["entity_id"]].append(row)
    for entity in values:
        base = _entity_row(entity, sorted(other_areas.get(entity["pk"], [])))
        years = figures.get(entity["pk"], [])
        if not years:
            yield {**base, **_EMPTY_FIGURES}
        elif per_year:
            for year in years:
                yield {**base, **_figure_row(year)}
        else:
            yield {**base, **_figure_row(years[-1])}


def _entity_row(entity: dict[str, Any], other_areas: list[str]) -> Row:
    row: Row = {name: entity[key] for name, key in _ENTITY_READS}
    row["other_areas"] = other_areas
    sectors = []
    if entity["sector_farm_small"]:
        sectors.append(PrioritySector.FARM_SMALL.value)
    if entity["sector_asm"]:
        sectors.append(PrioritySector.ASM.value)
    if entity["sector_construction"]:
        sectors.append(PrioritySector.CONSTRUCTION.value)
    row.update(
        workflow_state=entity["workflow_state"],
        classification=entity["classification"],
        classification_provisional=entity["classification_rule_version"]
        in ("", DEFAULT_RULE_VERSION),
        classification_reasons=" ".join(reasons_text(entity["classification_reasons"])),
        priority_sectors=sectors,
        women_led=entity["women_led"],
        share_not_disaggregated=entity["share_not_disaggregated"],
        version=entity["version"],
        _pk=entity["pk"],
        _uid=entity["uid"],
        _area_name=entity["area__name_en"] or "",
        _area_centroid=(entity["area__centroid_lat"], entity["area__centroid_lon"]),
        _legal_form_name=entity["legal_form__name_en"] or "",
        _main_activity_title=entity["main_activity__title"] or "",
        _country=entity["country_id"],
    )
    return row


_FIGURE_READS = [
    (c.name, "source__title" if c.name == "source" else c.name) for c in FIGURE_COLUMNS
]


def _figure_row(figures: dict[str, Any]) -> Row:
    return {
        column.name: figures[
            "source__title" if column.name == "source" else column.name
        ]
        for column in FIGURE_COLUMNS
    }


# --- Labels ----------------------------------------------------------------------------

# Columns whose code list names something else than their cells hold (a source's title
# is listed with its kind).
_NOT_LABELLED = frozenset({"source"})


def code_labels(country: Country) -> Labels:
    """Each coded column's labels, in the active language: the choices' labels, the
    areas', legal forms' and ISIC codes' names, Yes and No (the code lists that the
    workbook's 'code lists' sheet shows, read the same way)."""
    lists = code_lists(country)
    # ISIC codes read with their code, as pages show them (surveys.display).
    lists["isic"] = [
        (code, f"{code} {isic_title(code, title)}") for code, title in lists["isic"]
    ]
    return {
        column.name: dict(lists[column.list_name])
        for column in EXPORT_COLUMNS
        if column.list_name is not None and column.list_name not in _NOT_LABELLED
    }


def labelled(row: Row, labels: Labels) -> Row:
    """The row with each coded cell's label in place of its code (a code without one,
    such as a former area, stays as it is)."""
    shown = dict(row)
    for name, names in labels.items():
        value = row[name]
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            shown[name] = names[YES if value else NO]
        elif isinstance(value, list):
            shown[name] = [names.get(str(code), str(code)) for code in value]
        else:
            shown[name] = names.get(str(value), str(value))
    return shown


# --- Cells ---------------------------------------------------------------------------


def csv_cell(column: Column, value: Any) -> str:
    """A value as CSV text: codes, ';' between several, text cells neutralised.

    The PostgreSQL COPY path (writers.csv.copy_query) must produce exactly the same text.
    """
    if value is None:
        return ""
    if column.kind == BOOL and isinstance(value, bool):
        return YES if value else NO
    if column.kind in MULTI_VALUED:
        return neutralised(MULTI_SEPARATOR.join(value))
    if column.kind in (INT, YEAR):
        return str(value)
    if column.kind == DECIMAL:
        return format(value, "f") if isinstance(value, Decimal) else repr(value)
    if column.kind == DATE:
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
    return neutralised(str(value))


def csv_row(row: Row) -> list[str]:
    return [csv_cell(column, row[column.name]) for column in EXPORT_COLUMNS]
