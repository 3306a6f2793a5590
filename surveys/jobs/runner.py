"""Running a job row safely: one runner at a time, resumable after a worker dies.

Exports, imports, reports and releases run through `run_job`; the tasks with no job
row of their own through `queued_task_run`. Their Celery tasks may be
delivered twice (acks_late: a killed worker's message comes back) or sent again by the
resume sweep (`surveys.jobs.tasks.resume_jobs`). Three things keep that harmless: a
lock held while the job runs (a second runner finds it taken and leaves), the row
locked with select_for_update while its status moves on, and files written under a
temporary name and renamed at the end.
"""

from __future__ import annotations

import datetime
import fcntl
import logging
import os
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from sse_mapping.exceptions import ApplicationError
from surveys.jobs.collector import cycle_collector_paused
from surveys.models import Job, JobStatus, QueuedTask

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)

# A job that failed this many runs in a row (each a killed or crashed worker) stops.
MAX_ATTEMPTS = 3

J = TypeVar("J", bound=Job)


@dataclass(frozen=True)
class JobMessages:
    """What the requester of one kind of job reads when it stops before it is done."""

    # After MAX_ATTEMPTS runs that never finished; `%(n)d` is how many.
    gave_up: StrOrPromise
    # After the soft time limit; `%(minutes)s`, if used, is the limit.
    too_long: StrOrPromise
    # After an unexpected error, which is logged; `%(error)s`, if used, names it.
    crashed: StrOrPromise


def run_job(
    model: type[J],
    pk: int,
    work: Callable[[J], None],
    *,
    messages: JobMessages,
    cleanup: Callable[[J], None] | None = None,
) -> None:
    """Run `work` on the job row `pk`: claimed, then failed with a reason if it raises.

    Does nothing when the job is gone or finished, or another runner has it. `work`
    marks the job done itself (`mark_done` on the locked row), so that its results and
    its status are written together. An ApplicationError it raises fails the job with
    the error's message. `cleanup` removes the scratch files an attempt leaves behind:
    run before each attempt (a killed one's) and when the job fails.
    """
    with job_lock(model, pk) as free:
        if not free:
            logger.info("%s %s is run by another worker", model._meta.label, pk)
            return
        job = job_claim(model, pk, messages=messages)
        if job is None:
            stored = model._default_manager.filter(pk=pk).first()
            if cleanup is not None and stored and stored.status == JobStatus.FAILED:
                # It gave up after an attempt that was killed mid-way.
                cleanup(stored)
            return
        if cleanup is not None:
            # What an attempt whose worker was killed left behind.
            cleanup(job)
        try:
            with in_requester_language(job):
                _work(job, work, messages=messages)
        finally:
            if cleanup is not None and job.status == JobStatus.FAILED:
                cleanup(job)


def _work(job: J, work: Callable[[J], None], *, messages: JobMessages) -> None:
    """Run `work`, failing the job with a reason if it raises."""
    try:
        with cycle_collector_paused():
            work(job)
    except SoftTimeLimitExceeded:
        minutes = settings.CELERY_TASK_SOFT_TIME_LIMIT // 60
        job_fail(job, messages.too_long % {"minutes": minutes})
    except ApplicationError as error:
        job_fail(job, error.message)
    except Exception as error:
        logger.exception("%s %s failed", job._meta.label, job.pk)
        job_fail(
            job,
            messages.crashed % {"error": f"{type(error).__name__}: {error}"[:300]},
        )


def in_requester_language(job: Job) -> translation.override:
    """The language the job's requester reads, active while its problems and the
    reason it stops are written."""
    return translation.override(job.requester_language or settings.LANGUAGE_CODE)


def private_path(relative: str) -> Path:
    """The absolute path of a private file; refuses anything outside the root."""
    root = Path(settings.PRIVATE_FILES_ROOT).resolve()
    path = (root / relative).resolve()
    if root not in path.parents:
        raise ValueError(f"{relative!r} is outside the private files root")
    return path


def relative_path(path: Path) -> str:
    return str(path.resolve().relative_to(Path(settings.PRIVATE_FILES_ROOT).resolve()))


