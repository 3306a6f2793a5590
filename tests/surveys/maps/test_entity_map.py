"""The entity map: clusters that add up to the list, scoped like the list."""

from __future__ import annotations

import random
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from countries.models import AdminArea
from countries.vocabularies import Classification, SseType
from surveys.maps.clusters import MAX_ZOOM, entity_clusters
from surveys.models import Entity
from tests.surveys.factories.entities import EntityFactory

pytestmark = pytest.mark.django_db

API = "api-entity-map-clusters"


def place(n: int, country: str, seed: int = 1, **fields: Any) -> None:
    """n entities spread around the country's areas' centres, some stacked on one
    spot, some without coordinates."""
    rng = random.Random(seed)
    areas = list(
        AdminArea.objects.current().filter(country_id=country, level=1).order_by("pk")
    )
    for i in range(n):
        area = areas[i % len(areas)]
        located = i % 7 != 0
        stacked = i % 5 == 0
        EntityFactory(
            country_id=country,
            area=area,
            classification=(
                Classification.BORDERLINE if i % 3 == 0 else Classification.SSE
            ),
            sse_type=SseType.COOP if i % 2 else SseType.ASSOC,
            latitude=(
                None
                if not located
                else area.centroid_lat
                if stacked
                else area.centroid_lat + Decimal(str(round(rng.uniform(-0.8, 0.8), 6)))
            ),
            longitude=(
                None
                if not located
                else area.centroid_lon
                if stacked
                else area.centroid_lon + Decimal(str(round(rng.uniform(-0.8, 0.8), 6)))
            ),
            **fields,
        )


def on_map(data: dict[str, Any]) -> int:
    return (
        sum(cluster["count"] for cluster in data["clusters"])
        + len(data["points"])
        + data["without_coordinates"]
    )


def list_count(client: Client, code: str, query: str = "") -> int:
    page = client.get(f"{reverse('entity-list', args=[code])}?{query}").content
    found = re.search(rb'data-testid="entity-count">([\d,]+)<', page)
    assert found
    return int(found.group(1).replace(b",", b""))


def test_cluster_counts_add_up_to_the_filtered_list_at_every_zoom(
    client: Client, th_consultant: User
) -> None:
    place(120, "TH")
    place(10, "KH")
    client.force_login(th_consultant)
    for query in ("", "classification=BORDERLINE", "sse_type=COOP&q=Entity"):
        expected = list_count(client, "TH", query)
        api_query = query.replace("q=", "search=")
        sizes = set()
        for zoom in range(MAX_ZOOM + 1):
            response = client.get(f"{reverse(API)}?country=TH&zoom={zoom}&{api_query}")
            assert response.status_code == 200
            data = response.json()
            assert on_map(data) == expected, (query, zoom)
            sizes.add(len(data["clusters"]))
        # Zooming in splits clusters: far out a few, close in none left but stacks.
        assert len(sizes) > 2
    assert expected < 120


def test_a_single_entity_is_a_point_with_both_names_type_classification_state_and_link(
    client: Client, th_consultant: User
) -> None:
    entity = EntityFactory(
        country_id="TH",
        name_en="Chiang Mai Weavers",
        name_local="กลุ่มทอผ้าเชียงใหม่",
        sse_type=SseType.COOP,
        classification=Classification.BORDERLINE,
        latitude=Decimal("18.79"),
        longitude=Decimal("98.98"),
    )
    client.force_login(th_consultant)
    data = client.get(f"{reverse(API)}?country=TH&zoom=5").json()
    assert data["clusters"] == []
    (point,) = data["points"]
    assert point["name_en"] == "Chiang Mai Weavers"
    assert point["name_local"] == "กลุ่มทอผ้าเชียงใหม่"
    assert point["sse_type_label"] == "Cooperative"
    assert point["classification_label"] == "Borderline"
    assert point["workflow_state_label"] == "Draft"
    assert point["url"] == reverse("entity-detail", args=[entity.pk])


def test_the_box_limits_the_map_to_what_is_in_view(
    client: Client, kh_consultant: User
) -> None:
    EntityFactory(
        country_id="KH", latitude=Decimal("11.56"), longitude=Decimal("104.93")
    )
    EntityFactory(
        country_id="KH", latitude=Decimal("13.36"), longitude=Decimal("103.86")
    )
    client.force_login(kh_consultant)
    around_phnom_penh = "south=11&west=104&north=12&east=105.5"
    data = client.get(f"{reverse(API)}?country=KH&zoom=8&{around_phnom_penh}").json()
    assert [p["latitude"] for p in data["points"]] == [11.56]


