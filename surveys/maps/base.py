"""What every map's configuration carries besides its data: the base layer (tiles when
`MAP_TILES_URL` is set; otherwise the countries' outlines, so that a map works offline)
and the titles of the zoom buttons in the reader's language.

The outlines come from the `countryinfo` package (MIT licence), whose country shapes
are world.geo.json's, drawn from Natural Earth's 1:110m countries (public domain): a
few hundred points per country, enough to place the areas' centres and the points.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from countryinfo import CountryInfo
from django.conf import settings
from django.utils.translation import gettext as _


@functools.cache
def country_outline(code: str) -> tuple[dict[str, Any], ...]:
    """The country's outline as GeoJSON features; none for a code the package lacks."""
    try:
        collection = CountryInfo(code).geo_json()
    except (KeyError, ValueError, LookupError):
        return ()
    return tuple(
        {
            "type": "Feature",
            "properties": {},
            "geometry": {
                "type": feature["geometry"]["type"],
                "coordinates": _rounded(feature["geometry"]["coordinates"]),
            },
        }
        for feature in collection.get("features", [])
    )


def _rounded(coordinates: Any) -> Any:
    """Two decimals (about 1 km), finer than the 1:110m outlines themselves."""
    if isinstance(coordinates, float | int):
        return round(coordinates, 2)
    return [_rounded(part) for part in coordinates]


def map_base(countries: Iterable[str]) -> dict[str, Any]:
    """The base layer for a map of these countries (ISO codes) and its zoom titles."""
    if settings.MAP_TILES_URL:
        base: dict[str, Any] = {
            "tiles": {
                "url": settings.MAP_TILES_URL,
                "attribution": settings.MAP_TILES_ATTRIBUTION,
            },
            "outlines": None,
        }
    else:
        base = {
            "tiles": None,
            "outlines": {
                "type": "FeatureCollection",
                "features": [
                    feature
                    for code in sorted(set(countries))
                    for feature in country_outline(code)
                ],
            },
        }
    return {**base, "zoom": {"in": _("Zoom in"), "out": _("Zoom out")}}
