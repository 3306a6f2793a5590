"""The job runner every export, import and report runs through, and the resume sweep.

In-process, on any database; `test_report_worker` and `test_export_worker` run jobs on
real workers.
"""

from __future__ import annotations

import datetime
import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone
from django.utils.module_loading import import_string

from sse_mapping.exceptions import ApplicationError
from surveys.jobs.runner import (
    MAX_ATTEMPTS,
    JobMessages,
    job_lock,
    jobs_to_resume,
    run_job,
)
from surveys.jobs.tasks import JOB_TASKS, resume_jobs
from surveys.models import ExportJob, ImportJob, Job, JobStatus, Release, Report
from surveys.reports import render

pytestmark = pytest.mark.django_db

MESSAGES = JobMessages(
    gave_up="Stopped after %(n)d tries.",
    too_long="Longer than %(minutes)s minutes.",
    crashed="Broken (%(error)s).",
)


@pytest.fixture
def job(kh_consultant: User) -> ExportJob:
    return ExportJob.objects.create(
        country_id="KH", format="csv", requested_by=kh_consultant
    )


def row(job: ExportJob) -> ExportJob:
    return ExportJob.objects.get(pk=job.pk)


def finish(job: ExportJob) -> None:
    job.mark_done(row_count=7)


# --- Claiming --------------------------------------------------------------------------


def test_a_job_is_claimed_run_and_marked_done(job: ExportJob) -> None:
    seen: list[tuple[str, int]] = []

    def work(claimed: ExportJob) -> None:
        seen.append((row(claimed).status, claimed.attempts))
        finish(claimed)

    run_job(ExportJob, job.pk, work, messages=MESSAGES)

    job = row(job)
    assert seen == [(JobStatus.RUNNING, 1)]
    assert (job.status, job.progress, job.row_count) == (JobStatus.DONE, 100, 7)
    assert job.started_at is not None
    assert job.finished_at is not None


def test_a_finished_job_is_not_run_again(job: ExportJob) -> None:
    runs: list[int] = []

    def work(claimed: ExportJob) -> None:
        runs.append(claimed.pk)
        finish(claimed)

    run_job(ExportJob, job.pk, work, messages=MESSAGES)
    finished_at = row(job).finished_at
    run_job(ExportJob, job.pk, work, messages=MESSAGES)

    assert runs == [job.pk]
    assert (row(job).attempts, row(job).finished_at) == (1, finished_at)


@contextmanager
def held_by_another_runner(model: type[Job], pk: int) -> Iterator[None]:
    """The job's lock, held by a runner on another database connection."""
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with job_lock(model, pk) as free:
                if free:
                    taken.set()
                    release.wait(30)
        finally:
            connection.close()

    runner = threading.Thread(target=hold)
    runner.start()
    try:
        assert taken.wait(30), "the other runner did not get the lock"
        yield
    finally:
        release.set()
        runner.join()


def test_a_second_runner_finds_the_job_held_and_does_nothing(job: ExportJob) -> None:
    runs: list[int] = []

    with held_by_another_runner(ExportJob, job.pk):
        # A redelivered task, while the first runner is still at work.
        run_job(ExportJob, job.pk, lambda claimed: runs.append(1), messages=MESSAGES)

    assert runs == []
    assert (row(job).status, row(job).attempts) == (JobStatus.QUEUED, 0)


def test_a_job_left_running_by_a_dead_worker_is_taken_over(job: ExportJob) -> None:
    ExportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=1, progress=40, error="old"
    )

    run_job(ExportJob, job.pk, finish, messages=MESSAGES)

    job = row(job)
    assert (job.status, job.attempts, job.error) == (JobStatus.DONE, 2, "")


def test_a_job_that_ran_out_of_attempts_fails_without_running(job: ExportJob) -> None:
    ExportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=MAX_ATTEMPTS
    )
    runs: list[int] = []

    run_job(ExportJob, job.pk, lambda claimed: runs.append(1), messages=MESSAGES)

    job = row(job)
    assert runs == []
    assert (job.status, job.error) == (JobStatus.FAILED, "Stopped after 3 tries.")
    assert job.finished_at is not None


# --- Failing ---------------------------------------------------------------------------


def test_an_application_error_fails_the_job_with_its_message(job: ExportJob) -> None:
    def work(claimed: ExportJob) -> None:
        raise ApplicationError("The filters are no longer valid.")

    run_job(ExportJob, job.pk, work, messages=MESSAGES)

    job = row(job)
    assert (job.status, job.error) == (
        JobStatus.FAILED,
        "The filters are no longer valid.",
    )
    assert job.finished_at is not None


def test_an_unexpected_error_fails_the_job_and_names_the_error(
    job: ExportJob,
) -> None:
    def work(claimed: ExportJob) -> None:
        raise OSError(28, "No space left on device")

    run_job(ExportJob, job.pk, work, messages=MESSAGES)

    assert (row(job).status, row(job).error) == (
        JobStatus.FAILED,
        "Broken (OSError: [Errno 28] No space left on device).",
    )


