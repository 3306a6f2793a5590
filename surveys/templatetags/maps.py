"""What a page's point picker needs: the country's areas with their centres."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from countries.models import AdminArea, Country
from surveys.entities.derived import GEO_MISMATCH_KM

register = template.Library()


@register.simple_tag
def point_picker_config(country: Country) -> dict[str, Any]:
    """The country's current first-level areas (id, name, centre), the distance from
    its centre beyond which a point is flagged (the saved entity's geo-mismatch rule,
    so the warning while typing and the flag after saving agree), and the tiles."""
    areas = AdminArea.objects.current().filter(country=country, level=1)
    return {
        "radiusKm": GEO_MISMATCH_KM,
        "areas": [
            {
                "id": area.pk,
                "name": area.name_en,
                "lat": float(area.centroid_lat),
                "lon": float(area.centroid_lon),
            }
            for area in areas.order_by("name_en")
            if area.centroid_lat is not None and area.centroid_lon is not None
        ],
        "tiles": (
            {
                "url": settings.MAP_TILES_URL,
                "attribution": settings.MAP_TILES_ATTRIBUTION,
            }
            if settings.MAP_TILES_URL
            else None
        ),
        "labels": {
            "outside": _(
                "This point is %(km)s km from the centre of %(area)s, farther than "
                "%(limit)s km: check the area and the coordinates. It will be "
                "flagged for the committee if saved like this."
            ),
            "inside": _("The point lies within %(km)s km of the centre of %(area)s."),
            "noArea": _("Choose the first-level area to check the point against it."),
            "invalid": _(
                "Latitude runs from -90 to 90 and longitude from -180 to 180."
            ),
            "centre": _("Centre of %(area)s"),
            "pin": _("The entity's location on the map"),
        },
    }
