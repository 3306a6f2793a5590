"""In real Chromium: a person picks Thai on the login page, logs in, works in Thai, and
finds Thai again when they log in from another browser; Cambodia's committee reviews
an entity entirely in Khmer; the entity form, the review page and the report in each
of the six languages, photographed."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from countries.models import Country, Profile
from countries.names import country_name
from surveys.demo import seed_demo_records
from surveys.models import Entity, Report, ReviewDecision
from surveys.principles.reasons import reasons_text
from surveys.reports import render
from surveys.reports.services import report_compile_request

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page: Page) -> None:
    page.locator("#id_username").fill("th-consultant")
    page.locator("#id_password").fill("demo-pass-2026")
    page.locator("form:has(#id_password) button[type=submit]").click()


def test_a_language_chosen_on_the_login_page_stays_with_the_person(
    page: Page, browser: Browser, live_server: object, th_consultant: User
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    page.goto(f"{url}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator("#language").select_option("th")
    page.locator("form:has(#language) button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("#language option[value=th]")).to_have_attribute("selected", "")
    log_in(page)
    expect(page.locator("html")).to_have_attribute("lang", "th")
    page.goto(f"{url}/countries/TH/entities/new/")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    page.screenshot(path="var/screenshots/language-th-entity-form.png", full_page=True)

    # Chosen while logged in: kept on the profile for the next device.
    page.locator("#language").select_option("th")
    page.locator("form:has(#language) button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")
    assert Profile.objects.get(user=th_consultant).language == "th"

    other = browser.new_context(locale="en-US")
    try:
        phone = other.new_page()
        phone.goto(f"{url}/accounts/login/")
        expect(phone.locator("html")).to_have_attribute("lang", "en")
        log_in(phone)
        expect(phone.locator("html")).to_have_attribute("lang", "th")
    finally:
        other.close()


# What a translator will give the catalogue for the ISIC titles the journey shows
# (the committed Khmer catalogue does not have them yet).
KHMER_ISIC = {
    "Crop and animal production, hunting and related service activities": (
        "ផលិតកម្មដំណាំ និងសត្វ ការបរបាញ់ និងសកម្មភាពសេវាកម្មពាក់ព័ន្ធ"
    ),
    "Agriculture, forestry and fishing": "កសិកម្ម ព្រៃឈើ និងនេសាទ",
}
SCREENSHOT_LANGUAGES = ("km", "ky", "ru", "mn", "th", "vi")


@pytest.fixture
def cambodia_demo(reference_data: None, settings: Any, tmp_path: Path) -> None:
    """The demo logins and Cambodia's demo records: what a user finds after
    `make run`."""
    settings.PRIVATE_FILES_ROOT = tmp_path
    call_command("seed_demo", "--quiet-logins", "--without-records")
    seed_demo_records(countries=["KH"])


def compiled(language: str) -> Report:
    """Cambodia's report compiled by staff in `language`."""
    staff = get_user_model().objects.get(username="staff")
    # Tasks run eagerly here; the PDF (20 s of WeasyPrint) is not what is checked.
    with mock.patch.object(render, "write_pdf", lambda _doc, path: path.touch()):
        report = report_compile_request(
            by=staff, country=Country.objects.get(pk="KH"), language=language
        )
    report.refresh_from_db()
    return report


