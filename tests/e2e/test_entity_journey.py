"""A national consultant records an entity from start to finish in real Chromium."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from surveys.principles import CRITERIA, VALUES
from tests.e2e.browser import DESKTOP, screenshots
from tests.surveys.factories import EntityFactory, SourceFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def add_figures(
    page: Page, year: int, members: tuple[int, int, int], board: tuple[int, int, int]
) -> None:
    page.get_by_role("link", name="Add figures").click()
    page.get_by_label("Reference year").fill(str(year))
    page.get_by_label("Source").select_option(
        label="Provincial register of agricultural cooperatives (Official register)"
    )
    for group, (total, women, men) in (("Members", members), ("Board", board)):
        prefix = "Governing board seats" if group == "Board" else group
        page.get_by_label(f"{prefix}: total", exact=True).fill(str(total))
        page.get_by_label(f"{prefix}: women", exact=True).fill(str(women))
        page.get_by_label(f"{prefix}: men", exact=True).fill(str(men))
    page.get_by_label("Chair").select_option(label="Woman")
    if year == 2024:
        screenshots(page, "entity-figures")
    page.get_by_role("button", name="Save figures").click()
    expect(page.get_by_test_id(f"figures-{year}")).to_be_visible()


def test_a_consultant_records_an_entity_classifies_it_and_finds_it_again(
    page: Page, live_server: object, kh_consultant: User, th_consultant: User
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    thai = EntityFactory(
        country_id="TH", name_en="Chiang Mai Weavers", created_by=th_consultant
    )
    SourceFactory(
        country_id="KH",
        kind="REGISTER",
        title="Provincial register of agricultural cooperatives",
    )
    page.set_viewport_size(DESKTOP)

    page.goto(f"{base}/")
    page.get_by_label("Username").fill("kh-consultant")
    page.get_by_label("Password").fill("demo-pass-2026")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id("whoami")).to_contain_text("kh-consultant")

    # A new entity, named in Khmer and in English.
    page.goto(f"{base}/countries/KH/entities/")
    page.get_by_role("link", name="Add an entity").click()
    page.get_by_label("Name (local script)").fill("សហគមន៍កសិកម្មសាមគ្គី")
    page.get_by_label("Name (English)").fill("Samaki Agricultural Community")
    page.get_by_label("Year established").fill("2012")
    page.get_by_label("First-level area").select_option(label="Battambang · បាត់ដំបង")
    page.get_by_label("SSE type").select_option(label="Cooperative")
    page.get_by_label("Legal form", exact=True).select_option(
        label="Agricultural cooperative"
    )
    page.get_by_label("Registration status").select_option(
        label="Registered under an SSE law"
    )
    page.get_by_label("Main economic activity (ISIC Rev.4)").select_option("01")
    screenshots(page, "entity-form")
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Samaki Agricultural Community"
    )
    expect(page.get_by_test_id("missing-for-submission")).to_contain_text(
        "The principles assessment"
    )
    entity_url = page.url

    # Figures for two years, counted by sex.
    add_figures(page, 2023, members=(40, 22, 18), board=(5, 3, 2))
    add_figures(page, 2024, members=(46, 25, 15), board=(5, 3, 2))
    expect(page.get_by_test_id("figures-2024")).to_contain_text("Not disaggregated")

    # The assessment: the preview turns to SSE as the ratings are given.
    page.get_by_role("link", name="Assess principles").click()
    badge = page.get_by_test_id("classification-panel").locator(
        "[data-panel-classification]"
    )
    expect(badge).to_have_text("Not yet assessed")
    for criterion in CRITERIA:
        page.locator(f"input[name='{criterion.field}'][value='MET']").check()
        if criterion.code == "P2.1":
            expect(badge).to_have_text("Borderline")
    expect(badge).to_have_text("SSE")
    expect(page.get_by_test_id("classification-panel")).to_contain_text(
        "Preview of the classification"
    )
    for value in VALUES:
        page.locator(f"input[name='{value.field}'][value='PARTIAL']").check()
    page.get_by_label("P1.1 evidence").select_option(label="Statutes or bylaws")
    page.get_by_label("Share of income from the largest single public").fill("30")
    screenshots(page, "entity-assessment")
    page.get_by_role("button", name="Save assessment").click()

    expect(page.get_by_test_id("detail-classification")).to_have_text("SSE")
    expect(
        page.get_by_text("every principle is met or partly met", exact=False)
    ).to_be_visible()
    screenshots(page, "entity-detail")

    # A change of English name, kept in the history as old → new.
    page.get_by_role("link", name="Edit", exact=True).first.click()
    page.get_by_label("Name (English)").fill("Samaki Farmers Cooperative")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Samaki Farmers Cooperative"
    )

    # Found again through the list's search (in Khmer) and its SSE-type filter.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Entities"
    ).click()
    page.get_by_label("Search").fill("សាមគ្គី")
    page.get_by_label("SSE type").select_option(label="Cooperative")
    page.get_by_role("button", name="Apply").click()
    table = page.get_by_test_id("entity-table")
    expect(table).to_contain_text("Samaki Farmers Cooperative")
    expect(page.get_by_test_id("entity-count")).to_have_text("1")
    screenshots(page, "entity-list")
    table.get_by_role("link", name="Samaki Farmers Cooperative").click()
    expect(page).to_have_url(entity_url)
    history = page.get_by_test_id("history")
    expect(history).to_contain_text("Samaki Agricultural Community")
    expect(history).to_contain_text("Samaki Farmers Cooperative")
    expect(
        history.locator("del", has_text="Samaki Agricultural Community")
    ).to_be_visible()
    expect(
        history.locator("ins", has_text="Samaki Farmers Cooperative")
    ).to_be_visible()

    # Another country's entity does not exist for this consultant.
    response = page.goto(f"{base}/entities/{thai.pk}/")
    assert response is not None and response.status == 404
    expect(
        page.get_by_text(re.compile("not found", re.IGNORECASE)).first
    ).to_be_visible()
    expect(page.get_by_text("Chiang Mai Weavers")).to_have_count(0)
