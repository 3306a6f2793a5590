"""The report job: redelivery, failure, and a real worker killed mid-compile.

The first tests run the task in-process (any database); those marked `integration`
start real `celery worker` processes on PostgreSQL and Redis.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from countries.models import Country
from sse_mapping.celery import app as celery_app
from surveys.models import Report
from surveys.reports import jobs, render, services
from surveys.reports.tasks import compile_report
from tests.surveys.reports.test_reports import add_figures, make_entity, validate
from tests.workers import tasks_sent_to_workers

TEST_QUEUE = "reports-kill-test"


def new_report(by: User, country: str = "TH") -> Report:
    return Report.objects.create(
        country_id=country,
        countries=[country],
        number=Report.objects.filter(country_id=country).count() + 1,
        cutoff_at=timezone.now(),
        requested_by=by,
    )


@pytest.fixture
def quick_pdf(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Skip WeasyPrint where the test is about the job, not the PDF; counts renders."""
    rendered: list[Path] = []

    def write_pdf(document: str, path: Path) -> None:
        rendered.append(path)
        Path(path).write_bytes(b"%PDF-1.7 test")

    monkeypatch.setattr(render, "write_pdf", write_pdf)
    return rendered


@pytest.fixture
def private_files(settings: Any, tmp_path: Path) -> Path:
    settings.PRIVATE_FILES_ROOT = tmp_path
    return tmp_path


# --- In-process: redelivery and failure ------------------------------------------------


@pytest.mark.django_db
def test_a_redelivered_task_for_a_finished_report_does_nothing(
    staff: User, quick_pdf: list[Path], private_files: Path
) -> None:
    report = new_report(staff)
    assert compile_report.delay(report.pk).get() == "done"
    report.refresh_from_db()
    finished_at, pdf_path = report.finished_at, report.pdf_path
    assert compile_report.delay(report.pk).get() == "done"
    report.refresh_from_db()
    assert (report.attempts, report.finished_at, report.pdf_path) == (
        1,
        finished_at,
        pdf_path,
    )
    assert len(quick_pdf) == 1


@pytest.mark.django_db
def test_a_task_redelivered_after_a_lost_worker_takes_over_and_cleans_up(
    staff: User, quick_pdf: list[Path], private_files: Path
) -> None:
    report = new_report(staff)
    # What a worker killed after writing part of its files leaves behind.
    Report.objects.filter(pk=report.pk).update(
        status="running", attempts=1, progress=60
    )
    stale = jobs.report_folder(report) / "tmp-1-deadbeef"
    stale.mkdir(parents=True)
    (stale / "TH-mapping-report-v1.html").write_text("half a report")
    assert compile_report.delay(report.pk).get() == "done"
    report.refresh_from_db()
    assert (report.status, report.attempts, report.progress) == ("done", 2, 100)
    assert not list(jobs.report_folder(report).glob("tmp-*"))
    assert sorted(p.name for p in jobs.report_folder(report).iterdir()) == [
        "TH-mapping-report-v1.html",
        "TH-mapping-report-v1.pdf",
        "TH-mapping-report-v1.xlsx",
    ]


@pytest.mark.django_db
def test_after_three_lost_workers_the_job_fails_with_a_reason(
    staff: User, quick_pdf: list[Path], private_files: Path
) -> None:
    report = new_report(staff)
    Report.objects.filter(pk=report.pk).update(status="running", attempts=3)
    assert compile_report.delay(report.pk).get() == "failed"
    report.refresh_from_db()
    assert "stopped 3 times" in report.error
    assert quick_pdf == []


