"""Export and import jobs on a real Celery worker (PostgreSQL and Redis), including a
worker killed in the middle of a job: the next one finishes it, with one file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from countries.models import Country
from countries.vocabularies import WorkflowState
from sse_mapping.celery import app as celery_app
from surveys.entities import services
from surveys.exports import export_request
from surveys.exports.tasks import run_export
from surveys.imports import import_confirm, import_start
from surveys.jobs.runner import private_path
from surveys.models import Entity, ExportJob, ImportJob, JobStatus
from tests.workers import tasks_sent_to_workers

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

# Only the workers of this module read this queue, so the first run of a job is theirs.
QUEUE = "transfer-worker-test"


def wait_for(
    condition: Callable[[], bool], *, timeout: float, what: str, every: float = 0.2
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(every)


def start_worker(queues: str) -> subprocess.Popen[bytes]:
    """A `celery worker` on the test database, in its own process group so that it can
    be killed whole, as tests/conftest.py starts one."""
    db = connection.settings_dict
    url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        USER=db["USER"] or "postgres",
        PASSWORD=db["PASSWORD"] or "",
        HOST=db["HOST"] or "127.0.0.1",
        PORT=db["PORT"] or 5432,
        NAME=db["NAME"],
    )
    name = f"transfer-{uuid.uuid4().hex[:8]}@%h"
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "sse_mapping",
            "worker",
            "-Q",
            queues,
            "-n",
            name,
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "warning",
        ],
        env={
            **os.environ,
            "DATABASE_URL": url,
            "REDIS_URL": settings.REDIS_URL,
            "DJANGO_SETTINGS_MODULE": "sse_mapping.settings",
            "DEBUG": "true",
            "PRIVATE_FILES_ROOT": str(settings.PRIVATE_FILES_ROOT),
        },
        cwd=settings.BASE_DIR,
        start_new_session=True,
    )
    hostname = name.replace("%h", os.uname().nodename)
    deadline = time.monotonic() + 60
    while not celery_app.control.ping(destination=[hostname], timeout=1):
        if process.poll() is not None or time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail("the Celery worker did not start")
    return process


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def workers() -> Iterator[list[subprocess.Popen[bytes]]]:
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(QUEUE)
    started: list[subprocess.Popen[bytes]] = []
    with tasks_sent_to_workers():
        try:
            yield started
        finally:
            for process in started:
                stop(process)


def clone_entities(template: Entity, count: int) -> None:
    """`count` validated copies of an entity, in one INSERT … SELECT (PostgreSQL)."""
    columns = [
        f.column
        for f in Entity._meta.concrete_fields
        if f.column != "id" and not f.generated  # the database fills generated ones
    ]
    made = {
        "uid": "gen_random_uuid()",
        "code": "'KH-' || lpad(n::text, 6, '0')",
        "name_en": "'Savings group ' || n",
        "name_key": "'savings group ' || n",
        "workflow_state": "'validated'",
    }
    chosen = ", ".join(made.get(column, f"e.{column}") for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Entity._meta.db_table} ({', '.join(columns)}) "
            f"SELECT {chosen} FROM {Entity._meta.db_table} e, "
            "generate_series(%s, %s) n WHERE e.id = %s",
            [2, count, template.pk],
        )


@pytest.fixture
def many_entities(kh_consultant: User) -> int:
    """Enough validated entities that an XLSX export runs for several seconds."""
    count = 15_000
    template = services.entity_create(
        country=Country.objects.get(code="KH"),
        by=kh_consultant,
        data={"name_en": "Savings group 1", "sse_type": "SHG"},
    )
    Entity.objects.filter(pk=template.pk).update(workflow_state=WorkflowState.VALIDATED)
    clone_entities(template, count)
    return count


def job_files(job: ExportJob) -> list[str]:
    folder = private_path(f"exports/{job.country_id}")
    return sorted(p.name for p in folder.glob(f"export-{job.pk}.*"))


@pytest.fixture
def clean_files() -> Iterator[list[ExportJob]]:
    jobs: list[ExportJob] = []
    yield jobs
    for job in jobs:
        for path in private_path(f"exports/{job.country_id}").glob(
            f"export-{job.pk}.*"
        ):
            path.unlink()


def export_job(user: User, format: str = "xlsx") -> ExportJob:
    # Made directly, so that no message goes to the shared exports queue.
    return ExportJob.objects.create(
        country_id="KH", format=format, requested_by=user, filters={}
    )


def assert_finished_once(job: ExportJob, rows: int) -> None:
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert job.attempts == 2
    assert job.row_count == rows
    assert job_files(job) == [f"export-{job.pk}.xlsx"]
    workbook = openpyxl.load_workbook(private_path(job.file_path), read_only=True)
    assert workbook["data"].max_row == rows + 1


def running_with_progress(job: ExportJob) -> Callable[[], bool]:
    def check() -> bool:
        job.refresh_from_db()
        return job.status == JobStatus.RUNNING and job.progress >= 5

    return check


def test_a_job_whose_worker_process_is_killed_is_finished_by_the_next_process(
    workers: list[Any],
    kh_consultant: User,
    many_entities: int,
    clean_files: list[ExportJob],
) -> None:
    worker = start_worker(QUEUE)
    workers.append(worker)
    job = export_job(kh_consultant)
    clean_files.append(job)

    run_export.apply_async((job.pk,), queue=QUEUE)
    wait_for(running_with_progress(job), timeout=60, what="the export to start")
    (pool_process,) = children(worker.pid)
    os.kill(pool_process, signal.SIGKILL)

    # acks_late + reject_on_worker_lost: the message goes back to the queue and the
    # worker's next process runs the job again from the start.
    wait_for(
        lambda: ExportJob.objects.get(pk=job.pk).is_finished,
        timeout=120,
        what="the export to finish",
    )
    assert_finished_once(job, many_entities)


def test_a_job_whose_whole_worker_is_killed_is_finished_by_the_next_worker(
    workers: list[Any],
    kh_consultant: User,
    many_entities: int,
    clean_files: list[ExportJob],
) -> None:
    first = start_worker(QUEUE)
    workers.append(first)
    job = export_job(kh_consultant)
    clean_files.append(job)

    run_export.apply_async((job.pk,), queue=QUEUE)
    wait_for(running_with_progress(job), timeout=60, what="the export to start")
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    assert ExportJob.objects.get(pk=job.pk).status == JobStatus.RUNNING

    # The broker would hand the message back only after its visibility timeout; a
    # starting worker finds the orphaned job at once and runs it.
    workers.append(start_worker(f"default,exports,{QUEUE}"))
    wait_for(
        lambda: ExportJob.objects.get(pk=job.pk).is_finished,
        timeout=120,
        what="the export to finish",
    )
    assert_finished_once(job, many_entities)


def test_the_shared_worker_writes_an_export_and_commits_an_import(
    celery_worker_process: Any,
    kh_consultant: User,
    clean_files: list[ExportJob],
) -> None:
    kh = Country.objects.get(code="KH")
    entity = services.entity_create(
        country=kh,
        by=kh_consultant,
        data={"name_en": "Kampot Salt Cooperative", "sse_type": "COOP"},
    )
    Entity.objects.filter(pk=entity.pk).update(workflow_state=WorkflowState.VALIDATED)

    job = export_request(user=kh_consultant, country=kh, format="csv")
    clean_files.append(job)
    wait_for(
        lambda: ExportJob.objects.get(pk=job.pk).is_finished,
        timeout=60,
        what="the export",
    )
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    content = private_path(job.file_path).read_bytes().decode("utf-8-sig")
    assert "Kampot Salt Cooperative" in content

    upload = content.replace("Kampot Salt Cooperative", "Kampot Salt Co-operative")
    imported = import_start(
        user=kh_consultant,
        country=kh,
        file=SimpleUploadedFile("again.csv", upload.encode()),
        kind="template",
    )
    wait_for(
        lambda: ImportJob.objects.get(pk=imported.pk).is_finished,
        timeout=60,
        what="the check",
    )
    imported.refresh_from_db()
    assert imported.stage == ImportJob.Stage.READY, imported.errors
    import_confirm(user=kh_consultant, job=imported, decisions={})
    wait_for(
        lambda: ImportJob.objects.get(pk=imported.pk).stage == ImportJob.Stage.IMPORTED,
        timeout=60,
        what="the import",
    )
    entity.refresh_from_db()
    assert entity.name_en == "Kampot Salt Co-operative"
    private_path(imported.file_path).unlink()
