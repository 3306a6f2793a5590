"""Staff compile the regional comparison of the demo in real Chromium: the national
definitions side by side, Mongolia's and Kyrgyzstan's provisional, and turnover in
each currency and in US dollars at the stored rate of its year."""

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(reference_data: None, settings: Any, tmp_path: Path) -> None:
    settings.PRIVATE_FILES_ROOT = tmp_path
    call_command("seed_demo", "--quiet-logins")


def test_staff_compare_the_five_countries_definitions_and_economies(
    page: Page, live_server: Any, demo: None
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill("demo-pass-2026")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Regional report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regional comparison")
    page.get_by_test_id("compile").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    page.reload()
    definitions = page.locator('[data-table="regional_definitions"]')
    expect(definitions).to_contain_text("no validated definition (provisional)")
    thai_ceiling = definitions.get_by_role("row", name=re.compile(r"^P4\.2"))
    expect(thai_ceiling).to_contain_text("at most 30 % of surplus paid on capital")
    economy = page.locator('[data-table="regional_economy_by_currency"]')
    expect(economy).to_contain_text("35.29 (2024)")
    expect(page.locator('[data-table="regional_economy"]')).to_contain_text(
        "Turnover, total (USD)"
    )
    page.screenshot(path="var/screenshots/regional-comparison.png", full_page=True)
