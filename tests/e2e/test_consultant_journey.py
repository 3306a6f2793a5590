"""A Thai consultant fixes a returned entity reading the committee's comments beside
the fields, and the form guards against accidental records, in real Chromium."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from countries.models import AdminArea, IsicCode, LegalForm
from countries.vocabularies import Classification, WorkflowState
from surveys.models import CommentResolution, Entity, ReviewDecision
from tests.e2e.axe import assert_no_serious_violations
from tests.e2e.browser import LogIn, screenshots
from tests.surveys.factories import (
    EntityFactory,
    EntityFiguresFactory,
    PrinciplesAssessmentFactory,
    ReviewDecisionFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def log_in(log_in: LogIn) -> LogIn:
    return functools.partial(log_in, bypass_csp=True)


def returned_entity(th_consultant: User, th_committee: User) -> Entity:
    chiang_mai = AdminArea.objects.get(country_id="TH", name_en="Chiang Mai")
    entity = EntityFactory(
        country_id="TH",
        name_en="Mae Rim Weavers Groop",
        name_local="กลุ่มทอผ้าแม่ริม",
        area=chiang_mai,
        sse_type="CE",
        legal_form=LegalForm.objects.filter(country_id="TH").first(),
        registration_status="REG_SSE_LAW",
        main_activity=IsicCode.objects.get(pk="13"),
        year_established=2010,
        classification=Classification.SSE,
        created_by=th_consultant,
        returned=True,
    )
    EntityFiguresFactory(entity=entity)
    PrinciplesAssessmentFactory(entity=entity, sse=True)
    ReviewDecisionFactory(
        record=entity,
        reviewer=th_committee,
        decision=ReviewDecision.Decision.RETURN,
        comment="Almost there: two fixes before we validate it.",
        field_comments={
            "name_en": "The English name is misspelt: it is a group.",
            "registration_number": "Give the registration number.",
        },
    )
    return entity


def test_a_consultant_fixes_a_returned_entity_beside_the_comments(
    log_in: Any, live_server: Any, th_consultant: User, th_committee: User, staff: User
) -> None:
    entity = returned_entity(th_consultant, th_committee)
    page = log_in("th-consultant")

    # From "Returned to me" to the form, the comments beside the fields they are about.
    page.goto(f"{live_server.url}/countries/TH/returned/")
    page.get_by_test_id("returned-item").get_by_role("link", name="Edit").click()
    general = page.get_by_test_id("general-comment")
    expect(general).to_contain_text("Almost there: two fixes before we validate it.")
    name_block = page.locator('[data-field-wrapper="name_en"]')
    expect(name_block.get_by_test_id("field-comment")).to_contain_text(
        "The English name is misspelt"
    )
    number_block = page.locator('[data-field-wrapper="registration_number"]')
    expect(number_block.get_by_test_id("field-comment")).to_contain_text(
        "Give the registration number."
    )
    screenshots(page, "consultant-returned-form")
    assert_no_serious_violations(page)

    # Enter in a one-line field does not send the form.
    page.get_by_label("Name (English)").fill("Mae Rim Weavers Group")
    page.get_by_label("Name (English)").press("Enter")
    page.wait_for_timeout(300)
    assert page.url.endswith(f"/entities/{entity.pk}/edit/")
    # A textarea keeps its new lines.
    page.get_by_label("Purpose").fill("Weaving together")
    page.get_by_label("Purpose").press("Enter")
    page.get_by_label("Purpose").type("Selling together")
    expect(page.get_by_label("Purpose")).to_have_value(
        "Weaving together\nSelling together"
    )

    # A point far from the chosen area is named beside the coordinates before saving.
    page.get_by_label("Latitude").fill("13.75")
    page.get_by_label("Longitude").fill("100.5")
    warning = page.locator('[data-live-for="longitude"]')
    expect(warning).to_contain_text(
        "nearer the centre of Bangkok than that of Chiang Mai"
    )
    screenshots(page, "consultant-live-point")
    assert_no_serious_violations(page)
    page.get_by_label("Latitude").fill("18.9")
    page.get_by_label("Longitude").fill("98.95")
    expect(warning).to_have_count(0)

    # Fixed, marked resolved, saved and resubmitted.
    page.get_by_label("Registration number").fill("CE-5012-0042")
    name_block.get_by_label("Resolved").check()
    number_block.get_by_label("Resolved").check()
    general.get_by_label("Resolved").check()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mae Rim Weavers Group")
    assert CommentResolution.objects.count() == 3
    page.get_by_role("button", name="Resubmit for review").click()
    expect(page.get_by_test_id("workflow-state")).to_have_text("Submitted")
    entity.refresh_from_db()
    assert entity.workflow_state == WorkflowState.SUBMITTED

    # The committee sees what was marked resolved.
    member = log_in("th-committee")
    member.goto(f"{live_server.url}/review/entity/{entity.pk}/")
    answered = member.get_by_test_id("answered-comments")
    expect(answered).to_contain_text("The consultant marked 3 of 3 resolved.")
    screenshots(member, "consultant-review-answered")
    assert_no_serious_violations(member)


def test_the_new_entity_form_saves_nothing_by_accident(
    log_in: Any, live_server: Any, th_consultant: User, staff: User
) -> None:
    page = log_in("th-consultant")
    new_url = f"{live_server.url}/countries/TH/entities/new/"

    # An empty form saves nothing and says what a new entity needs.
    page.goto(new_url)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_test_id("form-errors")).to_contain_text("Nothing was saved")
    assert Entity.objects.count() == 0

    # Enter in the name field sends nothing; the member type shows for cooperatives only.
    page.get_by_label("Name (English)").fill("Doi Saket Savings Group")
    page.get_by_label("Name (English)").press("Enter")
    page.wait_for_timeout(300)
    assert Entity.objects.count() == 0
    member_type = page.get_by_label("Cooperative member type")
    page.get_by_label("SSE type").select_option(label="Cooperative")
    expect(member_type).to_be_visible()
    page.get_by_label("SSE type").select_option(label="Self-help or savings group")
    expect(member_type).to_be_hidden()
    missing = page.get_by_test_id("live-missing")
    expect(missing).not_to_contain_text("SSE type")
    expect(missing).to_contain_text("First-level area")
    screenshots(page, "consultant-new-form")
    assert_no_serious_violations(page)

    # Leaving with unsaved changes asks first; saving does not.
    asked: list[str] = []

    def stay(dialog: Any) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    with page.expect_event("dialog"):
        page.get_by_role("link", name="Cancel").click()
    assert asked == ["beforeunload"]
    assert page.url == new_url
    page.remove_listener("dialog", stay)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Doi Saket Savings Group")
    draft = Entity.objects.get()

    # The figures are checked as they are typed: women and men above the total.
    page.get_by_role("link", name="Add figures").click()
    page.get_by_label("Reference year").fill("2024")
    page.get_by_label("Members: total", exact=True).fill("10")
    page.get_by_label("Members: women", exact=True).fill("6")
    page.get_by_label("Members: men", exact=True).fill("7")
    expect(page.locator('[data-live-for="members_total"]')).to_contain_text(
        "add up to more than the total (10)"
    )
    screenshots(page, "consultant-live-sums")
    assert_no_serious_violations(page)
    page.get_by_label("Members: men", exact=True).fill("4")
    expect(page.locator('[data-live-for="members_total"]')).to_have_count(0)

    # The draft was a mistake: deleted, then restored by staff.
    page.once("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}/entities/{draft.pk}/")
    page.get_by_test_id("delete-draft").get_by_text("Delete this draft").click()
    assert_no_serious_violations(page)
    page.get_by_role("button", name="Yes, delete the draft").click()
    expect(page.get_by_role("alert").first).to_contain_text("deleted")
    assert not Entity.objects.exists()

    desk = log_in("staff")
    desk.goto(f"{live_server.url}/deleted-drafts/")
    row = (
        desk.get_by_test_id("deleted-drafts")
        .get_by_role("listitem")
        .filter(has_text="Doi Saket Savings Group")
    )
    screenshots(desk, "consultant-deleted-drafts")
    assert_no_serious_violations(desk)
    row.get_by_role("button", name="Restore").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Doi Saket Savings Group")
    assert Entity.objects.filter(pk=draft.pk).exists()
