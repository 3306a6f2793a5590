"""Staff accept Thailand's validated findings as release TH-1 in real Chromium,
compile the country report from it and find the release on the report's cover."""

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from surveys.models import Release

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def demo(reference_data: None, settings: Any, tmp_path: Path) -> None:
    settings.PRIVATE_FILES_ROOT = tmp_path
    call_command("seed_demo", "--quiet-logins")
    # The demo comes with TH-1 accepted; here staff accept it themselves.
    Release.objects.all().delete()


def test_staff_accept_th_1_and_compile_the_report_from_it(
    page: Page, live_server: Any, demo: None
) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill("demo-pass-2026")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/countries/TH/")
    page.get_by_test_id("quick-releases").click()
    expect(page.get_by_test_id("releases")).to_contain_text("No release yet.")
    page.get_by_test_id("prepare-release").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Validated since the last release"
    )
    expect(page.get_by_test_id("pending-entity")).to_contain_text("new")
    page.screenshot(path="var/screenshots/release-accept.png", full_page=True)
    page.get_by_test_id("accept-release").click()

    expect(page).to_have_url(re.compile(r"/releases/\d+/$"))
    page.reload()  # the worker (in-process here) has frozen the records
    expect(page.get_by_test_id("release-state")).to_have_text("Accepted")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Release TH-1")
    expect(page.get_by_test_id("release-counts")).to_contain_text("Entities: ")
    page.screenshot(path="var/screenshots/release-detail.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path="var/screenshots/release-detail-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)

    # The compile runs in-process here, within the request: give it time.
    page.get_by_test_id("compile-from-release").click(timeout=180_000)
    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    page.reload()
    expect(page.get_by_test_id("report-release")).to_contain_text("TH-1")
    expect(page.get_by_test_id("report-body")).to_be_visible()
    html = page.locator('[data-download="html"]').get_attribute("href")
    cover = page.request.get(f"{live_server.url}{html}").text()
    assert re.search(r"<dt>Release</dt><dd data-release>TH-1 · ", cover)
    assert "data-draft" not in cover
    page.set_viewport_size(PHONE)
    page.screenshot(path="var/screenshots/release-report-phone.png")
    page.set_viewport_size(DESKTOP)

    page.goto(f"{live_server.url}/countries/TH/reports/")
    expect(page.get_by_test_id("report-release")).to_contain_text("From release TH-1")
    expect(page.get_by_test_id("report-versions")).to_contain_text("TH-1")
    page.screenshot(path="var/screenshots/release-report-list.png", full_page=True)
