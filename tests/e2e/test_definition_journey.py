"""The Thai committee tunes its national definition in real Chromium: the consultant
raises the P4.2 dividend ceiling from 30 % to 50 % in a new draft, the page shows which
entities would move, two committee members validate it, and the moved entities' pages
give P4.2 as the reason they are SSE."""

import re
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from countries.vocabularies import Classification
from surveys.models import Entity, NationalDefinition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def thai_demo(reference_data: None) -> None:
    """The demo logins and records, as `make run` seeds them."""
    call_command("seed_demo", "--quiet-logins")


def test_the_thai_committee_raises_the_dividend_ceiling_and_validates_it(
    live_server: Any, log_in: Any, thai_demo: None
) -> None:
    base = live_server.url
    over_30 = list(
        Entity.objects.filter(
            country="TH", surplus_cap_pct__gt=30, surplus_cap_pct__lte=50
        ).order_by("code")
    )
    assert over_30
    assert {e.classification for e in over_30} == {Classification.BORDERLINE}

    # The consultant starts a new version and raises the ceiling in its form.
    consultant = log_in("th-consultant")
    consultant.goto(f"{base}/countries/TH/national-definition/")
    consultant.get_by_role("button", name="Start a new version").click()
    expect(consultant.get_by_role("heading", level=1)).to_contain_text(
        "Edit the national definition"
    )
    ceiling = consultant.get_by_label(
        "P4.2: largest share of surplus that may be paid on capital (%)"
    )
    expect(ceiling).to_have_value("30")
    ceiling.fill("50")
    consultant.get_by_role("button", name="Save definition").click()

    # The draft is not applied; its page lists the entities it would move.
    rule = consultant.get_by_test_id("rule")
    expect(rule).to_contain_text("At most 50 % of surplus paid on capital (P4.2).")
    summary = consultant.get_by_test_id("effect-summary")
    expect(summary).to_contain_text(f"{len(over_30)} entit")
    moving = consultant.get_by_test_id("moving-entities")
    for entity in over_30:
        expect(moving).to_contain_text(entity.code)
    expect(moving.locator("tbody tr")).to_have_count(len(over_30))
    consultant.screenshot(path="/tmp/e2e14-definition-effect.png", full_page=True)
    draft = NationalDefinition.objects.filter(country="TH").order_by("-number")[0]
    assert draft.workflow_state == "draft"
    assert not Entity.objects.filter(
        pk__in=[e.pk for e in over_30], classification=Classification.SSE
    ).exists()

    # It goes to the committee, and two members approve it on the review page.
    review_path = f"/review/national_definition/{draft.pk}/"
    consultant.goto(base + review_path)
    consultant.get_by_role("button", name="Submit for review").click()
    expect(consultant.get_by_role("alert")).to_contain_text("was submitted")
    for member in ("th-committee", "th-committee-2"):
        page = log_in(member)
        page.goto(base + review_path)
        page.get_by_label("Approve").check()
        page.get_by_role("button", name="Record my decision").click()
    expect(page.get_by_test_id("workflow-state")).to_have_text("Validated")

    # The moved entities are SSE now, and their pages say P4.2 is why.
    for entity in over_30:
        page.goto(f"{base}/entities/{entity.pk}/")
        expect(page.get_by_test_id("detail-classification")).to_have_text(
            re.compile("SSE", re.IGNORECASE)
        )
        reasons = page.get_by_test_id("detail-reasons")
        expect(reasons).to_contain_text("SSE under the national definition of Thailand")
        expect(reasons).to_contain_text(
            f"P4.2 Surplus not distributed in proportion to capital: "
            f"{entity.surplus_cap_pct} % of surplus paid on capital; "
            "the national definition of Thailand (version 2) allows at most 50 %"
        )
    page.screenshot(path="/tmp/e2e14-moved-entity.png", full_page=True)


def test_a_savings_group_sharing_out_by_savings_is_sse_with_its_reason(
    live_server: Any, log_in: Any, thai_demo: None
) -> None:
    group = Entity.objects.get(
        country="TH", sse_type="SHG", surplus_rule="UNRESTRICTED"
    )
    page = log_in("th-committee")
    page.goto(f"{live_server.url}/entities/{group.pk}/")
    expect(page.get_by_test_id("detail-classification")).to_have_text(
        re.compile("^SSE", re.IGNORECASE)
    )
    expect(page.get_by_test_id("detail-reasons")).to_contain_text("share-out")
    page.screenshot(path="/tmp/e2e14-savings-group.png", full_page=True)
