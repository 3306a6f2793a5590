"""The export, import and mapping pages and their API, through the test client: who
may open what, and that each step shows what a person needs."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import include, path, reverse
from django.utils import timezone
from rest_framework.routers import SimpleRouter

from countries.models import AdminArea, Country
from countries.vocabularies import WorkflowState
from surveys.entities import services
from surveys.exports import api as exports_api
from surveys.exports import export_request, export_run
from surveys.imports import api as imports_api
from surveys.models import ColumnMapping, Entity, ExportJob, ImportJob, JobStatus
from surveys.spreadsheet import TEMPLATE_COLUMNS

pytestmark = pytest.mark.django_db

# The API routes as they are wired into /api/v1/ (sse_mapping/api_urls.py).
router = SimpleRouter()
router.register("exports", exports_api.ExportJobViewSet, basename="api-export")
router.register("imports", imports_api.ImportJobViewSet, basename="api-import")
urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("", include("sse_mapping.urls")),
]
with_api = pytest.mark.urls(__name__)


@pytest.fixture(autouse=True)
def private_files(settings: Any, tmp_path: Path) -> Path:
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    return settings.PRIVATE_FILES_ROOT


@pytest.fixture
def on_commit(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> Callable[..., Any]:
    """Run the tasks a request queues after its commit, as the worker would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def logged_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def validated(by: User, country: str = "KH", **data: Any) -> Entity:
    entity = services.entity_create(
        country=Country.objects.get(code=country),
        by=by,
        data={"sse_type": "COOP", **data},
    )
    Entity.objects.filter(pk=entity.pk).update(workflow_state=WorkflowState.VALIDATED)
    return entity


@pytest.fixture
def kh_entities(kh_consultant: User) -> list[Entity]:
    return [
        validated(kh_consultant, name_en="Kampot Salt Cooperative", sse_type="COOP"),
        validated(kh_consultant, name_en="Takeo Weavers", sse_type="ASSOC"),
    ]


def done_export(user: User, country: str = "KH", **options: Any) -> ExportJob:
    job = export_request(
        user=user,
        country=Country.objects.get(code=country),
        format=options.pop("format", "csv"),
        **options,
    )
    export_run(job_id=job.pk)
    job.refresh_from_db()
    return job


# --- Export page ---------------------------------------------------------------------------


def test_the_export_page_shows_the_entity_lists_filters_and_exports_them(
    client: Client, kh_consultant: User, kh_entities: list[Entity], on_commit: Any
) -> None:
    logged_in(client, kh_consultant)
    url = reverse("export-list", args=["KH"]) + "?sse_type=ASSOC&page=3&sort=name"

    page = client.get(url)

    assert page.status_code == 200
    assert "Association / NGO / community-based organisation" in page.content.decode()
    assert "Include records not yet validated" not in page.content.decode()
    with on_commit():
        posted = client.post(url, {"format": "csv"})
    response = client.get(posted["Location"])
    job = ExportJob.objects.get()
    assert job.filters == {"sse_type": "ASSOC"}
    assert job.status == JobStatus.DONE
    assert reverse("export-download", args=[job.pk]) in response.content.decode()
    download = client.get(reverse("export-download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="KH-')
    rows = list(
        csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode()[1:]))
    )
    assert [r["name_en"] for r in rows] == ["Takeo Weavers"]


def test_staff_are_offered_unvalidated_records(client: Client, staff: User) -> None:
    page = logged_in(client, staff).get(reverse("export-list", args=["TH"]))

    assert "Include records not yet validated" in page.content.decode()


def test_the_export_status_view_reports_progress_as_json(
    client: Client, kh_consultant: User
) -> None:
    job = export_request(
        user=kh_consultant, country=Country.objects.get(code="KH"), format="xlsx"
    )
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, progress=40)

    data = (
        logged_in(client, kh_consultant)
        .get(reverse("export-status", args=["KH"]))
        .json()
    )

    assert data["jobs"] == [
        {
            "id": job.pk,
            "status": "running",
            "status_label": "Running",
            "progress": 40,
            "finished": False,
            "rows": None,
            "size": None,
            "error": "",
            "expired": False,
            "download_url": "",
        }
    ]


