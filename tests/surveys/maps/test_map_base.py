"""Every map's base layer: the configured tiles, or else the countries' outlines."""

from __future__ import annotations

from typing import Any

import pytest

from surveys.maps.base import map_base


def test_without_tiles_a_map_carries_the_outline_of_each_country_it_shows(
    settings: Any,
) -> None:
    settings.MAP_TILES_URL = ""
    base = map_base(["TH", "KH", "TH"])
    assert base["tiles"] is None
    features = base["outlines"]["features"]
    assert len(features) == 2
    # Thailand's outline reaches from the Malay peninsula to the Mekong.
    thai = [
        point
        for feature in features
        for ring in feature["geometry"]["coordinates"]
        for point in ring
        if isinstance(point[0], float) and point[1] > 19.5
    ]
    assert thai, "no point of the outlines lies north of 19.5°"


def test_with_tiles_the_outlines_are_left_out(settings: Any) -> None:
    settings.MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILES_ATTRIBUTION = "© example"
    base = map_base(["TH"])
    assert base["outlines"] is None
    assert base["tiles"]["url"].startswith("https://tiles.example.org/")


@pytest.mark.parametrize("code", ["KH", "KG", "MN", "TH", "VN"])
def test_every_study_country_has_an_outline(code: str, settings: Any) -> None:
    settings.MAP_TILES_URL = ""
    features = map_base([code])["outlines"]["features"]
    assert [f["geometry"]["type"] for f in features] in (["Polygon"], ["MultiPolygon"])
