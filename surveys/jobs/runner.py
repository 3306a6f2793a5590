"""Running a job row safely: one runner at a time, resumable after a worker dies.

A Celery task for a job may be delivered twice (acks_late: a killed worker's message
comes back) or resumed by `jobs_resume` when a worker starts. Three things keep that
harmless: a PostgreSQL advisory lock held while the job runs (a second runner finds it
taken and leaves), the row locked with select_for_update while its status moves on,
and files written under a fixed temporary name and renamed at the end.
"""

from __future__ import annotations

import datetime
import logging
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from surveys.models import ExportJob, ImportJob, Job, JobStatus

logger = logging.getLogger(__name__)

# A job that failed this many runs in a row (each a killed or crashed worker) stops.
MAX_ATTEMPTS = 3

J = TypeVar("J", bound=Job)


def private_path(relative: str) -> Path:
    """The absolute path of a private file; refuses anything outside the root."""
    root = Path(settings.PRIVATE_FILES_ROOT).resolve()
    path = (root / relative).resolve()
    if root not in path.parents:
        raise ValueError(f"{relative!r} is outside the private files root")
    return path


def relative_path(path: Path) -> str:
    return str(path.resolve().relative_to(Path(settings.PRIVATE_FILES_ROOT).resolve()))


def _lock_key(model: type[Job], pk: int) -> tuple[int, int]:
    kind = zlib.crc32(model._meta.label.encode()) & 0x7FFFFFFF
    return kind, pk & 0x7FFFFFFF


@contextmanager
def job_lock(model: type[Job], pk: int) -> Iterator[bool]:
    """Hold the job's advisory lock while it runs; yields False if another has it.

    The lock belongs to the database session, so a worker killed mid-job loses it with
    its connection and the next runner can take over. SQLite runs tasks in-process,
    one at a time, and needs none.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    key = _lock_key(model, pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", key)
        taken = bool(cursor.fetchone()[0])
    try:
        yield taken
    finally:
        if taken:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)


def job_is_orphaned(model: type[Job], pk: int) -> bool:
    """A running job whose runner is gone: nobody holds its lock."""
    if connection.vendor != "postgresql":
        return False
    with job_lock(model, pk) as free:
        return free


def job_claim(model: type[J], pk: int) -> J | None:
    """Move a queued (or orphaned running) job to running; None when there is nothing
    to do: the job is gone or finished, or failed too often."""
    with transaction.atomic():
        job = model._default_manager.select_for_update().filter(pk=pk).first()
        if job is None or job.is_finished:
            return None
        if job.attempts >= MAX_ATTEMPTS:
            _fail(
                job,
                _(
                    "The job was interrupted %(n)d times and has stopped. "
                    "Please try again."
                )
                % {"n": job.attempts},
            )
            return None
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.progress = 0
        job.started_at = timezone.now()
        job.error = ""
        job.save(
            update_fields=["status", "attempts", "progress", "started_at", "error"]
        )
        return job


def job_progress(job: Job, done: int, total: int) -> None:
    """Record progress now, visible to pages polling the row."""
    progress = min(99, int(done * 100 / total)) if total else 0
    if progress != job.progress:
        job.progress = progress
        type(job)._default_manager.filter(pk=job.pk).update(progress=progress)


def job_fail(job: Job, message: str) -> None:
    with transaction.atomic():
        locked = type(job)._default_manager.select_for_update().get(pk=job.pk)
        _fail(locked, message)
    job.status, job.error = JobStatus.FAILED, message


def _fail(job: Job, message: str) -> None:
    job.status = JobStatus.FAILED
    job.error = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])


def jobs_to_resume(older_than_seconds: int = 60) -> list[tuple[str, int]]:
    """Export and import jobs a dead worker left behind: running without a runner, or
    still queued a while after they were asked for (their message may be lost)."""
    since = timezone.now() - datetime.timedelta(seconds=older_than_seconds)
    found: list[tuple[str, int]] = []
    for name, model in (("export", ExportJob), ("import", ImportJob)):
        stuck = model.objects.filter(
            Q(status=JobStatus.RUNNING)
            | Q(status=JobStatus.QUEUED, created_at__lt=since)
        ).values_list("pk", "status")
        for pk, status in stuck:
            if status == JobStatus.QUEUED or job_is_orphaned(model, pk):
                found.append((name, pk))
    logger.info("jobs to resume: %s", found)
    return found
