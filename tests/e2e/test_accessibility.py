"""The three journeys (consultant, committee, staff) checked in real Chromium for
WCAG 2.2 AA with axe-core, on a desktop and on a 390 px phone: no serious or critical
violation, no page wider than the phone, a skip link first, the focus always seen."""

import functools
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import Page, expect

from countries.models import Country
from surveys.demo import seed_demo_records
from surveys.exports.services import export_request
from surveys.reports import render
from surveys.reports.services import report_compile_request
from surveys.review import workflow
from tests.e2e.axe import axe_violations, describe_violations
from tests.e2e.browser import DESKTOP, PHONE, LogIn
from tests.e2e.journey_pages import JourneyPage, journey_pages
from tests.surveys.review.test_workflow import complete_entity

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def thai_demo(reference_data: None, settings: Any, tmp_path: Path) -> None:
    """The demo logins and Thailand's demo records, with a compiled report and an
    export: what a user finds after `make run`."""
    settings.PRIVATE_FILES_ROOT = tmp_path
    call_command("seed_demo", "--quiet-logins", "--without-records")
    seed_demo_records(countries=["TH"])
    staff = get_user_model().objects.get(username="staff")
    thailand = Country.objects.get(pk="TH")
    # Tasks run eagerly here; the PDF (20 s of WeasyPrint) is not what is checked.
    with mock.patch.object(render, "write_pdf", lambda _doc, path: path.touch()):
        report_compile_request(by=staff, country=thailand)
    export_request(user=staff, country=thailand, format="csv")


@pytest.fixture
def log_in(log_in: LogIn) -> LogIn:
    return functools.partial(log_in, bypass_csp=True)


def open_page(page: Page, base: str, journey_page: JourneyPage) -> None:
    if journey_page.download:
        # The compiled report is a file to download: read as it is, in the browser.
        response = page.context.request.get(base + journey_page.path)
        assert response.ok, journey_page
        page.set_content(response.text())
    else:
        response = page.goto(base + journey_page.path)
        assert response is not None and response.ok, journey_page
    # A map draws its markers after asking for them; the status line says when.
    page.wait_for_function(
        "() => { const s = document.querySelector('[data-testid=map-status]');"
        " return !s || s.textContent.trim() !== ''; }"
    )


def test_every_journey_page_has_no_serious_violation_and_fits_a_phone(
    live_server: Any, log_in: LogIn, thai_demo: None
) -> None:
    pages: dict[str, Page] = {}
    problems: list[str] = []
    for journey_page in journey_pages("TH"):
        if journey_page.login not in pages:
            pages[journey_page.login] = page = log_in(journey_page.login)
            # The user menu, open: the login, the roles and the account's pages.
            page.get_by_test_id("whoami").click()
            violations = axe_violations(page, within=".dropdown-menu.show")
            if violations:
                problems.append(
                    f"{journey_page.login}'s user menu:\n{describe_violations(violations)}"
                )
        page = pages[journey_page.login]
        for viewport in (DESKTOP, PHONE):
            page.set_viewport_size(viewport)
            open_page(page, live_server.url, journey_page)
            where = (
                f"{journey_page.login}, {journey_page.name} at {viewport['width']} px"
            )
            violations = axe_violations(page)
            if violations:
                problems.append(
                    f"{where} ({page.url}):\n{describe_violations(violations)}"
                )
            width = page.evaluate("document.scrollingElement.scrollWidth")
            if width > viewport["width"]:
                problems.append(f"{where}: the page is {width} px wide")
            # A chart's 11 px labels stay readable (at least 9.6 px): it is drawn
            # at least 560 px wide, scrolling sideways in its own box on a phone.
            shrunk = page.evaluate(
                "Array.from(document.querySelectorAll('.report-chart svg'))"
                ".filter(svg => svg.getBoundingClientRect().width < 560).length"
            )
            if shrunk:
                problems.append(f"{where}: {shrunk} charts too small to read")
    assert not problems, "\n".join(problems)


def test_the_review_queue_shows_each_records_state_on_a_phone(
    live_server: Any, log_in: LogIn, kh_consultant: User, kh_committee: User
) -> None:
    for name in ("Battambang Rice Cooperative", "Siem Reap Weavers' Association"):
        entity = complete_entity(kh_consultant, name_en=name)
        workflow.record_submit(record=entity, by=kh_consultant)
    member = log_in("kh-committee")
    member.set_viewport_size(PHONE)
    member.goto(f"{live_server.url}/countries/KH/review/")
    rows = member.get_by_test_id("queue-row")
    expect(rows).to_have_count(2)
    for index in range(2):
        state = rows.nth(index).get_by_test_id("queue-state")
        expect(state).to_contain_text("Submitted")
        expect(state).to_contain_text("0/1 approvals")
        box = state.bounding_box()
        assert box is not None and 0 <= box["x"] <= box["x"] + box["width"] <= 390
    assert member.evaluate("document.scrollingElement.scrollWidth") <= 390
    member.screenshot(path="var/screenshots/a11y-review-queue-390.png", full_page=True)
    member.set_viewport_size(DESKTOP)
    member.screenshot(path="var/screenshots/a11y-review-queue-desktop.png")


def test_the_skip_link_is_the_first_tab_stop_and_moves_the_focus_to_the_page(
    page: Page, live_server: Any, th_consultant: User
) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("th-consultant")
    page.get_by_label("Password").fill("demo-pass-2026")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/countries/TH/entities/new/")

    skip = page.get_by_role("link", name="Skip to main content")
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["width"] > 50 and box["height"] > 20
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab goes into the page, not back through the menu.
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.querySelector('main').contains(document.activeElement)"
    )


@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_a_date_field_reached_by_keyboard_shows_a_visible_outline(
    page: Page, live_server: Any, th_committee: User, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("th-committee")
    page.get_by_label("Password").fill("demo-pass-2026")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/countries/TH/meetings/new/")
    date = page.locator("input[type=date]").first
    before = date.evaluate("e => getComputedStyle(e).outlineStyle")
    # Reached by keyboard: from the link just before it (the breadcrumb's), Tab.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link").last.focus()
    page.keyboard.press("Tab")
    outline = date.evaluate(
        "e => { const s = getComputedStyle(e);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert before == "none"
    assert outline[0] == "solid" and outline[1] >= 2
