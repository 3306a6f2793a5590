"""Redis stopped while people work: a real web server and a real worker (with beat)
on a Redis of this test's own (never the machine's), PostgreSQL underneath.

An export, a report and review decisions (a return, an approval) asked for while
Redis is down are saved and answer at once without an error; when Redis is back, all
are done, once.
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
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import User
from django.db import connection

from surveys.models import ExportJob, JobStatus, Notification, Report, ReviewDecision
from tests.surveys.review.test_workflow import submitted_entity
from tests.test_runplatform import Browser, free_port

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PASSWORD = "faults-test-2026"


class Redis:
    """A redis-server of this test's own, without persistence, on a free port."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.folder = folder
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_until(self._answers, 20, "redis-server to start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def _answers(self) -> bool:
        ping = subprocess.run(
            ["redis-cli", "-p", str(self.port), "ping"], capture_output=True
        )
        return ping.stdout.strip() == b"PONG"


def wait_until(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.5)


@pytest.fixture
def services(tmp_path: Path) -> Iterator[tuple[Redis, str, Path]]:
    """Redis, the web server and a worker with beat, on the test database."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    redis = Redis(tmp_path)
    redis.start()
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
        "REDIS_URL": redis.url,
        "DJANGO_SETTINGS_MODULE": "sse_mapping.settings",
        "DEBUG": "true",
        "PRIVATE_FILES_ROOT": str(tmp_path / "private"),
        "EMAIL_URL": "consolemail://",
    }
    port = free_port()
    log = (tmp_path / "services.log").open("wb")
    processes = [
        subprocess.Popen(
            command,
            env=env,
            cwd=settings.BASE_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for command in (
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
            ],
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "sse_mapping",
                "worker",
                "--beat",
                "-s",
                str(tmp_path / "beat-schedule"),
                "-Q",
                "default,exports,reports",
                "--concurrency=2",
                "--without-gossip",
                "--without-mingle",
                "-l",
                "info",
            ],
        )
    ]
    try:
        wait_until(
            lambda: b" ready." in (tmp_path / "services.log").read_bytes(),
            60,
            "the worker",
        )
        yield redis, f"http://127.0.0.1:{port}", tmp_path / "services.log"
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        redis.stop()
        log.close()


def logged_in(base: str, user: User) -> Browser:
    # Hashed as the web server's settings hash (the test settings' hasher is faster).
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save()
    browser = Browser(base)
    wait_until(lambda: _answers(browser), 60, "the web server")
    browser.post(
        "/accounts/login/", {"username": user.get_username(), "password": PASSWORD}
    )
    return browser


def _answers(browser: Browser) -> bool:
    try:
        return browser.get("/accounts/login/")[0] == 200
    except OSError:
        return False


def test_work_asked_for_while_redis_is_down_is_saved_and_done_when_it_returns(
    services: tuple[Redis, str, Path],
    staff: User,
    kh_consultant: User,
    kh_committee: User,
) -> None:
    redis, base, log = services
    entity = submitted_entity(kh_consultant)
    approved = submitted_entity(
        kh_consultant, name_en="Kampot Pepper Growers", name_local="កសិករម្រេចកំពត"
    )
    staff_browser = logged_in(base, staff)
    committee_browser = logged_in(base, kh_committee)

    redis.stop()
    answers = [
        staff_browser.post("/countries/KH/exports/", {"format": "csv"}),
        staff_browser.post("/countries/TH/reports/", {}),
        committee_browser.post(
            f"/review/entity/{entity.pk}/",
            {
                "decision": "return",
                "comment": "Add the 2023 figures.",
                "fields-TOTAL_FORMS": "0",
                "fields-INITIAL_FORMS": "0",
            },
        ),
    ]
    answers.append(
        committee_browser.post(
            f"/review/entity/{approved.pk}/",
            {
                "decision": "approve",
                "comment": "",
                "fields-TOTAL_FORMS": "0",
                "fields-INITIAL_FORMS": "0",
            },
        )
    )
    approval_page = committee_browser.last_page

    # Each action is saved and answered (after its redirect) without an error, and
    # none waits for Redis.
    assert [status for status, _, _ in answers] == [200, 200, 200, 200]
    assert "/accounts/login/" not in " ".join(url for _, url, _ in answers), answers
    assert max(seconds for _, _, seconds in answers) < 3, answers
    assert "alert-danger" not in approval_page
    assert "alert-success" in approval_page
    export = ExportJob.objects.get()
    report = Report.objects.get()
    assert (export.status, export.sent_at) == (JobStatus.QUEUED, None)
    assert (report.status, report.sent_at) == (JobStatus.QUEUED, None)
    assert sorted(ReviewDecision.objects.values_list("decision", flat=True)) == [
        "approve",
        "return",
    ]
    approved.refresh_from_db()
    assert approved.workflow_state == "validated"
    assert list(Notification.objects.values_list("sent_at", flat=True)) == [None] * 2

    redis.start()
    # Beat's sweep (every minute) sends what never reached the broker.
    wait_until(
        lambda: (
            all(job.objects.get().is_finished for job in (ExportJob, Report))
            and not Notification.objects.filter(delivered_at__isnull=True).exists()
        ),
        240,
        "the sweep to send the export, the report and the mails",
    )
    export, report = ExportJob.objects.get(), Report.objects.get()
    assert (export.status, export.attempts) == (JobStatus.DONE, 1), export.error
    assert (report.status, report.attempts) == (JobStatus.DONE, 1), report.error
    assert staff_browser.get(f"/exports/{export.pk}/download/")[0] == 200
    mailed = log.read_text(errors="replace")
    assert mailed.count("Add the 2023 figures.") == 1