def signed_in(browser: Browser, base: str, username: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("demo-pass-2026")
    page.locator("form:has(#id_password) button[type=submit]").click()
    expect(page.get_by_test_id("whoami")).to_contain_text(username)
    return page


def switch_to(page: Page, language: str) -> None:
    page.locator("#language").select_option(language)
    page.locator("form:has(#language) button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def in_khmer(message: str) -> str:
    with translation.override("km"):
        return translation.gettext(message)


def khmer(text: str) -> bool:
    return any("\u1780" <= char <= "\u17ff" for char in text)


def test_the_cambodian_committee_reviews_an_entity_entirely_in_khmer(
    browser: Browser,
    live_server: Any,
    cambodia_demo: None,
    catalogue_entries: Callable[[str, dict[str, str]], None],
) -> None:
    catalogue_entries("km", KHMER_ISIC)
    base = live_server.url
    decided = ReviewDecision.objects.filter(reviewer__username="kh-committee")
    entity = (
        Entity.objects.filter(
            country="KH",
            workflow_state__in=["submitted", "in_review"],
            main_activity="01",
        )
        .exclude(pk__in=decided.values("object_id"))
        .order_by("pk")
        .first()
    )
    assert entity is not None
    member = signed_in(browser, base, "kh-committee")
    switch_to(member, "km")

    member.goto(f"{base}/countries/KH/review/")
    expect(member.get_by_test_id("queue-row").first).to_be_visible()
    member.goto(f"{base}/review/entity/{entity.pk}/")
    expect(member).to_have_url(re.compile(f"/review/entity/{entity.pk}/$"))
    expect(member.locator("html")).to_have_attribute("lang", "km")
    page = member.content()
    # The country, the ISIC division and the classification's reasons, in Khmer.
    assert "កម្ពុជា" in member.locator(".breadcrumb").inner_text()
    assert "Cambodia" not in page
    assert KHMER_ISIC[
        "Crop and animal production, hunting and related service activities"
    ] in member.inner_text("body")
    with translation.override("km"):
        reasons = reasons_text(entity.classification_reasons)
    with translation.override("en"):
        english = reasons_text(entity.classification_reasons)
    assert reasons and all(khmer(reason) for reason in reasons)
    for reason, words in zip(reasons, english, strict=True):
        assert reason in page
        assert words not in page
    member.screenshot(
        path="var/screenshots/language-km-review-page.png", full_page=True
    )

    form = member.get_by_test_id("decision-form")
    form.get_by_label(in_khmer("Approve"), exact=True).check()
    form.locator("#id_comment").fill("ព័ត៌មានគ្រប់គ្រាន់។")
    form.get_by_role("button", name=in_khmer("Record my decision")).click()
    expect(member.get_by_test_id("timeline")).to_contain_text("ព័ត៌មានគ្រប់គ្រាន់។")
    assert ReviewDecision.objects.filter(
        object_id=entity.pk, reviewer__username="kh-committee", decision="approve"
    ).exists()


@pytest.mark.parametrize("language", SCREENSHOT_LANGUAGES)
def test_the_entity_form_review_page_and_report_in_each_language(
    language: str,
    browser: Browser,
    live_server: Any,
    cambodia_demo: None,
) -> None:
    base = live_server.url
    waiting = (
        Entity.objects.filter(
            country="KH", workflow_state__in=["submitted", "in_review"]
        )
        .order_by("pk")
        .first()
    )
    assert waiting is not None
    report = compiled(language)
    assert report.status == "done", report.error
    pages = [
        ("kh-consultant", "entity-form", "/countries/KH/entities/new/", False),
        ("kh-committee", "review-page", f"/review/entity/{waiting.pk}/", False),
        ("staff", "report-page", f"/reports/{report.pk}/", False),
        ("staff", "compiled-report", f"/reports/{report.pk}/html/", True),
    ]
    with translation.override(language):
        cambodia = country_name(Country.objects.get(pk="KH"))
    for username, name, path, download in pages:
        page = signed_in(browser, base, username)
        switch_to(page, language)
        if download:
            response = page.context.request.get(base + path)
            assert response.ok, name
            page.set_content(response.text())
            expect(page.locator("html")).to_have_attribute("lang", language)
        else:
            response = page.goto(base + path)
            assert response is not None and response.ok, name
            expect(page.locator("html")).to_have_attribute("lang", language)
            # The country by its name in the language (Khmer's is the local name;
            # the others' come with the catalogues' translations).
            assert cambodia in page.locator(".breadcrumb").inner_text(), name
        page.screenshot(
            path=f"var/screenshots/language-{language}-{name}.png",
            full_page=not download,
        )
        page.context.close()
