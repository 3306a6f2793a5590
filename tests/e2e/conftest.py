"""What the browser journeys share: a logged-in browser of its own for each persona."""

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.browser import DESKTOP, LogIn


@pytest.fixture
def log_in(browser: Browser, live_server: Any) -> Iterator[LogIn]:
    """`log_in(username, **context_options)` opens a browser context of its own for
    the persona, signed in with the demo password, and gives its page."""
    contexts = []

    def open_as(username: str, **context_options: Any) -> Page:
        context = browser.new_context(viewport=DESKTOP, **context_options)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill("demo-pass-2026")
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_test_id("whoami")).to_contain_text(username)
        return page

    yield open_as
    for context in contexts:
        context.close()
