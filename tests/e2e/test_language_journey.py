"""In real Chromium: a person picks Thai on the login page, logs in, works in Thai, and
finds Thai again when they log in from another browser."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect

from countries.models import Profile

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
