"""A consultant pages through a long entity list with Next, Previous, First, Last."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from tests.e2e.test_double_click import log_in
from tests.surveys.factories import EntityFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_next_previous_and_last_walk_the_list_without_repeating_a_row(
    page: Page, live_server: object, kh_consultant: User
) -> None:
    for n in range(120):
        EntityFactory(created_by=kh_consultant, name_en=f"Paging Group {n:03d}")
    base = live_server.url  # type: ignore[attr-defined]
    log_in(page, base)
    page.goto(f"{base}/countries/KH/entities/")
    table = page.get_by_test_id("entity-table")
    expect(table).to_contain_text("Paging Group 119")

    page.get_by_role("link", name="Next").click()
    expect(table).to_contain_text("Paging Group 069")
    expect(table).not_to_contain_text("Paging Group 070")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="var/screenshots/entity-list-next-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path="var/screenshots/entity-list-next-desktop.png", full_page=True)

    page.get_by_role("link", name="Previous").click()
    expect(table).to_contain_text("Paging Group 070")
    expect(page.get_by_role("link", name="Previous")).to_have_count(0)

    page.get_by_role("link", name="Last").click()
    expect(table).to_contain_text("Paging Group 000")
    expect(page.get_by_role("link", name="Next")).to_have_count(0)
