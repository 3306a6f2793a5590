"""Entities counted by current first-level area, with each area's centroid."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from countries.models import AdminArea
from countries.selectors import AnyUser
from surveys.models import Entity


def area_coverage(
    *, entities: QuerySet[Entity], user: AnyUser, country_code: str | None = None
) -> list[dict[str, Any]]:
    """Every current first-level area of the user's countries (or of one), with the
    filtered entities it holds: an entity recorded under a unit merged since counts
    in the unit that holds its territory today. Areas with none are listed with 0."""
    areas = AdminArea.objects.visible_to(user).filter(level=1)
    if country_code:
        areas = areas.filter(country_id=country_code)
    every = {area.pk: area for area in areas}
    by_area = (
        entities.order_by()
        .filter(area__isnull=False)
        .values_list("area")
        .annotate(n=Count("pk"))
    )
    current = areas.current().order_by("country_id", "name_en")
    counts = dict.fromkeys((area.pk for area in current), 0)
    for area_id, n in by_area:
        area = every.get(area_id)
        while area is not None and area.pk not in counts:
            area = every.get(area.replaced_by_id) if area.replaced_by_id else None
        if area is not None:
            counts[area.pk] += n
    return [
        {
            "pk": area.pk,
            "country": area.country_id,
            "code": area.code,
            "name_en": area.name_en,
            "name_local": area.name_local,
            "latitude": float(area.centroid_lat) if area.centroid_lat else None,
            "longitude": float(area.centroid_lon) if area.centroid_lon else None,
            "entities": counts[area.pk],
        }
        for area in current
    ]
