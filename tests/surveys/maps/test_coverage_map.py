"""Coverage by area: entities per first-level area beside the case-study matrix."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from countries.models import AdminArea
from tests.surveys.factories.entities import EntityFactory

pytestmark = pytest.mark.django_db


def area(country: str, code: str) -> AdminArea:
    return AdminArea.objects.get(country_id=country, code=code)


def test_the_coverage_map_counts_entities_per_area_beside_the_case_matrix(
    client: Client, kh_consultant: User
) -> None:
    battambang, koh_kong = area("KH", "KH-2"), area("KH", "KH-9")
    for _ in range(3):
        EntityFactory(country_id="KH", area=battambang)
    EntityFactory(country_id="KH", area=koh_kong)
    EntityFactory(country_id="KH", area=None)
    EntityFactory(country_id="TH", area=area("TH", "TH-10"))
    client.force_login(kh_consultant)

    response = client.get(reverse("coverage-map", args=["KH"]))

    assert response.status_code == 200
    page = response.content.decode()
    rows = dict(
        re.findall(
            r'<tr data-area="([^"]+)">.*?<td class="text-end[^"]*">(.*?)</td>',
            page,
            re.S,
        )
    )
    assert len(rows) == 25
    assert re.sub(r"<[^>]+>", "", rows["KH-2"]) == "3"
    assert f"?area={battambang.pk}" in rows["KH-2"]
    assert rows["KH-9"].endswith(">1</a>")
    assert rows["KH-12"] == "0"
    config = json.loads(
        page.split('id="map-config" type="application/json">')[1].split("</script>")[0]
    )
    assert sum(a["entities"] for a in config["coverage"]) == 4
    assert all(a["latitude"] and a["longitude"] for a in config["coverage"])
    assert 'data-testid="coverage-sectors"' in page


def test_entities_under_a_merged_province_count_in_its_successor(
    client: Client, staff: User
) -> None:
    old = AdminArea.objects.filter(country_id="VN", replaced_by__isnull=False).first()
    assert old is not None
    successor = old.current_successor()
    EntityFactory(country_id="VN", area=old)
    EntityFactory(country_id="VN", area=successor)
    client.force_login(staff)

    coverage = client.get(f"{reverse('api-entity-map-coverage')}?country=VN").json()

    assert len(coverage) == 34
    counts = {row["code"]: row["entities"] for row in coverage}
    assert counts[successor.code] == 2
    assert sum(counts.values()) == 2
