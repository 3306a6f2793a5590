"""The commit keeps the check's look-alikes and searches only where an entity was
written since the check: the areas nobody wrote in are not read again."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from countries.models import AdminArea, Country
from countries.vocabularies import WorkflowState
from surveys.entities import duplicates as entities_duplicates
from surveys.entities import services as entities_services
from surveys.imports import kept
from surveys.imports.kept import kept_path
from surveys.jobs.runner import private_path
from surveys.models import Entity, EntityFigures, ImportJob
from tests.surveys.imports.test_imports import (  # noqa: F401
    confirm,
    private_files,
    problems,
    row,
    template_csv,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas_read(monkeypatch: Any) -> list[int]:
    read: list[int] = []
    match = entities_duplicates._match_in_area

    def spied(country: Country, area_id: int, *args: Any) -> None:
        read.append(area_id)
        match(country, area_id, *args)

    monkeypatch.setattr(entities_duplicates, "_match_in_area", spied)
    return read


def settled(job: ImportJob) -> None:
    """The check's moment pushed back, as if the check ran a while ago."""
    ImportJob.objects.filter(pk=job.pk).update(
        checked_from=timezone.now() - datetime.timedelta(minutes=5)
    )
    Entity.objects.update(updated_at=timezone.now() - datetime.timedelta(minutes=10))


def test_a_commit_after_no_writes_reads_no_area_again(
    kh_consultant: User, areas_read: list[int]
) -> None:
    job = upload(
        kh_consultant,
        template_csv(row(name_en="Bokor Tea Growers"), row(name_en="Kep Crab Fishers")),
    )
    assert job.stage == ImportJob.Stage.READY, problems(job)
    settled(job)
    checked = len(areas_read)

    job = confirm(kh_consultant, job)

    assert job.stage == ImportJob.Stage.IMPORTED
    # Only the flag search of the new entities, after they are written.
    assert len(areas_read) - checked == 1


def test_a_look_alike_written_since_the_check_is_asked_about(
    kh_consultant: User, areas_read: list[int]
) -> None:
    job = upload(kh_consultant, template_csv(row(name_en="Bokor Tea Growers")))
    assert job.stage == ImportJob.Stage.READY and not job.duplicates
    settled(job)
    entities_services.entity_create(
        country=Country.objects.get(pk="KH"),
        by=kh_consultant,
        data={
            "name_en": "Bokor Tea Grower",
            "sse_type": "COOP",
            "area": AdminArea.objects.get(code="KH-7"),
        },
    )

    job = confirm(kh_consultant, job)

    assert job.stage == ImportJob.Stage.READY
    assert [m["name"] for m in job.duplicates[0]["matches"]] == ["Bokor Tea Grower"]
    assert not Entity.objects.filter(name_en="Bokor Tea Growers").exists()


def imported(user: User, values: dict[str, Any]) -> Entity:
    job = confirm(user, upload(user, template_csv(values)))
    assert job.stage == ImportJob.Stage.IMPORTED, problems(job)
    return Entity.objects.get(name_en=values["name_en"])


def checked_locality_change(user: User) -> tuple[Entity, ImportJob]:
    """A recorded entity, and the check of a file changing only its locality."""
    recorded = imported(user, row(name_en="Kep Crab Fishers"))
    job = upload(
        user,
        template_csv(
            row(
                entity_code=recorded.code, name_en=recorded.name_en, locality="Kep town"
            )
        ),
    )
    return recorded, job


def test_the_commit_imports_the_rows_as_checked_without_reading_the_file_again(
    kh_consultant: User,
) -> None:
    job = upload(
        kh_consultant,
        template_csv(row(name_en="Bokor Tea Growers", members_total="72")),
    )
    assert job.stage == ImportJob.Stage.READY, problems(job)
    # The upload is no longer what was checked: the commit does not read it.
    private_path(job.file_path).write_bytes(b"name_en\nSomething else entirely\n")

    job = confirm(kh_consultant, job)

    assert job.stage == ImportJob.Stage.IMPORTED, problems(job)
    imported = Entity.objects.get(name_en="Bokor Tea Growers")
    assert imported.figures.get().members_total == 72
    assert not Entity.objects.filter(name_en="Something else entirely").exists()
    # What the commit kept of the check is removed once imported.
    assert not kept_path(job).exists()


