"""An import commit on a real Celery worker (PostgreSQL and Redis), killed mid-way:
nothing half-written is ever seen, and the next runner commits the file exactly once."""

from __future__ import annotations

import csv
import io
import os
import signal
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from countries.models import Country
from sse_mapping.celery import app as celery_app
from surveys.imports import import_confirm, import_start
from surveys.imports.tasks import run_import
from surveys.jobs import outbox
from surveys.jobs.runner import jobs_to_resume, private_path
from surveys.jobs.tasks import JOB_TASKS
from surveys.models import AuditEvent, Entity, ImportJob, JobStatus
from surveys.spreadsheet import TEMPLATE_COLUMNS
from tests.surveys.exports.test_export_worker import (
    QUEUE,
    children,
    start_worker,
    wait_for,
    workers,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
__all__ = ["workers"]

ROWS = 600


def big_file() -> SimpleUploadedFile:
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=[c.name for c in TEMPLATE_COLUMNS])
    writer.writeheader()
    for _ in range(ROWS):
        # Names far apart, so that no row looks like another.
        writer.writerow(
            {"name_en": uuid.uuid4().hex, "area": "KH-7", "sse_type": "COOP"}
        )
    return SimpleUploadedFile("many.csv", output.getvalue().encode())


@pytest.fixture
def checked_import(
    kh_consultant: User, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ImportJob]:
    """A file checked in-process, confirmed, and not yet sent to any worker."""
    job = import_start(
        user=kh_consultant,
        country=Country.objects.get(code="KH"),
        file=big_file(),
        kind="template",
    )
    # Checked in-process, or by the suite's shared worker if a test started it.
    wait_for(
        lambda: ImportJob.objects.get(pk=job.pk).is_finished,
        timeout=120,
        what="the check",
    )
    job.refresh_from_db()
    assert (job.stage, job.duplicates) == (ImportJob.Stage.READY, []), job.errors
    with monkeypatch.context() as patched:
        patched.setattr(outbox, "job_send", lambda model, pk: True)
        import_confirm(user=kh_consultant, job=job, decisions={})
    yield job
    private_path(job.file_path).unlink(missing_ok=True)


@pytest.fixture
def only_this_tests_workers() -> Iterator[None]:
    """Keep the suite's shared worker, if a test started it, off the exports queue:
    it has cached the content types of an earlier test's database."""
    others = [name for reply in celery_app.control.ping(timeout=1) for name in reply]
    if others:
        celery_app.control.cancel_consumer("exports", destination=others, reply=True)
    yield
    if others:
        celery_app.control.add_consumer("exports", destination=others, reply=True)


@pytest.mark.parametrize("killed", ["pool process", "whole worker"])
def test_an_import_commit_whose_worker_is_killed_is_committed_once(
    killed: str,
    # Checked in-process first: `workers` sends tasks to the real workers.
    checked_import: ImportJob,
    only_this_tests_workers: None,
    workers: list[Any],
) -> None:
    job = checked_import
    entities_before = Entity.objects.count()
    first = start_worker(QUEUE)
    workers.append(first)
    assert not celery_app.conf.task_always_eager

    run_import.apply_async((job.pk,), queue=QUEUE)
    # The commit's progress lives in the cache while its transaction is open.
    wait_for(
        lambda: int(cache.get(f"import-progress:{job.pk}", 0)) >= 50,
        timeout=120,
        what="the commit to be half-way",
        every=0.05,
    )
    if killed == "pool process":
        for child in children(first.pid):
            os.kill(child, signal.SIGKILL)
    else:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()

    # Nothing of the killed commit is in the database.
    assert Entity.objects.count() == entities_before
    stored = ImportJob.objects.get(pk=job.pk)
    assert (stored.status, stored.attempts) == (JobStatus.RUNNING, 1)

    if killed == "whole worker":
        # A new worker sweeps for the jobs a dead one left behind, once the dead
        # worker's database session has ended (its server process may still be
        # finishing the statement it was given) and the job's lock with it.
        wait_for(
            lambda: jobs_to_resume(JOB_TASKS, stale_after=0) == [(ImportJob, job.pk)],
            timeout=60,
            what="the killed worker's job to be free to resume",
        )
        workers.append(start_worker(f"default,exports,{QUEUE}"))
    wait_for(
        lambda: ImportJob.objects.get(pk=job.pk).is_finished,
        timeout=180,
        what="the import to be committed by the next runner",
    )
    stored = ImportJob.objects.get(pk=job.pk)
    assert stored.status == JobStatus.DONE, stored.error
    assert (stored.stage, stored.attempts) == (ImportJob.Stage.IMPORTED, 2)
    assert stored.created_count == ROWS
    assert Entity.objects.count() == entities_before + ROWS
    assert (
        AuditEvent.objects.filter(note__contains=f"(import {job.pk})").count() == ROWS
    )
