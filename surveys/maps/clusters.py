"""Entities on a map: grouped into grid cells in SQL, so 100 000 points cost one query.

The map asks for a zoom and the box it shows. Each zoom has a cell size in degrees (a
quarter of a 256-pixel tile, so cells are about 64 pixels wide on screen); the filtered
entities with coordinates inside the box are grouped by floor(lat / cell) and
floor(lon / cell), read from the cell the database stores for each entity on the
finest grid (`Entity.map_row`, `map_col`) down to that grid's zoom. A cell holding one entity is a point with its names, type,
classification and state; a cell holding more is a cluster with its count and mean
position. Every filtered entity is in exactly one cell or among those
without coordinates, so the counts add up to the list's count at every zoom.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BigIntegerField,
    Count,
    F,
    FloatField,
    Min,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Cast, Floor
from django.urls import reverse

from surveys.models import Entity
from surveys.models.entities import MAP_GRID_CELLS, MAP_GRID_ZOOM

MAX_ZOOM = 20
CELLS_PER_TILE = 4
# Wider than the number of columns at the deepest zoom, so row and column never mix.
CELL_KEY = 2**25


@dataclass(frozen=True)
class Box:
    south: float
    west: float
    north: float
    east: float


WORLD = Box(south=-90, west=-180, north=90, east=180)


def cell_degrees(zoom: int) -> float:
    return 360.0 / (2**zoom) / CELLS_PER_TILE


def entity_points(ids: list[int]) -> list[dict[str, Any]]:
    """What a point's popup shows, for the entities alone in their cell."""
    rows = (
        Entity.objects.filter(pk__in=ids)
        .order_by("pk")
        .only(
            "code",
            "name_en",
            "name_local",
            "sse_type",
            "classification",
            "workflow_state",
            "latitude",
            "longitude",
        )
    )
    return [
        {
            "id": entity.pk,
            "code": entity.code,
            "name_en": entity.name_en,
            "name_local": entity.name_local,
            "sse_type": entity.sse_type,
            "sse_type_label": entity.get_sse_type_display(),
            "classification": entity.classification,
            "classification_label": entity.get_classification_display(),
            "workflow_state": entity.workflow_state,
            "workflow_state_label": entity.get_workflow_state_display(),
            "latitude": float(entity.latitude),  # type: ignore[arg-type]
            "longitude": float(entity.longitude),  # type: ignore[arg-type]
            "url": reverse("entity-detail", args=[entity.pk]),
        }
        for entity in rows
    ]


def entity_clusters(
    *, entities: QuerySet[Entity], zoom: int, box: Box = WORLD
) -> dict[str, Any]:
    """The filtered entities grouped by grid cell within the box, at this zoom.

    `entities` is already scoped to the user and filtered: this only groups it."""
    cell = cell_degrees(zoom)

    def grid(degrees: float) -> int:
        return math.floor(degrees * MAP_GRID_CELLS / 360)

    # The box as a range of stored cells: a range of the map index. Down to the
    # grid's zoom a stored cell is far smaller than a pixel's worth of the view, so
    # the whole cells at the box's edges are in; beyond, the box is taken exactly.
    located = entities.order_by().filter(
        map_row__gte=grid(box.south),
        map_row__lte=grid(box.north),
        map_col__gte=grid(box.west),
        map_col__lte=grid(box.east),
    )
    if zoom <= MAP_GRID_ZOOM:
        # floor(floor(x) / 2^k) = floor(x / 2^k), and >> is that floor on integers:
        # the zoom's cell from the stored one, with no arithmetic on the decimals.
        shift = MAP_GRID_ZOOM - zoom
        # In bigint: row × CELL_KEY passes the 32-bit integers of the columns.
        row: Any = Cast(F("map_row"), BigIntegerField()).bitrightshift(shift)
        column: Any = F("map_col").bitrightshift(shift)
        # A cluster sits at the mean of its stored cells' centres (within 75 m of
        # the mean of its points): integer sums, read from the index.
        position: Any = {
            "rows": Sum("map_row"),
            "columns": Sum("map_col"),
        }
    else:
        located = located.filter(
            latitude__gte=box.south,
            latitude__lte=box.north,
            longitude__gte=box.west,
            longitude__lte=box.east,
        )
        row = Floor(Cast(F("latitude"), FloatField()) / cell)
        column = Floor(Cast(F("longitude"), FloatField()) / cell)
        position = {
            "rows": Sum(Cast(F("latitude"), FloatField())),
            "columns": Sum(Cast(F("longitude"), FloatField())),
        }
    # One grouping key rather than two: PostgreSQL then hashes the few cells instead
    # of sorting every point (it cannot estimate how many cells two columns make).
    cells = (
        located.annotate(cell=row * CELL_KEY + column)
        .values("cell")
        .annotate(count=Count("pk"), first=Min("pk"), **position)
        .values_list("count", "first", "rows", "columns")
    )

    def mean(total: Any, count: int) -> float:
        if zoom > MAP_GRID_ZOOM:
            return round(float(total) / count, 6)
        return round((float(total) / count + 0.5) * 360 / MAP_GRID_CELLS, 6)

    clusters = []
    alone = []
    for count, first, rows, columns in cells:
        if count == 1:
            alone.append(first)
            continue
        clusters.append(
            {
                "count": count,
                "latitude": mean(rows, count),
                "longitude": mean(columns, count),
            }
        )
    clusters.sort(key=lambda c: (-c["count"], c["latitude"], c["longitude"]))
    return {
        "zoom": zoom,
        "cell_degrees": cell,
        "clusters": clusters,
        "points": entity_points(alone),
        # The grid cell is null exactly when a coordinate is: read from the index.
        "without_coordinates": entities.order_by()
        .filter(Q(map_row__isnull=True) | Q(map_col__isnull=True))
        .count(),
    }
