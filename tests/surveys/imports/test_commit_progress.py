"""An import commit's progress reaches the page while the commit's transaction is
open, in the default mode too: there the cache is a folder every process reads, so the
web server sees what the worker writes."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User

from surveys.imports import import_confirm, import_run
from surveys.imports import writing as imports_writing
from surveys.imports.services import import_progress
from surveys.models import ImportJob
from tests.surveys.imports.test_imports import (  # noqa: F401
    private_files,
    problems,
    row,
    template_csv,
    upload,
)

pytestmark = pytest.mark.django_db

ROWS = 120


def default_mode(cache_folder: Path, code: str) -> str:
    """Run `code` in a process of its own with the default mode's settings (no
    REDIS_URL) and the cache in `cache_folder`; what it prints."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="sse_mapping.settings",
        DEBUG="true",
        CACHE_FOLDER=str(cache_folder),
    )
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def test_the_default_modes_cache_is_a_folder_every_process_shares(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "cache"
    default_mode(folder, "from django.core.cache import cache; cache.set('k', 7)")
    read = "from django.core.cache import cache; print(cache.get('k'))"
    assert default_mode(folder, read) == "7"


def test_a_commits_progress_is_seen_by_another_process_while_it_runs(
    kh_consultant: User,
    settings: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "cache"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(folder),
        }
    }
    job = upload(
        kh_consultant,
        template_csv(*(row(name_en=uuid.uuid4().hex) for _ in range(ROWS))),
    )
    assert job.stage == ImportJob.Stage.READY, problems(job)
    import_confirm(user=kh_consultant, job=job, decisions={})
    seen: list[int] = []
    create = imports_writing.entities_import_create

    def create_then_look(**kwargs: Any) -> Any:
        created = create(**kwargs)
        # Still inside the commit's transaction: the web server's process asks.
        seen.append(
            int(
                default_mode(
                    folder,
                    "from surveys.imports.services import import_progress\n"
                    "from surveys.models import ImportJob\n"
                    f"print(import_progress(ImportJob(pk={job.pk}, "
                    "stage='committing', status='running')))",
                )
            )
        )
        return created

    monkeypatch.setattr(imports_writing, "entities_import_create", create_then_look)

    import_run(job_id=job.pk)

    assert len(seen) == 1
    assert 50 <= seen[0] < 100
    job.refresh_from_db()
    assert (job.stage, job.created_count) == (ImportJob.Stage.IMPORTED, ROWS)
    assert import_progress(job) == 100
