"""An import's problems and the reason a job stops, in the language its requester was
reading the platform in, whatever the worker's own language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from countries.models import Country
from surveys.imports import services as import_services
from surveys.imports.services import import_run, import_start
from surveys.models import ImportJob
from tests.surveys.imports.test_imports import row, template_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_files(settings: Any, tmp_path: Path) -> Path:
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    return settings.PRIVATE_FILES_ROOT


def start_in(language: str, user: User, content: bytes) -> ImportJob:
    """Upload as a request in `language` does, then run the job as the worker does,
    in its own (default) language."""
    with translation.override(language):
        job = import_start(
            user=user,
            country=Country.objects.get(code="KH"),
            file=SimpleUploadedFile("entities.csv", content),
            kind="template",
        )
    translation.activate("en")
    import_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def test_a_russian_import_lists_its_problems_in_russian(kh_consultant: User) -> None:
    job = start_in("ru", kh_consultant, template_csv(row(sse_type="KOOP")))

    assert job.stage == ImportJob.Stage.INVALID
    (problem,) = [e["message"] for e in job.errors if e["column"] == "sse_type"]
    assert "не является кодом из списка" in problem
    assert "is not a code" not in problem


def test_an_english_import_lists_its_problems_in_english(kh_consultant: User) -> None:
    job = start_in("en", kh_consultant, template_csv(row(sse_type="KOOP")))

    (problem,) = [e["message"] for e in job.errors if e["column"] == "sse_type"]
    assert "is not a code of the list" in problem


def test_a_failed_import_gives_its_reason_in_the_requesters_language(
    kh_consultant: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(job: ImportJob, **_kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(import_services, "_validate", crash)
    job = start_in("ru", kh_consultant, template_csv(row()))

    assert job.status == "failed"
    with translation.override("ru"):
        expected = str(import_services.IMPORT_STOPPED.crashed)
    assert expected != str(import_services.IMPORT_STOPPED.crashed)
    assert job.error == expected