@pytest.mark.django_db
def test_a_failure_while_writing_the_files_leaves_no_file_and_says_why(
    staff: User, private_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(render, "write_xlsx", full_disk)
    monkeypatch.setattr(
        render, "write_pdf", lambda document, path: Path(path).write_bytes(b"%PDF")
    )
    report = new_report(staff)
    assert compile_report.delay(report.pk).get() == "failed"
    report.refresh_from_db()
    assert "No space left on device" in report.error
    assert (report.pdf_path, report.tables) == ("", {})
    assert not [p for p in private_files.rglob("*") if p.is_file()]


# --- Real workers ---------------------------------------------------------------------


def report_worker(
    hold_file: Path, *, queues: str = TEST_QUEUE, name: str = "kill-test"
) -> Iterator[subprocess.Popen[bytes]]:
    """A worker that consumes only `queues` (by default this module's queue), and
    pauses each compile that has written its files while `hold_file` exists."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://{}:{}@{}:{}/{}".format(
            db["USER"] or "postgres",
            db["PASSWORD"] or "",
            db["HOST"] or "127.0.0.1",
            db["PORT"] or 5432,
            db["NAME"],
        ),
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "sse_mapping.settings",
        "DEBUG": "true",
        "PRIVATE_FILES_ROOT": str(settings.PRIVATE_FILES_ROOT),
        jobs.HOLD_FILE_VARIABLE: str(hold_file),
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "sse_mapping",
            "worker",
            "-Q",
            queues,
            "-n",
            f"{name}-{os.getpid()}@%h",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "warning",
        ],
        env=env,
        cwd=settings.BASE_DIR,
    )
    deadline = time.monotonic() + 60
    while not celery_app.control.ping(
        destination=[f"{name}-{os.getpid()}@{os.uname().nodename}"], timeout=1
    ):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("the Celery worker did not start")
    try:
        with tasks_sent_to_workers():
            yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def pool_children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in children]


def wait_for(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.3)


def thai_findings(th_consultant: User) -> None:
    for index, sse_type in enumerate(["CE", "COOP", "SE"]):
        entity = make_entity(
            th_consultant, "TH", name_en=f"Entity {index}", sse_type=sse_type
        )
        add_figures(
            entity,
            th_consultant,
            2024,
            members_total=10,
            members_women=4,
            members_men=6,
        )
        validate(entity)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_compiles_a_requested_report_on_the_reports_queue(
    celery_worker_process: subprocess.Popen[bytes],
    staff: User,
    th_consultant: User,
) -> None:
    thai_findings(th_consultant)
    with transaction.atomic():
        report = services.report_compile_request(
            by=staff, country=Country.objects.get(pk="TH")
        )
    try:
        wait_for(
            lambda: Report.objects.get(pk=report.pk).is_finished,
            240,
            "the worker did not finish the report",
        )
        report.refresh_from_db()
        assert report.status == "done", report.error
        assert report.tables["entities"] == 3
        assert all(jobs.stored_file(report, kind) for kind in jobs.FILE_KINDS)
        assert celery_worker_process.poll() is None
    finally:
        shutil.rmtree(jobs.report_folder(report), ignore_errors=True)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_compile_leaves_no_half_report_and_the_job_finishes(
    staff: User, th_consultant: User, tmp_path: Path
) -> None:
    thai_findings(th_consultant)
    hold = tmp_path / "hold"
    hold.write_text("")
    workers = report_worker(hold)
    worker = next(workers)
    report = new_report(staff)
    folder = jobs.report_folder(report)
    client = Client()
    client.force_login(staff)
    try:
        compile_report.apply_async(args=[report.pk], queue=TEST_QUEUE)
        # The first attempt has written its three files and waits before publishing.
        wait_for(
            lambda: Report.objects.get(pk=report.pk).progress >= 95,
            240,
            "the first attempt did not write its files",
        )
        report.refresh_from_db()
        assert (report.status, report.attempts) == ("running", 1)
        assert [p.name for p in folder.iterdir()] == [next(folder.glob("tmp-*")).name]
        assert len(list(next(folder.glob("tmp-*")).iterdir())) == 3
        assert (report.pdf_path, report.xlsx_path, report.html_path) == ("", "", "")
        assert (
            client.get(reverse("report-download", args=[report.pk, "pdf"])).status_code
            == 404
        )

        for child in pool_children(worker.pid):
            os.kill(child, signal.SIGKILL)
        hold.unlink()

        wait_for(
            lambda: Report.objects.get(pk=report.pk).is_finished,
            240,
            "the redelivered job did not finish",
        )
        report.refresh_from_db()
        assert report.status == "done", report.error
        assert report.attempts == 2
        assert not list(folder.glob("tmp-*"))
        assert sorted(p.name for p in folder.iterdir()) == [
            "TH-mapping-report-v1.html",
            "TH-mapping-report-v1.pdf",
            "TH-mapping-report-v1.xlsx",
        ]
        download = client.get(reverse("report-download", args=[report.pk, "pdf"]))
        assert download.status_code == 200
        assert worker.poll() is None  # the worker itself lives on
    finally:
        hold.unlink(missing_ok=True)
        next(workers, None)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_report_whose_whole_worker_died_is_resumed_by_the_next_workers_sweep(
    staff: User, th_consultant: User, tmp_path: Path
) -> None:
    thai_findings(th_consultant)
    hold = tmp_path / "hold"
    hold.write_text("")
    first_workers = report_worker(hold)
    first = next(first_workers)
    report = new_report(staff)
    folder = jobs.report_folder(report)
    next_workers: Iterator[subprocess.Popen[bytes]] = iter(())
    try:
        compile_report.apply_async(args=[report.pk], queue=TEST_QUEUE)
        wait_for(
            lambda: Report.objects.get(pk=report.pk).progress >= 95,
            240,
            "the first attempt did not write its files",
        )
        # The whole worker dies, its pool process with it: nobody hands the message
        # back before the broker's visibility timeout, far beyond this test.
        pool = pool_children(first.pid)
        os.kill(first.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        for child in pool:
            os.kill(child, signal.SIGKILL)
        first.wait()
        hold.unlink()
        report.refresh_from_db()
        assert (report.status, report.attempts) == ("running", 1)

        # A worker that starts sweeps for the jobs dead workers left behind.
        next_workers = report_worker(
            tmp_path / "no-hold", queues="default,reports", name="sweep-test"
        )
        next(next_workers)
        wait_for(
            lambda: Report.objects.get(pk=report.pk).is_finished,
            240,
            "the sweep did not resume the report",
        )
        # A new worker gives the one report within two minutes of the kill.
        assert time.monotonic() - killed_at <= 120
        report.refresh_from_db()
        assert report.status == "done", report.error
        assert report.attempts == 2
        assert not list(folder.glob("tmp-*"))
        assert sorted(p.name for p in folder.iterdir()) == [
            "TH-mapping-report-v1.html",
            "TH-mapping-report-v1.pdf",
            "TH-mapping-report-v1.xlsx",
        ]
    finally:
        hold.unlink(missing_ok=True)
        next(first_workers, None)
        next(next_workers, None)
        shutil.rmtree(folder, ignore_errors=True)