def test_another_countrys_export_file_is_not_found(
    client: Client, kh_consultant: User, th_consultant: User, staff: User
) -> None:
    validated(th_consultant, country="TH", name_en="Chiang Mai Weavers")
    thai = done_export(th_consultant, country="TH")

    response = logged_in(client, kh_consultant).get(
        reverse("export-download", args=[thai.pk])
    )

    assert response.status_code == 404


def test_a_colleagues_export_file_is_not_found_either(
    client: Client, kh_consultant: User, kh_committee: User, kh_entities: Any
) -> None:
    theirs = done_export(kh_consultant)

    response = logged_in(client, kh_committee).get(
        reverse("export-download", args=[theirs.pk])
    )

    assert response.status_code == 404


def test_an_export_file_of_a_country_left_is_not_found(
    client: Client, kh_consultant: User, kh_entities: Any
) -> None:
    mine = done_export(kh_consultant)
    kh_consultant.memberships.all().delete()  # type: ignore[attr-defined]

    response = logged_in(client, kh_consultant).get(
        reverse("export-download", args=[mine.pk])
    )

    assert response.status_code == 404


def test_an_expired_export_answers_gone_with_a_way_to_export_again(
    client: Client, kh_consultant: User, kh_entities: Any
) -> None:
    job = done_export(kh_consultant, filters={"sse_type": "COOP"})
    ExportJob.objects.filter(pk=job.pk).update(
        expires_at=timezone.now() - datetime.timedelta(hours=1)
    )

    response = logged_in(client, kh_consultant).get(
        reverse("export-download", args=[job.pk])
    )

    assert response.status_code == 410
    assert "This export has expired" in response.content.decode()
    assert "sse_type=COOP" in response.content.decode()


def test_the_export_page_of_another_country_is_not_found(
    client: Client, kh_consultant: User
) -> None:
    response = logged_in(client, kh_consultant).get(reverse("export-list", args=["TH"]))

    assert response.status_code == 404


# --- The template ---------------------------------------------------------------------------


def test_the_xlsx_template_has_codes_dropdowns_and_notes(
    client: Client, kh_committee: User
) -> None:
    response = logged_in(client, kh_committee).get(
        reverse("import-template", args=["KH", "xlsx"])
    )

    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["data", "code lists", "columns"]
    data = workbook["data"]
    header = [c.value for c in data[1]]
    assert header == [c.name for c in TEMPLATE_COLUMNS]
    assert data.max_row == 1
    assert "Give at least one of the two names" in data["C1"].comment.text
    validations = {
        str(v.sqref).split(":")[0]: v.formula1
        for v in data.data_validations.dataValidation
    }
    sse_type = openpyxl.utils.get_column_letter(header.index("sse_type") + 1)
    assert validations[f"{sse_type}2"].startswith("'code lists'!$")
    lists = workbook["code lists"]
    values = {c.value for r in lists.iter_rows() for c in r}
    assert {"KH-2", "KH_AC", "COOP", "01"} <= values
    assert "TH-10" not in values
    notes = {r[0].value: r[2].value for r in workbook["columns"].iter_rows(min_row=2)}
    assert "separate them with ';'" in notes["target_groups"]


def test_the_csv_template_has_the_same_columns(
    client: Client, kh_consultant: User
) -> None:
    response = logged_in(client, kh_consultant).get(
        reverse("import-template", args=["KH", "csv"])
    )

    header = response.content.decode("utf-8-sig").strip().split(",")
    assert header == [c.name for c in TEMPLATE_COLUMNS]


# --- Import pages ---------------------------------------------------------------------------


def csv_file(**values: str) -> SimpleUploadedFile:
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=[c.name for c in TEMPLATE_COLUMNS])
    writer.writeheader()
    writer.writerow(
        {
            "name_en": "Kampot Salt Cooperative",
            "area": "KH-7",
            "sse_type": "COOP",
            **values,
        }
    )
    return SimpleUploadedFile("salt.csv", output.getvalue().encode())


