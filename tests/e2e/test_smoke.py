import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_consultant_logs_in_and_sees_cambodia(
    page: Page, live_server: object, kh_consultant: User
) -> None:
    page.goto(f"{live_server.url}/")  # type: ignore[attr-defined]
    page.get_by_label("Username").fill("kh-consultant")
    page.get_by_label("Password").fill("demo-pass-2026")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/countries/KH/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cambodia")
    # The reference data (areas, legal forms) is one click away from the dashboard.
    page.get_by_role("link", name="Reference data").click()
    expect(page.get_by_text("Battambang").first).to_be_visible()
    page.screenshot(path="var/screenshots/smoke-kh-consultant.png", full_page=True)
