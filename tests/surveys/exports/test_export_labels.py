"""Exports for people: coded columns as labels in the requester's language, and the
entity list's filters on the export page."""

from __future__ import annotations

from typing import Any

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from countries.models import Country
from countries.vocabularies import SseType
from sse_mapping.exceptions import ApplicationError
from surveys.exports import export_file, export_request, export_run
from surveys.models import Entity, ExportJob, JobStatus
from tests.surveys.exports import test_exports
from tests.surveys.exports.test_exports import csv_rows

pytestmark = pytest.mark.django_db

# The fixtures of the export tests: an entity with every kind of coded value.
cooperative = test_exports.cooperative
private_files = test_exports.private_files


def run_in(language: str, user: User, **options: Any) -> ExportJob:
    with translation.override(language):
        job = export_request(
            user=user, country=Country.objects.get(code="KH"), **options
        )
    export_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    return job


def test_a_csv_with_labels_shows_each_coded_column_by_its_name(
    kh_consultant: User, cooperative: Entity
) -> None:
    job = run_in("en", kh_consultant, format="csv", values="labels")

    row = csv_rows(job)[0]

    assert job.values == "labels"
    assert row["sse_type"] == "Cooperative"
    assert row["workflow_state"] == "Validated"
    assert row["target_groups"] == "Women;Youth"
    assert row["main_activity"].startswith("01 ")
    assert row["main_activity"] != "01"
    assert row["classification_provisional"] in ("Yes", "No")
    assert row["name_en"] == "'=HYPERLINK(evil) Rice Cooperative"
    assert row["members_total"] == "52"


def test_labels_are_in_the_language_the_export_was_asked_in(
    kh_consultant: User, cooperative: Entity
) -> None:
    english = csv_rows(run_in("en", kh_consultant, format="csv", values="labels"))[0]
    russian = csv_rows(run_in("ru", kh_consultant, format="csv", values="labels"))[0]

    with translation.override("ru"):
        expected = str(SseType.COOP.label)
    assert russian["sse_type"] == expected
    assert expected != english["sse_type"] == "Cooperative"


def test_codes_stay_the_default(kh_consultant: User, cooperative: Entity) -> None:
    row = csv_rows(run_in("en", kh_consultant, format="csv"))[0]

    assert row["sse_type"] == "COOP"


def test_an_xlsx_with_labels_holds_labels_and_no_code_dropdowns(
    kh_consultant: User, cooperative: Entity
) -> None:
    job = run_in("en", kh_consultant, format="xlsx", values="labels")
    data = openpyxl.load_workbook(export_file(job)[0])["data"]
    header = [c.value for c in data[1]]
    row = dict(zip(header, [c.value for c in data[2]], strict=True))

    assert row["sse_type"] == "Cooperative"
    assert row["members_total"] == 52
    assert not data.data_validations.dataValidation


def test_an_unknown_choice_of_values_is_refused(kh_consultant: User) -> None:
    with pytest.raises(ApplicationError, match="codes or labels"):
        export_request(
            user=kh_consultant,
            country=Country.objects.get(code="KH"),
            format="csv",
            values="names",
        )


def test_the_export_page_asks_codes_or_labels_and_filters_as_the_list_does(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)

    html = client.get(
        reverse("export-list", args=["KH"]) + "?sse_type=COOP"
    ).content.decode()

    assert 'name="values"' in html
    assert 'role="search"' in html
    assert 'name="sse_type"' in html
    client.post(
        reverse("export-list", args=["KH"]) + "?sse_type=COOP",
        {"format": "csv", "values": "labels"},
    )
    job = ExportJob.objects.get(requested_by=kh_consultant)
    assert (job.values, job.filters) == ("labels", {"sse_type": "COOP"})
