# ruff: noqa: F811  (test functions take the imported `thailand` fixture)
"""Report pages, files and API: compile, follow, read, download; who may do what."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import include, path, reverse
from django.utils import timezone
from rest_framework.routers import SimpleRouter

from countries.models import Country
from surveys.entities import services as entities_services
from surveys.models import Report
from surveys.reports import country
from surveys.reports import services as reports_services
from surveys.reports.api import ReportViewSet
from tests.surveys.reports.test_reports import (  # noqa: F401  (the fixture)
    BUILDERS_THAI_NAME,
    THAI_NAME,
    add_figures,
    make_entity,
    thailand,
    validate,
)

pytestmark = pytest.mark.django_db

KHMER_NAME = "សហគមន៍កសិកម្មភូមិថ្មី"

# The API route as the API's router registers it (sse_mapping/api_urls.py), for the tests
# marked @pytest.mark.urls(__name__).
_router = SimpleRouter()
_router.register("reports", ReportViewSet, basename="api-report")
urlpatterns = [
    path("api/v1/", include(_router.urls)),
    path("", include("sse_mapping.urls")),
]


@pytest.fixture(autouse=True)
def private_files(settings: Any, tmp_path: Path) -> Path:
    settings.PRIVATE_FILES_ROOT = tmp_path
    return tmp_path


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pdf_text(content: bytes, tmp_path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(content)
    # -raw keeps each line in content order, so Khmer clusters are not split apart.
    # (Names with a Khmer pre-base vowel such as េ are drawn right but extract
    # scrambled: WeasyPrint maps each glyph to one text (Kozea/WeasyPrint#2841).)
    return subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def compile_through_the_page(client: Client, code: str, capture: Any) -> Report:
    with capture(execute=True):
        response = client.post(reverse("report-list", args=[code]))
    report = Report.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == reverse("report-detail", args=[report.pk])
    report.refresh_from_db()
    return report


def done_report(country: str, by: User, private_files: Path) -> Report:
    """A finished version with small files, for the access tests (no rendering)."""
    report = Report.objects.create(
        country_id=country,
        countries=[country],
        number=1,
        cutoff_at=timezone.now(),
        requested_by=by,
        status="done",
        tables={"sections": [], "method": []},
    )
    folder = private_files / "reports" / country / str(report.pk)
    folder.mkdir(parents=True)
    for kind in ("pdf", "xlsx", "html"):
        (folder / f"report.{kind}").write_bytes(b"%PDF-1.7 " + kind.encode())
        setattr(report, f"{kind}_path", f"reports/{country}/{report.pk}/report.{kind}")
    report.save()
    return report


# --- Staff compile the Thai report and download the three files ------------------------


def test_staff_compile_the_thai_report_and_download_the_three_files(
    thailand: dict[str, Any],
    staff: User,
    django_capture_on_commit_callbacks: Any,
    tmp_path: Path,
) -> None:
    client = client_for(staff)
    page = client.get(reverse("report-list", args=["TH"]))
    assert page.status_code == 200
    assert b'data-testid="compile"' in page.content

    report = compile_through_the_page(client, "TH", django_capture_on_commit_callbacks)
    assert report.status == "done", report.error
    assert (report.number, report.progress, report.attempts) == (1, 100, 1)
    assert report.query_count and report.aggregation_seconds is not None

    detail = client.get(reverse("report-detail", args=[report.pk]))
    assert detail.status_code == 200
    body = detail.content.decode()
    assert "Country mapping report: Thailand" in body
    assert 'data-table="members_by_type"' in body
    charts = re.findall(r"<svg.*?</svg>", body, re.S)
    assert len(charts) >= 8
    assert not any("<script" in c or "<style" in c or "style=" in c for c in charts)
    assert " style=" not in body  # the Content-Security-Policy forbids inline styles
    assert "Bangkok Builders" in body  # the borderline list
    assert "data-provisional" in body  # Thailand has no validated definition
    members = body.split('data-table="members_by_type"')[1].split("</table>")[0]
    assert '<td class="kind-int">150</td>' in members  # the SSE only
    assert '<td class="kind-pct">40.0 %</td>' in members

    pdf = client.get(reverse("report-download", args=[report.pk, "pdf"]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "TH-mapping-report-v1.pdf" in pdf["Content-Disposition"]
    content = b"".join(pdf.streaming_content)
    assert content.startswith(b"%PDF")
    text = pdf_text(content, tmp_path)
    assert BUILDERS_THAI_NAME in text  # the borderline list names entities
    assert "เชียงใหม่" in text  # Chiang Mai, in Thai, in the area tables
    assert "Table 1. Key figures" in text
    assert "Members 150" in text  # a number of the key figures: the SSE only
    assert "Provisional classification" in text  # Thailand has no definition yet
    assert "Members by sex and SSE type" in text

    xlsx = client.get(reverse("report-download", args=[report.pk, "xlsx"]))
    assert xlsx.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    assert workbook.sheetnames[0] == "About"
    members = next(
        workbook[name]
        for name in workbook.sheetnames
        if name.endswith(". Members by type")
    )
    rows = [[cell.value for cell in row] for row in members.iter_rows()]
    total = next(row for row in rows if row[0] == "Total")
    assert total[1:6] == [2, 150, 70, 20, 60]
    assert "Not disaggregated by sex: 40.0 %" in rows[1][0]
    assert "Criteria by type" in workbook.sheetnames

    html = client.get(reverse("report-download", args=[report.pk, "html"]))
    assert html.status_code == 200
    assert "attachment" in html["Content-Disposition"]
    assert BUILDERS_THAI_NAME.encode() in b"".join(html.streaming_content)

    versions = client.get(reverse("report-list", args=["TH"])).content.decode()
    assert 'data-status="done"' in versions


def test_compiling_again_makes_a_new_version_and_keeps_the_old_one(
    thailand: dict[str, Any],
    th_committee: User,
    django_capture_on_commit_callbacks: Any,
    th_consultant: User,
) -> None:
    client = client_for(th_committee)
    first = compile_through_the_page(client, "TH", django_capture_on_commit_callbacks)
    later = make_entity(th_consultant, "TH", name_en="Found later", sse_type="SHG")
    validate(later)
    second = compile_through_the_page(client, "TH", django_capture_on_commit_callbacks)
    assert (first.number, second.number) == (1, 2)
    assert first.tables["entities"] == 3
    assert second.tables["entities"] == 4
    old = client.get(reverse("report-download", args=[first.pk, "pdf"]))
    assert old.status_code == 200
    assert "TH-mapping-report-v1.pdf" in old["Content-Disposition"]


def test_the_khmer_report_keeps_khmer_names_intact_in_the_pdf(
    kh_consultant: User,
    kh_committee: User,
    django_capture_on_commit_callbacks: Any,
    tmp_path: Path,
) -> None:
    entity = make_entity(
        kh_consultant,
        "KH",
        name_local=KHMER_NAME,
        name_en="Phum Thmei farmers",
        sse_type="COOP",
    )
    add_figures(
        entity, kh_consultant, 2024, members_total=12, members_women=7, members_men=5
    )
    entities_services.assessment_save(
        entity=entity, by=kh_consultant, data={"p1_1": "NOT_MET"}, expected_version=None
    )
    validate(entity)
    report = compile_through_the_page(
        client_for(kh_committee), "KH", django_capture_on_commit_callbacks
    )
    assert report.status == "done", report.error
    pdf = client_for(kh_committee).get(
        reverse("report-download", args=[report.pk, "pdf"])
    )
    text = pdf_text(b"".join(pdf.streaming_content), tmp_path)
    assert KHMER_NAME in text


def test_staff_compare_countries_as_page_pdf_and_workbook(
    thailand: dict[str, Any],
    staff: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = client_for(staff)
    assert client.get(reverse("report-regional")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("report-regional"), {"countries": ["TH", "KH", "VN"]}
        )
    report = Report.objects.get(kind="regional")
    assert response["Location"] == reverse("report-detail", args=[report.pk])
    assert report.status == "done", report.error
    assert report.countries == ["KH", "TH", "VN"]
    page = client.get(reverse("report-detail", args=[report.pk])).content.decode()
    assert "Regional comparison: Cambodia, Thailand, Viet Nam" in page
    assert 'data-table="regional_people"' in page
    for kind in ("pdf", "xlsx", "html"):
        assert (
            client.get(reverse("report-download", args=[report.pk, kind])).status_code
            == 200
        )
    assert (
        "regional-comparison-v1"
        in client.get(reverse("report-download", args=[report.pk, "xlsx"]))[
            "Content-Disposition"
        ]
    )


# --- Failure and progress -------------------------------------------------------------


def test_a_failed_compile_shows_the_reason_and_publishes_no_file(
    staff: User,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
    private_files: Path,
) -> None:
    def broken(scope: Any) -> Any:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(country, "country_tables", broken)
    client = client_for(staff)
    report = compile_through_the_page(client, "TH", django_capture_on_commit_callbacks)
    assert report.status == "failed"
    assert "the database went away" in report.error
    assert report.finished_at is not None
    page = client.get(reverse("report-detail", args=[report.pk])).content.decode()
    assert 'data-testid="report-error"' in page
    assert "the database went away" in page
    assert (
        client.get(reverse("report-download", args=[report.pk, "pdf"])).status_code
        == 404
    )
    assert not list(private_files.rglob("*.pdf"))
    listed = client.get(reverse("report-list", args=["TH"])).content.decode()
    assert "the database went away" in listed


def test_a_compiling_report_shows_its_progress(staff: User) -> None:
    report = reports_services.report_compile_request(
        by=staff, country=Country.objects.get(pk="TH")
    )
    Report.objects.filter(pk=report.pk).update(status="running", progress=40)
    client = client_for(staff)
    page = client.get(reverse("report-detail", args=[report.pk])).content.decode()
    assert 'data-testid="report-progress"' in page
    assert 'value="40"' in page
    assert "js/jobs.js" in page
    progress = client.get(reverse("report-progress", args=[report.pk])).json()
    assert progress == {
        "id": report.pk,
        "status": "running",
        "status_label": "Running",
        "progress": 40,
        "error": "",
        "finished": False,
    }
    assert (
        client.get(reverse("report-download", args=[report.pk, "pdf"])).status_code
        == 404
    )


# --- Who sees what ----------------------------------------------------------------------


def test_consultants_read_their_countrys_reports_but_cannot_compile(
    th_consultant: User, staff: User, private_files: Path
) -> None:
    report = done_report("TH", staff, private_files)
    client = client_for(th_consultant)
    page = client.get(reverse("report-list", args=["TH"]))
    assert page.status_code == 200
    assert b'data-testid="compile"' not in page.content
    assert client.get(reverse("report-detail", args=[report.pk])).status_code == 200
    assert (
        client.get(reverse("report-download", args=[report.pk, "pdf"])).status_code
        == 200
    )
    assert client.post(reverse("report-list", args=["TH"])).status_code == 403
    assert Report.objects.count() == 1


def test_another_countrys_people_get_404_everywhere(
    kh_consultant: User, kh_committee: User, staff: User, private_files: Path
) -> None:
    report = done_report("TH", staff, private_files)
    for user in (kh_consultant, kh_committee):
        client = client_for(user)
        assert client.get(reverse("report-list", args=["TH"])).status_code == 404
        assert client.post(reverse("report-list", args=["TH"])).status_code == 404
        assert client.get(reverse("report-detail", args=[report.pk])).status_code == 404
        assert (
            client.get(reverse("report-progress", args=[report.pk])).status_code == 404
        )
        for kind in ("pdf", "xlsx", "html"):
            url = reverse("report-download", args=[report.pk, kind])
            assert client.get(url).status_code == 404


def test_only_staff_see_and_compile_regional_comparisons(
    th_committee: User, staff: User
) -> None:
    report = Report.objects.create(
        kind="regional",
        countries=["KH", "TH"],
        number=1,
        cutoff_at=timezone.now(),
        requested_by=staff,
    )
    client = client_for(th_committee)
    assert client.get(reverse("report-regional")).status_code == 404
    assert (
        client.post(reverse("report-regional"), {"countries": ["TH", "KH"]}).status_code
        == 404
    )
    assert client.get(reverse("report-detail", args=[report.pk])).status_code == 404
    staff_page = client_for(staff).get(reverse("report-regional")).content.decode()
    assert reverse("report-detail", args=[report.pk]) in staff_page


def test_a_regional_request_with_one_country_says_why(staff: User) -> None:
    response = client_for(staff).post(reverse("report-regional"), {"countries": ["TH"]})
    assert response.status_code == 200
    assert "at least two countries" in response.content.decode()
    assert not Report.objects.exists()


def test_unknown_file_kinds_and_missing_files_answer_404(
    staff: User, private_files: Path
) -> None:
    report = done_report("TH", staff, private_files)
    client = client_for(staff)
    assert (
        client.get(reverse("report-download", args=[report.pk, "docx"])).status_code
        == 404
    )
    (private_files / report.pdf_path).unlink()
    assert (
        client.get(reverse("report-download", args=[report.pk, "pdf"])).status_code
        == 404
    )


def test_anonymous_visitors_are_sent_to_log_in(
    staff: User, private_files: Path
) -> None:
    report = done_report("TH", staff, private_files)
    response = Client().get(reverse("report-download", args=[report.pk, "pdf"]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


# --- API ------------------------------------------------------------------------------


@pytest.mark.urls(__name__)
def test_the_api_lists_reads_and_downloads_reports_within_scope(
    th_consultant: User, kh_consultant: User, staff: User, private_files: Path
) -> None:
    report = done_report("TH", staff, private_files)
    client = client_for(th_consultant)
    listed = client.get("/api/v1/reports/").json()
    assert [r["id"] for r in listed["results"]] == [report.pk]
    found = client.get(f"/api/v1/reports/{report.pk}/").json()
    assert (found["country"], found["status"], found["number"]) == ("TH", "done", 1)
    assert found["downloads"]["pdf"].endswith(
        f"/api/v1/reports/{report.pk}/download/pdf/"
    )
    download = client.get(f"/api/v1/reports/{report.pk}/download/pdf/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    other = client_for(kh_consultant)
    assert other.get("/api/v1/reports/").json()["results"] == []
    assert other.get(f"/api/v1/reports/{report.pk}/").status_code == 404
    assert other.get(f"/api/v1/reports/{report.pk}/download/pdf/").status_code == 404


@pytest.mark.urls(__name__)
def test_the_api_queues_a_new_version_for_those_allowed(
    th_consultant: User, th_committee: User, staff: User
) -> None:
    refused = client_for(th_consultant).post(
        "/api/v1/reports/", {"country": "TH"}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert "national advisory committee" in refused.json()["detail"]
    queued = client_for(th_committee).post(
        "/api/v1/reports/", {"country": "TH"}, content_type="application/json"
    )
    assert queued.status_code == 202
    assert (queued.json()["number"], queued.json()["status"]) == (1, "queued")
    assert queued.json()["downloads"] == {}
    hidden = client_for(th_committee).post(
        "/api/v1/reports/", {"country": "KH"}, content_type="application/json"
    )
    assert hidden.status_code == 404
    regional = client_for(staff).post(
        "/api/v1/reports/", {"countries": ["KH", "TH"]}, content_type="application/json"
    )
    assert regional.status_code == 202
    assert regional.json()["kind"] == "regional"
