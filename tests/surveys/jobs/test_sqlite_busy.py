"""SQLite has one writer at a time: while a long job holds the write lock (an import
commit, a release being taken), another job's progress update is skipped rather than
failing that job, and a page's write that waited its whole timeout answers a clear 503
page, never a 500."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import reverse

from surveys.models import ExportJob, JobStatus

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sqlite_file() -> str:
    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite" or "memory" in name:
        pytest.skip("SQLite's write lock, in a database file")
    return name


@pytest.fixture
def long_writer(sqlite_file: str) -> Iterator[sqlite3.Connection]:
    """Another connection, which takes the write lock (`BEGIN IMMEDIATE`) as a long
    import commit does; released at the end."""
    other = sqlite3.connect(sqlite_file, isolation_level=None, timeout=5)
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


@pytest.fixture
def short_timeout() -> Iterator[None]:
    """This connection gives up after a second instead of the usual 20."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout = 1000")
    yield
    connection.close()


def running_export(user: User) -> ExportJob:
    return ExportJob.objects.create(
        country_id="KH",
        format="csv",
        requested_by=user,
        status=JobStatus.RUNNING,
        attempts=1,
    )


def test_a_progress_update_while_another_job_writes_is_skipped_not_fatal(
    staff: User, reference_data: None, long_writer: sqlite3.Connection
) -> None:
    job = running_export(staff)
    long_writer.execute("BEGIN IMMEDIATE")

    started = time.monotonic()
    job.mark_progress(3, 10)

    # Nothing raised, and it did not wait the connection's 20 s.
    assert time.monotonic() - started < 2
    assert long_writer.execute(
        "SELECT progress FROM surveys_exportjob WHERE id = ?", (job.pk,)
    ).fetchone() == (0,)
    long_writer.execute("ROLLBACK")
    # The lock released, the next update passes.
    job.mark_progress(6, 10)
    assert ExportJob.objects.get(pk=job.pk).progress == 60
    # The usual timeout is back for everything else.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20000


def test_a_page_write_that_times_out_answers_a_clear_503(
    client: Client,
    staff: User,
    reference_data: None,
    long_writer: sqlite3.Connection,
    short_timeout: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Signed in before the long job took the lock (the session is a write, too).
    client.force_login(staff)
    long_writer.execute("BEGIN IMMEDIATE")

    response = client.post(reverse("export-list", args=["KH"]), {"format": "csv"})

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "busy saving a long job" in page
    assert "nothing was saved from this request" in page
    assert "SSE Mapping Platform" in page
    assert "Database busy, answered 503" in caplog.text
    long_writer.execute("ROLLBACK")
    assert not ExportJob.objects.exists()


def test_the_api_answers_503_json_when_the_database_is_busy(
    client: Client,
    staff: User,
    reference_data: None,
    long_writer: sqlite3.Connection,
    short_timeout: None,
) -> None:
    client.force_login(staff)
    long_writer.execute("BEGIN IMMEDIATE")

    response = client.post(
        "/api/v1/exports/",
        {"country": "KH", "format": "csv"},
        content_type="application/json",
    )

    assert response.status_code == 503
    assert "busy saving a long job" in response.json()["detail"]
