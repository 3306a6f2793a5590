"""The committee and staff journeys in real Chromium: a committee member works through
the queue with "Save and next"; staff compile a report and watch its progress until it
is finished; staff export with labels instead of codes."""

import csv
import datetime
import functools
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from countries.vocabularies import WorkflowState
from surveys.jobs import outbox
from surveys.models import Entity, Report
from surveys.reports.tasks import compile_report
from tests.e2e.browser import LogIn, screenshots
from tests.surveys.factories import EntityFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def log_in(log_in: LogIn) -> LogIn:
    return functools.partial(log_in, accept_downloads=True)


def submitted(days_ago: int, name: str, by: User) -> Entity:
    return EntityFactory(
        country_id="TH",
        name_en=name,
        created_by=by,
        submitted=True,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def test_a_committee_member_works_through_the_queue_with_save_and_next(
    live_server: Any, log_in: Any, th_consultant: User, th_committee: User
) -> None:
    oldest = submitted(9, "Oldest weavers group", th_consultant)
    middle = submitted(5, "Middle rice mill", th_consultant)
    newest = submitted(1, "Newest savings group", th_consultant)

    member = log_in("th-committee")
    review = member.get_by_test_id("nav-review")
    expect(review).to_have_count(1)
    expect(member.get_by_test_id("nav-review-count")).to_have_text(re.compile(r"^3\b"))
    review.click()
    expect(member.get_by_test_id("queue-row")).to_have_count(3)
    member.get_by_role("link", name=oldest.name_en).click()
    screenshots(member, "save-and-next-review")

    form = member.get_by_test_id("decision-form")
    form.get_by_label("Approve").check()
    form.get_by_test_id("save-and-next").click()
    expect(member.get_by_role("heading", level=1)).to_have_text(middle.name_en)
    expect(member.get_by_role("alert").first).to_contain_text("approve")

    form = member.get_by_test_id("decision-form")
    form.get_by_label("Return").check()
    form.get_by_label("Comment", exact=True).fill("Add the members by sex.")
    form.get_by_test_id("save-and-next").click()
    expect(member.get_by_role("heading", level=1)).to_have_text(newest.name_en)

    form = member.get_by_test_id("decision-form")
    form.get_by_label("Approve").check()
    form.get_by_test_id("save-and-next").click()
    expect(member).to_have_url(re.compile(r"/countries/TH/review/$"))
    expect(member.get_by_role("alert").last).to_contain_text(
        "No other record in this queue waits for your decision."
    )
    expect(member.get_by_test_id("nav-review-count")).to_have_count(0)
    screenshots(member, "save-and-next-queue-done")

    states = dict(
        Entity.objects.filter(country_id="TH").values_list("name_en", "workflow_state")
    )
    assert states == {
        oldest.name_en: WorkflowState.VALIDATED,
        middle.name_en: WorkflowState.RETURNED,
        newest.name_en: WorkflowState.VALIDATED,
    }


def test_staff_compile_a_report_and_watch_it_until_it_is_finished(
    live_server: Any,
    log_in: Any,
    staff: User,
    settings: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.PRIVATE_FILES_ROOT = tmp_path
    # The job waits for a worker: this test is the worker, step by step.
    monkeypatch.setattr(outbox, "job_send", lambda model, pk: False)
    EntityFactory(country_id="TH", validated=True, sse_type="COOP")

    page = log_in("staff")
    page.goto(f"{live_server.url}/countries/TH/reports/")
    page.get_by_test_id("compile").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    progress = page.get_by_test_id("report-progress")
    expect(progress).to_contain_text("Queued")
    report = Report.objects.get(country_id="TH")

    # The worker starts and gets a third of the way: the page follows by itself.
    Report.objects.filter(pk=report.pk).update(status="running", progress=35)
    expect(progress.locator("progress")).to_have_attribute("value", "35")
    expect(progress).to_contain_text("Running")
    screenshots(page, "report-progress")

    # Meanwhile the list offers no second compile.
    other = page.context.new_page()
    other.goto(f"{live_server.url}/countries/TH/reports/")
    expect(other.get_by_test_id("compile")).to_be_disabled()
    expect(other.get_by_test_id("compile-busy")).to_be_visible()
    screenshots(other, "report-compiling-list")

    # The worker finishes: both pages show it without being reloaded by hand.
    Report.objects.filter(pk=report.pk).update(status="queued", progress=0)
    compile_report(report.pk)
    expect(page.get_by_test_id("report-body")).to_be_visible(timeout=20_000)
    expect(page.get_by_test_id("report-progress")).to_have_count(0)
    expect(page.get_by_text("being compiled")).to_have_count(0)
    expect(other.get_by_test_id("compile")).to_be_enabled(timeout=20_000)
    expect(other.get_by_test_id("report-versions")).to_contain_text("Done")
    screenshots(other, "report-finished-list")


def test_staff_export_with_labels_in_their_language(
    live_server: Any, log_in: Any, staff: User, settings: Any, tmp_path: Path
) -> None:
    settings.PRIVATE_FILES_ROOT = tmp_path
    EntityFactory(
        country_id="TH", validated=True, sse_type="COOP", name_en="Labelled coop"
    )
    EntityFactory(country_id="TH", validated=True, sse_type="SE", name_en="Social one")

    page = log_in("staff")
    page.goto(f"{live_server.url}/countries/TH/exports/?sse_type=COOP")
    expect(page.get_by_role("search")).to_be_visible()
    page.get_by_label("CSV", exact=True).check()
    page.get_by_label(re.compile("^Labels")).check()
    screenshots(page, "export-labels")
    page.get_by_test_id("export-submit").click()
    row = page.get_by_test_id("export-jobs").locator("tbody tr").first
    expect(row).to_contain_text("labels")
    expect(row.locator("[data-role=status]")).to_have_text("Done", timeout=20_000)
    expect(page.get_by_role("alert")).to_have_count(0)
    with page.expect_download() as download:
        row.get_by_test_id("download").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))

    assert [r["name_en"] for r in rows] == ["Labelled coop"]
    assert rows[0]["sse_type"] == "Cooperative"
    assert rows[0]["workflow_state"] == "Validated"