def _lock_key(model: type[models.Model], pk: int) -> tuple[int, int]:
    kind = zlib.crc32(model._meta.label.encode()) & 0x7FFFFFFF
    return kind, pk & 0x7FFFFFFF


# The locks taken by this process, on a database without advisory locks.
_held: set[tuple[int, int]] = set()
_held_guard = threading.Lock()
# This process's descriptor of the lock file of each SQLite database, by path. Never
# closed: closing any descriptor of a file drops the process's locks on it.
_lock_files: dict[tuple[int, str], int] = {}


def _lock_file() -> int | None:
    """The lock file next to the SQLite database file; None for a database in memory."""
    name = str(connection.settings_dict["NAME"] or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    key = (os.getpid(), name)
    if key not in _lock_files:
        _lock_files[key] = os.open(f"{name}.job-locks", os.O_RDWR | os.O_CREAT, 0o600)
    return _lock_files[key]


def _file_lock(key: tuple[int, int]) -> bool:
    """Take the job's byte of the lock file; False if another process holds it.

    A byte-range lock belongs to the process, so the web server and the worker see each
    other's, and a killed worker's locks go with it.
    """
    descriptor = _lock_file()
    if descriptor is None:
        return True
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _offset(key))
    except OSError:
        return False
    return True


def _file_unlock(key: tuple[int, int]) -> None:
    descriptor = _lock_file()
    if descriptor is not None:
        fcntl.lockf(descriptor, fcntl.LOCK_UN, 1, _offset(key))


def _offset(key: tuple[int, int]) -> int:
    kind, pk = key
    return (kind << 31) | pk


@contextmanager
def job_lock(model: type[models.Model], pk: int) -> Iterator[bool]:
    """Hold the job's lock while it runs; yields False if another runner has it.

    On PostgreSQL an advisory lock, which belongs to the database session: a worker
    killed mid-job loses it with its connection and the next runner can take over.
    On SQLite a lock of this process (for its threads) and a byte-range lock on a file
    next to the database (for the other processes: the web server, the workers).
    """
    key = _lock_key(model, pk)
    if connection.vendor != "postgresql":
        with _held_guard:
            taken = key not in _held and _file_lock(key)
            if taken:
                _held.add(key)
        try:
            yield taken
        finally:
            if taken:
                with _held_guard:
                    _file_unlock(key)
                    _held.discard(key)
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", key)
        taken = bool(cursor.fetchone()[0])
    try:
        yield taken
    finally:
        if taken:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)


# One threading lock per exclusive lock key, for the threads of this process.
_exclusive_guards: dict[tuple[int, int], threading.Lock] = {}


