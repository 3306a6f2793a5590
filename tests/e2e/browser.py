"""Window sizes and screenshots for the browser journeys."""

from collections.abc import Callable

from playwright.sync_api import Page

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# `log_in(username, **context_options)`: the fixture of tests/e2e/conftest.py.
LogIn = Callable[..., Page]


def screenshots(page: Page, name: str) -> None:
    """The page as it looks on a laptop and on a phone, under var/screenshots/."""
    for size, label in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page.set_viewport_size(size)
        page.wait_for_timeout(300)
        page.screenshot(path=f"var/screenshots/{name}-{label}.png", full_page=True)
    page.set_viewport_size(DESKTOP)
