"""A classification's reasons are stored as messages and read in the reader's
language: on the review page, the entity page, the API and an export."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from surveys.exports.rows import export_rows
from surveys.models import Entity
from surveys.principles.reasons import reasons_text
from tests.api.helpers import token_client
from tests.surveys.review.test_workflow import submitted_entity

pytestmark = pytest.mark.django_db


def reading(user: User, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def reasons_in(language: str, entity: Entity) -> list[str]:
    with translation.override(language):
        return reasons_text(entity.classification_reasons)


@pytest.fixture
def entity(kh_consultant: User) -> Entity:
    # Classified while the consultant reads English.
    with translation.override("en"):
        return submitted_entity(kh_consultant)


def test_reasons_are_stored_as_messages_not_words(entity: Entity) -> None:
    first = entity.classification_reasons[0]
    assert isinstance(first, dict)
    assert "msg" in first


def test_the_review_page_gives_the_reasons_in_khmer(
    entity: Entity, kh_committee: User
) -> None:
    khmer, english = reasons_in("km", entity), reasons_in("en", entity)
    assert khmer[0] != english[0]
    assert any("\u1780" <= char <= "\u17ff" for char in khmer[0])

    page = reading(kh_committee, "km").get(
        reverse("record-review", args=["entity", entity.pk])
    )

    text = page.content.decode()
    assert f"<li>{khmer[0]}</li>" in text
    assert english[0] not in text


def test_the_entity_page_gives_the_reasons_in_khmer(
    entity: Entity, kh_consultant: User
) -> None:
    page = reading(kh_consultant, "km").get(reverse("entity-detail", args=[entity.pk]))

    text = page.content.decode()
    assert reasons_in("km", entity)[0] in text
    assert reasons_in("en", entity)[0] not in text


def test_the_api_gives_the_reasons_in_the_accept_language(
    entity: Entity, kh_consultant: User
) -> None:
    client = token_client(kh_consultant)
    url = f"/api/v1/entities/{entity.pk}/"

    khmer = client.get(url, HTTP_ACCEPT_LANGUAGE="km").json()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()

    assert khmer["classification_reasons"] == reasons_in("km", entity)
    assert english["classification_reasons"] == reasons_in("en", entity)


def test_an_export_in_khmer_writes_the_reasons_in_khmer(entity: Entity) -> None:
    with translation.override("km"):
        (row,) = list(export_rows(Entity.objects.filter(pk=entity.pk), per_year=False))
    assert row["classification_reasons"] == " ".join(reasons_in("km", entity))


def test_reasons_stored_as_words_still_read_as_they_were(
    entity: Entity, kh_committee: User
) -> None:
    Entity.objects.filter(pk=entity.pk).update(
        classification_reasons=["Borderline: the committee decides."]
    )

    page = reading(kh_committee, "km").get(
        reverse("record-review", args=["entity", entity.pk])
    )

    assert "<li>Borderline: the committee decides.</li>" in page.content.decode()
