"""The platform's plumbing: health, production settings, Celery, deployment files."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client

from countries.models import AdminArea
from countries.tasks import reload_reference_data

ROOT = Path(settings.BASE_DIR)


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "sse_mapping.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_health_answers_ok_when_the_database_is_up(client: Client) -> None:
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_health_answers_503_when_the_configured_broker_is_down(
    client: Client, settings: object
) -> None:
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # type: ignore[attr-defined]
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "down"


@pytest.mark.django_db
def test_health_answers_503_when_the_database_is_down(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "down"


def test_production_settings_pass_the_deployment_check() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x" * 20 + "a-long-production-secret-with-entropy-8f3k2l9q",
        ALLOWED_HOSTS="sse.example.org",
        DEBUG="false",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_gunicorn_refuses_to_start_without_a_secret_key() -> None:
    """The WSGI application is production: DEBUG off unless set."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    result = subprocess.run(
        [sys.executable, "-c", "import sse_mapping.wsgi"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "sse_mapping.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_developer_runs_manage_py_in_a_checkout_with_nothing_set() -> None:
    result = _manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_a_sqlite_database_writes_ahead_and_waits_for_a_lock(tmp_path: Path) -> None:
    """With the settings a developer or a small install runs on: readers go on while
    one writes, a commit does not wait for the disk, and a writer waits up to 20 s for
    another's lock instead of failing with "database is locked"."""
    script = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    for pragma in ('journal_mode', 'synchronous', 'busy_timeout'):\n"
        "        cursor.execute(f'PRAGMA {pragma}')\n"
        "        print(pragma, cursor.fetchone()[0])\n"
    )
    result = _manage(
        "shell",
        "-c",
        script,
        DEBUG="true",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    pragmas = dict(
        line.split()
        for line in result.stdout.splitlines()
        if line.startswith(("journal_mode ", "synchronous ", "busy_timeout "))
    )
    # synchronous 1 is NORMAL: safe with WAL, without an fsync at every commit.
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": "1",
        "busy_timeout": "20000",
    }


@pytest.mark.skipif(
    shutil.which("docker-compose") is None and not settings.REQUIRE_SERVICES,
    reason="docker-compose is not installed (apt-get install docker-compose)",
)
def test_docker_compose_file_is_valid() -> None:
    result = subprocess.run(
        ["docker-compose", "-f", "docker-compose.yml", "config", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_task_queued_after_commit_runs_on_a_real_worker(
    celery_worker_process: subprocess.Popen[bytes], reference_data: None
) -> None:
    AdminArea.objects.filter(code="TH-10").delete()
    with transaction.atomic():
        reload_reference_data.delay_on_commit()
        # Nothing is sent before the commit, so the worker cannot have run it yet.
        assert not AdminArea.objects.filter(code="TH-10").exists()
    deadline = time.monotonic() + 60
    while not AdminArea.objects.filter(code="TH-10").exists():
        assert time.monotonic() < deadline, "the worker did not run the task"
        time.sleep(0.5)
    assert celery_worker_process.poll() is None
