"""Whether a point lies outside its first-level area, judged from the areas' centres:
each area reaches as far as its neighbours' centres allow."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from countries.area_reach import MARGIN_FLOOR_KM, country_area_reaches, distance_km
from countries.models import AdminArea, Country
from surveys.entities import services as entities_services
from surveys.models import Entity

pytestmark = pytest.mark.django_db

# Places in Chiang Mai province, from its seat to its far corners.
CHIANG_MAI_PLACES = {
    "Chiang Mai city": (18.79, 98.98),
    "Mae Rim": (18.91, 98.94),
    "San Kamphaeng": (18.75, 99.12),
    "Fang": (19.92, 99.21),
    "Mae Ai": (20.03, 99.28),
    "Chiang Dao": (19.37, 98.96),
    "Mae Chaem": (18.50, 98.36),
    "Hot": (18.19, 98.61),
    "Omkoi": (17.80, 98.36),
}
LAMPHUN_TOWN = (18.58, 99.01)
PA_SANG_IN_LAMPHUN = (18.52, 98.94)


def reach_of(code: str):  # type: ignore[no-untyped-def]
    area = AdminArea.objects.get(code=code)
    return country_area_reaches(area.country_id)[area.pk]


def entity_in_chiang_mai(by: User, point: tuple[float, float]) -> Entity:
    return entities_services.entity_create(
        country=Country.objects.get(pk="TH"),
        by=by,
        data={
            "name_en": "Chiang Mai Weavers",
            "sse_type": "COOP",
            "area": AdminArea.objects.get(code="TH-50"),
            "latitude": Decimal(str(point[0])),
            "longitude": Decimal(str(point[1])),
        },
    )


def test_a_point_in_lamphun_filed_in_chiang_mai_is_flagged(
    th_consultant: User,
) -> None:
    entity = entity_in_chiang_mai(th_consultant, LAMPHUN_TOWN)
    assert entity.flag_geo_mismatch is True
    outside = reach_of("TH-50").outside(PA_SANG_IN_LAMPHUN)
    assert outside is not None and outside.nearer == "Lamphun"


def test_a_point_in_chiang_mai_city_is_not_flagged(th_consultant: User) -> None:
    entity = entity_in_chiang_mai(th_consultant, CHIANG_MAI_PLACES["Chiang Mai city"])
    assert entity.flag_geo_mismatch is False


def test_points_across_chiang_mai_province_are_not_flagged(
    reference_data: None,
) -> None:
    chiang_mai = reach_of("TH-50")
    flagged = {
        name: chiang_mai.outside(point)
        for name, point in CHIANG_MAI_PLACES.items()
        if chiang_mai.outside(point) is not None
    }
    assert flagged == {}


def test_a_point_at_another_areas_seat_is_flagged_unless_the_seats_are_neighbours(
    reference_data: None,
) -> None:
    # Seats closer than the margin (a city and the province around it) are not told
    # apart; nor is a seat that lies beside a merged unit's former seat.
    missed = []
    for country in ("KH", "KG", "MN", "TH", "VN"):
        for reach in country_area_reaches(country).values():
            for rival in reach.rivals:
                seat = rival.centres[0]
                apart = min(distance_km(seat, own) for own in reach.centres)
                if apart > MARGIN_FLOOR_KM and reach.outside(seat) is None:
                    missed.append((reach.name, rival.name))
    assert missed == []


def test_a_point_at_a_merged_units_former_seat_belongs_to_its_successor(
    reference_data: None,
) -> None:
    far = []
    for old in AdminArea.objects.filter(replaced_by__isnull=False):
        assert old.replaced_by_id is not None
        successor = country_area_reaches("VN")[old.replaced_by_id]
        seat = (float(old.centroid_lat), float(old.centroid_lon))  # type: ignore[arg-type]
        if successor.outside(seat) is not None:
            far.append((old.code, successor.name))
    assert far == []


def test_a_point_far_beyond_the_country_is_flagged_by_the_areas_reach(
    reference_data: None,
) -> None:
    outside = reach_of("KH-12").outside((48.85, 2.35))  # Paris, for Phnom Penh
    assert outside is not None
    assert outside.km > outside.reach_km


def test_a_sparse_aimag_reaches_farther_than_a_dense_province(
    reference_data: None,
) -> None:
    omnogovi, bangkok = reach_of("MN-053"), reach_of("TH-10")
    assert omnogovi.reach_km > bangkok.reach_km
    # Ömnögovi's western edge lies some 320 km from Dalanzadgad.
    assert omnogovi.outside((43.3, 100.5)) is None
