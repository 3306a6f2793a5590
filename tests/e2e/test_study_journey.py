"""The study records in real Chromium: a consultant records a law and a sampling frame
with two counts and submits them; a committee member approves the frame."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from countries.models import AdminArea
from surveys.models import FrameCount, LegalInstrument, SamplingFrame
from tests.e2e.browser import DESKTOP, PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shoot(page: Page, name: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=f"var/screenshots/{name}-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"var/screenshots/{name}-390.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def test_a_consultant_records_a_law_and_a_frame_and_the_committee_approves(
    live_server: Any, log_in: Any, kh_consultant: User, kh_committee: User
) -> None:
    kampot = AdminArea.objects.get(code="KH-7")
    takeo = AdminArea.objects.get(code="KH-21")
    consultant = log_in("kh-consultant")

    # The law, from the Study menu.
    consultant.get_by_test_id("nav-study").click()
    consultant.get_by_role("link", name="Legal and policy instruments").click()
    consultant.get_by_test_id("create").click()
    consultant.get_by_label("Title (local language)").fill("ច្បាប់ស្តីពីសហគមន៍កសិកម្ម")
    consultant.get_by_label("Title (English)").fill("Law on Agricultural Cooperatives")
    consultant.get_by_label("Kind").select_option(label="Law")
    consultant.get_by_label("Year").fill("2013")
    consultant.get_by_label("Issuing body").fill("National Assembly")
    consultant.get_by_label("Cooperative", exact=True).check()
    consultant.get_by_label("Summary").fill(
        "Registration of agricultural cooperatives."
    )
    consultant.get_by_role("button", name="Save").click()
    expect(consultant.get_by_role("heading", level=1)).to_have_text(
        "Law on Agricultural Cooperatives"
    )
    consultant.get_by_role("button", name="Submit for review").click()
    expect(consultant.get_by_test_id("workflow-state")).to_have_text("Submitted")

    # The sampling frame with two counts, the second row added with the button.
    consultant.get_by_test_id("nav-study").click()
    consultant.get_by_role("link", name="Sampling frames").click()
    consultant.get_by_test_id("create").click()
    consultant.get_by_label("Title").fill("Registered agricultural cooperatives, 2024")
    counts = consultant.get_by_test_id("frame-counts")
    first = counts.locator('tr[data-row="0"]')
    first.get_by_label("SSE type").select_option("COOP")
    first.get_by_label("First-level area").select_option(str(kampot.pk))
    first.get_by_label("Registered total").fill("64")
    first.get_by_label("Source").fill("MAFF register")
    first.get_by_label("Year").fill("2024")
    second = counts.locator('tr[data-row="1"]')
    second.get_by_label("SSE type").select_option("COOP")
    second.get_by_label("First-level area").select_option(str(kampot.pk))
    second.get_by_label("Registered total").fill("-2")
    second.get_by_label("Source").fill("MAFF register")
    second.get_by_label("Year").fill("2024")
    consultant.get_by_role("button", name="Save").click()

    # A negative total is shown on its row, with everything typed kept.
    expect(consultant.get_by_test_id("row-errors")).to_be_visible()
    expect(second.get_by_label("Registered total")).to_have_value("-2")
    expect(first.get_by_label("Source")).to_have_value("MAFF register")
    second.get_by_label("Registered total").fill("31")
    second.get_by_label("First-level area").select_option(str(takeo.pk))
    counts.get_by_role("button", name="Add a row").click()
    expect(counts.locator("tbody tr")).to_have_count(3)
    shoot(consultant, "sampling-frame-form")
    consultant.get_by_role("button", name="Save").click()

    expect(consultant.get_by_role("heading", level=1)).to_have_text(
        "Registered agricultural cooperatives, 2024"
    )
    table = consultant.get_by_test_id("frame-counts")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table).to_contain_text("Takeo")
    shoot(consultant, "sampling-frame-detail")
    consultant.get_by_role("button", name="Submit for review").click()
    expect(consultant.get_by_test_id("workflow-state")).to_have_text("Submitted")

    # The committee member finds both in the queue and approves the frame.
    member = log_in("kh-committee")
    member.goto(f"{live_server.url}/countries/KH/review/")
    expect(member.get_by_test_id("queue-row")).to_have_count(2)
    row = member.get_by_test_id("queue-row").filter(has_text="Registered agricultural")
    row.get_by_role("link", name=re.compile("Registered agricultural")).click()
    expect(member.get_by_test_id("record-part")).to_contain_text("MAFF register, 2024")
    shoot(member, "sampling-frame-review")
    member.get_by_label("Approve").check()
    member.get_by_role("button", name="Record my decision").click()
    expect(member.get_by_test_id("workflow-state")).to_have_text("Validated")

    frame = SamplingFrame.objects.get()
    assert frame.workflow_state == "validated"
    assert sorted(
        FrameCount.objects.filter(frame=frame).values_list(
            "registered_total", flat=True
        )
    ) == [31, 64]
    assert LegalInstrument.objects.get().workflow_state == "submitted"