@pytest.mark.parametrize(
    ("persona", "country", "status"),
    [
        ("kh_consultant", "KH", 200),
        ("kh_committee", "KH", 403),
        ("staff", "KH", 403),
        ("kh_consultant", "TH", 404),
    ],
)
def test_only_the_countrys_consultants_open_the_import_and_mapping_pages(
    client: Client,
    request: pytest.FixtureRequest,
    persona: str,
    country: str,
    status: int,
) -> None:
    logged_in(client, request.getfixturevalue(persona))

    for name in ("import-list", "mapping-list", "mapping-create"):
        assert client.get(reverse(name, args=[country])).status_code == status


def test_an_upload_shows_each_problem_by_row_and_column_and_its_report(
    client: Client, kh_consultant: User, on_commit: Any
) -> None:
    logged_in(client, kh_consultant)

    with on_commit():
        posted = client.post(
            reverse("import-list", args=["KH"]),
            {"file": csv_file(sse_type="KOOP"), "kind": "template"},
        )

    job = ImportJob.objects.get()
    assert posted["Location"] == reverse("import-detail", args=[job.pk])
    response = client.get(posted["Location"])
    page = response.content.decode()
    assert "1 problem found: nothing was imported." in page
    assert "“KOOP” is not a code of the list" in page
    report = client.get(reverse("import-report", args=[job.pk]))
    assert "KOOP" in b"".join(report.streaming_content).decode()
    assert not Entity.objects.exists()


def test_a_clean_upload_is_confirmed_after_deciding_on_duplicates(
    client: Client, kh_consultant: User, on_commit: Any
) -> None:
    existing = validated(
        kh_consultant,
        name_en="Kampot Salt Cooperative",
        area=AdminArea.objects.get(code="KH-7"),
    )
    logged_in(client, kh_consultant)
    with on_commit():
        posted = client.post(
            reverse("import-list", args=["KH"]),
            {"file": csv_file(name_en="Kampot Salt Cooperatives"), "kind": "template"},
        )
    response = client.get(posted["Location"])
    job = ImportJob.objects.get()
    page = response.content.decode()
    assert "Possible duplicates" in page
    assert f"Update {existing.code} with this row" in page

    undecided = client.post(reverse("import-confirm", args=[job.pk]), follow=True)
    assert (
        "Decide what to do with each possible duplicate" in undecided.content.decode()
    )

    with on_commit():
        client.post(reverse("import-confirm", args=[job.pk]), {"decision-r2": "create"})
    done = client.get(reverse("import-detail", args=[job.pk]))
    assert "Imported: 1 entities created" in done.content.decode()
    assert Entity.objects.count() == 2
    status = client.get(reverse("import-status", args=[job.pk])).json()
    assert status["stage"] == "imported"
    assert status["finished"] is True


