"""An imported row whose point lies outside its area is noted, not refused: the
entity is imported and flagged, as the entity form flags rather than refuses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from surveys.models import Entity, ImportJob
from tests.surveys.imports.test_imports import confirm, row, template_csv, upload

pytestmark = pytest.mark.django_db

PHNOM_PENH = {"latitude": "11.56", "longitude": "104.93"}
KAMPOT_TOWN = {"latitude": "10.61", "longitude": "104.18"}


@pytest.fixture(autouse=True)
def private_files(settings: Any, tmp_path: Path) -> Path:
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    return settings.PRIVATE_FILES_ROOT


def test_a_row_whose_point_lies_in_another_province_is_noted_and_imported_flagged(
    kh_consultant: User, client: Client
) -> None:
    job = upload(
        kh_consultant,
        template_csv(
            row(**KAMPOT_TOWN),
            row(name_en="Kampot Salt Cooperative", **PHNOM_PENH),
        ),
    )

    assert job.stage == ImportJob.Stage.READY, job.errors
    assert [(note["row"], note["value"]) for note in job.notes] == [
        (3, "11.56, 104.93")
    ]
    assert (
        "nearer the centre of Phnom Penh than that of Kampot" in job.notes[0]["message"]
    )
    client.force_login(kh_consultant)
    page = client.get(reverse("import-detail", args=[job.pk])).content.decode()
    assert "Points to check" in page and "nearer the centre of Phnom Penh" in page

    job = confirm(kh_consultant, job)

    assert job.stage == ImportJob.Stage.IMPORTED
    flags = dict(Entity.objects.values_list("name_en", "flag_geo_mismatch"))
    assert flags == {
        "Kampot Pepper Cooperative": False,
        "Kampot Salt Cooperative": True,
    }


def test_an_update_moving_the_point_into_another_province_is_noted(
    kh_consultant: User,
) -> None:
    first = confirm(kh_consultant, upload(kh_consultant, template_csv(row())))
    assert first.stage == ImportJob.Stage.IMPORTED
    code = Entity.objects.get().code

    job = upload(
        kh_consultant,
        template_csv(row(entity_code=code, **PHNOM_PENH)),
    )

    assert job.stage == ImportJob.Stage.READY, job.errors
    assert job.created_count == 0 and job.updated_count == 1
    assert len(job.notes) == 1 and "Kampot" in job.notes[0]["message"]
