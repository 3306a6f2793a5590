"""The summary after the check says what the import will write: a row waiting for a
decision on a possible duplicate is not counted as an entity it will create."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from surveys.imports import import_confirm, import_run
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


def test_the_check_counts_only_the_entities_the_import_will_surely_create(
    kh_consultant: User,
) -> None:
    known = confirm(
        kh_consultant, upload(kh_consultant, template_csv(row(name_en="Rice Mill")))
    )
    assert known.created_count == 1, problems(known)

    job = upload(
        kh_consultant,
        template_csv(
            row(name_en="Rice Mill"), row(name_en="Salt Farm"), row(name_en="Weavers")
        ),
    )

    assert job.stage == ImportJob.Stage.READY, problems(job)
    assert len(job.duplicates) == 1
    assert (job.created_count, job.updated_count, job.skipped_count) == (2, 0, 0)

    import_confirm(
        user=kh_consultant,
        job=job,
        decisions={job.duplicates[0]["id"]: "skip"},
        for_the_rest="",
    )
    import_run(job_id=job.pk)
    job.refresh_from_db()

    assert job.stage == ImportJob.Stage.IMPORTED, problems(job)
    assert job.created_count == 2
    assert Entity.objects.count() == 3
