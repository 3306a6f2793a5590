"""A double click on "Save draft" of a new entity makes one entity, in real Chromium.

The server takes a second to save here, as a loaded one might, so that the second
click comes while the first is still being saved.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect

from surveys.entities import services as entities_services
from surveys.models import Entity

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SAVING_SECONDS = 1.0


@pytest.fixture
def slow_saving(monkeypatch: pytest.MonkeyPatch) -> None:
    create = entities_services.entity_create

    def slowly(**kwargs: Any) -> Entity:
        time.sleep(SAVING_SECONDS)
        return create(**kwargs)

    monkeypatch.setattr(entities_services, "entity_create", slowly)


def log_in(page: Page, base: str) -> None:
    page.goto(f"{base}/")
    page.get_by_label("Username").fill("kh-consultant")
    page.get_by_label("Password").fill("demo-pass-2026")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id("whoami")).to_contain_text("kh-consultant")


def fill_new_entity(page: Page, base: str) -> list[str]:
    """The form filled in; the list of the POSTs the page sends from now on."""
    page.goto(f"{base}/countries/KH/entities/new/")
    page.get_by_label("Name (English)").fill("Kampot Pepper Growers")
    page.get_by_label("First-level area").select_option(label="Kampot · កំពត")
    page.get_by_label("SSE type").select_option(label="Cooperative")
    posts: list[str] = []
    # The checks as you type post too, to another address: only saves are counted.
    page.on(
        "request",
        lambda request: (
            posts.append(request.url)
            if request.method == "POST" and not request.url.endswith("/check/")
            else None
        ),
    )
    return posts


def click_twice(page: Page) -> None:
    """Two clicks of the mouse on the button, the second while the first is saved."""
    button = page.get_by_role("button", name="Save draft")
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)


def test_a_double_click_on_save_draft_sends_the_form_once(
    page: Page, live_server: object, kh_consultant: User, slow_saving: None
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    log_in(page, base)
    posts = fill_new_entity(page, base)

    # The second click finds the button disabled: the browser sends nothing more.
    click_twice(page)

    expect(page).to_have_url(re.compile(r"/entities/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kampot Pepper")
    assert len(posts) == 1
    assert Entity.objects.filter(name_en="Kampot Pepper Growers").count() == 1
    page.screenshot(path="var/screenshots/double-click-saved.png", full_page=True)

    # Back to the form: its button works again.
    page.go_back()
    expect(page.get_by_role("button", name="Save draft")).to_be_enabled()


def test_without_javascript_two_clicks_reach_the_server_and_make_one_entity(
    browser: Browser, live_server: object, kh_consultant: User, slow_saving: None
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, base)
    posts = fill_new_entity(page, base)

    click_twice(page)

    expect(page).to_have_url(re.compile(r"/entities/\d+/$"), timeout=15000)
    expect(page.get_by_text("it was saved only once")).to_be_visible()
    assert len(posts) == 2
    assert Entity.objects.filter(name_en="Kampot Pepper Growers").count() == 1
    context.close()
