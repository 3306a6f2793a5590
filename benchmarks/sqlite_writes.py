"""Page writes while a long import commit holds SQLite's write lock, in the default
mode (`make run`: SQLite, a folder broker, no Redis).

Makes a platform of its own in a scratch folder (migrated, reference data, demo
users), starts `manage.py runplatform` on a free port, checks a CSV of new entities
in-process and confirms it, so that the worker commits it; while the commit runs,
the country's consultant saves a new entity on its form (a page that writes) every
second. Prints how each write was answered and how long it took.

    .venv/bin/python -m benchmarks.sqlite_writes --rows 10000
"""

from __future__ import annotations

import argparse
import csv
import http.cookiejar
import io
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "bench-writes-2026"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument(
        "--every", type=float, default=1.0, help="seconds between writes"
    )
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sqlite-writes-"))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DEBUG="true",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        CELERY_BROKER_FOLDER=str(folder / "broker"),
        CACHE_FOLDER=str(folder / "cache"),
        PRIVATE_FILES_ROOT=str(folder / "private"),
        DEMO_PASSWORD=PASSWORD,
        DJANGO_SETTINGS_MODULE="sse_mapping.settings",
    )
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_reference_data"],
        ["seed_demo", "--quiet-logins", "--without-records"],
    ):
        subprocess.run(manage + command, env=env, check=True, capture_output=True)
    os.environ.update(env)
    import django

    django.setup()
    job_id = _checked_import(options.rows)
    port = _free_port()
    log = (folder / "platform.log").open("wb")
    platform = subprocess.Popen(
        [*manage, "runplatform", f"127.0.0.1:{port}"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _measure(f"http://127.0.0.1:{port}", job_id, options.every)
    finally:
        platform.send_signal(signal.SIGINT)
        platform.wait(timeout=60)
        log.close()
    print(f"scratch folder (platform.log): {folder}")


def _checked_import(rows: int) -> int:
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from countries.models import Country
    from surveys.imports import import_run, import_start
    from surveys.jobs import outbox
    from surveys.models import ImportJob
    from surveys.spreadsheet import TEMPLATE_COLUMNS

    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=[c.name for c in TEMPLATE_COLUMNS])
    writer.writeheader()
    for _ in range(rows):
        writer.writerow(
            {"name_en": uuid.uuid4().hex, "area": "KH-7", "sse_type": "COOP"}
        )
    consultant = get_user_model().objects.get(username="kh-consultant")
    original = outbox.job_send
    outbox.job_send = lambda model, pk: True  # type: ignore[assignment]
    try:
        job = import_start(
            user=consultant,
            country=Country.objects.get(code="KH"),
            file=SimpleUploadedFile("bench.csv", output.getvalue().encode()),
            kind="template",
        )
        started = time.monotonic()
        import_run(job_id=job.pk)
    finally:
        outbox.job_send = original  # type: ignore[assignment]
    job.refresh_from_db()
    assert job.stage == ImportJob.Stage.READY, job.errors[:3]
    print(f"checked {rows} rows in-process in {time.monotonic() - started:.1f} s")
    return job.pk


def _measure(base: str, job_id: int, every: float) -> None:
    from surveys.imports import import_confirm
    from surveys.models import ImportJob

    browser = _Browser(base)
    deadline = time.monotonic() + 60
    while True:
        try:
            browser.get("/accounts/login/")
            break
        except OSError:
            assert time.monotonic() < deadline, "the platform did not start"
            time.sleep(0.5)
    browser.post(
        "/accounts/login/", {"username": "kh-consultant", "password": PASSWORD}
    )
    form = _entity_form()
    job = ImportJob.objects.select_related("requested_by").get(pk=job_id)
    import_confirm(user=job.requested_by, job=job, decisions={})
    confirmed = time.monotonic()
    while ImportJob.objects.get(pk=job_id).status == "queued":
        time.sleep(0.2)
    commit_started = time.monotonic()
    writes: list[tuple[int, float]] = []
    while not ImportJob.objects.get(pk=job_id).is_finished:
        at = time.monotonic() - commit_started
        status, seconds = browser.post(
            "/countries/KH/entities/new/", {**form, "name_en": uuid.uuid4().hex}
        )
        print(f"  at {at:5.1f} s: {status} in {seconds:.2f} s")
        writes.append((status, seconds))
        time.sleep(every)
    finished = time.monotonic()
    job = ImportJob.objects.get(pk=job_id)
    print(
        f"commit: {job.status}, {job.created_count} created, "
        f"{finished - commit_started:.1f} s (queued {commit_started - confirmed:.1f} s)"
    )
    statuses: dict[int, int] = {}
    for status, _seconds in writes:
        statuses[status] = statuses.get(status, 0) + 1
    seconds = [s for _status, s in writes]
    print(f"page writes during the commit: {len(writes)}, answered {statuses}")
    if seconds:
        print(
            f"  seconds each: median {statistics.median(seconds):.2f}, "
            f"max {max(seconds):.2f}"
        )


def _entity_form() -> dict[str, str]:
    from countries.models import AdminArea, LegalForm

    return {
        "area": str(AdminArea.objects.get(code="KH-17").pk),
        "sse_type": "COOP",
        "legal_form": str(LegalForm.objects.get(code="KH_AC").pk),
        "registration_status": "REG_SSE_LAW",
        "main_activity": "01",
        "activity_status": "ACTIVE",
        "visibility": "AGGREGATE_ONLY",
        "consent_level": "NONE",
    }


class _Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies)
        )

    def get(self, path: str) -> int:
        with self.opener.open(self.base + path, timeout=60) as response:
            response.read()
            return int(response.status)

    def post(self, path: str, data: dict[str, str]) -> tuple[int, float]:
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(
                {**data, "csrfmiddlewaretoken": token}
            ).encode(),
            headers={"Referer": self.base + path},
        )
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=60) as response:
                response.read()
                status = int(response.status)
        except urllib.error.HTTPError as error:
            status = error.code
        return status, time.monotonic() - started


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


if __name__ == "__main__":
    main()
