"""An import's new entities are written batch after batch, the next batch prepared
while the database writes the last; a batch the database refuses is written again one
entity at a time, so that the error names the entity, and nothing is kept."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.db import connection

from countries.models import AdminArea
from sse_mapping.exceptions import ApplicationError
from surveys.imports import writing as imports_writing
from surveys.models import AuditEvent, Entity, EntityFigures
from tests.surveys.imports.test_imports import area, kh

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def batches_of_two(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imports_writing, "IMPORT_BATCH", 2)


def new(n: int, *, external_id: str = "", isic: str = "") -> imports_writing.NewEntity:
    data = {
        "name_en": f"Kampot Salt Cooperative {n}",
        "area": area("KH-7"),
        "sse_type": "COOP",
        "registration_status": "INFORMAL",
    }
    if isic:
        data["other_activities"] = [isic]
    return imports_writing.NewEntity(
        data=data,
        figures={2024: {"members_total": 10 + n, "members_women": n}},
        external_source="kobo" if external_id else "",
        external_id=external_id,
    )


def create(
    by: User, entities: list[imports_writing.NewEntity], reported: list[int]
) -> list[int]:
    return imports_writing.entities_import_create(
        country=kh(),
        by=by,
        entities=entities,
        note="Imported from “frame.csv”",
        progress=reported.append,
    )


def test_every_batch_is_written_with_its_figures_and_history(
    kh_consultant: User,
) -> None:
    reported: list[int] = []
    created = create(
        kh_consultant, [new(n, external_id=f"uuid-{n}") for n in range(5)], reported
    )

    entities = Entity.objects.in_bulk(created)
    assert [entities[pk].name_en for pk in created] == [
        f"Kampot Salt Cooperative {n}" for n in range(5)
    ]
    codes = [int(entities[pk].code.split("-")[1]) for pk in created]
    assert codes == list(range(codes[0], codes[0] + 5))
    for n, pk in enumerate(created):
        assert EntityFigures.objects.get(entity=pk).members_total == 10 + n
        actions = set(
            AuditEvent.objects.filter(object_id=pk).values_list("action", flat=True)
        )
        assert actions == {"created", "figures saved", "imported"}
    assert reported[-1] == 5


def a_survey_record_twice(entities: list[imports_writing.NewEntity], at: int) -> None:
    # The database's unique constraint refuses the second.
    entities[at].external_id = "uuid-0"


def an_area_removed_since_the_check(
    entities: list[imports_writing.NewEntity], at: int
) -> None:
    gone = area("KH-7")
    gone.pk = AdminArea.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1
    entities[at].data["area"] = gone


@pytest.mark.parametrize(
    "refused", [3, 4], ids=["a batch before the last", "the last batch"]
)
@pytest.mark.parametrize(
    "breaks",
    [
        pytest.param(a_survey_record_twice, id="a survey record twice"),
        pytest.param(
            an_area_removed_since_the_check,
            id="an area removed since the check",
            marks=pytest.mark.skipif(
                connection.vendor != "postgresql",
                reason="SQLite checks deferred keys only at the transaction's commit",
            ),
        ),
    ],
)
def test_a_batch_the_database_refuses_names_its_entity_and_nothing_is_kept(
    kh_consultant: User,
    refused: int,
    breaks: Callable[[list[imports_writing.NewEntity], int], None],
) -> None:
    entities_before = Entity.objects.count()
    events_before = AuditEvent.objects.count()
    entities = [new(n, external_id=f"uuid-{n}") for n in range(5)]
    breaks(entities, refused)
    reported: list[int] = []

    with pytest.raises(ApplicationError) as error:
        create(kh_consultant, entities, reported)

    assert "breaks a rule" in error.value.message
    assert reported[-1] == refused
    assert Entity.objects.count() == entities_before
    assert AuditEvent.objects.count() == events_before


def test_a_refused_batch_is_told_before_a_later_row_that_cannot_be_prepared(
    kh_consultant: User,
) -> None:
    entities = [new(n, external_id=f"uuid-{n}") for n in range(5)]
    entities[3].external_id = "uuid-0"  # refused by the database
    entities[4] = new(4, isic="ZZ")  # refused when prepared, while 2–3 are written
    reported: list[int] = []

    with pytest.raises(ApplicationError) as error:
        create(kh_consultant, entities, reported)

    assert "breaks a rule" in error.value.message
    assert reported[-1] == 3
