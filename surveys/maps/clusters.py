"""Entities on a map: grouped into grid cells in SQL, so 100 000 points cost one query.

The map asks for a zoom and the box it shows. Each zoom has a cell size in degrees (a
quarter of a 256-pixel tile, so cells are about 64 pixels wide on screen); the filtered
entities with coordinates inside the box are grouped by floor(lat / cell) and
floor(lon / cell). A cell holding one entity is a point with its names, type,
classification and state; a cell holding more is a cluster with its count and mean
position. Every filtered entity is in exactly one cell or among those
without coordinates, so the counts add up to the list's count at every zoom.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, F, FloatField, Min, Q, QuerySet
from django.db.models.functions import Cast, Floor
from django.urls import reverse

from surveys.models import Entity

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
    located = entities.order_by().filter(
        latitude__isnull=False,
        longitude__isnull=False,
        latitude__gte=box.south,
        latitude__lte=box.north,
        longitude__gte=box.west,
        longitude__lte=box.east,
    )
    row = Floor(Cast(F("latitude"), FloatField()) / cell)
    column = Floor(Cast(F("longitude"), FloatField()) / cell)
    # One grouping key rather than two: PostgreSQL then hashes the few cells instead
    # of sorting every point (it cannot estimate how many cells two floors make).
    cells = (
        located.annotate(cell=row * CELL_KEY + column)
        .values("cell")
        .annotate(
            count=Count("pk"),
            first=Min("pk"),
            mean_lat=Avg(Cast(F("latitude"), FloatField())),
            mean_lon=Avg(Cast(F("longitude"), FloatField())),
        )
        .values_list("count", "first", "mean_lat", "mean_lon")
    )
    clusters = []
    alone = []
    for count, first, latitude, longitude in cells:
        if count == 1:
            alone.append(first)
            continue
        clusters.append(
            {
                "count": count,
                "latitude": round(latitude, 6),
                "longitude": round(longitude, 6),
            }
        )
    clusters.sort(key=lambda c: (-c["count"], c["latitude"], c["longitude"]))
    return {
        "zoom": zoom,
        "cell_degrees": cell,
        "clusters": clusters,
        "points": entity_points(alone),
        "without_coordinates": entities.order_by()
        .filter(Q(latitude__isnull=True) | Q(longitude__isnull=True))
        .count(),
    }
