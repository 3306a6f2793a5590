"""Bulk decisions on look-alikes: skip all, update all known, create all, with the
rows decided one by one as exceptions; the decision page is paginated."""

from __future__ import annotations

import hashlib

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from surveys.imports import import_confirm, import_decisions_save, import_run
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

# Names alike none of the others: each row is alike only its own recorded entity.
NAMES = [
    "".join(
        chr(97 + int(c, 16)) for c in hashlib.sha1(str(n).encode()).hexdigest()[:12]
    )
    for n in range(55)
]


def known_twice(user: User, *, locality: str = "") -> ImportJob:
    rows = [row(name_en=name) for name in NAMES]
    first = confirm(user, upload(user, template_csv(*rows)))
    assert first.created_count == len(NAMES), problems(first)
    again = [row(name_en=name, locality=locality) for name in NAMES]
    job = upload(user, template_csv(*again))
    assert job.stage == ImportJob.Stage.READY, problems(job)
    assert len(job.duplicates) == len(NAMES)
    return job


def _commit(
    user: User, job: ImportJob, decisions: dict[str, str], rest: str
) -> ImportJob:
    import_confirm(user=user, job=job, decisions=decisions, for_the_rest=rest)
    import_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def test_skip_all_with_one_exception_created(kh_consultant: User) -> None:
    job = known_twice(kh_consultant)
    exception = job.duplicates[0]["id"]

    job = _commit(kh_consultant, job, {exception: "create"}, "skip")

    assert job.stage == ImportJob.Stage.IMPORTED, problems(job)
    assert (job.created_count, job.skipped_count) == (1, len(NAMES) - 1)
    assert Entity.objects.count() == len(NAMES) + 1


def test_update_all_known_updates_each_matched_record(kh_consultant: User) -> None:
    job = known_twice(kh_consultant, locality="Kep")

    job = _commit(kh_consultant, job, {}, "update")

    assert job.stage == ImportJob.Stage.IMPORTED, problems(job)
    assert (job.created_count, job.updated_count) == (0, len(NAMES))
    assert Entity.objects.filter(locality="Kep").count() == len(NAMES)


def test_create_all_creates_every_row(kh_consultant: User) -> None:
    job = known_twice(kh_consultant)

    job = _commit(kh_consultant, job, {}, "create")

    assert job.created_count == len(NAMES)
    assert Entity.objects.count() == 2 * len(NAMES)


def test_without_a_bulk_choice_every_row_must_be_decided(kh_consultant: User) -> None:
    job = known_twice(kh_consultant)

    with pytest.raises(Exception, match="Decide what to do"):
        import_confirm(user=kh_consultant, job=job, decisions={})


def test_the_decision_page_is_paginated_and_offers_bulk_choices(
    client: Client, kh_consultant: User
) -> None:
    job = known_twice(kh_consultant)
    client.force_login(kh_consultant)
    url = reverse("import-detail", args=[job.pk])

    first = client.get(url)
    second = client.get(url, {"page": 2})

    assert first.content.decode().count('data-testid="duplicate"') == 50
    assert second.content.decode().count('data-testid="duplicate"') == len(NAMES) - 50
    assert "Update all known" in first.content.decode()
    response = client.post(
        reverse("import-confirm", args=[job.pk]), {"for_the_rest": "skip"}
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.stage == ImportJob.Stage.COMMITTING


def _summary(client: Client, job: ImportJob, **query: str) -> str:
    page = client.get(reverse("import-detail", args=[job.pk]), query).content.decode()
    start = page.index('data-testid="import-summary"')
    return " ".join(page[start : page.index("</p>", start)].split())


def test_exceptions_on_every_page_are_kept_and_the_summary_is_what_is_written(
    client: Client, kh_consultant: User
) -> None:
    job = known_twice(kh_consultant, locality="Kep")
    first_page, second_page = job.duplicates[0]["id"], job.duplicates[52]["id"]
    client.force_login(kh_consultant)
    decide = reverse("import-decide", args=[job.pk])

    turned = client.post(
        decide,
        {f"decision-{first_page}": "create", "for_the_rest": "update", "page": 2},
    )
    assert turned.status_code == 302
    assert (
        "page=2" in turned["Location"] and "for_the_rest=update" in turned["Location"]
    )
    shown = client.get(turned["Location"]).content.decode()
    assert 'value="update" checked' in shown
    client.post(decide, {f"decision-{second_page}": "skip", "page": 2})

    summary = _summary(client, job, for_the_rest="update")
    assert "will create 1 entities, update 53 and leave 1 unchanged" in summary
    assert "still need" not in summary
    undecided = _summary(client, job)
    assert "53 rows still need your decision" in undecided
    versions = dict(Entity.objects.values_list("pk", "version"))
    confirmed = client.post(
        reverse("import-confirm", args=[job.pk]), {"for_the_rest": "update"}
    )
    assert confirmed.status_code == 302
    import_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.stage == ImportJob.Stage.IMPORTED, problems(job)
    assert (job.created_count, job.updated_count, job.skipped_count) == (1, 53, 1)
    assert Entity.objects.count() == len(NAMES) + 1
    # The rows updated and the row created carry the file's locality; the row skipped
    # left its entity as it was.
    assert Entity.objects.filter(locality="Kep").count() == 53 + 1
    changed = [
        pk
        for pk, version in Entity.objects.values_list("pk", "version")
        if pk in versions and version != versions[pk]
    ]
    assert len(changed) == job.updated_count


def test_a_decision_not_among_a_rows_choices_is_refused(kh_consultant: User) -> None:
    job = known_twice(kh_consultant)

    with pytest.raises(Exception, match="not among the choices"):
        import_decisions_save(
            user=kh_consultant,
            job=job,
            decisions={job.duplicates[0]["id"]: "update:999999"},
        )

    job.refresh_from_db()
    assert job.duplicate_decisions == {}
