"""No silent revert: a row exported before the record was edited is a conflict the
person decides (keep mine / take the file's), never an overwrite."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from surveys.entities import services as entities_services
from surveys.exports import export_file, export_request, export_run
from surveys.models import Entity, ImportJob
from tests.surveys.imports.test_imports import (  # noqa: F401
    confirm,
    kh,
    private_files,
    problems,
    recorded,
    upload,
)

pytestmark = pytest.mark.django_db


def _exported_then_edited(
    staff: User, kh_consultant: User, entity: Entity
) -> tuple[bytes, Entity]:
    job = export_request(user=staff, country=kh(), format="csv", per_year=True)
    export_run(job_id=job.pk)
    job.refresh_from_db()
    text = export_file(job)[0].read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["version"] for r in rows if r["entity_code"] == entity.code} == {
        str(entity.version)
    }
    for exported in rows:
        if exported["entity_code"] == entity.code:
            exported["locality"] = "From the old file"
    entity = entities_services.entity_update(
        entity=entity,
        by=kh_consultant,
        data={"acronym": "EDITED"},
        expected_version=entity.version,
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(), entity


@pytest.mark.parametrize("decision", ["skip", "take"])
def test_a_row_older_than_the_record_asks_keep_mine_or_take_the_files(
    kh_consultant: User,
    staff: User,
    recorded: list[Entity],  # noqa: F811
    decision: str,
) -> None:
    entity = Entity.objects.get(pk=next(e.pk for e in recorded if e.is_editable))
    content, entity = _exported_then_edited(staff, kh_consultant, entity)

    checked = upload(kh_consultant, content)

    assert checked.stage == ImportJob.Stage.READY, problems(checked)
    [conflict] = checked.duplicates
    assert conflict["matches"][0]["kind"] == "stale"
    assert conflict["choices"] == ["skip", "take"]
    with pytest.raises(Exception, match="Decide what to do"):
        confirm(kh_consultant, checked)
    imported = confirm(kh_consultant, checked, {conflict["id"]: decision})

    assert imported.stage == ImportJob.Stage.IMPORTED, problems(imported)
    entity.refresh_from_db()
    if decision == "skip":
        assert entity.locality != "From the old file"
        assert entity.acronym == "EDITED"
    else:
        assert entity.locality == "From the old file"


def test_the_check_page_shows_a_stale_row_with_both_choices(
    client: Client,
    kh_consultant: User,
    staff: User,
    recorded: list[Entity],  # noqa: F811
) -> None:
    entity = Entity.objects.get(pk=next(e.pk for e in recorded if e.is_editable))
    content, entity = _exported_then_edited(staff, kh_consultant, entity)
    checked = upload(kh_consultant, content)
    client.force_login(kh_consultant)

    page = client.get(reverse("import-detail", args=[checked.pk])).content.decode()

    assert "the record has been changed since" in page
    assert "Keep mine: the record as it is now" in page
    assert "Take the file’s" in page or "Take the file&#x27;s" in page
