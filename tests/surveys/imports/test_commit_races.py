"""No duplicates by race: a confirm repeated is a no-op, a commit looks again for
look-alikes written since its check, and commits of one country run one at a time."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.contrib.auth.models import User

from surveys.imports import import_confirm
from surveys.jobs.runner import exclusive_lock
from surveys.models import Entity, ImportJob
from tests.surveys.imports.test_imports import (  # noqa: F401
    confirm,
    private_files,
    problems,
    row,
    template_csv,
    upload,
)

pytestmark = pytest.mark.django_db


def test_a_second_confirm_of_the_same_import_changes_nothing(
    kh_consultant: User, django_capture_on_commit_callbacks: Any
) -> None:
    job = upload(kh_consultant, template_csv(row(name_en="Bokor Tea Growers")))
    assert job.stage == ImportJob.Stage.READY, problems(job)

    with django_capture_on_commit_callbacks() as first:
        import_confirm(user=kh_consultant, job=job, decisions={})
    with django_capture_on_commit_callbacks() as second:
        again = import_confirm(user=kh_consultant, job=job, decisions={})

    assert again.stage == ImportJob.Stage.COMMITTING
    assert len(first) >= 1 and len(second) == 0
    job = confirm(kh_consultant, job)
    assert job.stage == ImportJob.Stage.IMPORTED
    done = import_confirm(user=kh_consultant, job=job, decisions={})
    assert done.stage == ImportJob.Stage.IMPORTED
    assert Entity.objects.filter(name_en="Bokor Tea Growers").count() == 1


def test_two_uploads_of_one_file_confirmed_ask_before_creating_a_duplicate(
    kh_consultant: User,
) -> None:
    content = template_csv(row(name_en="Bokor Tea Growers"))
    first = upload(kh_consultant, content)
    second = upload(kh_consultant, content)
    assert first.stage == second.stage == ImportJob.Stage.READY

    first = confirm(kh_consultant, first)
    second = confirm(kh_consultant, second)

    assert first.stage == ImportJob.Stage.IMPORTED
    assert second.stage == ImportJob.Stage.READY
    assert "New possible duplicates appeared" in second.error
    assert second.duplicates
    assert Entity.objects.filter(name_en="Bokor Tea Growers").count() == 1


def test_commits_of_one_country_wait_for_each_other() -> None:
    order: list[str] = []

    def hold(name: str, country: str, seconds: float) -> None:
        with exclusive_lock("import-commit", country):
            order.append(f"{name} in")
            time.sleep(seconds)
            order.append(f"{name} out")

    first = threading.Thread(target=hold, args=("a", "KH", 0.3))
    first.start()
    time.sleep(0.05)
    second = threading.Thread(target=hold, args=("b", "KH", 0))
    other_country = threading.Thread(target=hold, args=("c", "TH", 0))
    second.start()
    other_country.start()
    for thread in (first, second, other_country):
        thread.join(5)

    assert order.index("b in") > order.index("a out")
    assert order.index("c in") < order.index("a out")
