"""Affiliations: a member organisation's link to its union, federation or apex body."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from countries.models import Country
from countries.vocabularies import WorkflowState
from sse_mapping.exceptions import ApplicationError, NotAllowedError
from surveys.entities import affiliations
from surveys.entities import services as entities_services
from surveys.models import Affiliation, AuditEvent, Entity
from tests.api.helpers import token_client

pytestmark = pytest.mark.django_db


def make(user: User, country: str, name: str, **data: Any) -> Entity:
    return entities_services.entity_create(
        country=Country.objects.get(pk=country),
        by=user,
        data={"name_en": name, "sse_type": "COOP", **data},
    )


@pytest.fixture
def thai(th_consultant: User) -> dict[str, Entity]:
    return {
        "coop": make(th_consultant, "TH", "Coop A", org_level="PRIMARY"),
        "federation": make(
            th_consultant, "TH", "Federation of coops", org_level="SECONDARY"
        ),
    }


def test_a_consultant_records_a_member_organisation_of_a_federation(
    thai: dict[str, Entity], th_consultant: User
) -> None:
    coop = thai["coop"]
    link = affiliations.affiliation_add(
        member=coop,
        federation=thai["federation"],
        year=2019,
        by=th_consultant,
        expected_version=coop.version,
    )
    assert (link.member, link.federation, link.year) == (
        coop,
        thai["federation"],
        2019,
    )
    coop.refresh_from_db()
    assert coop.version == 2
    event = AuditEvent.objects.filter(action="affiliation added").get()
    assert event.changes["affiliation"][1].endswith("(2019)")


def test_adding_a_link_to_a_validated_member_sends_it_back_to_draft(
    thai: dict[str, Entity], th_consultant: User
) -> None:
    coop = thai["coop"]
    Entity.objects.filter(pk=coop.pk).update(workflow_state=WorkflowState.VALIDATED)
    affiliations.affiliation_add(
        member=coop,
        federation=thai["federation"],
        year=None,
        by=th_consultant,
        expected_version=None,
    )
    coop.refresh_from_db()
    assert coop.workflow_state == WorkflowState.DRAFT  # to be validated again


def test_a_federation_of_another_country_is_refused(
    thai: dict[str, Entity], kh_consultant: User, th_consultant: User
) -> None:
    khmer = make(kh_consultant, "KH", "Khmer union", org_level="SECONDARY")
    with pytest.raises(ApplicationError, match="own country"):
        affiliations.affiliation_add(
            member=thai["coop"],
            federation=khmer,
            year=None,
            by=th_consultant,
            expected_version=None,
        )
    assert not Affiliation.objects.exists()


def test_only_unions_federations_and_apex_bodies_take_members(
    thai: dict[str, Entity], th_consultant: User
) -> None:
    other = make(th_consultant, "TH", "Another coop")
    with pytest.raises(ApplicationError, match="organisation level"):
        affiliations.affiliation_add(
            member=thai["coop"],
            federation=other,
            year=None,
            by=th_consultant,
            expected_version=None,
        )
    assert list(affiliations.federation_choices(thai["coop"])) == [thai["federation"]]


def test_a_consultant_of_another_country_cannot_add_a_link(
    thai: dict[str, Entity], kh_consultant: User
) -> None:
    with pytest.raises(NotAllowedError):
        affiliations.affiliation_add(
            member=thai["coop"],
            federation=thai["federation"],
            year=None,
            by=kh_consultant,
            expected_version=None,
        )


def test_the_entity_page_has_the_form_and_lists_the_links(
    thai: dict[str, Entity], th_consultant: User, client: Client
) -> None:
    coop = thai["coop"]
    client.force_login(th_consultant)
    page = client.get(reverse("entity-detail", args=[coop.pk])).content.decode()
    assert 'data-testid="affiliation-form"' in page
    response = client.post(
        reverse("entity-affiliation-add", args=[coop.pk]),
        {"federation": thai["federation"].pk, "year": 2020, "version": coop.version},
    )
    assert response.status_code == 302
    link = Affiliation.objects.get()
    page = client.get(reverse("entity-detail", args=[coop.pk])).content.decode()
    assert f'data-affiliation="{thai["federation"].code}"' in page
    federation_page = client.get(
        reverse("entity-detail", args=[thai["federation"].pk])
    ).content.decode()
    assert 'data-testid="member-organisations"' in federation_page
    coop.refresh_from_db()
    client.post(
        reverse("entity-affiliation-remove", args=[coop.pk, link.pk]),
        {"version": coop.version},
    )
    assert not Affiliation.objects.exists()


def test_the_api_shows_and_adds_affiliations(
    thai: dict[str, Entity], th_consultant: User
) -> None:
    api = token_client(th_consultant)
    coop = thai["coop"]
    created = api.post(
        f"/api/v1/entities/{coop.pk}/affiliations/",
        {"federation": thai["federation"].pk, "year": 2018},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["federation_code"] == thai["federation"].code
    detail = api.get(f"/api/v1/entities/{coop.pk}/").json()
    assert detail["affiliations"] == [
        {
            "id": created.json()["id"],
            "federation": thai["federation"].pk,
            "federation_code": thai["federation"].code,
            "year": 2018,
        }
    ]
    refused = api.post(
        f"/api/v1/entities/{coop.pk}/affiliations/",
        {"federation": coop.pk},
        format="json",
    )
    assert refused.status_code == 400
