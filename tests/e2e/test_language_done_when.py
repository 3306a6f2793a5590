"""In real Chromium, as a new user after `make run`: Thailand's consultant records an
entity with the interface in Thai; staff compile Mongolia's report in Mongolian and
Kyrgyzstan's in Russian, and the PDFs give back their headings as written."""

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from countries.models import AdminArea
from surveys.demo import seed_demo_records
from surveys.models import Entity, Report
from tests.e2e.browser import LogIn
from tests.e2e.test_language_journey import switch_to
from tests.surveys.reports.test_pdf_text import pdftotext

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def translated(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def test_the_thai_consultant_records_an_entity_with_the_interface_in_thai(
    live_server: Any, log_in: LogIn, th_consultant: User
) -> None:
    base = live_server.url
    lampang = AdminArea.objects.get(code="TH-52")
    page = log_in("th-consultant")
    switch_to(page, "th")

    page.goto(f"{base}/countries/TH/entities/new/")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("label[for=id_area]")).to_contain_text(
        translated("th", "First-level area")
    )
    page.locator("#id_name_local").fill("วิสาหกิจชุมชนทอผ้าบ้านป่าซาง")
    page.locator("#id_name_en").fill("Ban Pa Sang Weavers")
    page.locator("#id_area").select_option(str(lampang.pk))
    page.locator("#id_sse_type").select_option("COOP")
    page.screenshot(path="var/screenshots/language-th-new-entity.png", full_page=True)
    page.get_by_role("button", name=translated("th", "Save draft")).last.click()

    expect(page).to_have_url(re.compile(r"/entities/\d+/$"))
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("body")).to_contain_text("วิสาหกิจชุมชนทอผ้าบ้านป่าซาง")
    expect(page.locator("body")).to_contain_text(translated("th", "Cooperative"))
    page.screenshot(path="var/screenshots/language-th-entity-saved.png", full_page=True)
    entity = Entity.objects.get(name_en="Ban Pa Sang Weavers")
    assert entity.name_local == "วิสาหกิจชุมชนทอผ้าบ้านป่าซาง"
    assert (entity.country_id, entity.area, entity.sse_type) == ("TH", lampang, "COOP")
    assert entity.created_by == th_consultant


@pytest.mark.parametrize(("country", "language"), [("MN", "mn"), ("KG", "ru")])
def test_staff_compile_a_report_in_a_language_and_its_pdf_reads_in_it(
    country: str,
    language: str,
    live_server: Any,
    log_in: LogIn,
    reference_data: None,
    settings: Any,
    tmp_path: Path,
) -> None:
    settings.PRIVATE_FILES_ROOT = tmp_path
    call_command("seed_demo", "--quiet-logins", "--without-records")
    seed_demo_records(countries=[country])
    page = log_in("staff", accept_downloads=True)
    switch_to(page, language)

    page.goto(f"{live_server.url}/countries/{country}/reports/")
    page.get_by_test_id("report-language").select_option(language)
    # The compile runs in the request here (eager tasks), PDF included.
    page.get_by_test_id("compile").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+/$"), timeout=180_000)
    report = Report.objects.get(country_id=country)
    assert (report.status, report.language) == ("done", language), report.error
    expect(page.get_by_test_id("report-body")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", language)

    with page.expect_download() as download:
        page.locator("[data-download=pdf]").click()
    pdf = tmp_path / f"report-{language}.pdf"
    download.value.save_as(pdf)
    text = pdftotext(pdf)
    for heading in ("Contents", "Key figures", "Methodology and limitations"):
        assert translated(language, heading) != heading
        assert translated(language, heading) in text, heading
        assert heading not in text
