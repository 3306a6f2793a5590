"""The staff dashboard, the coverage map and the all-countries map in real Chromium,
with screenshots to look at."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

import surveys.maps.base
from countries.models import AdminArea
from countries.vocabularies import Classification
from tests.e2e.test_map_journey import DESKTOP, log_in
from tests.surveys.factories import EntityFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# (country, area code, latitude, longitude, entities)
PLACES = [
    ("TH", "TH-50", "18.79", "98.98", 5),
    ("TH", "TH-10", "13.75", "100.50", 3),
    ("KH", "KH-12", "11.56", "104.93", 4),
    ("MN", "MN-1", "47.92", "106.92", 2),
    ("VN", "VN2025-HN", "21.03", "105.85", 3),
    ("KG", "KG-GB", "42.87", "74.59", 1),
]


@pytest.fixture
def entities_in_every_country(reference_data: None) -> int:
    total = 0
    for country, code, lat, lon, count in PLACES:
        area = AdminArea.objects.get(country_id=country, code=code)
        for i in range(count):
            EntityFactory(
                country_id=country,
                area=area,
                classification=(
                    Classification.BORDERLINE if i % 2 else Classification.SSE
                ),
                latitude=Decimal(lat) + Decimal(i) / 100,
                longitude=Decimal(lon),
            )
        total += count
    return total


def test_staff_see_every_country_on_the_dashboard_and_the_map(
    page: Page, live_server: object, staff: User, entities_in_every_country: int
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size(DESKTOP)
    log_in(page, base, "staff")
    page.goto(f"{base}/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "All countries at a glance"
    )
    activity = page.locator('[data-figure="activity"]')
    for country, *_rest, count in PLACES:
        added = activity.locator(f'tr[data-country="{country}"] [data-added]')
        expected = sum(n for c, *_r, n in PLACES if c == country)
        expect(added).to_have_text(str(expected))
    page.screenshot(path="var/screenshots/staff-dashboard.png", full_page=True)

    page.get_by_role("link", name="All entities on a map").click()
    status = page.get_by_test_id("map-status")
    expect(status).to_have_attribute("data-in-view", str(entities_in_every_country))
    page.wait_for_timeout(300)
    page.screenshot(path="var/screenshots/map-all-countries.png", full_page=True)

    page.goto(f"{base}/map/?classification=BORDERLINE")
    borderline = sum(count // 2 for *_rest, count in PLACES)
    expect(status).to_have_attribute("data-in-view", str(borderline))


def test_the_committee_sees_its_areas_with_and_without_entities_on_the_coverage_map(
    page: Page,
    live_server: object,
    th_committee: User,
    entities_in_every_country: int,
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size(DESKTOP)
    log_in(page, base, "th-committee")
    page.goto(f"{base}/countries/TH/coverage/")
    areas = page.get_by_test_id("coverage-areas")
    expect(areas.locator('tr[data-area="TH-50"] td')).to_have_text("5")
    expect(areas.locator('tr[data-area="TH-10"] td')).to_have_text("3")
    expect(areas.locator('tr[data-area="TH-51"] td')).to_have_text("0")
    thai_areas = AdminArea.objects.current().filter(country_id="TH", level=1).count()
    expect(page.locator("#coverage-map")).to_have_attribute(
        "data-circles", str(thai_areas)
    )
    page.wait_for_timeout(300)
    page.screenshot(path="var/screenshots/coverage-map.png", full_page=True)

    areas.locator('tr[data-area="TH-50"] a').click()
    expect(page.get_by_test_id("entity-count")).to_have_text("5")


def test_a_map_without_tiles_has_translated_zoom_buttons_and_the_countrys_outline(
    page: Page,
    live_server: object,
    th_committee: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The titles come from the page's translations, not Leaflet's English defaults.
    monkeypatch.setattr(surveys.maps.base, "_", lambda text: f"[th] {text}")
    base = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size(DESKTOP)
    log_in(page, base, "th-committee")
    for path in ("/countries/TH/map/", "/countries/TH/coverage/"):
        page.goto(f"{base}{path}")
        expect(page.locator(".leaflet-control-zoom-in")).to_have_attribute(
            "title", "[th] Zoom in"
        )
        expect(page.locator(".leaflet-control-zoom-out")).to_have_attribute(
            "title", "[th] Zoom out"
        )
        # No tile server in tests: Thailand's outline is drawn instead.
        expect(page.locator("path.map-outline")).to_have_count(1)
