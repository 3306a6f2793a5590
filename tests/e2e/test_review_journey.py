"""A record's way through the advisory committee in real Chromium: submitted, returned
with a comment, fixed, resubmitted, approved by two members, validated."""

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from countries.models import CommitteeMember, Country
from surveys.entities import services
from surveys.models import Entity
from surveys.review import workflow
from tests.e2e.browser import screenshots
from tests.surveys.review.test_workflow import complete_entity

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_entity_is_returned_fixed_and_validated_by_two_members(
    live_server: Any,
    log_in: Any,
    kh_consultant: User,
    kh_committee: User,
    kh_committee_2: User,
    mn_committee: User,
) -> None:
    Country.objects.filter(pk="KH").update(review_quorum=2)
    entity = complete_entity(kh_consultant)
    review_path = f"/review/entity/{entity.pk}/"

    # The consultant submits it from the workflow panel.
    consultant = log_in("kh-consultant")
    consultant.goto(live_server.url + review_path)
    panel = consultant.get_by_test_id("workflow-panel")
    expect(panel.get_by_test_id("workflow-state")).to_have_text("Draft")
    panel.get_by_role("button", name="Submit for review").click()
    expect(consultant.get_by_role("alert")).to_contain_text("was submitted")
    expect(panel.get_by_test_id("workflow-state")).to_have_text("Submitted")

    # The first committee member finds it in the queue and returns it.
    member = log_in("kh-committee")
    member.goto(f"{live_server.url}/countries/KH/review/")
    row = member.get_by_test_id("queue-row").filter(has_text=entity.name_en)
    expect(row).to_contain_text("0/2 approvals")
    screenshots(member, "review-queue")
    row.get_by_role("link", name=entity.name_en).click()
    expect(member).to_have_url(re.compile(review_path + "$"))
    expect(member.get_by_test_id("figures")).to_contain_text("Members")
    screenshots(member, "review-page")
    form = member.get_by_test_id("decision-form")
    form.get_by_label("Return for changes").check()
    form.get_by_label("Comment", exact=True).fill(
        "Please add the members by sex for 2023."
    )
    form.locator("#id_fields-0-field").select_option("figures")
    form.locator("#id_fields-0-comment").fill("2023 is missing.")
    form.get_by_role("button", name="Record my decision").click()
    expect(member.get_by_role("alert")).to_contain_text("It is now returned")
    expect(member.get_by_test_id("timeline")).to_contain_text("2023 is missing.")

    # The consultant sees why in "Returned to me", fixes it and resubmits.
    consultant.goto(f"{live_server.url}/countries/KH/returned/")
    item = consultant.get_by_test_id("returned-item")
    expect(item.get_by_test_id("return-comment")).to_have_text(
        "Please add the members by sex for 2023."
    )
    expect(item).to_contain_text("Figures")
    expect(item).to_contain_text("2023 is missing.")
    screenshots(consultant, "review-returned")
    entity.refresh_from_db()
    services.figures_save(
        entity=entity,
        by=kh_consultant,
        reference_year=2023,
        data={"members_total": 110, "members_women": 64, "members_men": 46},
        expected_version=entity.version,
    )
    item.get_by_role("link", name="Review page").click()
    expect(consultant.get_by_test_id("changes")).to_contain_text("2023")
    consultant.get_by_role("button", name="Resubmit for review").click()
    expect(consultant.get_by_test_id("workflow-state")).to_have_text("Submitted")

    # Two different members approve; the first approval alone is not enough.
    member.goto(live_server.url + review_path)
    expect(member.get_by_test_id("changes")).to_contain_text("Members: total")
    member.get_by_label("Approve").check()
    member.get_by_role("button", name="Record my decision").click()
    expect(member.get_by_test_id("workflow-state")).to_have_text("In review")
    expect(member.get_by_test_id("approvals")).to_contain_text("1 of 2")
    expect(member.get_by_test_id("cannot-decide")).to_contain_text("already decided")

    second = log_in("kh-committee-2")
    second.goto(live_server.url + review_path)
    second.get_by_label("Approve").check()
    second.get_by_label("Comment", exact=True).fill("Complete now.")
    second.get_by_role("button", name="Record my decision").click()
    expect(second.get_by_test_id("workflow-state")).to_have_text("Validated")
    timeline = second.get_by_test_id("timeline")
    expect(timeline.get_by_test_id("timeline-item")).to_have_count(5)
    expect(timeline.get_by_test_id("timeline-item").first).to_contain_text(
        "Approve · kh-committee-2"
    )
    expect(timeline).to_contain_text("Return for changes · kh-committee")
    timeline.scroll_into_view_if_needed()
    screenshots(second, "review-timeline")
    assert Entity.objects.get(pk=entity.pk).workflow_state == "validated"

    # The queue is empty again, and Mongolia's committee cannot even see the record.
    member.goto(f"{live_server.url}/countries/KH/review/")
    expect(member.get_by_test_id("queue-empty")).to_be_visible()
    outsider = log_in("mn-committee")
    response = outsider.goto(live_server.url + review_path)
    assert response is not None and response.status == 404


