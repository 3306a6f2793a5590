"""Maps in real Chromium: the point picker warns before saving, the committee's map
shows the filtered entities."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from countries.models import AdminArea
from countries.vocabularies import Classification
from surveys.models import Entity
from tests.surveys.factories import EntityFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("demo-pass-2026")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id("whoami")).to_contain_text(username)


def pin_shown(page: Page) -> bool:
    """The pin is drawn within the picker's map, not off its edge."""
    pin = page.locator(".picker-pin").bounding_box()
    frame = page.locator("#point-picker").bounding_box()
    assert pin is not None and frame is not None
    return (
        frame["x"] <= pin["x"] <= frame["x"] + frame["width"]
        and frame["y"] <= pin["y"] <= frame["y"] + frame["height"]
    )


def zoom_in_on_a_cluster(page: Page) -> None:
    """Clicks a cluster and waits until the map has drawn what the nearer zoom holds."""
    drawn = page.locator("#entity-map")
    zoom = drawn.get_attribute("data-zoom")
    page.locator(".marker-cluster").first.click()
    expect(drawn).not_to_have_attribute("data-zoom", zoom or "")


def test_the_picker_flags_a_point_outside_the_province_before_saving(
    page: Page, live_server: object, th_consultant: User
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size(DESKTOP)
    log_in(page, base, "th-consultant")
    page.goto(f"{base}/countries/TH/entities/new/")
    page.get_by_label("Name (English)").fill("Mae Rim Weavers")
    page.get_by_label("First-level area").select_option(label="Chiang Mai · เชียงใหม่")
    message = page.get_by_test_id("picker-message")

    # Bangkok's coordinates typed for an entity in Chiang Mai.
    page.get_by_label("Latitude").fill("13.75")
    page.get_by_label("Longitude").fill("100.5")
    expect(message).to_contain_text("nearer the centre of Bangkok")
    expect(message).to_have_attribute("data-outside", "true")
    assert Entity.objects.count() == 0
    page.wait_for_timeout(600)  # the map's zoom animation
    assert pin_shown(page)
    page.get_by_test_id("point-picker").screenshot(
        path="var/screenshots/map-picker-outside.png"
    )

    # Back inside while typing: the warning goes.
    page.get_by_label("Latitude").fill("18.8")
    page.get_by_label("Longitude").fill("98.95")
    expect(message).to_have_attribute("data-outside", "false")

    # Lamphun town lies only 25 km from Chiang Mai's centre, but in the next province.
    page.get_by_label("Latitude").fill("18.58")
    page.get_by_label("Longitude").fill("99.01")
    expect(message).to_contain_text(
        "nearer the centre of Lamphun than that of Chiang Mai"
    )
    expect(message).to_have_attribute("data-outside", "true")
    page.get_by_test_id("point-picker").screenshot(
        path="var/screenshots/map-picker-lamphun.png"
    )
    # Fang, at the far north of Chiang Mai province, is not flagged.
    page.get_by_label("Latitude").fill("19.92")
    page.get_by_label("Longitude").fill("99.21")
    expect(message).to_have_attribute("data-outside", "false")

    # A click near the middle of the drawn area sets both coordinates.
    page.get_by_label("Latitude").fill("")
    page.get_by_label("Longitude").fill("")
    page.get_by_label("First-level area").select_option(label="Lampang · ลำปาง")
    box = page.locator("#point-picker").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(message).to_contain_text("within")
    latitude = float(page.get_by_label("Latitude").input_value())
    longitude = float(page.get_by_label("Longitude").input_value())
    lampang = AdminArea.objects.get(country_id="TH", name_en="Lampang")
    assert abs(latitude - float(lampang.centroid_lat)) < 0.5  # type: ignore[arg-type]
    assert abs(longitude - float(lampang.centroid_lon)) < 0.5  # type: ignore[arg-type]

    page.get_by_label("SSE type").select_option(label="Community enterprise")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mae Rim Weavers")
    entity = Entity.objects.get(name_en="Mae Rim Weavers")
    assert entity.latitude == Decimal(f"{latitude:.6f}")
    assert not entity.flag_geo_mismatch


def test_the_committee_sees_borderline_entities_on_the_map(
    page: Page, live_server: object, th_committee: User
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    for i in range(12):
        EntityFactory(
            country_id="TH",
            name_en=f"Borderline {i}",
            classification=Classification.BORDERLINE,
            latitude=Decimal("18.79") + Decimal(i) / 100,
            longitude=Decimal("98.98"),
        )
    EntityFactory(
        country_id="TH",
        classification=Classification.SSE,
        latitude=Decimal("13.75"),
        longitude=Decimal("100.5"),
    )
    EntityFactory(
        country_id="KH", latitude=Decimal("11.56"), longitude=Decimal("104.9")
    )
    page.set_viewport_size(DESKTOP)
    log_in(page, base, "th-committee")
    page.goto(f"{base}/countries/TH/entities/?classification=BORDERLINE")
    page.get_by_test_id("map-link").click()
    expect(page.get_by_test_id("entity-count")).to_have_text("12")
    status = page.get_by_test_id("map-status")
    expect(status).to_have_attribute("data-in-view", "12")
    page.get_by_label("Map of the filtered entities").screenshot(
        path="var/screenshots/map-entities-borderline.png"
    )
    # Zoomed right in, each entity is a point with its popup.
    for _ in range(8):
        if page.locator(".marker-cluster").count() == 0:
            break
        zoom_in_on_a_cluster(page)
    page.locator("path.leaflet-interactive").first.click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Borderline")
    expect(popup.get_by_role("link")).to_have_attribute(
        "href", re.compile(r"^/entities/\d+/$")
    )