def test_a_file_kept_in_several_chunks_is_committed_row_for_row(
    kh_consultant: User, monkeypatch: Any
) -> None:
    monkeypatch.setattr(kept, "CHUNK_ROWS", 2)
    names = ["Bokor Tea Growers", "Kep Crab Fishers", "Takeo Silk Weavers"]
    job = upload(
        kh_consultant,
        template_csv(
            *(
                row(name_en=name, members_total=str(60 + n), members_women="30")
                for n, name in enumerate(names)
            ),
            # The same entity's figures of another year, in the second chunk.
            row(
                name_en="Bokor Tea Growers",
                reference_year="2023",
                members_total="50",
                members_women="25",
            ),
            row(
                name_en="Pursat Bamboo Makers",
                members_total="64",
                members_women="30",
                members_men="34",
            ),
        ),
    )
    assert job.stage == ImportJob.Stage.READY, problems(job)
    private_path(job.file_path).write_bytes(b"name_en\nSomething else entirely\n")

    job = confirm(kh_consultant, job)

    assert job.stage == ImportJob.Stage.IMPORTED, problems(job)
    assert job.created_count == 4
    imported = {
        (figures.entity.name_en, figures.reference_year): figures.members_total
        for figures in EntityFigures.objects.select_related("entity")
    }
    assert imported == {
        ("Bokor Tea Growers", 2024): 60,
        ("Bokor Tea Growers", 2023): 50,
        ("Kep Crab Fishers", 2024): 61,
        ("Takeo Silk Weavers", 2024): 62,
        ("Pursat Bamboo Makers", 2024): 64,
    }
    assert set(Entity.objects.values_list("area__code", flat=True)) == {"KH-7"}


def test_a_record_put_in_review_since_the_check_is_refused_at_commit(
    kh_consultant: User,
) -> None:
    recorded, job = checked_locality_change(kh_consultant)
    assert job.stage == ImportJob.Stage.READY, problems(job)
    assert job.updated_count == 1
    # A colleague sends the record to review after the check.
    Entity.objects.filter(pk=recorded.pk).update(workflow_state=WorkflowState.IN_REVIEW)

    job = confirm(kh_consultant, job)

    assert job.stage == ImportJob.Stage.INVALID
    assert any("cannot be changed" in problem for problem in problems(job))
    recorded.refresh_from_db()
    assert recorded.locality == ""


def test_an_edit_since_the_check_that_matches_the_file_leaves_nothing_to_update(
    kh_consultant: User,
) -> None:
    recorded, job = checked_locality_change(kh_consultant)
    assert job.updated_count == 1
    entities_services.entity_update(
        entity=recorded,
        by=kh_consultant,
        data={"locality": "Kep town"},
        expected_version=None,
    )
    version = Entity.objects.get(pk=recorded.pk).version

    job = confirm(kh_consultant, job)

    assert job.stage == ImportJob.Stage.IMPORTED, problems(job)
    assert (job.updated_count, job.skipped_count) == (0, 1)
    assert Entity.objects.get(pk=recorded.pk).version == version


def test_a_check_whose_kept_rows_no_longer_load_is_committed_from_the_file(
    kh_consultant: User,
) -> None:
    job = upload(kh_consultant, template_csv(row(name_en="Bokor Tea Growers")))
    assert job.stage == ImportJob.Stage.READY, problems(job)
    kept_path(job).write_bytes(b"not what the check wrote")

    job = confirm(kh_consultant, job)

    assert job.stage == ImportJob.Stage.IMPORTED, problems(job)
    assert Entity.objects.filter(name_en="Bokor Tea Growers").count() == 1
