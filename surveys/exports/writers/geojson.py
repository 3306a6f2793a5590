"""GeoJSON exports: published entities as points, no finer than the public may see."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any, BinaryIO

from django.db.models import QuerySet

from countries.vocabularies import GeoPrecision, Visibility
from surveys.exports.rows import Row, export_rows
from surveys.exports.writers.context import ExportContext
from surveys.models import Entity

# Decimal places kept for a public point, by how exact it was recorded (~1 m to ~100 km).
PLACES = {
    GeoPrecision.EXACT: 5,
    GeoPrecision.VILLAGE: 2,
    GeoPrecision.DISTRICT: 1,
    GeoPrecision.PROVINCE: 0,
}


def published_point(row: Row) -> tuple[list[float] | None, str]:
    """Where a map may put the entity, and how exact that point is.

    Only public entities get their own point, never finer than it was recorded;
    aggregate-only ones get their area's centre (or a point ~100 km coarse), and
    private ones none.
    """
    visibility = row["visibility"]
    latitude, longitude = row["latitude"], row["longitude"]
    if visibility == Visibility.PRIVATE:
        return None, ""
    has_point = latitude is not None and longitude is not None
    if visibility == Visibility.PUBLIC and has_point:
        precision = row["geo_precision"] or GeoPrecision.DISTRICT
        places = PLACES[GeoPrecision(precision)]
        return [
            round(float(longitude), places),
            round(float(latitude), places),
        ], precision
    centre_lat, centre_lon = row["_area_centroid"]
    if centre_lat is not None and centre_lon is not None:
        return [float(centre_lon), float(centre_lat)], GeoPrecision.PROVINCE
    if has_point:
        return [round(float(longitude)), round(float(latitude))], GeoPrecision.PROVINCE
    return None, ""


GEOJSON_PROPERTIES = (
    "entity_code",
    "name_local",
    "name_en",
    "sse_type",
    "area",
    "registration_status",
    "main_activity",
    "visibility",
    "workflow_state",
    "classification",
    "reference_year",
    "members_total",
    "members_women",
    "members_men",
)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def write_geojson(
    entities: QuerySet[Entity], out: BinaryIO, context: ExportContext
) -> int:
    """A FeatureCollection of entities (latest figures), points honouring visibility."""
    out.write(b'{"type": "FeatureCollection", "features": [\n')
    rows = 0
    for row in export_rows(entities, per_year=False, progress=context.progress):
        point, precision = published_point(row)
        properties = {name: _plain(row[name]) for name in GEOJSON_PROPERTIES}
        properties["location_precision"] = precision or None
        feature = {
            "type": "Feature",
            "id": row["entity_code"],
            "geometry": {"type": "Point", "coordinates": point} if point else None,
            "properties": properties,
        }
        out.write((",\n" if rows else "").encode())
        out.write(json.dumps(feature, ensure_ascii=False).encode())
        rows += 1
    out.write(b"\n]}\n")
    return rows
