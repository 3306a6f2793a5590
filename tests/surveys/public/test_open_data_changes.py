"""A published release's changes since the previous published one, as open data:
restricted like every public file, by consent and by the allow-list."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from rdflib import Graph
from rdflib.namespace import DCAT, DCTERMS, RDF

from countries.vocabularies import ConsentLevel
from surveys.models import Entity, EntityFigures, Release
from tests.surveys.factories.publication import (
    PERSONAL,
    Published,
    release_of,
    thai_entity,
)

pytestmark = pytest.mark.django_db

HEADER = ["code", "name", "change", "field", "old_value", "new_value"]


def changes_of(client: Client, number: int) -> list[list[str]]:
    response = client.get(f"/directory/TH/releases/{number}/changes.csv")
    assert response.status_code == 200
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == HEADER
    assert not any(secret in text for secret in PERSONAL)
    return rows[1:]


def fresh(entity: Entity, **fields: object) -> Entity:
    Entity.objects.filter(pk=entity.pk).update(**fields)
    return Entity.objects.get(pk=entity.pk)


def test_the_changes_list_the_entities_added_removed_and_the_fields_changed(
    client: Client, staff: User
) -> None:
    rice = thai_entity("Rice Growers Group", ConsentLevel.FIGURES)
    silk = thai_entity("Silk Weavers Group", ConsentLevel.NAME_PLACE)
    gone = thai_entity("Closed Bakers Group", ConsentLevel.FIGURES)
    release_of([rice, silk, gone], by=staff, number=1)
    new = thai_entity("New Potters Group", ConsentLevel.NAME_PLACE)
    EntityFigures.objects.filter(entity=rice).update(members_total=150)
    rice = fresh(rice, locality="Ban Khok")

    release_of([rice, silk, new], by=staff, number=2)

    rows = changes_of(client, 2)
    rice_name = rice.name_en
    assert sorted(rows) == sorted(
        [
            [rice.code, rice_name, "changed", "locality", "Ban Nong Khai", "Ban Khok"],
            [rice.code, rice_name, "changed", "members_total", "123", "150"],
            [gone.code, "", "removed", "", "", ""],
            [new.code, new.name_en, "added", "", "", ""],
        ]
    )


def test_an_entity_without_consent_never_appears_and_a_withdrawn_consent_is_a_removal(
    client: Client, published: Published, staff: User
) -> None:
    silk = fresh(published.name_place, consent_level=ConsentLevel.NONE)
    hidden = fresh(
        published.hidden, locality="Ban Khok", notes="Another secret about the chair"
    )

    release_of([published.figures, silk, hidden], by=staff, number=2)

    rows = changes_of(client, 2)
    assert rows == [[silk.code, "", "removed", "", "", ""]]
    text = str(rows)
    assert published.hidden.code not in text
    assert "Silk Weavers" not in text


def test_a_change_to_a_field_the_public_never_sees_is_no_change(
    client: Client, published: Published, staff: User
) -> None:
    rice = fresh(published.figures, notes="New notes", registration_number="999")
    EntityFigures.objects.filter(entity=rice).update(chair_sex="M")
    # Figures of an entity that consented to name and place only stay unpublished.
    EntityFigures.objects.filter(entity=published.name_place).update(members_total=200)
    silk = Entity.objects.get(pk=published.name_place.pk)

    release_of([rice, silk, published.hidden], by=staff, number=2)

    assert changes_of(client, 2) == []


def test_the_first_release_lists_every_published_entity_as_added(
    client: Client, published: Published
) -> None:
    rows = changes_of(client, 1)

    assert sorted(rows) == sorted(
        [
            [e.code, e.name_en, "added", "", "", ""]
            for e in (published.figures, published.name_place)
        ]
    )


def test_the_changes_skip_a_withdrawn_release_and_an_unpublished_one(
    client: Client, published: Published, staff: User
) -> None:
    added = thai_entity("Withdrawn Release Group", ConsentLevel.FIGURES)
    withdrawn = release_of([published.figures, added], by=staff, number=2)
    Release.objects.filter(pk=withdrawn.pk).update(
        withdrawn_at=timezone.now(), withdrawn_reason="Wrong figures"
    )
    release_of([published.figures, added], by=staff, number=3)

    rows = changes_of(client, 3)

    assert sorted(rows) == sorted(
        [
            [added.code, added.name_en, "added", "", "", ""],
            [published.name_place.code, "", "removed", "", "", ""],
        ]
    )
    assert client.get("/directory/TH/releases/2/changes.csv").status_code == 404


def test_the_dcat_catalogue_and_the_release_page_offer_the_changes(
    client: Client, published: Published
) -> None:
    response = client.get("/directory/catalog.jsonld")
    graph = Graph().parse(data=response.content.decode(), format="json-ld")

    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    changes = [
        d
        for d in graph.objects(dataset, DCAT.distribution)
        if str(graph.value(d, DCAT.downloadURL)).endswith("/changes.csv")
    ]
    assert len(changes) == 1
    assert str(graph.value(changes[0], DCAT.downloadURL)) == (
        "http://testserver/directory/TH/releases/1/changes.csv"
    )
    assert str(graph.value(changes[0], DCTERMS.title)).startswith("TH-1 changes")
    page = client.get("/directory/TH/releases/1/").content.decode()
    assert 'href="/directory/TH/releases/1/changes.csv"' in page
    dictionary = client.get("/directory/data-dictionary/").content.decode()
    assert "old_value" in dictionary