def test_a_job_past_its_time_limit_fails_saying_so(
    job: ExportJob, settings: Any
) -> None:
    settings.CELERY_TASK_SOFT_TIME_LIMIT = 600

    def work(claimed: ExportJob) -> None:
        raise SoftTimeLimitExceeded

    run_job(ExportJob, job.pk, work, messages=MESSAGES)

    assert (row(job).status, row(job).error) == (
        JobStatus.FAILED,
        "Longer than 10 minutes.",
    )


def test_a_failure_after_the_job_was_marked_done_leaves_it_done(
    job: ExportJob,
) -> None:
    def work(claimed: ExportJob) -> None:
        finish(claimed)
        raise RuntimeError("while cleaning up")

    run_job(ExportJob, job.pk, work, messages=MESSAGES)

    assert (row(job).status, row(job).error) == (JobStatus.DONE, "")


# --- Progress --------------------------------------------------------------------------


def test_progress_is_written_at_once_and_says_100_only_when_done(
    job: ExportJob,
) -> None:
    seen: list[int] = []

    def work(claimed: ExportJob) -> None:
        for done in (0, 3, 4):
            claimed.mark_progress(done, 4)
            seen.append(row(claimed).progress)
        claimed.mark_progress(5, 0)
        seen.append(row(claimed).progress)
        finish(claimed)

    run_job(ExportJob, job.pk, work, messages=MESSAGES)

    assert seen == [0, 75, 99, 0]
    assert row(job).progress == 100


def test_progress_is_not_written_on_a_job_that_is_not_running(job: ExportJob) -> None:
    job.mark_progress(50)

    assert row(job).progress == 0


# --- The resume sweep ------------------------------------------------------------------


@pytest.fixture
def quick_pdf(monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path) -> None:
    settings.PRIVATE_FILES_ROOT = tmp_path
    monkeypatch.setattr(
        render, "write_pdf", lambda document, path: Path(path).write_bytes(b"%PDF")
    )


def new_report(by: User) -> Report:
    return Report.objects.create(
        country_id="TH",
        countries=["TH"],
        number=Report.objects.filter(country_id="TH").count() + 1,
        cutoff_at=timezone.now(),
        requested_by=by,
    )


def asked_for_minutes_ago(job: ExportJob | Report, minutes: int) -> None:
    type(job).objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def test_the_sweep_knows_the_task_of_every_kind_of_job() -> None:
    assert {
        ExportJob: "surveys.exports.tasks.run_export",
        ImportJob: "surveys.imports.tasks.run_import",
        Report: "surveys.reports.tasks.compile_report",
        Release: "surveys.releases.tasks.accept_release",
    } == JOB_TASKS
    for name in JOB_TASKS.values():
        assert import_string(name).name == name


def test_the_sweep_finds_jobs_left_running_or_long_queued_of_every_kind(
    job: ExportJob, staff: User
) -> None:
    orphaned = new_report(staff)
    Report.objects.filter(pk=orphaned.pk).update(status=JobStatus.RUNNING, attempts=1)
    held = new_report(staff)
    Report.objects.filter(pk=held.pk).update(status=JobStatus.RUNNING, attempts=1)
    waiting = new_report(staff)
    asked_for_minutes_ago(waiting, 5)
    just_asked = new_report(staff)
    asked_for_minutes_ago(job, 5)

    with held_by_another_runner(Report, held.pk):
        found = jobs_to_resume(JOB_TASKS)

    assert sorted(found, key=lambda kind_pk: (kind_pk[0].__name__, kind_pk[1])) == [
        (ExportJob, job.pk),
        (Report, orphaned.pk),
        (Report, waiting.pk),
    ]
    assert (Report, just_asked.pk) not in found


def test_the_sweep_resumes_a_report_a_dead_worker_left_running(
    staff: User, quick_pdf: None
) -> None:
    report = new_report(staff)
    Report.objects.filter(pk=report.pk).update(
        status=JobStatus.RUNNING, attempts=1, progress=60
    )

    assert resume_jobs.delay().get() == 1

    report.refresh_from_db()
    assert (report.status, report.attempts, report.progress) == (JobStatus.DONE, 2, 100)
    assert report.pdf_path


# --- The cycle collector -------------------------------------------------------------


def test_a_job_runs_without_the_cycle_collector_which_is_back_after_it_fails(
    job: ExportJob,
) -> None:
    seen: list[bool] = []

    def work(claimed: ExportJob) -> None:
        seen.append(gc.isenabled())
        raise ApplicationError("The file is gone.")

    assert gc.isenabled()
    run_job(ExportJob, job.pk, work, messages=MESSAGES)

    assert seen == [False]
    assert gc.isenabled()
    assert row(job).status == JobStatus.FAILED
