"""What a page's point picker needs: the country's areas with their centres."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from countries import area_reach
from countries.models import AdminArea, Country
from surveys.entities.derived import GEO_MISMATCH_MESSAGES
from surveys.maps.base import map_base

register = template.Library()


@register.simple_tag
def point_picker_config(country: Country) -> dict[str, Any]:
    """The country's current first-level areas (id, name, centre) with their reach
    (`countries.area_reach`: the saved entity's geo-mismatch rule and its figures, so
    the warning while typing and the flag after saving agree), and the base layer."""
    areas = list(AdminArea.objects.filter(country=country, level=1).order_by("name_en"))
    reaches = area_reach.area_reaches(areas)
    current = {area.pk for area in AdminArea.objects.current().filter(country=country)}
    flagged = _("It will be flagged for the committee if saved like this.")
    return {
        "rule": {
            "nearerShare": area_reach.NEARER_SHARE,
            "marginFloorKm": area_reach.MARGIN_FLOOR_KM,
        },
        "areas": [
            {
                "id": area.pk,
                "name": area.name_en,
                "lat": reaches[area.pk].centres[0][0],
                "lon": reaches[area.pk].centres[0][1],
                "centres": reaches[area.pk].centres,
                "reachKm": round(reaches[area.pk].reach_km),
            }
            for area in areas
            if area.pk in current and area.pk in reaches
        ],
        **map_base([country.code]),
        "labels": {
            "nearer": f"{GEO_MISMATCH_MESSAGES['nearer']} {flagged}",
            "far": f"{GEO_MISMATCH_MESSAGES['far']} {flagged}",
            "inside": _(
                "The point lies %(km)s km from the centre of %(area)s, within the "
                "area as far as its centre and its neighbours' tell."
            ),
            "noArea": _("Choose the first-level area to check the point against it."),
            "invalid": _(
                "Latitude runs from -90 to 90 and longitude from -180 to 180."
            ),
            "centre": _("Centre of %(area)s"),
            "formerCentre": _("Seat of a unit merged into %(area)s"),
            "pin": _("The entity's location on the map"),
        },
    }
