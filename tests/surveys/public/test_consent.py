"""Consultants record an entity's consent to publication: level, by whom, when."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from surveys.models import Entity
from tests.surveys.entities.test_entity_pages import entity_post
from tests.surveys.factories.entities import EntityFactory

pytestmark = pytest.mark.django_db


def test_the_consent_is_shown_on_the_entity_page_and_in_the_api(
    client: Client, th_consultant: User
) -> None:
    entity = EntityFactory(
        country_id="TH",
        created_by=th_consultant,
        updated_by=th_consultant,
        consent_level="NAME_PLACE",
        consent_by="Chair of the general assembly",
    )
    client.force_login(th_consultant)
    api = APIClient()
    api.force_authenticate(th_consultant)

    page = client.get(f"/entities/{entity.pk}/").content.decode()
    data = api.get(f"/api/v1/entities/{entity.pk}/").json()

    assert "Name and place only" in page
    assert "Chair of the general assembly" in page
    assert data["consent_level"] == "NAME_PLACE"
    assert data["consent_by"] == "Chair of the general assembly"


def test_a_consultant_records_the_consent_through_the_api(
    th_consultant: User, reference_data: None
) -> None:
    api = APIClient()
    api.force_authenticate(th_consultant)

    response = api.post(
        "/api/v1/entities/",
        {
            "country": "TH",
            "name_en": "Consenting cooperative",
            "sse_type": "COOP",
            "consent_level": "FIGURES",
            "consent_by": "Manager",
            "consent_date": "2025-03-01",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    entity = Entity.objects.get(name_en="Consenting cooperative")
    assert (entity.consent_level, entity.consent_by) == ("FIGURES", "Manager")
    refused = api.post(
        "/api/v1/entities/",
        {"country": "TH", "name_en": "Other", "consent_level": "YES"},
        format="json",
    )
    assert refused.status_code == 400


def test_a_consent_recorded_on_the_form_names_who_gave_it_and_when(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    url = reverse("entity-create", args=["KH"])

    refused = client.post(url, entity_post(consent_level="FIGURES"))
    saved = client.post(
        url,
        entity_post(
            consent_level="FIGURES",
            consent_by="Secretary of the board",
            consent_date="2025-02-01",
        ),
    )

    assert refused.status_code in (200, 400)
    errors = refused.context["form"].errors
    assert "consent_by" in errors and "consent_date" in errors
    assert saved.status_code == 302
    entity = Entity.objects.get(name_en="New Farmers Cooperative")
    assert (entity.consent_level, entity.consent_by) == (
        "FIGURES",
        "Secretary of the board",
    )
