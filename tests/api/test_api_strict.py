"""The API refuses what its schema does not allow, with a 400 naming the parameter or
field, instead of silently ignoring or converting it."""

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from surveys.models import Entity
from tests.api.helpers import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def th(th_consultant: User) -> APIClient:
    return token_client(th_consultant)


@pytest.mark.parametrize(
    ("path", "query", "parameter"),
    [
        ("/api/v1/case-studies/", {"page_size": "abc"}, "page_size"),
        ("/api/v1/case-studies/", {"page_size": "500"}, "page_size"),
        ("/api/v1/entities/", {"page_size": "0"}, "page_size"),
        ("/api/v1/areas/", {"page_size": ["10", "20"]}, "page_size"),
        ("/api/v1/entities/", {"ordering": "password"}, "ordering"),
        ("/api/v1/areas/", {"ordering": "name_en,secret"}, "ordering"),
        ("/api/v1/case-studies/", {"updated_since": ""}, "updated_since"),
        ("/api/v1/legal-forms/", {"to_be_confirmed": "null"}, "to_be_confirmed"),
        ("/api/v1/reports/", {"kind": "AAA"}, "kind"),
    ],
)
def test_an_invalid_parameter_is_refused_not_ignored(
    th: APIClient, path: str, query: dict[str, object], parameter: str
) -> None:
    response = th.get(path, query)

    assert response.status_code == 400, response.content
    assert parameter in response.json()["errors"]


def test_valid_parameters_still_work(th: APIClient) -> None:
    assert th.get("/api/v1/areas/", {"page_size": "5"}).json()["results"]
    assert th.get("/api/v1/areas/", {"ordering": "-name_en"}).status_code == 200
    legal = th.get("/api/v1/legal-forms/", {"to_be_confirmed": "true"})
    assert legal.status_code == 200


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("consent_level", 0),
        ("name_en", 5),
        ("year_established", "2015"),
        ("other_areas", 3),
        ("target_groups", "WOMEN"),
    ],
)
def test_a_body_field_of_another_json_type_is_refused(
    th: APIClient, field: str, value: object
) -> None:
    body = {"country": "TH", "name_en": "Typed cooperative", field: value}

    response = th.post("/api/v1/entities/", body, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert not Entity.objects.exists()


def test_an_entity_needs_a_name(th: APIClient) -> None:
    response = th.post("/api/v1/entities/", {"country": "TH"}, format="json")

    assert response.status_code == 400
    assert (
        "name in English or in the local language"
        in (response.json()["errors"]["name_en"][0])
    )
    assert not Entity.objects.exists()
