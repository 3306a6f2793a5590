"""A national consultant's day in real Chromium: dashboard, case study, capacity gap,
national definition."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from countries.models import AdminArea, Country, IsicCode, NationalPriority
from countries.vocabularies import Rating, RegistrationStatus, SseType
from surveys.entities import services
from surveys.models import Entity
from surveys.principles import CRITERIA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def shoot(page: Page, name: str) -> None:
    """A desktop and a phone-width screenshot of the page, to look at."""
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=f"var/screenshots/{name}-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"var/screenshots/{name}-390.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def seed(consultant: User) -> Entity:
    """A mining group in a coastal province, informal but meeting every principle."""
    country = Country.objects.get(pk="KH")
    entity = services.entity_create(
        country=country,
        by=consultant,
        data={
            "name_en": "Koh Kong gold panners",
            "area": AdminArea.objects.get(code="KH-9"),
            "sse_type": SseType.PRECOOP,
            "registration_status": RegistrationStatus.INFORMAL,
            "main_activity": IsicCode.objects.get(pk="07"),
        },
    )
    services.assessment_save(
        entity=entity,
        by=consultant,
        data={c.field: Rating.MET for c in CRITERIA},
        expected_version=None,
    )
    NationalPriority.objects.create(
        country=country,
        code="NSPS-3",
        title="Social protection for informal workers",
    )
    return entity


def test_a_consultant_writes_a_case_study_a_capacity_gap_and_the_definition(
    page: Page, live_server: object, kh_consultant: User
) -> None:
    entity = seed(kh_consultant)
    base = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/")
    page.get_by_label("Username").fill("kh-consultant")
    page.get_by_label("Password").fill("demo-pass-2026")
    page.get_by_role("button", name="Log in").click()

    # The dashboard: nothing covers the coastal region's mining cell yet.
    expect(page).to_have_url(re.compile(r"/countries/KH/$"))
    coastal_mining = page.locator(
        '[data-testid="coverage-sectors"] tr[data-region="COASTAL"] td'
    ).nth(1)
    expect(coastal_mining).to_have_text("0")
    expect(coastal_mining).to_have_class(re.compile("cell-empty"))
    shoot(page, "dashboard-empty")

    # A case study with its gender analysis.
    page.get_by_role("link", name="New case study").click()
    page.get_by_label("Title").fill("Gold panners pool their earnings")
    page.get_by_label("Entities described").select_option(
        label=f"{entity.code} · Koh Kong gold panners"
    )
    page.get_by_label("Area", exact=True).select_option(label="Kampot (កំពត)")
    page.get_by_label("Priority sector").select_option("ASM")
    page.get_by_label("SSE type").select_option("PRECOOP")
    page.get_by_label("Summary").fill("Twelve families pan for gold together.")
    page.get_by_label("Gender analysis").fill(
        "Women keep the accounts and chair the monthly meeting; men do most panning."
    )
    shoot(page, "case-study-form")
    page.get_by_role("button", name="Save case study").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gold panners pool their earnings"
    )
    expect(page.get_by_test_id("gender-analysis")).to_contain_text(
        "Women keep the accounts"
    )
    shoot(page, "case-study-detail")

    # It now fills the coastal × mining cell.
    page.get_by_test_id("nav-dashboard").click()
    expect(coastal_mining).to_have_text("1")
    expect(coastal_mining).not_to_have_class(re.compile("cell-empty"))
    shoot(page, "dashboard")

    # A capacity gap linked to a national priority.
    page.get_by_role("navigation").get_by_role("link", name="Capacity gaps").click()
    page.get_by_role("link", name="New capacity gap").click()
    page.get_by_label("Title").fill("Miners' groups cannot register")
    page.get_by_label("Category").select_option(label="Legal recognition")
    page.get_by_label("Severity").select_option(label="3 – critical")
    page.get_by_label("Evidence").fill("Interviews with four groups in Koh Kong.")
    page.get_by_label("Artisanal and small-scale mining").check()
    page.get_by_label("National priority").select_option(
        label="NSPS-3 Social protection for informal workers"
    )
    shoot(page, "capacity-gap-form")
    page.get_by_role("button", name="Save capacity gap").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Miners' groups cannot register"
    )
    shoot(page, "capacity-gap-detail")
    page.get_by_role(
        "link", name="NSPS-3 Social protection for informal workers"
    ).click()
    expect(page.locator('[data-priority="NSPS-3"]')).to_contain_text(
        "Miners' groups cannot register"
    )
    shoot(page, "national-priorities")

    # The national definition: registration becomes a requirement.
    page.get_by_role("navigation").get_by_role(
        "link", name="National definition"
    ).click()
    page.get_by_role("button", name="Start the first version").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Edit the national definition"
    )
    page.get_by_label("Definition (English)").fill(
        "Registered collective enterprises that put people before capital."
    )
    page.get_by_label("Registration is required to count as SSE").check()
    page.get_by_label("Treatment · P3 Autonomy").select_option("ADAPTED")
    shoot(page, "definition-editor")
    page.get_by_role("button", name="Save definition").click()
    # A draft is never applied: the page says which entities it would move.
    expect(page.get_by_role("alert").filter(has_text="not in force")).to_contain_text(
        "no entity was re-classified"
    )
    expect(page.get_by_test_id("effect-summary")).to_contain_text(
        "1 entity would move: 1 from sse to outside the sse."
    )
    expect(page.get_by_test_id("rule")).to_contain_text(
        "Registration is required to count as SSE."
    )
    expect(page.locator('[data-element="P3"]')).to_contain_text("Adapted")
    shoot(page, "definition-detail")
    entity.refresh_from_db()
    assert entity.classification == "SSE"

    # The lists, to look at.
    nav = page.get_by_role("navigation")
    for link, name in (
        ("Case studies", "case-study-list"),
        ("Capacity gaps", "capacity-gap-list"),
        ("National definition", "definition-list"),
    ):
        nav.get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        shoot(page, name)
