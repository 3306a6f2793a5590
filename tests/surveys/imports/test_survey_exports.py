"""KoboToolbox and ODK Central exports, headers and answers as those tools write
them, imported completely once their columns and answer codes are mapped."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from surveys.imports.mappings import mapping_save
from surveys.models import ColumnMapping, Entity, EntityFigures, ImportJob
from tests.surveys.imports.test_imports import (  # noqa: F401
    confirm,
    kh,
    private_files,
    problems,
    upload,
)

pytestmark = pytest.mark.django_db

# KoboToolbox: groups joined by '/', select_multiple answers separated by spaces,
# the geopoint and its split columns, the tool's own columns prefixed by '_'.
KOBO_HEADERS = [
    "start",
    "end",
    "grp_org/org_name",
    "grp_org/sse_type",
    "grp_org/legal_status",
    "grp_org/province",
    "grp_org/main_activity",
    "grp_org/isic_class",
    "grp_org/target_groups",
    "grp_members/members_female",
    "grp_members/members_male",
    "grp_members/members_total",
    "grp_org/consent_level",
    "location",
    "_location_latitude",
    "_location_longitude",
    "_location_altitude",
    "_location_precision",
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_index",
]
KOBO_ROWS = [
    [
        "2024-05-01T09:00:00.000+07:00",
        "2024-05-01T09:40:00.000+07:00",
        "Kampot Salt Producers",
        "cooperative",
        "agri_coop",
        "KH-7",
        "Salt farming and packing for local markets",
        "0893",
        "women youth",
        "35",
        "25",
        "60",
        "1",
        "10.6104 104.1810 3.2 4.8",
        "10.6104",
        "104.1810",
        "3.2",
        "4.8",
        "101",
        "0b7a-kampot",
        "2024-05-01T02:41:13",
        "validation_status_approved",
        "1",
    ],
    [
        "2024-05-02T09:00:00.000+07:00",
        "2024-05-02T09:40:00.000+07:00",
        "Takeo Women Weavers",
        "community_enterprise",
        "agri_coop",
        "KH-21",
        "Silk weaving by women of the village",
        "1312",
        "women",
        "18",
        "0",
        "18",
        "0",
        "10.9908 104.7852 12 1500",
        "10.9908",
        "104.7852",
        "12",
        "1500",
        "102",
        "3c1d-takeo",
        "2024-05-02T03:02:51",
        "validation_status_approved",
        "2",
    ],
    [
        "2024-05-03T09:00:00.000+07:00",
        "2024-05-03T09:40:00.000+07:00",
        "Unchecked Rice Group",
        "cooperative",
        "agri_coop",
        "KH-7",
        "Rice",
        "0112",
        "youth",
        "5",
        "5",
        "10",
        "1",
        "10.61 104.18 0 5",
        "10.61",
        "104.18",
        "0",
        "5",
        "103",
        "9f9f-rice",
        "2024-05-03T02:00:00",
        "validation_status_on_hold",
        "3",
    ],
]


def kobo_csv() -> bytes:
    lines = [KOBO_HEADERS, *KOBO_ROWS]
    return "\n".join(";".join(f'"{v}"' for v in line) for line in lines).encode()


def test_a_kobo_export_is_mapped_with_its_answer_codes_and_imported_completely(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    url = reverse("mapping-create", args=["KH"])

    preview = client.post(
        url, {"tool": "kobo", "sample": SimpleUploadedFile("kobo.csv", kobo_csv())}
    )

    assert preview.status_code == 200
    form = preview.context["form"]
    assert form.initial["submission_id"] == "_uuid"
    assert form.initial["gps"] == "location"
    assert "latitude" not in form.initial  # the split columns lose the accuracy
    assert form.initial["members_women"] == "grp_members/members_female"
    assert form.initial["members_men"] == "grp_members/members_male"
    # A free-text answer is never suggested for a coded column.
    assert "main_activity" not in form.initial
    assert "community_enterprise = CE" in form.initial["values_sse_type"]
    assert "cooperative = COOP" in form.initial["values_sse_type"]

    posted = {
        "name": "Kobo 2024",
        "tool": "kobo",
        "headers": form.initial["headers"],
        **{
            name: form.initial[name]
            for name in (
                "submission_id",
                "gps",
                "sse_type",
                "target_groups",
                "members_women",
                "members_men",
                "members_total",
            )
        },
        "name_en": "grp_org/org_name",
        "area": "grp_org/province",
        "legal_form": "grp_org/legal_status",
        "main_activity": "grp_org/isic_class",
        "consent_level": "grp_org/consent_level",
        "reference_year": "_submission_time",
        "values_sse_type": form.initial["values_sse_type"],
        "values_consent_level": "1 = FIGURES\n0 = NONE",
        "values_legal_form": "agri_coop = KH_AC",
        "review_states": ["approved"],
    }
    saved = client.post(url, posted)

    assert saved.status_code == 302, saved.content.decode()[:2000]
    mapping = ColumnMapping.objects.get()
    assert mapping.values["legal_form"] == {"agri_coop": "KH_AC"}
    assert mapping.review_states == ["approved"]

    job = upload(kh_consultant, kobo_csv(), kind="kobo", mapping=mapping)
    assert job.stage == ImportJob.Stage.READY, problems(job)
    job = confirm(kh_consultant, job)

    assert job.stage == ImportJob.Stage.IMPORTED, problems(job)
    entities = {e.name_en: e for e in Entity.objects.all()}
    assert set(entities) == {"Kampot Salt Producers", "Takeo Women Weavers"}
    salt, weavers = entities["Kampot Salt Producers"], entities["Takeo Women Weavers"]
    assert (salt.sse_type, weavers.sse_type) == ("COOP", "CE")
    assert salt.legal_form is not None and salt.legal_form.code == "KH_AC"
    assert salt.target_groups == ["WOMEN", "YOUTH"]
    assert (salt.consent_level, weavers.consent_level) == ("FIGURES", "NONE")
    assert salt.main_activity_id in ("0893", "08")
    assert salt.latitude == Decimal("10.6104")
    assert (salt.geo_precision, weavers.geo_precision) == ("EXACT", "VILLAGE")
    figures = EntityFigures.objects.get(entity=salt)
    assert (figures.members_women, figures.members_men) == (35, 25)
    assert figures.reference_year == 2024


# ODK Central: groups joined by '-', the submission's metadata in its own columns.
ODK_HEADERS = [
    "SubmissionDate",
    "start",
    "org-name_en",
    "org-sse_type",
    "org-legal_form",
    "org-area",
    "org-isic",
    "org-activities",
    "org-gps",
    "members-members_women",
    "members-members_men",
    "members-members_total",
    "meta-instanceID",
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
]


def odk_row(key: str, name: str, sse: str, review: str, gps: str) -> list[str]:
    return [
        "2024-06-03T04:12:55.120Z",
        "2024-06-03T10:55:01.000+07:00",
        name,
        sse,
        "ag_coop",
        "KH-7",
        "0111",
        "0111 0893",
        gps,
        "12",
        "8",
        "20",
        f"uuid:{key}",
        f"uuid:{key}",
        "42",
        "enumerator1",
        "0",
        "0",
        "",
        review,
        "collect:abc",
        "0",
        "2024060301",
    ]


def odk_csv() -> bytes:
    rows = [
        ODK_HEADERS,
        odk_row("a1", "Pepper Growers", "coop", "approved", "10.6 104.1 5.0 3.9"),
        odk_row("a2", "Salt Women", "social_enterprise", "", "10.7 104.2 5.0 20"),
        odk_row("a3", "Flagged Group", "coop", "hasIssues", "10.8 104.3 5 3"),
        odk_row("a4", "Refused Group", "coop", "rejected", "10.9 104.4 5 3"),
    ]
    return "\n".join(",".join(row) for row in rows).encode()


def test_an_odk_export_imports_only_the_chosen_review_states_after_value_mapping(
    kh_consultant: User,
) -> None:
    mapping = mapping_save(
        user=kh_consultant,
        country=kh(),
        mapping=None,
        name="ODK 2024",
        tool="odk",
        columns={
            "submission_id": "KEY",
            "gps": "org-gps",
            "name_en": "org-name_en",
            "sse_type": "org-sse_type",
            "legal_form": "org-legal_form",
            "area": "org-area",
            "main_activity": "org-isic",
            "other_activities": "org-activities",
            "members_women": "members-members_women",
            "members_men": "members-members_men",
            "members_total": "members-members_total",
            "reference_year": "SubmissionDate",
        },
        values={
            "sse_type": {"coop": "COOP", "social_enterprise": "SE"},
            "legal_form": {"ag_coop": "KH_AC"},
        },
        review_states=["approved", "not_reviewed"],
    )

    job = upload(kh_consultant, odk_csv(), kind="odk", mapping=mapping)
    assert job.stage == ImportJob.Stage.READY, problems(job)
    job = confirm(kh_consultant, job)

    assert job.stage == ImportJob.Stage.IMPORTED, problems(job)
    entities = {e.name_en: e for e in Entity.objects.all()}
    assert set(entities) == {"Pepper Growers", "Salt Women"}
    assert entities["Salt Women"].sse_type == "SE"
    assert entities["Pepper Growers"].legal_form.code == "KH_AC"  # type: ignore[union-attr]
    assert entities["Pepper Growers"].main_activity_id == "0111"
    assert entities["Pepper Growers"].latitude == Decimal("10.6")
    figures = EntityFigures.objects.get(entity=entities["Salt Women"])
    assert (figures.members_women, figures.members_men, figures.reference_year) == (
        12,
        8,
        2024,
    )


def test_a_value_mapped_to_a_code_the_platform_lacks_is_refused(
    kh_consultant: User,
) -> None:
    from sse_mapping.exceptions import ApplicationError

    with pytest.raises(ApplicationError) as raised:
        mapping_save(
            user=kh_consultant,
            country=kh(),
            mapping=None,
            name="Bad",
            tool="odk",
            columns={"submission_id": "KEY", "name_en": "name"},
            values={"sse_type": {"coop": "COOPERATIVE"}},
        )

    assert "“COOPERATIVE” (for “coop”)" in json.dumps(
        raised.value.field_errors, ensure_ascii=False
    )
    assert not ColumnMapping.objects.exists()


def test_a_review_state_filter_on_a_file_without_the_column_is_explained(
    kh_consultant: User,
) -> None:
    mapping = mapping_save(
        user=kh_consultant,
        country=kh(),
        mapping=None,
        name="ODK",
        tool="odk",
        columns={"submission_id": "KEY", "name_en": "name"},
        review_states=["approved"],
    )
    job = upload(
        kh_consultant, b"KEY,name\nuuid:1,Pepper\n", kind="odk", mapping=mapping
    )

    assert job.stage == ImportJob.Stage.INVALID
    assert "no review state column" in " ".join(problems(job))
    assert not Entity.objects.exists()


def test_an_isic_class_the_platform_does_not_list_is_read_as_its_division(
    kh_consultant: User,
) -> None:
    mapping = mapping_save(
        user=kh_consultant,
        country=kh(),
        mapping=None,
        name="ODK",
        tool="odk",
        columns={
            "submission_id": "KEY",
            "name_en": "name",
            "area": "area",
            "sse_type": "type",
            "main_activity": "isic",
            "reference_year": "year",
        },
    )
    content = b"KEY,name,area,type,isic,year\nuuid:1,Pepper,KH-7,COOP,0199,2024\n"

    job = confirm(
        kh_consultant, upload(kh_consultant, content, kind="odk", mapping=mapping)
    )

    assert job.stage == ImportJob.Stage.IMPORTED, problems(job)
    assert Entity.objects.get().main_activity_id == "01"


def test_the_api_shows_and_edits_a_mappings_value_tables(
    client: Client, kh_consultant: User, th_consultant: User
) -> None:
    mapping = mapping_save(
        user=kh_consultant,
        country=kh(),
        mapping=None,
        name="ODK",
        tool="odk",
        columns={"submission_id": "KEY", "name_en": "name", "sse_type": "type"},
    )
    url = f"/api/v1/import-mappings/{mapping.pk}/"
    client.force_login(kh_consultant)

    changed = client.patch(
        url,
        {"values": {"sse_type": {"coop": "COOP"}}, "review_states": ["approved"]},
        content_type="application/json",
    )
    refused = client.patch(
        url,
        {"values": {"sse_type": {"coop": "KOOP"}}},
        content_type="application/json",
    )

    assert changed.status_code == 200, changed.content
    assert changed.json()["values"] == {"sse_type": {"coop": "COOP"}}
    assert refused.status_code == 400
    assert "KOOP" in refused.content.decode()
    mapping.refresh_from_db()
    assert mapping.values == {"sse_type": {"coop": "COOP"}}
    assert mapping.review_states == ["approved"]
    listed = client.get("/api/v1/import-mappings/?country=KH").json()
    assert [m["name"] for m in listed["results"]] == ["ODK"]
    client.force_login(th_consultant)
    assert client.get(url).status_code == 404
    assert client.patch(url, {}, content_type="application/json").status_code == 404


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_consultant_maps_a_kobo_export_and_its_answer_codes_in_the_browser(
    page: Any, live_server: Any, kh_consultant: User, tmp_path: Any
) -> None:
    from playwright.sync_api import expect

    sample = tmp_path / "kobo.csv"
    sample.write_bytes(kobo_csv())
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("kh-consultant")
    page.get_by_label("Password").fill("demo-pass-2026")
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server.url}{reverse('mapping-create', args=['KH'])}")
    page.get_by_label("Survey tool").first.select_option("kobo")
    page.locator("input[name=sample]").set_input_files(str(sample))
    page.locator("input[name=sample]").evaluate("e => e.form.submit()")

    tables = page.get_by_test_id("value-tables")
    expect(tables).to_contain_text("Values of sse_type")
    expect(page.locator("textarea[name=values_sse_type]")).to_have_value(
        "cooperative = COOP\ncommunity_enterprise = CE"
    )
    page.locator("input[name=name]").fill("Kobo 2024")
    page.locator("select[name=name_en]").select_option("grp_org/org_name")
    page.locator("select[name=area]").select_option("grp_org/province")
    page.locator("select[name=legal_form]").select_option("grp_org/legal_status")
    page.locator("textarea[name=values_legal_form]").fill("agri_coop = KH_AC")
    page.locator("input[name=review_states][value=approved]").check()
    page.screenshot(path="var/screenshots/mapping-values.png", full_page=True)
    page.get_by_test_id("mapping-save").click()

    expect(page.locator("body")).to_contain_text("Kobo 2024")
    mapping = ColumnMapping.objects.get()
    assert mapping.values["legal_form"] == {"agri_coop": "KH_AC"}
    assert mapping.review_states == ["approved"]
