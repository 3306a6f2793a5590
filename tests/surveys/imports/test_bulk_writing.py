"""Many new records written at once (COPY on PostgreSQL) read back as they were built."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from countries.models import AdminArea, Country
from surveys.copying import blanks, records_insert, values_insert
from surveys.models import AuditEvent, Entity

pytestmark = pytest.mark.django_db

AWKWARD = 'Tab\there, a line\nbreak, a back\\slash, \\N, "quotes" and ឃ្លាំង'
# Values a COPY could take for NULL or for its end: exactly as typed, kept.
ALONE = ["\\N", "", "\\.", "a\n\\.\nb", " spaced ", "\r\n"]


def test_records_written_at_once_keep_every_character_and_get_their_keys(
    kh_consultant: User,
) -> None:
    country = Country.objects.get(pk="KH")
    entities = [
        Entity(
            country=country,
            code=f"KH-{900 + n:06d}",
            name_en=f"{AWKWARD} {n}",
            purpose=AWKWARD,
            area=AdminArea.objects.get(code="KH-7"),
            latitude=Decimal("11.562108"),
            other_activities=["03", AWKWARD],
            registration_date=datetime.date(2006, 3, 1),
            created_by=kh_consultant,
            updated_by=kh_consultant,
        )
        for n in range(3)
    ]

    kept = [
        Entity(
            country=country,
            code=f"KH-{950 + n:06d}",
            name_en=f"Kept {n}",
            acronym=text[:20],
            purpose=text,
            created_by=kh_consultant,
            updated_by=kh_consultant,
        )
        for n, text in enumerate(ALONE)
    ]

    records_insert(Entity, [*entities, *kept])
    events = [
        AuditEvent(
            content_type=ContentType.objects.get_for_model(Entity),
            object_id=entity.pk,
            country_id="KH",
            actor=kh_consultant,
            action="created",
            changes={"name_en": [None, entity.name_en]},
            note=AWKWARD,
        )
        for entity in entities
    ]
    records_insert(AuditEvent, events)

    for entity in entities:
        stored = Entity.objects.get(pk=entity.pk)
        assert (stored.name_en, stored.purpose) == (entity.name_en, AWKWARD)
        assert stored.other_activities == ["03", AWKWARD]
        assert stored.latitude == Decimal("11.562108")
        assert stored.registration_date == datetime.date(2006, 3, 1)
        assert stored.area.code == "KH-7"
        assert stored.created_at is not None and stored.uid == entity.uid
    for entity, text in zip(kept, ALONE, strict=True):
        stored = Entity.objects.get(pk=entity.pk)
        assert (stored.purpose, stored.acronym) == (text, text[:20])
        assert (stored.area, stored.latitude, stored.registration_date) == (
            None,
            None,
            None,
        )
    for event in events:
        stored_event = AuditEvent.objects.get(pk=event.pk)
        assert stored_event.note == AWKWARD
        assert stored_event.changes == event.changes
        assert stored_event.object_id in {e.pk for e in entities}


def test_events_written_as_values_take_the_defaults_of_the_fields_not_given(
    kh_consultant: User,
) -> None:
    entity = Entity.objects.create(
        country_id="KH",
        code="KH-000950",
        name_en="Tonle Sap Fishers",
        created_by=kh_consultant,
        updated_by=kh_consultant,
    )
    content_type = ContentType.objects.get_for_model(Entity)
    before = timezone.now()

    values_insert(
        AuditEvent,
        [
            {
                "content_type_id": content_type.pk,
                "object_id": entity.pk,
                "country_id": "KH",
                "actor_id": kh_consultant.pk,
                "action": "imported",
                "note": AWKWARD,
            },
            {
                "content_type_id": content_type.pk,
                "object_id": entity.pk,
                "country_id": "KH",
                "actor_id": None,
                "action": "created",
                "changes": {"name_en": [None, AWKWARD]},
            },
        ],
    )

    imported, created = (
        AuditEvent.objects.get(object_id=entity.pk, action=action)
        for action in ("imported", "created")
    )
    assert (imported.note, imported.changes, imported.actor) == (
        AWKWARD,
        {},
        kh_consultant,
    )
    assert (created.note, created.changes, created.actor) == (
        "",
        {"name_en": [None, AWKWARD]},
        None,
    )
    assert imported.at >= before and created.at >= before
    assert imported.pk != created.pk


def test_blank_instances_are_those_the_model_builds_and_are_written_alike(
    kh_consultant: User, django_assert_num_queries: Any
) -> None:
    country = Country.objects.get(pk="KH")
    values = {
        "country": country,
        "created_by": kh_consultant,
        "updated_by": kh_consultant,
        "name_en": AWKWARD,
    }
    built = Entity(**values)
    first, second = blanks(Entity)(**values), blanks(Entity)(**values)

    def fields(entity: Entity) -> dict[str, Any]:
        return {k: v for k, v in vars(entity).items() if k not in ("_state", "uid")}

    assert fields(first) == fields(built)
    # What differs by instance is made for each: a new uid, a list of its own.
    assert len({first.uid, second.uid, built.uid}) == 3
    first.other_activities.append("03")
    assert second.other_activities == []
    # The related rows given are at hand, as the model's own constructor keeps them.
    with django_assert_num_queries(0):
        assert (first.country, first.created_by) == (country, kh_consultant)
    with pytest.raises(TypeError, match="no field 'nmae_en'"):
        blanks(Entity)(nmae_en="A typo")

    first.code, second.code = "KH-000960", "KH-000961"
    records_insert(Entity, [first, second])
    stored = Entity.objects.get(code="KH-000960")
    assert (stored.name_en, stored.other_activities, stored.uid) == (
        AWKWARD,
        ["03"],
        first.uid,
    )
