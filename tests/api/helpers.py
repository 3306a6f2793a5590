"""Helpers for the API tests: a client holding a persona's personal token, and
entities made through the services."""

from typing import Any

from django.contrib.auth.models import User
from rest_framework.test import APIClient

from countries.authentication import api_token_create
from countries.models import AdminArea, Country, IsicCode
from countries.vocabularies import Rating
from surveys.entities import services
from surveys.models import Entity
from surveys.principles import CRITERIA


def token_client(user: User) -> APIClient:
    _token, key = api_token_create(user=user, name="tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def area_of(country: str) -> AdminArea:
    return AdminArea.objects.current().filter(country_id=country, level=1).first()


def entity_data(country: str, **data: Any) -> dict[str, Any]:
    return {
        "name_en": f"Example cooperative of {country}",
        "area": area_of(country),
        "sse_type": "COOP",
        "registration_status": "REG_SSE_LAW",
        "main_activity": IsicCode.objects.get(pk="01"),
        "year_established": 2015,
        **data,
    }


def make_entity(
    user: User, country: str = "TH", *, ready: bool = True, **data: Any
) -> Entity:
    """An entity; `ready` adds figures and an assessment so that it can be submitted."""
    entity = services.entity_create(
        country=Country.objects.get(pk=country),
        by=user,
        data=entity_data(country, **data),
    )
    if ready:
        services.figures_save(
            entity=entity,
            by=user,
            reference_year=2024,
            data={"members_total": 40, "members_women": 22, "members_men": 18},
            expected_version=None,
        )
        services.assessment_save(
            entity=entity,
            by=user,
            data={c.field: Rating.MET for c in CRITERIA},
            expected_version=None,
        )
    entity.refresh_from_db()
    return entity