def test_someone_elses_import_is_not_found(
    client: Client, kh_consultant: User, make_persona: Any, on_commit: Any
) -> None:
    logged_in(client, kh_consultant)
    with on_commit():
        client.post(
            reverse("import-list", args=["KH"]),
            {"file": csv_file(), "kind": "template"},
        )
    job = ImportJob.objects.get()
    colleague = make_persona("kh-consultant-2", "KH", "consultant")

    logged_in(client, colleague)
    for name in ("import-detail", "import-status", "import-report"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert client.post(reverse("import-confirm", args=[job.pk])).status_code == 404


# --- Mapping pages --------------------------------------------------------------------------

KOBO_SAMPLE = (
    "start;org/org_name;org/sse_type;org/province;org/target_groups;location;_id;_uuid;"
    "_submission_time;_index\n"
    "2024-05-01;Kampot Salt;coop;KH-7;WOMEN YOUTH;10.61 104.18 3 5;1;a-1;"
    "2024-05-01T02:21:13;1\n"
)


def test_a_mapping_is_made_from_a_sample_export_with_suggestions_and_saved(
    client: Client, kh_consultant: User
) -> None:
    logged_in(client, kh_consultant)
    url = reverse("mapping-create", args=["KH"])

    preview = client.post(
        url,
        {
            "tool": "kobo",
            "sample": SimpleUploadedFile("kobo.csv", KOBO_SAMPLE.encode()),
        },
    )

    assert preview.status_code == 200
    page = preview.content.decode()
    assert "org/org_name" in page and "Kampot Salt" in page
    form = preview.context["form"]
    assert form.initial["submission_id"] == "_uuid"
    assert form.initial["gps"] == "location"
    assert form.initial["sse_type"] == "org/sse_type"
    assert "name_en" not in form.initial  # "org_name" is not a template column
    assert form.initial["target_groups"] == "org/target_groups"

    saved = client.post(
        url,
        {
            "name": "Kobo 2024",
            "tool": "kobo",
            "headers": form.initial["headers"],
            "submission_id": "_uuid",
            "gps": "location",
            "name_en": "org/org_name",
            "sse_type": "org/sse_type",
            "area": "org/province",
        },
        follow=True,
    )

    mapping = ColumnMapping.objects.get()
    assert saved.redirect_chain[-1][0] == reverse("mapping-list", args=["KH"])
    assert mapping.columns["name_en"] == "org/org_name"
    assert mapping.columns["_sample_headers"][1] == "org/org_name"
    edit = client.get(reverse("mapping-edit", args=[mapping.pk]))
    assert edit.context["form"].initial["area"] == "org/province"


def test_a_mapping_without_a_submission_id_is_refused(
    client: Client, kh_consultant: User
) -> None:
    response = logged_in(client, kh_consultant).post(
        reverse("mapping-create", args=["KH"]),
        {"name": "x", "tool": "odk", "headers": '["KEY", "name"]', "name_en": "name"},
    )

    assert response.status_code == 400
    assert "Choose it: _uuid in KoboToolbox, KEY in ODK Central." in (
        response.content.decode()
    )


def test_a_sample_that_is_not_a_spreadsheet_says_so(
    client: Client, kh_consultant: User
) -> None:
    response = logged_in(client, kh_consultant).post(
        reverse("mapping-create", args=["KH"]),
        {"tool": "kobo", "sample": SimpleUploadedFile("a.csv", b"%PDF-1.4 xx")},
    )

    assert response.status_code == 400
    assert "This is a PDF file" in response.content.decode()


# --- API ------------------------------------------------------------------------------------


@with_api
def test_the_api_queues_an_export_and_serves_its_file(
    client: Client, kh_consultant: User, kh_entities: Any, on_commit: Any
) -> None:
    logged_in(client, kh_consultant)

    with on_commit():
        created = client.post(
            "/api/v1/exports/",
            {"country": "kh", "format": "geojson", "filters": {"sse_type": "COOP"}},
            content_type="application/json",
        )

    assert created.status_code == 202
    job = client.get(f"/api/v1/exports/{created.json()['id']}/").json()
    assert job["status"] == "done"
    assert job["row_count"] == 1
    assert job["filters"] == {"sse_type": "COOP"}
    listed = client.get("/api/v1/exports/?country=KH").json()
    assert [j["id"] for j in listed["results"]] == [job["id"]]
    download = client.get(job["download_url"])
    assert download.status_code == 200
    assert b"Kampot Salt Cooperative" in b"".join(download.streaming_content)


@with_api
def test_the_api_hides_other_countries_exports_and_refuses_their_creation(
    client: Client, kh_consultant: User, th_consultant: User
) -> None:
    validated(th_consultant, country="TH", name_en="Chiang Mai Weavers")
    thai = done_export(th_consultant, country="TH")
    logged_in(client, kh_consultant)

    assert client.get(f"/api/v1/exports/{thai.pk}/").status_code == 404
    assert client.get(f"/api/v1/exports/{thai.pk}/download/").status_code == 404
    refused = client.post(
        "/api/v1/exports/",
        {"country": "TH", "format": "csv"},
        content_type="application/json",
    )
    assert refused.status_code == 404


@with_api
def test_the_api_says_gone_for_an_expired_file(
    client: Client, kh_consultant: User, kh_entities: Any
) -> None:
    job = done_export(kh_consultant)
    ExportJob.objects.filter(pk=job.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    response = logged_in(client, kh_consultant).get(
        f"/api/v1/exports/{job.pk}/download/"
    )

    assert response.status_code == 410
    assert "expired" in response.json()["detail"]


@with_api
def test_the_api_refuses_unvalidated_records_to_a_committee_member(
    client: Client, kh_committee: User
) -> None:
    response = logged_in(client, kh_committee).post(
        "/api/v1/exports/",
        {"country": "KH", "format": "csv", "include_unvalidated": True},
        content_type="application/json",
    )

    assert response.status_code == 403


@with_api
def test_the_api_uploads_checks_and_confirms_an_import(
    client: Client, kh_consultant: User, on_commit: Any
) -> None:
    logged_in(client, kh_consultant)

    with on_commit():
        created = client.post(
            "/api/v1/imports/",
            {"country": "KH", "kind": "template", "file": csv_file()},
        )
    assert created.status_code == 202
    job = client.get(f"/api/v1/imports/{created.json()['id']}/").json()
    assert job["stage"] == "ready"
    assert job["created_count"] == 1

    with on_commit():
        confirmed = client.post(
            f"/api/v1/imports/{job['id']}/confirm/",
            {"decisions": {}},
            content_type="application/json",
        )

    assert confirmed.status_code == 202
    done = client.get(f"/api/v1/imports/{job['id']}/").json()
    assert done["stage"] == "imported"
    assert Entity.objects.get().name_en == "Kampot Salt Cooperative"


@with_api
def test_the_api_gives_an_invalid_imports_problems_and_report(
    client: Client, kh_consultant: User, on_commit: Any
) -> None:
    logged_in(client, kh_consultant)
    with on_commit():
        created = client.post(
            "/api/v1/imports/",
            {"country": "KH", "kind": "template", "file": csv_file(area="Atlantis")},
        )

    job = client.get(f"/api/v1/imports/{created.json()['id']}/").json()

    assert job["stage"] == "invalid"
    assert job["errors"][0]["column"] == "area"
    report = client.get(job["report_url"])
    assert b"Atlantis" in b"".join(report.streaming_content)
    refused = client.post(
        f"/api/v1/imports/{job['id']}/confirm/", {}, content_type="application/json"
    )
    assert refused.status_code == 400


@with_api
def test_a_committee_member_cannot_import_through_the_api(
    client: Client, kh_committee: User
) -> None:
    response = logged_in(client, kh_committee).post(
        "/api/v1/imports/", {"country": "KH", "kind": "template", "file": csv_file()}
    )

    assert response.status_code == 403
    assert not ImportJob.objects.exists()


# --- In a browser ---------------------------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_a_consultant_exports_then_imports_from_the_pages(
    page: Any, live_server: Any, kh_consultant: User, tmp_path: Path, width: int
) -> None:
    from playwright.sync_api import expect

    validated(kh_consultant, name_en="Kampot Salt Cooperative", sse_type="COOP")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("kh-consultant")
    page.get_by_label("Password").fill("demo-pass-2026")
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server.url}{reverse('export-list', args=['KH'])}?sse_type=COOP")
    expect(page.get_by_test_id("export-filters")).to_contain_text("Cooperative")
    page.get_by_label("CSV").check()
    page.get_by_test_id("export-submit").click()
    with page.expect_download() as download:
        page.get_by_test_id("download").first.click()
    exported = tmp_path / "export.csv"
    download.value.save_as(exported)
    page.screenshot(path=f"var/screenshots/export-list-{width}.png", full_page=True)

    page.goto(f"{live_server.url}{reverse('import-list', args=['KH'])}")
    rows = exported.read_text("utf-8-sig").replace("Kampot Salt", "Kampot Sea Salt")
    changed = tmp_path / "changed.csv"
    changed.write_text(rows, "utf-8")
    page.set_input_files("input[name=file]", str(changed))
    page.get_by_test_id("import-upload").click()
    expect(page.get_by_test_id("import-summary")).to_contain_text("update 1")
    page.screenshot(path=f"var/screenshots/import-ready-{width}.png", full_page=True)
    page.get_by_test_id("import-confirm").click()
    expect(page.get_by_test_id("import-stage")).to_have_text("Imported")
    page.screenshot(path=f"var/screenshots/import-done-{width}.png", full_page=True)
    assert Entity.objects.get().name_en == "Kampot Sea Salt Cooperative"
