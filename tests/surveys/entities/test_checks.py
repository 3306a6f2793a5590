"""Checks as you type: the validation endpoints answer with the server's own rules,
save nothing, and keep to the user's countries; a new entity needs its name and type."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from countries.models import AdminArea, Country
from countries.vocabularies import SseType, SurplusRule
from surveys.entities import services as entities_services
from surveys.models import Entity, EntityFigures
from tests.surveys.entities.test_entity_pages import entity_post
from tests.surveys.factories import EntityFactory

pytestmark = pytest.mark.django_db


def checked(client: Client, url: str, data: dict[str, Any]) -> dict[str, Any]:
    response = client.post(url, data)
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_the_check_names_a_point_far_from_the_chosen_area(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    phnom_penh = AdminArea.objects.get(code="KH-12")

    answer = checked(
        client,
        reverse("entity-create-check", args=["KH"]),
        entity_post(area=phnom_penh.pk, latitude="48.85", longitude="2.35"),
    )

    warning = answer["warnings"]["longitude"][0]
    assert "9941 km from the centre of Phnom Penh" in warning
    assert "beyond its reach of 250 km" in warning
    assert Entity.objects.count() == 0


def test_the_check_names_the_neighbouring_province_a_point_lies_in(
    client: Client, th_consultant: User
) -> None:
    client.force_login(th_consultant)
    chiang_mai = AdminArea.objects.get(code="TH-50")

    answer = checked(
        client,
        reverse("entity-create-check", args=["TH"]),
        entity_post(area=chiang_mai.pk, latitude="18.58", longitude="99.01"),
    )

    warning = answer["warnings"]["longitude"][0]
    assert "nearer the centre of Lamphun than that of Chiang Mai" in warning


def test_a_point_inside_the_area_gets_no_warning(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    area = AdminArea.objects.get(code="KH-12")

    answer = checked(
        client,
        reverse("entity-create-check", args=["KH"]),
        entity_post(
            area=area.pk,
            latitude=str(area.centroid_lat),
            longitude=str(area.centroid_lon),
        ),
    )

    assert answer["warnings"] == {}


def test_the_check_lists_what_is_still_needed_for_submission_as_typed(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    url = reverse("entity-create-check", args=["KH"])

    empty = checked(client, url, {})
    named = checked(client, url, entity_post(year_established="2015"))

    assert "name (local script or English)" in empty["missing"]
    assert "SSE type" in empty["missing"]
    assert "name (local script or English)" not in named["missing"]
    assert "year established" not in [m.lower() for m in named["missing"]]
    assert "the principles assessment" in named["missing"]


def test_the_check_answers_the_services_own_errors(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)

    answer = checked(
        client,
        reverse("entity-create-check", args=["KH"]),
        entity_post(year_established="2999", latitude="91", other_activities="9999"),
    )

    assert answer["errors"]["year_established"] == [
        "The year established cannot be in the future."
    ]
    assert "latitude" in answer["errors"]
    assert "other_activities" in answer["errors"]


def test_the_cooperative_member_type_applies_only_to_cooperatives(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    url = reverse("entity-create-check", args=["KH"])

    association = checked(client, url, entity_post(sse_type=SseType.ASSOC))
    cooperative = checked(client, url, entity_post(sse_type=SseType.COOP))

    assert "coop_member_type" in association["hidden"]
    assert "coop_member_type" not in cooperative["hidden"]


def test_the_form_hides_fields_that_do_not_apply_when_it_opens(
    client: Client, kh_consultant: User
) -> None:
    entity = EntityFactory(created_by=kh_consultant, sse_type=SseType.ASSOC)
    client.force_login(kh_consultant)

    page = client.get(reverse("entity-edit", args=[entity.pk])).content.decode()

    assert 'data-field-wrapper="coop_member_type" hidden' in page
    assert 'data-field-wrapper="org_level">' in page


def test_saving_clears_a_value_that_no_longer_applies(
    kh_consultant: User,
) -> None:
    entity = entities_services.entity_create(
        country=Country.objects.get(pk="KH"),
        by=kh_consultant,
        data={
            "name_en": "Weavers",
            "sse_type": SseType.COOP,
            "coop_member_type": "PRODUCER",
            "surplus_rule": SurplusRule.CAPPED,
            "surplus_cap_pct": 20,
        },
    )

    entities_services.entity_update(
        entity=entity,
        by=kh_consultant,
        data={"sse_type": SseType.ASSOC, "surplus_rule": SurplusRule.PATRONAGE},
        expected_version=entity.version,
    )

    entity.refresh_from_db()
    assert entity.coop_member_type == ""
    assert entity.surplus_cap_pct is None


def test_the_figures_check_names_sums_by_sex_above_the_total(
    client: Client, kh_consultant: User
) -> None:
    entity = EntityFactory(created_by=kh_consultant)
    client.force_login(kh_consultant)

    answer = checked(
        client,
        reverse("entity-figures-check", args=[entity.pk]),
        {
            "version": entity.version,
            "reference_year": "2024",
            "members_total": "10",
            "members_women": "6",
            "members_men": "7",
            "board_total": "12",
        },
    )

    assert answer["errors"]["members_total"] == [
        "Members: women (6) and men (7) add up to more than the total (10)."
    ]
    assert "board_total" in answer["errors"]
    assert not EntityFigures.objects.exists()


def test_another_countrys_entity_is_not_found_by_the_check(
    client: Client, kh_consultant: User, th_consultant: User
) -> None:
    entity = EntityFactory(created_by=kh_consultant)
    client.force_login(th_consultant)

    edit = client.post(reverse("entity-edit-check", args=[entity.pk]), {})
    figures = client.post(reverse("entity-figures-check", args=[entity.pk]), {})
    create = client.post(reverse("entity-create-check", args=["KH"]), {})

    assert (edit.status_code, figures.status_code, create.status_code) == (
        404,
        404,
        404,
    )


def test_an_empty_new_entity_saves_nothing_and_says_what_it_needs(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)

    response = client.post(
        reverse("entity-create", args=["KH"]),
        entity_post(name_en="", name_local="", sse_type="", locality="Near the market"),
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert Entity.objects.count() == 0
    assert "Nothing was saved" in page
    assert 'data-field-error="sse_type"' in page
    assert 'data-field-error="name_en"' in page
    assert 'value="Near the market"' in page


def test_a_check_reads_a_bounded_number_of_rows_whatever_is_typed(
    client: Client, kh_consultant: User, django_assert_max_num_queries: Any
) -> None:
    entity = EntityFactory(created_by=kh_consultant)
    client.force_login(kh_consultant)
    url = reverse("entity-edit-check", args=[entity.pk])
    data = entity_post(version=entity.version, other_activities=["0111", "0112"])

    with django_assert_max_num_queries(45):
        assert client.post(url, data).status_code == 200