def test_a_member_records_a_meeting_decides_in_it_and_staff_follow_progress(
    live_server: Any,
    log_in: Any,
    kh_consultant: User,
    kh_committee: User,
    staff: User,
) -> None:
    entity = complete_entity(kh_consultant)
    workflow.record_submit(record=entity, by=kh_consultant)
    for name, organisation, constituency, sex in [
        ("Sokha Chan", "Ministry of Labour and Vocational Training", "GOV", "F"),
        ("Dara Kim", "Cambodian Labour Confederation", "WKR", "M"),
        ("Srey Mom", "Cambodia Cooperative Federation", "SSE", "F"),
    ]:
        CommitteeMember.objects.create(
            country_id="KH",
            name=name,
            organisation=organisation,
            constituency=constituency,
            sex=sex,
        )

    member = log_in("kh-committee")
    member.goto(f"{live_server.url}/countries/KH/meetings/")
    member.get_by_role("link", name="Record a meeting").click()
    member.get_by_label("Date").fill("2026-03-02")
    member.get_by_label("Place").fill("Phnom Penh, Ministry of Labour")
    member.get_by_label("Sokha Chan").check()
    member.get_by_label("Dara Kim").check()
    member.get_by_label("Srey Mom").check()
    member.get_by_label(re.compile(entity.code)).check()
    member.get_by_label("Minutes").fill("The committee reviewed the first entities.")
    screenshots(member, "meeting-form")
    member.get_by_role("button", name="Save the meeting").click()
    expect(member.get_by_test_id("attendees-by-sex")).to_contain_text("Woman: 2")
    expect(member.get_by_test_id("agenda")).to_contain_text(entity.name_en)

    member.get_by_test_id("agenda").get_by_role("link", name=entity.name_en).click()
    member.get_by_label("Approve").check()
    member.get_by_label("Decided in the committee meeting of").select_option(
        label="2026-03-02 · Phnom Penh, Ministry of Labour"
    )
    member.get_by_role("button", name="Record my decision").click()
    expect(member.get_by_test_id("workflow-state")).to_have_text("Validated")
    member.get_by_test_id("timeline").get_by_role("link", name="2026-03-02").click()
    expect(member.get_by_test_id("meeting-decisions")).to_contain_text("kh-committee")
    screenshots(member, "meeting-detail")
    member.goto(f"{live_server.url}/countries/KH/meetings/")
    screenshots(member, "meeting-list")

    office = log_in("staff")
    office.goto(f"{live_server.url}/review/progress/")
    cambodia = office.locator('tr[data-country="KH"][data-type="entity"]')
    expect(cambodia).to_contain_text("Cambodia")
    screenshots(office, "review-progress")
