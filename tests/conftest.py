"""Shared fixtures: reference data, named personas, services and the browser."""

import fcntl
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from django.utils.translation import trans_real

from countries.models import Country
from sse_mapping.celery import app as celery_app
from tests.factories import MembershipFactory, UserFactory
from tests.workers import tasks_sent_to_workers

# Playwright's sync API runs an event loop in this thread; Django must still allow ORM
# calls from the test body.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """Each test starts in the default language: a request leaves the language it
    activated (the reader's preference) in the thread, and a later test calling code
    directly would read another language."""
    translation.deactivate()


@pytest.fixture
def catalogue_entries(
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[[str, dict[str, str]], None]:
    """`catalogue_entries("km", {"Cambodia": "កម្ពុជា"})`: the language's catalogue
    translates those messages for this test, as a translator's entries would once the
    new messages are translated; the committed catalogues are left as they are."""

    def add(language: str, entries: dict[str, str]) -> None:
        catalogue = trans_real.translation(language)._catalog
        for msgid, msgstr in entries.items():
            monkeypatch.setitem(catalogue._catalogs[0], msgid, msgstr)

    return add


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None,
) -> Iterator[None]:
    """Hold the kept SQLite test database (see test_settings) for this run alone.

    Two runs in one checkout would flush and lock each other's rows: while another run
    holds the file, this one works in a database of its own in memory.
    """
    test = settings.DATABASES["default"].get("TEST", {})
    if "sqlite3" not in settings.DATABASES["default"]["ENGINE"] or not test.get("NAME"):
        yield
        return
    Path(test["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    with open(f"{test['NAME']}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            test["NAME"] = ""
        yield


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup: None, django_db_blocker: Any, request: pytest.FixtureRequest
) -> None:
    """The test database, with the reference data every test reads loaded once.

    Each test's transaction rolls back to it. A database kept by `--reuse-db` is
    emptied first, since an interrupted run may have left rows behind, and the
    reference data loaded afresh from the files.
    """
    reused = request.config.getvalue("reuse_db") and not request.config.getvalue(
        "create_db"
    )
    with django_db_blocker.unblock():
        if reused:
            call_command("flush", interactive=False, verbosity=0)
        call_command("load_reference_data", verbosity=0)


@pytest.fixture
def reference_data(db: None) -> None:
    """The countries, areas, ISIC codes and legal forms.

    A test in a transaction finds them from the session's setup. A transactional test
    (live server, real worker) is not in one: the flush after the previous such test
    emptied every table, so they are loaded again (and so they are in a test that
    runs after such a flush, which pytest-django's ordering makes rare).
    """
    if not connection.in_atomic_block or not Country.objects.exists():
        call_command("load_reference_data", verbosity=0)


def _persona(username: str, country: str | None, role: str) -> User:
    user = UserFactory(username=username)
    MembershipFactory(user=user, country_id=country, role=role)
    return user


@pytest.fixture
def make_persona(reference_data: None) -> Callable[[str, str | None, str], User]:
    return _persona


@pytest.fixture
def kh_consultant(reference_data: None) -> User:
    return _persona("kh-consultant", "KH", "consultant")


@pytest.fixture
def kh_committee(reference_data: None) -> User:
    return _persona("kh-committee", "KH", "committee")


@pytest.fixture
def kh_committee_2(reference_data: None) -> User:
    return _persona("kh-committee-2", "KH", "committee")


@pytest.fixture
def th_consultant(reference_data: None) -> User:
    return _persona("th-consultant", "TH", "consultant")


@pytest.fixture
def th_committee(reference_data: None) -> User:
    return _persona("th-committee", "TH", "committee")


@pytest.fixture
def mn_committee(reference_data: None) -> User:
    return _persona("mn-committee", "MN", "committee")


@pytest.fixture
def staff(reference_data: None) -> User:
    return _persona("staff", None, "staff")


# --- Browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def _services_missing() -> dict[str, str]:
    """The marker names whose services are not there, with the reason."""
    missing: dict[str, str] = {}
    if not (shutil.which(CHROMIUM) or os.path.exists(CHROMIUM)):
        missing["e2e"] = (
            f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        )
    database = settings.DATABASES["default"]["ENGINE"]
    if not settings.REDIS_URL or "postgresql" not in database:
        missing["integration"] = (
            "integration tests need DATABASE_URL (PostgreSQL) and REDIS_URL set"
        )
    return missing


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    missing = _services_missing()
    if missing and settings.REQUIRE_SERVICES:
        # In CI a missing service is a failure, never a quiet skip.
        raise pytest.UsageError("REQUIRE_SERVICES=1 but " + "; ".join(missing.values()))
    for item in items:
        for marker, reason in missing.items():
            if marker in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


# --- A real Celery worker ------------------------------------------------------------


@pytest.fixture(scope="session")
def _celery_worker_session(
    django_db_setup: None, django_db_blocker: Any
) -> Iterator[subprocess.Popen[bytes]]:
    yield from start_worker_process()


@pytest.fixture
def celery_worker_process(
    _celery_worker_session: subprocess.Popen[bytes],
) -> Iterator[subprocess.Popen[bytes]]:
    """A `celery worker` process on the test database and the configured Redis,
    started once per session; during the test, tasks are sent to it, whatever an
    earlier test left of the setting that runs them in process."""
    with tasks_sent_to_workers():
        yield _celery_worker_session


def start_worker_process() -> Iterator[subprocess.Popen[bytes]]:
    db = connection.settings_dict
    url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        USER=db["USER"] or "postgres",
        PASSWORD=db["PASSWORD"] or "",
        HOST=db["HOST"] or "127.0.0.1",
        PORT=db["PORT"] or 5432,
        NAME=db["NAME"],
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "sse_mapping.settings",
        "DEBUG": "true",
        "PRIVATE_FILES_ROOT": str(settings.PRIVATE_FILES_ROOT),
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "sse_mapping",
            "worker",
            "-Q",
            "default,exports,reports",
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
    while not celery_app.control.ping(timeout=1):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("the Celery worker did not start")
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
