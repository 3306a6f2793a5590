"""A committee member locked out after forgetting their password asks for a link by
email, sets a new password and signs in, in real Chromium."""

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.browser import DESKTOP, screenshots

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


def log_in(page: Page, url: str, password: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Username").fill("kh-committee")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def mailed_link() -> str:
    """The link in the mail the worker sent (in-process here, to the test outbox)."""
    for _tick in range(50):
        if mail.outbox:
            break
        time.sleep(0.1)
    [message] = mail.outbox
    assert message.to == ["member@example.org"]
    match = re.search(r"https?://\S+/accounts/password/reset/\S+/", message.body)
    assert match, message.body
    return match.group(0)


def test_a_locked_out_member_resets_their_password_by_email_and_signs_in(
    live_server: Any, context: BrowserContext, kh_committee: User
) -> None:
    kh_committee.email = "member@example.org"
    kh_committee.save()
    page = context.new_page()

    for _attempt in range(6):
        log_in(page, live_server.url, "the-old-one-2025")
    expect(page.get_by_test_id("locked-out")).to_be_visible()
    screenshots(page, "password-reset-1-locked-out")

    page.get_by_role("link", name="Reset my password").click()
    page.get_by_label("Email").fill("member@example.org")
    screenshots(page, "password-reset-2-ask")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_test_id("reset-sent")).to_be_visible()
    screenshots(page, "password-reset-3-sent")

    page.goto(mailed_link())
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    page.get_by_label(re.compile(r"^New password\b(?! confirmation)")).fill(
        "Quiet-river-2027"
    )
    page.get_by_label("New password confirmation").fill("Quiet-river-2027")
    screenshots(page, "password-reset-4-choose")
    page.get_by_role("button", name="Set my password").click()
    expect(page.get_by_test_id("reset-complete")).to_be_visible()

    page.get_by_role("link", name="Log in").last.click()
    log_in(page, live_server.url, "Quiet-river-2027")
    expect(page.get_by_test_id("whoami")).to_have_text("kh-committee")
    screenshots(page, "password-reset-5-signed-in")

    # The link worked once.
    page.goto(mailed_link())
    expect(page.get_by_test_id("reset-link-invalid")).to_be_visible()
