"""`make run`'s platform command: the web server and a worker on a folder broker.

Started as a new user starts it (no PostgreSQL, no Redis), on a free port with a
SQLite database and a broker folder of its own: it serves, and a report asked for on
its page compiles in the worker while the pages keep answering.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DEBUG="true",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        CELERY_BROKER_FOLDER=str(tmp_path / "broker"),
        PRIVATE_FILES_ROOT=str(tmp_path / "private"),
        DEMO_PASSWORD="platform-test-2026",
    )
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_reference_data"],
        ["seed_demo", "--quiet-logins", "--without-records"],
    ):
        subprocess.run(
            manage + command, env=env, check=True, capture_output=True, timeout=300
        )
    port = free_port()
    log = (tmp_path / "platform.log").open("wb")
    process = subprocess.Popen(
        [*manage, "runplatform", f"127.0.0.1:{port}"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield f"http://127.0.0.1:{port}", tmp_path
    finally:
        # The worker and the web server each lead a session of their own.
        sessions = {pid for pid, parent, _ in _processes() if parent == process.pid}
        # On SQLite the long jobs run one at a time, in a worker of their own.
        workers = [_command(pid) for pid in sessions if "celery" in _command(pid)]
        assert sorted(w[w.index("-Q") + 1] for w in workers) == [
            "default",
            "exports,reports",
        ]
        assert all("--concurrency=1" in w for w in workers)
        process.send_signal(signal.SIGINT)
        try:
            assert process.wait(timeout=40) == 0
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            log.close()
    # Ctrl-C stopped the workers (and their pools) and the web server with them:
    # within seconds none of their processes is left running (a pool's last child
    # may still be on its way out when the command returns).
    assert len(sessions) == 3
    deadline = time.monotonic() + 15
    while (left := _running_in(sessions)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not left


def _command(pid: int) -> list[str]:
    return (Path("/proc") / str(pid) / "cmdline").read_text().split("\0")


def _processes() -> Iterator[tuple[int, int, int]]:
    """(pid, parent pid, session id) of every process not yet exited."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            state, parent, _group, session = stat.rsplit(")", 1)[1].split()[:4]
            if state != "Z":  # exited, its parent not told yet
                yield int(entry.name), int(parent), int(session)


def _running_in(sessions: set[int]) -> list[int]:
    return [pid for pid, _, session in _processes() if session in sessions]


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.last_page = ""
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies)
        )

    def get(self, path: str) -> tuple[int, str, float]:
        started = time.monotonic()
        with self.opener.open(self.base + path, timeout=30) as response:
            body = response.read().decode()
            return response.status, body, time.monotonic() - started

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str, float]:
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(
                {**data, "csrfmiddlewaretoken": token}
            ).encode(),
            headers={"Referer": self.base + path},
        )
        started = time.monotonic()
        with self.opener.open(request, timeout=30) as response:
            # The page landed on, after any redirect.
            self.last_page = response.read().decode()
            return response.status, response.url, time.monotonic() - started


def test_the_platform_serves_and_compiles_a_report_in_the_background(
    platform: tuple[str, Path],
) -> None:
    base, folder = platform
    browser = Browser(base)
    deadline = time.monotonic() + 60
    while True:
        try:
            status, _, _ = browser.get("/accounts/login/")
            break
        except OSError:
            assert time.monotonic() < deadline, (folder / "platform.log").read_text()
            time.sleep(0.5)
    assert status == 200
    browser.post(
        "/accounts/login/", {"username": "staff", "password": "platform-test-2026"}
    )

    status, landed, seconds = browser.post("/countries/TH/reports/", {})

    # The request only queues the report: it answers at once, on the report's page.
    assert status == 200
    assert seconds < 5
    match = re.search(r"/reports/(\d+)/$", landed)
    assert match, landed
    report = match.group(1)
    seen: list[dict[str, object]] = []
    slowest = 0.0
    deadline = time.monotonic() + 180
    while True:
        _, body, seconds = browser.get(f"/reports/{report}/progress/")
        seen.append(json.loads(body))
        # The pages answer while the worker compiles.
        _, _, page_seconds = browser.get("/countries/TH/reports/")
        slowest = max(slowest, seconds, page_seconds)
        if seen[-1]["finished"]:
            break
        assert time.monotonic() < deadline, (folder / "platform.log").read_text()
        time.sleep(0.3)
    assert seen[-1]["status"] == "done", seen[-1]
    assert any(not state["finished"] for state in seen)
    assert slowest < 3, slowest
    pdf = browser.opener.open(f"{base}/reports/{report}/pdf/", timeout=30)
    assert pdf.status == 200
    assert pdf.read(5) == b"%PDF-"
    # The job ran in the worker, through the folder broker, on a SQLite file in WAL
    # mode (the server reads while the worker writes).
    assert (folder / "broker" / "queue").is_dir()
    with sqlite3.connect(folder / "db.sqlite3") as database:
        assert database.execute("PRAGMA journal_mode").fetchone() == ("wal",)
