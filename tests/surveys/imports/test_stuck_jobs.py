"""No import stays "Checking" or "Importing": one whose worker died is taken up again
by the sweep, and one that fails, runs out of time or was interrupted too often ends
failed with its reason on the page."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.imports import import_confirm, import_run
from surveys.imports import services as imports_services
from surveys.jobs.runner import MAX_ATTEMPTS, job_lock, jobs_to_resume
from surveys.jobs.tasks import JOB_TASKS
from surveys.models import Entity, ImportJob, JobStatus
from tests.surveys.imports.test_imports import (  # noqa: F401
    private_files,
    problems,
    row,
    template_csv,
    upload,
)

pytestmark = pytest.mark.django_db


def _worker_died(job: ImportJob, *, stage: str, attempts: int = 1) -> None:
    """The job as a killed worker leaves it: running, its heartbeat long stopped."""
    ImportJob.objects.filter(pk=job.pk).update(
        stage=stage,
        status=JobStatus.RUNNING,
        attempts=attempts,
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=10),
    )


def _checked(user: User) -> ImportJob:
    job = upload(user, template_csv(row(name_en="Kep Crab Cooperative")))
    assert job.stage == ImportJob.Stage.READY, problems(job)
    return job


def _page(client: Client, user: User, job: ImportJob) -> tuple[str, dict[str, Any]]:
    client.force_login(user)
    page = client.get(reverse("import-detail", args=[job.pk])).content.decode()
    state = client.get(reverse("import-status", args=[job.pk])).json()
    return page, state


@pytest.mark.parametrize("stage", ["validating", "committing"])
def test_an_import_whose_worker_died_is_resumed_by_the_sweep_and_finishes(
    kh_consultant: User, stage: str
) -> None:
    job = _checked(kh_consultant)
    if stage == ImportJob.Stage.COMMITTING:
        import_confirm(user=kh_consultant, job=job, decisions={})
    _worker_died(job, stage=stage)

    assert (ImportJob, job.pk) in jobs_to_resume(JOB_TASKS)
    import_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert job.attempts == 2
    expected = "ready" if stage == ImportJob.Stage.VALIDATING else "imported"
    assert job.stage == expected
    assert Entity.objects.count() == (1 if expected == "imported" else 0)


def test_an_import_still_run_by_its_worker_is_left_alone(kh_consultant: User) -> None:
    job = _checked(kh_consultant)
    _worker_died(job, stage=ImportJob.Stage.VALIDATING)

    holding, done = threading.Event(), threading.Event()

    def runner() -> None:
        # Its own database session, as a worker's: PostgreSQL's advisory locks are
        # re-entrant within one session.
        try:
            with job_lock(ImportJob, job.pk) as taken:
                assert taken
                holding.set()
                done.wait(timeout=30)
        finally:
            connection.close()

    worker = threading.Thread(target=runner)
    worker.start()
    try:
        assert holding.wait(timeout=30)
        assert (ImportJob, job.pk) not in jobs_to_resume(JOB_TASKS)
    finally:
        done.set()
        worker.join()


def test_an_import_interrupted_too_often_ends_failed_and_says_so(
    client: Client, kh_consultant: User
) -> None:
    job = _checked(kh_consultant)
    import_confirm(user=kh_consultant, job=job, decisions={})
    _worker_died(job, stage=ImportJob.Stage.COMMITTING, attempts=MAX_ATTEMPTS)

    assert (ImportJob, job.pk) in jobs_to_resume(JOB_TASKS)
    import_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert f"interrupted {MAX_ATTEMPTS} times" in job.error
    assert not Entity.objects.exists()
    assert jobs_to_resume(JOB_TASKS) == []
    page, state = _page(client, kh_consultant, job)
    assert state["finished"] is True
    assert state["stage_label"] == "Stopped: nothing was imported"
    assert "Importing" not in page
    assert f"interrupted {MAX_ATTEMPTS} times" in page


@pytest.mark.parametrize(
    ("raised", "reason"),
    [
        (RuntimeError("disk full"), "error on the server"),
        (SoftTimeLimitExceeded(), "took longer than"),
    ],
    ids=["crash", "time limit"],
)
def test_a_check_that_crashes_or_runs_out_of_time_ends_failed_with_its_reason(
    client: Client,
    kh_consultant: User,
    monkeypatch: pytest.MonkeyPatch,
    raised: BaseException,
    reason: str,
) -> None:
    def fail(**kwargs: Any) -> None:
        raise raised

    monkeypatch.setattr(imports_services, "check_rows", fail)

    job = upload(kh_consultant, template_csv(row()))

    assert job.status == JobStatus.FAILED
    assert reason in job.error
    assert jobs_to_resume(JOB_TASKS) == []
    page, state = _page(client, kh_consultant, job)
    assert state["stage_label"] == "Stopped: nothing was imported"
    assert "Checking the file" not in page
    assert reason in page