def test_a_mongolian_committee_members_map_holds_no_cambodian_point(
    client: Client, mn_committee: User
) -> None:
    place(20, "KH")
    place(6, "MN")
    client.force_login(mn_committee)
    for country in ("", "KH"):
        data = client.get(f"{reverse(API)}?zoom=3&country={country}").json()
        points = data["points"] + data["clusters"]
        assert all(p["longitude"] > 85 for p in points)
    assert on_map(client.get(f"{reverse(API)}?zoom=3&country=KH").json()) == 0
    assert on_map(client.get(f"{reverse(API)}?zoom=3").json()) == 6
    coverage = client.get(reverse("api-entity-map-coverage")).json()
    assert {area["country"] for area in coverage} == {"MN"}
    assert client.get(reverse("entity-map", args=["KH"])).status_code == 404
    assert client.get(reverse("coverage-map", args=["KH"])).status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("zoom=99", "zoom"),
        ("zoom=-1", "zoom"),
        ("zoom=3&south=10", "four sides"),
        ("zoom=3&south=20&north=10&west=100&east=101", "South must not"),
        ("zoom=3&south=x&north=10&west=100&east=101", "south"),
        ("classification=NOPE", "classification"),
    ],
)
def test_bad_map_parameters_are_refused_with_a_message(
    client: Client, kh_consultant: User, query: str, field: str
) -> None:
    client.force_login(kh_consultant)
    response = client.get(f"{reverse(API)}?{query}")
    assert response.status_code == 400
    assert field in str(response.json())


def test_the_map_answers_in_a_constant_number_of_queries(
    client: Client, kh_consultant: User, django_assert_max_num_queries: Any
) -> None:
    place(60, "KH")
    client.force_login(kh_consultant)
    client.get(f"{reverse(API)}?country=KH&zoom=12")
    with django_assert_max_num_queries(8):
        client.get(f"{reverse(API)}?country=KH&zoom=12")


def test_the_map_page_shows_the_lists_filter_and_count(
    client: Client, th_committee: User
) -> None:
    place(30, "TH")
    client.force_login(th_committee)
    expected = list_count(client, "TH", "classification=BORDERLINE")
    page = client.get(
        f"{reverse('entity-map', args=['TH'])}?classification=BORDERLINE"
    ).content.decode()
    assert f'data-testid="entity-count">{expected}<' in page
    assert 'name="classification"' in page
    assert 'id="map-config"' in page
    assert "leaflet/leaflet" in page
    assert "cdn" not in page.lower()
    # A map has no order, so it offers none; the list does.
    assert 'name="sort"' not in page
    listing = client.get(reverse("entity-list", args=["TH"])).content.decode()
    assert reverse("entity-map", args=["TH"]) in listing
    assert 'name="sort"' in listing


def test_only_staff_see_the_map_across_countries(
    client: Client, staff: User, kh_consultant: User
) -> None:
    place(5, "KH")
    place(5, "VN")
    client.force_login(kh_consultant)
    assert client.get(reverse("entity-map-all")).status_code == 403
    client.force_login(staff)
    page = client.get(reverse("entity-map-all")).content.decode()
    assert 'data-testid="entity-count">10<' in page
    assert on_map(client.get(f"{reverse(API)}?zoom=2").json()) == 10


def test_a_point_moved_by_any_write_path_is_grouped_where_it_now_is(
    client: Client, kh_consultant: User
) -> None:
    """The map's stored grid cell follows the coordinates whatever writes them: here
    a bulk update, which no save() sees."""
    entities = [
        EntityFactory(
            country_id="KH", latitude=Decimal("11.56"), longitude=Decimal("104.93")
        )
        for _ in range(3)
    ]
    Entity.objects.filter(pk__in=[e.pk for e in entities[:2]]).update(
        latitude=Decimal("-13.36"), longitude=Decimal("-103.86")
    )
    client.force_login(kh_consultant)
    data = client.get(f"{reverse(API)}?country=KH&zoom=6").json()
    (cluster,) = data["clusters"]
    assert cluster["count"] == 2
    # At the cells' centre: within a stored cell (about 150 m) of the points.
    assert abs(cluster["latitude"] - -13.36) < 0.002
    assert abs(cluster["longitude"] - -103.86) < 0.002
    (point,) = data["points"]
    assert point["id"] == entities[2].pk
    south_west = "south=-14&west=-104&north=-13&east=-103"
    data = client.get(f"{reverse(API)}?country=KH&zoom=12&{south_west}").json()
    assert [c["count"] for c in data["clusters"]] == [2]
    assert data["points"] == []


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's plans; SQLite has none"
)
@pytest.mark.parametrize("zoom", [2, 4, 6, 9])
def test_the_database_expects_as_many_cells_as_the_map_has(
    zoom: int, kh_consultant: User
) -> None:
    """PostgreSQL knows how many cells each zoom makes: it plans the grouping of
    every country's points for the few cells there are (in parallel, at 500 000),
    not for one cell in ten points."""
    place(150, "KH")
    place(150, "VN", seed=2)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE surveys_entity")
    entities = Entity.objects.filter(deleted_at__isnull=True)
    with CaptureQueriesContext(connection) as captured:
        data = entity_clusters(entities=entities, zoom=zoom)
    (grouping,) = [
        q["sql"] for q in captured.captured_queries if "GROUP BY" in q["sql"]
    ]
    cells = len(data["clusters"]) + len(data["points"])

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {grouping}")
        expected = cursor.fetchone()[0][0]["Plan"]["Plan Rows"]

    assert cells / 2 <= expected <= cells * 2
