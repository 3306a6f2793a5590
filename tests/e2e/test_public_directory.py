"""The public directory in real Chromium, signed out: a visitor finds the Thai
directory, searches for a community enterprise, sees it on the map and downloads the
release as CSV and JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from tests.e2e.browser import DESKTOP, screenshots
from tests.surveys.factories.publication import (
    Published,
    release_of,
    thai_entity,
    thai_release_published,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(staff: User) -> Published:
    return thai_release_published(staff)


def test_a_visitor_finds_a_community_enterprise_and_downloads_the_release(
    page: Page, live_server: object, published: Published, tmp_path: Path
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/")
    page.get_by_test_id("public-directory-link").click()
    screenshots(page, "directory-home")
    page.get_by_role("link", name="Thailand").click()

    expect(page.get_by_test_id("release-label")).to_contain_text("TH-1")
    expect(page.get_by_test_id("directory-entities")).to_contain_text("Silk Weavers")
    page.get_by_label("Search by name").fill("rice growers")
    page.get_by_label("SSE type").select_option("CE")
    page.get_by_role("button", name="Search").click()

    entities = page.get_by_test_id("directory-entities")
    expect(entities).to_contain_text("Rice Growers Community Enterprise")
    expect(entities).not_to_contain_text("Silk Weavers")
    expect(page.get_by_test_id("map-status")).to_contain_text("Entities on the map: 1")
    expect(page.locator("#directory-map .leaflet-marker-icon")).to_have_count(1)
    assert "Hidden Fishers" not in page.content()
    screenshots(page, "directory-search")

    page.locator("#directory-map .leaflet-marker-icon").click()
    page.locator(".leaflet-popup-content a").click()
    expect(page.get_by_test_id("entity-name")).to_have_text(
        "Rice Growers Community Enterprise"
    )
    expect(page.get_by_test_id("entity-figures")).to_contain_text("123")
    screenshots(page, "directory-entity")
    page.go_back()

    with page.expect_download() as csv_download:
        page.get_by_test_id("download-csv").click()
    csv_path = tmp_path / "entities.csv"
    csv_download.value.save_as(csv_path)
    csv_text = csv_path.read_text(encoding="utf-8-sig")
    assert "Rice Growers Community Enterprise" in csv_text
    assert "Hidden Fishers" not in csv_text

    with page.expect_download() as jsonld_download:
        page.get_by_test_id("download-jsonld").click()
    jsonld_path = tmp_path / "entities.jsonld"
    jsonld_download.value.save_as(jsonld_path)
    document = json.loads(jsonld_path.read_text(encoding="utf-8"))
    names = [node.get("schema:name") for node in document["@graph"]]
    assert "Rice Growers Community Enterprise" in names
    assert "Hidden Fishers Group" not in names

    with page.expect_download() as changes_download:
        page.get_by_test_id("download-changes").click()
    changes_path = tmp_path / "changes.csv"
    changes_download.value.save_as(changes_path)
    changes_text = changes_path.read_text(encoding="utf-8-sig")
    assert "Rice Growers Community Enterprise,added" in changes_text
    assert "Hidden Fishers" not in changes_text

    page.goto(f"{base}/directory/TH/releases/1/")
    expect(page.get_by_test_id("changes-since")).to_contain_text("first published")
    screenshots(page, "directory-release")


def test_the_directory_switches_language_signed_out(
    page: Page, live_server: object, published: Published
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    page.goto(f"{base}/directory/TH/")

    page.get_by_label("Language").select_option("th")
    page.get_by_test_id("directory-language").get_by_role("button").click()

    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.get_by_test_id("directory-entities")).to_contain_text("Silk Weavers")
    screenshots(page, "directory-thai")


def test_staff_publish_a_release_that_a_visitor_then_finds(
    page: Page, live_server: object, staff: User
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    release = release_of(
        [thai_entity("Tea Pickers Community Enterprise", "NAME_PLACE")],
        by=staff,
        published=False,
    )
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill("demo-pass-2026")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{base}/releases/{release.pk}/")

    page.get_by_test_id("publish-release").click()
    page.get_by_label("Licence of the open data").select_option("CC-BY-SA-4.0")
    screenshots(page, "directory-publish")
    page.get_by_role("button", name="Publish TH-1").click()
    page.get_by_test_id("release-published").get_by_role("link").click()

    expect(page.get_by_test_id("directory-entities")).to_contain_text("Tea Pickers")
    expect(page.get_by_test_id("open-data")).to_contain_text("ShareAlike")
