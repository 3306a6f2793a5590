"""The staff dashboard: every country at a glance, each figure linking to its list."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from countries.models import AdminArea
from countries.vocabularies import Classification, SseType, WorkflowState
from surveys.models import Entity
from tests.surveys.factories.entities import EntityFactory, EntityFiguresFactory
from tests.surveys.factories.study import FrameCountFactory, SamplingFrameFactory

pytestmark = pytest.mark.django_db


def figure(page: str, key: str) -> str:
    return page.split(f'data-figure="{key}"')[1].split("</section>")[0]


def row(section: str, country: str) -> list[str]:
    found = re.search(rf'<tr data-country="{country}">(.*?)</tr>', section, re.S)
    assert found, country
    return re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.S)


def text(cell: str) -> str:
    return re.sub(r"<[^>]+>", "", cell).strip()


@pytest.fixture
def entities() -> None:
    sse = {"classification": Classification.SSE, "sse_type": SseType.COOP}
    first = EntityFactory(country_id="KH", validated=True, **sse)
    second = EntityFactory(country_id="KH", validated=True, **sse)
    EntityFactory(
        country_id="KH",
        classification=Classification.BORDERLINE,
        sse_type=SseType.SE,
    )
    EntityFactory(
        country_id="TH",
        classification=Classification.OUTSIDE,
        workflow_state=WorkflowState.RETURNED,
    )
    EntityFiguresFactory(
        entity=first, reference_year=2024, members_total=40, members_women=25
    )
    EntityFiguresFactory(
        entity=second,
        reference_year=2024,
        members_total=10,
        members_women=5,
        members_men=5,
    )
    # An older year of the same entity is not counted again.
    EntityFiguresFactory(
        entity=second,
        reference_year=2020,
        members_total=100,
        members_women=90,
        members_men=10,
    )


def test_staff_see_every_country_by_classification_state_type_and_women(
    client: Client, staff: User, entities: None, django_assert_max_num_queries: Any
) -> None:
    client.force_login(staff)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("staff-dashboard"))
    assert response.status_code == 200
    page = response.content.decode()
    kh_list = reverse("entity-list", args=["KH"])

    classification = figure(page, "classification")
    assert "<svg" in classification
    kh = row(classification, "KH")
    assert [text(c) for c in kh] == ["2", "1", "0", "0", "3"]
    assert f'href="{kh_list}?classification=SSE"' in kh[0]
    assert [text(c) for c in row(classification, "TH")] == ["0", "0", "1", "0", "1"]
    assert [text(c) for c in row(classification, "MN")] == ["0", "0", "0", "0", "0"]

    state = figure(page, "state")
    assert f'href="{kh_list}?workflow_state=validated"' in state
    assert text(row(state, "TH")[4]) == "1"  # returned

    types = figure(page, "type")
    assert f'href="{kh_list}?sse_type=SE"' in types

    women = row(figure(page, "women"), "KH")
    assert [text(c) for c in women[:3]] == ["30", "50", "60 %"]
    assert f'href="{kh_list}?women_led=yes"' in women[3]
    assert text(row(figure(page, "women"), "TH")[2]) == "—"

    activity = row(figure(page, "activity"), "KH")
    assert [text(c) for c in activity] == ["3", "3"]


def test_every_figures_link_opens_a_list_with_that_count(
    client: Client, staff: User, entities: None
) -> None:
    client.force_login(staff)
    page = client.get(reverse("staff-dashboard")).content.decode()
    links = re.findall(
        r'<a href="(/countries/[A-Z]{2}/entities/\?[^"]+)">(\d+)</a>',
        figure(page, "classification") + figure(page, "state"),
    )
    assert len(links) >= 6
    for url, count in links:
        listing = client.get(url.replace("&amp;", "&")).content.decode()
        assert f'data-testid="entity-count">{count}<' in listing, url


def test_the_recent_activity_figures_open_the_list_added_or_changed_since_then(
    client: Client, staff: User, entities: None
) -> None:
    now = timezone.now()
    old = EntityFactory(country_id="KH")
    Entity.objects.filter(pk=old.pk).update(
        created_at=now - datetime.timedelta(days=90),
        updated_at=now - datetime.timedelta(days=10),
    )
    forgotten = EntityFactory(country_id="KH")
    Entity.objects.filter(pk=forgotten.pk).update(
        created_at=now - datetime.timedelta(days=90),
        updated_at=now - datetime.timedelta(days=60),
    )
    client.force_login(staff)
    page = client.get(reverse("staff-dashboard")).content.decode()
    activity = row(figure(page, "activity"), "KH")
    assert [text(c) for c in activity] == ["3", "4"]

    for cell, expected in zip(activity, ["3", "4"], strict=True):
        url = re.search(r'href="([^"]+)"', cell)
        assert url, cell
        assert "_since=" in url.group(1)
        listing = client.get(url.group(1).replace("&amp;", "&")).content.decode()
        assert f'data-testid="entity-count">{expected}<' in listing, url.group(1)


def test_the_list_refuses_a_since_that_is_not_a_date(
    client: Client, staff: User, entities: None
) -> None:
    client.force_login(staff)
    response = client.get(
        reverse("entity-list", args=["KH"]), {"added_since": "last week"}
    )
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()


def test_the_dashboard_across_countries_is_for_staff_only(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    assert client.get(reverse("staff-dashboard")).status_code == 403
    assert (
        reverse("staff-dashboard")
        not in client.get(reverse("country-detail", args=["KH"])).content.decode()
    )


def test_staff_see_each_countrys_coverage_of_its_validated_sampling_frame(
    client: Client, staff: User, django_assert_max_num_queries: Any
) -> None:
    area = AdminArea.objects.filter(country_id="KH", level=1).order_by("code").first()
    frame = SamplingFrameFactory(country_id="KH", validated=True)
    FrameCountFactory(frame=frame, area=area, sse_type=SseType.COOP, registered_total=8)
    sse = {"classification": Classification.SSE, "sse_type": SseType.COOP}
    for _n in range(2):
        EntityFactory(country_id="KH", area=area, validated=True, **sse)
    # Not mapped SSE: a draft, and a borderline entity.
    EntityFactory(country_id="KH", area=area, **sse)
    EntityFactory(
        country_id="KH",
        area=area,
        validated=True,
        classification=Classification.BORDERLINE,
        sse_type=SseType.COOP,
    )
    # A frame still in draft is no frame.
    FrameCountFactory(frame=SamplingFrameFactory(country_id="TH"), registered_total=5)
    client.force_login(staff)
    with django_assert_max_num_queries(27):
        page = client.get(reverse("staff-dashboard")).content.decode()
    coverage = figure(page, "frame")
    assert "<svg" in coverage
    registered, mapped, share = (text(cell) for cell in row(coverage, "KH"))
    assert (registered, mapped, share) == ("8", "2", "25 %")
    kh = row(coverage, "KH")[1]
    assert "classification=SSE" in kh
    assert "workflow_state=validated" in kh
    assert text(row(coverage, "TH")[0]) == "No validated sampling frame"
