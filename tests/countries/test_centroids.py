"""Area centroids: complete, inside their country, and what the geo-mismatch flag uses
(more of the flag's rule in test_area_reach)."""

import math
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from countries.models import AdminArea, Country
from countries.reference_data import AREAS
from countries.reference_data.centroids import CENTROIDS
from surveys.entities import services as entities_services
from surveys.models import Entity

pytestmark = pytest.mark.django_db

# (south, north, west, east)
BOUNDING_BOXES = {
    "KH": (10.0, 14.7, 102.3, 107.7),
    "KG": (39.1, 43.3, 69.2, 80.3),
    "MN": (41.5, 52.2, 87.7, 120.0),
    "TH": (5.6, 20.5, 97.3, 105.7),
    "VN": (8.4, 23.4, 102.1, 109.5),
}


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def centre(area: AdminArea) -> tuple[float, float]:
    assert area.centroid_lat is not None and area.centroid_lon is not None
    return float(area.centroid_lat), float(area.centroid_lon)


def test_every_area_has_a_centroid_after_loading(reference_data: None) -> None:
    missing = AdminArea.objects.filter(centroid_lat__isnull=True) | (
        AdminArea.objects.filter(centroid_lon__isnull=True)
    )
    assert AdminArea.objects.count() == len(AREAS)
    assert sorted(missing.values_list("code", flat=True)) == []


def test_every_centroid_names_a_known_area() -> None:
    # A mistyped code would otherwise be ignored silently by the loader.
    assert sorted(set(CENTROIDS) - {seed.code for seed in AREAS}) == []


def test_every_centroid_lies_inside_its_country(reference_data: None) -> None:
    outside = []
    for area in AdminArea.objects.all():
        south, north, west, east = BOUNDING_BOXES[area.country_id]
        lat, lon = centre(area)
        if not (south <= lat <= north and west <= lon <= east):
            outside.append((area.code, lat, lon))
    assert outside == []


def test_bangkok_centroid_is_in_bangkok(reference_data: None) -> None:
    lat, lon = centre(AdminArea.objects.get(code="TH-10"))
    assert distance_km(lat, lon, 13.75, 100.50) < 30


def test_reloading_puts_an_edited_centroid_back(reference_data: None) -> None:
    AdminArea.objects.filter(code="KH-2").update(
        centroid_lat=Decimal("1.0"), centroid_lon=Decimal("1.0")
    )
    call_command("load_reference_data", verbosity=0)
    battambang = AdminArea.objects.get(code="KH-2")
    assert (battambang.centroid_lat, battambang.centroid_lon) == (
        Decimal("13.10000"),
        Decimal("103.20000"),
    )


def entity_in_battambang(by: User, latitude: str, longitude: str) -> Entity:
    return entities_services.entity_create(
        country=Country.objects.get(pk="KH"),
        by=by,
        data={
            "name_en": "Battambang Rice Cooperative",
            "sse_type": "COOP",
            "area": AdminArea.objects.get(code="KH-2"),
            "latitude": Decimal(latitude),
            "longitude": Decimal(longitude),
        },
    )


def test_an_entity_in_battambang_town_is_not_flagged(kh_consultant: User) -> None:
    entity = entity_in_battambang(kh_consultant, "13.0957", "103.2022")
    assert entity.flag_geo_mismatch is False


def test_an_entity_filed_in_battambang_but_located_in_mondulkiri_is_flagged(
    kh_consultant: User,
) -> None:
    entity = entity_in_battambang(kh_consultant, "12.45", "107.2")
    assert entity.flag_geo_mismatch is True
