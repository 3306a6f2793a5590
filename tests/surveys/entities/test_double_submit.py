"""Two look-alike entities sent at once, and a double click on an edit."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse

from countries.models import Country
from sse_mapping.exceptions import ApplicationError, ConflictError
from surveys.entities import services as entities_services
from surveys.models import AuditEvent, CapacityGap, Entity
from surveys.records import services as records_services
from tests.surveys.entities.test_entity_pages import entity_post
from tests.surveys.entities.test_services import kh_entity

LOOK_ALIKE: dict[str, Any] = {
    "name_en": "Battambang Rice Cooperative",
    "name_local": "សហករណ៍កសិកម្មបាត់ដំបង",
    "sse_type": "COOP",
}


@pytest.mark.django_db
def test_a_look_alike_of_an_entity_just_created_is_refused_until_confirmed(
    kh_consultant: User,
) -> None:
    first = kh_entity(kh_consultant)

    with pytest.raises(entities_services.PossibleDuplicatesError) as refused:
        entities_services.entity_create(
            country=Country.objects.get(pk="KH"),
            by=kh_consultant,
            data={**LOOK_ALIKE, "area": first.area},
            refuse_look_alikes=True,
        )

    assert refused.value.duplicates == [first]
    assert Entity.objects.count() == 1


@pytest.mark.django_db
def test_the_entity_page_lists_the_look_alike_and_saves_once_confirmed(
    client: Client, kh_consultant: User
) -> None:
    first = kh_entity(kh_consultant)
    client.force_login(kh_consultant)
    data = entity_post(**LOOK_ALIKE, area=first.area_id)
    url = reverse("entity-create", args=["KH"])

    warned = client.post(url, data)
    saved = client.post(url, {**data, "confirm_different": "on"})

    assert warned.context["duplicates"] == [first]
    assert saved.status_code == 302
    assert Entity.objects.count() == 2


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_two_look_alikes_sent_at_the_same_moment_make_one_entity(
    kh_consultant: User,
) -> None:
    """On PostgreSQL, two requests in two threads: the second waits for the first's
    lock on the country, then sees its entity."""
    first = kh_entity(kh_consultant, name_en="Takeo Weavers", name_local="")
    area = first.area
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def create() -> None:
        try:
            start.wait()
            entities_services.entity_create(
                country=Country.objects.get(pk="KH"),
                by=kh_consultant,
                data={**LOOK_ALIKE, "area": area},
                refuse_look_alikes=True,
            )
            outcomes.append("created")
        except entities_services.PossibleDuplicatesError:
            outcomes.append("look-alike")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["created", "look-alike"]
    assert Entity.objects.filter(name_en=LOOK_ALIKE["name_en"]).count() == 1


@pytest.mark.django_db
def test_a_double_click_on_save_of_an_edit_is_answered_as_saved(
    kh_consultant: User,
) -> None:
    entity = kh_entity(kh_consultant)
    change = {"name_en": "Battambang Rice Growers"}

    for _click in range(2):
        entities_services.entity_update(
            entity=entity, by=kh_consultant, data=change, expected_version=1
        )

    entity.refresh_from_db()
    assert entity.version == 2
    assert entity.name_en == "Battambang Rice Growers"
    assert AuditEvent.objects.filter(action="updated").count() == 1


@pytest.mark.django_db
def test_a_second_sending_with_other_values_on_an_old_version_is_a_conflict(
    kh_consultant: User,
) -> None:
    entity = kh_entity(kh_consultant)
    entities_services.entity_update(
        entity=entity, by=kh_consultant, data={"acronym": "BRC"}, expected_version=1
    )

    with pytest.raises(ConflictError):
        entities_services.entity_update(
            entity=entity, by=kh_consultant, data={"acronym": "BRG"}, expected_version=1
        )
    entity.refresh_from_db()
    assert entity.acronym == "BRC"


@pytest.mark.django_db
def test_someone_elses_save_or_an_old_own_save_is_still_a_conflict(
    kh_consultant: User, make_persona: Any
) -> None:
    colleague = make_persona("kh-consultant-2", "KH", "consultant")
    entity = kh_entity(kh_consultant)
    change = {"acronym": "BRC"}
    entities_services.entity_update(
        entity=entity, by=colleague, data=change, expected_version=1
    )
    with pytest.raises(ConflictError):
        entities_services.entity_update(
            entity=entity, by=kh_consultant, data=change, expected_version=1
        )

    gap = records_services.record_create(
        model=CapacityGap,
        country=Country.objects.get(pk="KH"),
        by=kh_consultant,
        data={"title": "No credit", "category": "FINANCE", "severity": 2},
    )
    records_services.record_update(
        record=gap, by=kh_consultant, data={"severity": 3}, expected_version=1
    )
    CapacityGap.objects.filter(pk=gap.pk).update(
        updated_at=gap.updated_at - datetime.timedelta(minutes=5)
    )
    with pytest.raises(ApplicationError):
        records_services.record_update(
            record=gap, by=kh_consultant, data={"severity": 3}, expected_version=1
        )


@pytest.mark.django_db
def test_the_edit_page_sent_twice_shows_the_saved_entity_not_a_conflict(
    client: Client, kh_consultant: User
) -> None:
    entity = kh_entity(kh_consultant)
    client.force_login(kh_consultant)
    url = reverse("entity-edit", args=[entity.pk])
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in (
            (name, form[name].value()) for name in form.fields if name != "other_areas"
        )
        if value not in (None, False)
    }
    data["name_en"] = "Battambang Rice Growers"
    data["version"] = 1

    client.post(url, data)
    second = client.post(url, data, follow=True)

    assert second.status_code == 200
    assert "Your changes were saved." in second.content.decode()
    assert "Someone else saved" not in second.content.decode()


@pytest.mark.django_db
def test_a_double_click_on_save_figures_is_answered_as_saved(
    kh_consultant: User,
) -> None:
    entity = kh_entity(kh_consultant)
    figures = {"members_total": 40, "members_women": 22, "members_men": 18}

    for _click in range(2):
        entities_services.figures_save(
            entity=entity,
            by=kh_consultant,
            reference_year=2024,
            data=figures,
            expected_version=1,
        )

    entity.refresh_from_db()
    assert entity.version == 2
    assert entity.figures.get().members_total == 40