@contextmanager
def exclusive_lock(scope: str, key: str) -> Iterator[None]:
    """Wait for, then hold, a lock on (scope, key) that every process respects: on
    PostgreSQL an advisory lock of the session, on SQLite this process's thread lock
    plus a byte-range lock of the lock file for the other processes."""
    lock_key = (
        zlib.crc32(scope.encode()) & 0x7FFFFFFF,
        zlib.crc32(key.encode()) & 0x7FFFFFFF,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", lock_key)
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", lock_key)
        return
    with _held_guard:
        guard = _exclusive_guards.setdefault(lock_key, threading.Lock())
    with guard:
        descriptor = _lock_file()
        if descriptor is not None:
            fcntl.lockf(descriptor, fcntl.LOCK_EX, 1, _offset(lock_key))
        try:
            yield
        finally:
            if descriptor is not None:
                fcntl.lockf(descriptor, fcntl.LOCK_UN, 1, _offset(lock_key))


def job_is_orphaned(model: type[models.Model], pk: int) -> bool:
    """A running job whose runner is gone: nobody holds its lock."""
    with job_lock(model, pk) as free:
        return free


def job_claim(model: type[J], pk: int, *, messages: JobMessages) -> J | None:
    """Move a queued (or orphaned running) job to running; None when there is nothing
    to do: the job is gone or finished, or failed too often."""
    with transaction.atomic():
        job = (
            model._default_manager.select_for_update()
            .defer(*model.read_apart)
            .filter(pk=pk)
            .first()
        )
        if job is None or job.is_finished:
            return None
        if job.attempts >= MAX_ATTEMPTS:
            with in_requester_language(job):
                job.mark_failed(messages.gave_up % {"n": job.attempts})
            return None
        job.mark_running()
        return job


def job_fail(job: Job, error: str) -> None:
    """Fail the job, unless it finished meanwhile; `job` says so too afterwards."""
    with transaction.atomic():
        locked = type(job)._default_manager.select_for_update().get(pk=job.pk)
        if not locked.is_finished:
            locked.mark_failed(error)
    job.status, job.error, job.finished_at = (
        locked.status,
        locked.error,
        locked.finished_at,
    )


def queued_task_run(pk: int) -> bool:
    """Run a queued task once; True when it ran to its end.

    Does nothing when it has run already or another worker runs it. A task that raises
    is logged and its row keeps the error: the sweep sends it again, up to
    MAX_ATTEMPTS runs, then it is given up.
    """
    with job_lock(QueuedTask, pk) as free:
        if not free:
            logger.info("queued task %s is run by another worker", pk)
            return False
        with transaction.atomic():
            queued = (
                QueuedTask.objects.select_for_update()
                .filter(pk=pk, finished_at__isnull=True)
                .first()
            )
            if queued is None:
                return False
            if queued.attempts >= MAX_ATTEMPTS:
                logger.error("queued task %s gave up: %s", pk, queued.error)
                queued.finished_at = timezone.now()
                queued.save(update_fields=["finished_at"])
                return False
            queued.attempts += 1
            queued.started_at = timezone.now()
            queued.save(update_fields=["attempts", "started_at"])
        try:
            import_string(queued.task)(*queued.args)
        except Exception as error:
            logger.exception("queued task %s (%s) failed", pk, queued.task)
            QueuedTask.objects.filter(pk=pk).update(
                error=f"{type(error).__name__}: {error}"[:300]
            )
            return False
        QueuedTask.objects.filter(pk=pk).update(finished_at=timezone.now(), error="")
        return True


def jobs_to_resume(
    models: Iterable[type[Job]],
    *,
    stale_after: int | None = None,
    unsent_after: int = 10,
    lost_after: int = 600,
) -> list[tuple[type[Job], int]]:
    """The jobs of these kinds to send to the broker (again).

    - queued and never sent (the broker was down when it was asked for) for
      `unsent_after` seconds, or sent `lost_after` seconds ago and still queued (the
      broker lost the message);
    - running without a runner (its lock is free) and without a heartbeat for
      `stale_after` seconds (JOB_STALE_SECONDS; 0 when a worker starts: a dead worker's
      job is taken up at once).
    """
    now = timezone.now()
    if stale_after is None:
        stale_after = settings.JOB_STALE_SECONDS
    stale = now - datetime.timedelta(seconds=stale_after)
    unsent = now - datetime.timedelta(seconds=unsent_after)
    lost = now - datetime.timedelta(seconds=lost_after)
    found: list[tuple[type[Job], int]] = []
    for model in models:
        stuck = model._default_manager.filter(
            Q(
                status=JobStatus.RUNNING,
                heartbeat_at__lte=stale,
            )
            | Q(status=JobStatus.RUNNING, heartbeat_at__isnull=True)
            | Q(status=JobStatus.QUEUED, sent_at__isnull=True, created_at__lt=unsent)
            | Q(status=JobStatus.QUEUED, sent_at__lt=lost)
        ).values_list("pk", "status")
        for pk, status in stuck:
            if status == JobStatus.QUEUED or job_is_orphaned(model, pk):
                found.append((model, pk))
    if found:
        logger.info("jobs to send: %s", [(m._meta.label, pk) for m, pk in found])
    return found


# How many of a user's recent jobs a page lists.
JOBS_SHOWN = 30

# How a job's stored file is served, by its extension.
CONTENT_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "jsonld": "application/ld+json",
}
