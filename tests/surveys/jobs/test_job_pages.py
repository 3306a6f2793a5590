"""Pages of jobs say where each job is, from its row: the compile, export and upload
buttons wait while their job runs, and a finished job reads as finished."""

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from surveys.models import ExportJob, Report
from tests.surveys.factories import ExportJobFactory, ImportJobFactory, ReportFactory

pytestmark = pytest.mark.django_db


def page(client: Client, user: User, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def button(html: str, testid: str) -> str:
    found = re.search(rf'<button[^>]*data-testid="{testid}"[^>]*>', html)
    assert found is not None
    return found.group(0)


def test_the_compile_button_waits_while_a_version_is_compiling(
    client: Client, staff: User
) -> None:
    ReportFactory(country_id="TH", running=True, requested_by=staff)

    html = page(client, staff, reverse("report-list", args=["TH"]))

    assert "disabled" in button(html, "compile")
    assert re.search(r'data-testid="compile-busy"(?! hidden)', html)
    assert 'data-job-status="' in html


def test_the_compile_button_is_free_once_every_version_is_finished(
    client: Client, staff: User
) -> None:
    ReportFactory(country_id="TH", done=True, requested_by=staff)
    ReportFactory(country_id="TH", failed=True, requested_by=staff)

    html = page(client, staff, reverse("report-list", args=["TH"]))

    assert "disabled" not in button(html, "compile")
    assert 'data-testid="compile-busy" hidden' in html


def test_a_compiled_version_never_says_it_is_being_compiled(
    client: Client,
    staff: User,
    django_capture_on_commit_callbacks: Any,
    settings: Any,
    tmp_path: Any,
) -> None:
    settings.PRIVATE_FILES_ROOT = tmp_path
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("report-list", args=["TH"]), {"language": "en"})
    report = Report.objects.get(country_id="TH")

    assert report.status == "done"  # tests run tasks eagerly
    html = client.get(answer.url).content.decode()
    assert "being compiled" not in html
    assert 'data-testid="report-progress"' not in html
    assert 'data-testid="report-body"' in html


def test_the_progress_of_a_running_version_comes_from_its_row(
    client: Client, staff: User
) -> None:
    report = ReportFactory(country_id="TH", running=True, requested_by=staff)
    Report.objects.filter(pk=report.pk).update(progress=40)
    client.force_login(staff)

    state = client.get(reverse("report-progress", args=[report.pk])).json()
    Report.objects.filter(pk=report.pk).update(status="done", progress=100)
    finished = client.get(reverse("report-progress", args=[report.pk])).json()

    assert (state["progress"], state["status_label"], state["finished"]) == (
        40,
        "Running",
        False,
    )
    assert (finished["status_label"], finished["finished"]) == ("Done", True)


def test_the_export_button_waits_while_an_export_is_prepared(
    client: Client, kh_consultant: User
) -> None:
    ExportJobFactory(country_id="KH", requested_by=kh_consultant, running=True)

    html = page(client, kh_consultant, reverse("export-list", args=["KH"]))

    assert "disabled" in button(html, "export-submit")


def test_a_finished_export_reads_done_and_no_message_says_it_is_being_prepared(
    client: Client,
    kh_consultant: User,
    django_capture_on_commit_callbacks: Any,
    settings: Any,
    tmp_path: Any,
) -> None:
    settings.PRIVATE_FILES_ROOT = tmp_path
    client.force_login(kh_consultant)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("export-list", args=["KH"]), {"format": "csv"})

    job = ExportJob.objects.get(requested_by=kh_consultant)
    html = client.get(answer.url).content.decode()
    assert job.status == "done"
    assert "being prepared" not in html
    assert "disabled" not in button(html, "export-submit")
    assert 'data-role="status">Done<' in html


def test_the_upload_button_waits_while_a_file_is_checked(
    client: Client, kh_consultant: User
) -> None:
    job = ImportJobFactory(country_id="KH", requested_by=kh_consultant, running=True)

    html = page(client, kh_consultant, reverse("import-list", args=["KH"]))

    assert "disabled" in button(html, "import-upload")
    assert reverse("import-status", args=[job.pk]) in html
    state = client.get(reverse("import-status", args=[job.pk])).json()
    assert state["finished"] is False
    assert state["status_label"] == state["stage_label"]
