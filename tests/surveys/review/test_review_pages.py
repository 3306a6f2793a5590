"""The committee's pages: who may see and do what, and what each page shows."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from countries.models import AdminArea, CommitteeMeeting, CommitteeMember, Country
from countries.vocabularies import Rating, WorkflowState
from surveys.entities import services
from surveys.models import Entity, ReviewDecision
from surveys.review import views as review_views
from surveys.review import workflow
from tests.surveys.review.test_workflow import (
    RECORD_MAKERS,
    capacity_gap,
    case_study,
    complete_entity,
    set_quorum,
    state_of,
    submitted_entity,
)

pytestmark = pytest.mark.django_db


def as_user(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def review_url(record: Any, record_type: str = "entity") -> str:
    return reverse("record-review", args=[record_type, record.pk])


@pytest.fixture
def personas(
    kh_consultant: User,
    kh_committee: User,
    kh_committee_2: User,
    th_consultant: User,
    th_committee: User,
    mn_committee: User,
    staff: User,
) -> dict[str, User]:
    return {
        "kh_consultant": kh_consultant,
        "kh_committee": kh_committee,
        "kh_committee_2": kh_committee_2,
        "th_consultant": th_consultant,
        "th_committee": th_committee,
        "mn_committee": mn_committee,
        "staff": staff,
    }


# --- Permission matrix -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("kh_committee", 200),
        ("staff", 200),
        ("kh_consultant", 403),
        ("th_committee", 404),
        ("th_consultant", 404),
    ],
)
def test_who_sees_the_cambodian_review_queue(
    who: str, status: int, personas: dict[str, User]
) -> None:
    response = as_user(personas[who]).get(reverse("review-queue", args=["KH"]))
    assert response.status_code == status


def test_the_queue_asks_anonymous_visitors_to_log_in(reference_data: None) -> None:
    response = as_user(None).get(reverse("review-queue", args=["KH"]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("who", "status", "has_form"),
    [
        ("kh_committee", 200, True),
        ("kh_committee_2", 200, True),
        ("staff", 200, False),
        ("kh_consultant", 200, False),
        ("th_committee", 404, False),
        ("mn_committee", 404, False),
        ("th_consultant", 404, False),
    ],
)
def test_who_sees_a_review_page_and_who_gets_the_decision_form(
    who: str, status: int, has_form: bool, personas: dict[str, User]
) -> None:
    entity = submitted_entity(personas["kh_consultant"])
    response = as_user(personas[who]).get(review_url(entity))
    assert response.status_code == status
    assert (b'data-testid="decision-form"' in response.content) is has_form


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("kh_committee", 302),
        ("kh_consultant", 403),
        ("staff", 403),
        ("th_committee", 404),
    ],
)
def test_who_may_post_a_decision(
    who: str, status: int, personas: dict[str, User]
) -> None:
    entity = submitted_entity(personas["kh_consultant"])
    response = as_user(personas[who]).post(
        review_url(entity),
        {"decision": "approve", "fields-TOTAL_FORMS": "0", "fields-INITIAL_FORMS": "0"},
    )
    assert response.status_code == status
    expected = WorkflowState.VALIDATED if status == 302 else WorkflowState.SUBMITTED
    assert state_of(entity) == expected


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("kh_committee", 302),
        ("kh_consultant", 403),
        ("staff", 403),
        ("th_committee", 404),
    ],
)
def test_who_may_decide_in_bulk(
    who: str, status: int, personas: dict[str, User]
) -> None:
    entity = submitted_entity(personas["kh_consultant"])
    response = as_user(personas[who]).post(
        reverse("review-bulk", args=["KH"]),
        {"records": [f"entity:{entity.pk}"], "decision": "approve"},
    )
    assert response.status_code == status
    expected = WorkflowState.VALIDATED if status == 302 else WorkflowState.SUBMITTED
    assert state_of(entity) == expected


def test_a_bulk_decision_in_one_country_cannot_reach_anothers_records(
    personas: dict[str, User],
) -> None:
    entity = submitted_entity(personas["kh_consultant"])
    # A Thai member posting to the Thai queue with a Cambodian record's key.
    response = as_user(personas["th_committee"]).post(
        reverse("review-bulk", args=["TH"]),
        {"records": [f"entity:{entity.pk}"], "decision": "approve"},
    )
    assert response.status_code == 404
    assert state_of(entity) == WorkflowState.SUBMITTED


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("kh_consultant", 200),
        ("kh_committee", 403),
        ("staff", 403),
        ("th_consultant", 404),
    ],
)
def test_who_sees_returned_to_me(
    who: str, status: int, personas: dict[str, User]
) -> None:
    response = as_user(personas[who]).get(reverse("returned-list", args=["KH"]))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("staff", 200), ("kh_committee", 403), ("kh_consultant", 403)],
)
def test_only_staff_see_progress_across_countries(
    who: str, status: int, personas: dict[str, User]
) -> None:
    response = as_user(personas[who]).get(reverse("review-progress"))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "see", "create"),
    [
        ("kh_committee", 200, 200),
        ("staff", 200, 200),
        ("kh_consultant", 200, 403),
        ("th_committee", 404, 404),
    ],
)
def test_who_sees_and_records_meetings(
    who: str, see: int, create: int, personas: dict[str, User]
) -> None:
    meeting = CommitteeMeeting.objects.create(
        country_id="KH",
        date=datetime.date(2026, 3, 2),
        place="Phnom Penh",
        created_by=personas["kh_committee"],
    )
    client = as_user(personas[who])
    assert client.get(reverse("meeting-list", args=["KH"])).status_code == see
    assert (
        client.get(reverse("meeting-detail", args=["KH", meeting.pk])).status_code
        == see
    )
    assert client.get(reverse("meeting-create", args=["KH"])).status_code == create


def test_a_meeting_is_not_found_under_another_countrys_address(
    personas: dict[str, User],
) -> None:
    meeting = CommitteeMeeting.objects.create(
        country_id="KH",
        date=datetime.date(2026, 3, 2),
        place="Phnom Penh",
        created_by=personas["kh_committee"],
    )
    response = as_user(personas["th_committee"]).get(
        reverse("meeting-detail", args=["TH", meeting.pk])
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("who", "status", "state"),
    [
        ("kh_consultant", 302, WorkflowState.SUBMITTED),
        ("kh_committee", 403, WorkflowState.DRAFT),
        ("staff", 403, WorkflowState.DRAFT),
        ("th_consultant", 404, WorkflowState.DRAFT),
    ],
)
def test_who_may_submit_through_the_workflow_endpoint(
    who: str, status: int, state: str, personas: dict[str, User]
) -> None:
    entity = complete_entity(personas["kh_consultant"])
    response = as_user(personas[who]).post(
        reverse("record-submit", args=["entity", entity.pk])
    )
    assert response.status_code == status
    assert state_of(entity) == state


@pytest.mark.parametrize(
    ("who", "status", "state"),
    [
        ("staff", 302, WorkflowState.DRAFT),
        ("kh_consultant", 403, WorkflowState.VALIDATED),
        ("kh_committee", 403, WorkflowState.VALIDATED),
        ("th_committee", 404, WorkflowState.VALIDATED),
    ],
)
def test_who_may_reopen_a_validated_record(
    who: str, status: int, state: str, personas: dict[str, User]
) -> None:
    entity = submitted_entity(personas["kh_consultant"])
    workflow.review_decide(
        record=entity, by=personas["kh_committee"], decision="approve"
    )
    response = as_user(personas[who]).post(
        reverse("record-reopen", args=["entity", entity.pk]), {"reason": "New data"}
    )
    assert response.status_code == status
    assert state_of(entity) == state


def test_workflow_endpoints_only_answer_post(personas: dict[str, User]) -> None:
    entity = complete_entity(personas["kh_consultant"])
    client = as_user(personas["kh_consultant"])
    assert (
        client.get(reverse("record-submit", args=["entity", entity.pk])).status_code
        == 405
    )


def test_an_unknown_record_type_is_not_found(personas: dict[str, User]) -> None:
    response = as_user(personas["kh_committee"]).get("/review/report/1/")
    assert response.status_code == 404


# --- Workflow actions and the panel ---------------------------------------------------------


def test_submitting_an_incomplete_record_shows_what_is_missing_and_changes_nothing(
    personas: dict[str, User],
) -> None:
    consultant = personas["kh_consultant"]
    entity = services.entity_create(
        country=Country.objects.get(pk="KH"),
        by=consultant,
        data={"name_en": "Draft", "sse_type": "COOP"},
    )
    response = as_user(consultant).post(
        reverse("record-submit", args=["entity", entity.pk]),
        {"next": review_url(entity)},
        follow=True,
    )
    assert any("Still missing" in m for m in messages_of(response))
    assert state_of(entity) == WorkflowState.DRAFT


def test_submitting_returns_to_the_page_it_came_from(personas: dict[str, User]) -> None:
    entity = complete_entity(personas["kh_consultant"])
    response = as_user(personas["kh_consultant"]).post(
        reverse("record-submit", args=["entity", entity.pk]),
        {"next": "/countries/KH/returned/"},
    )
    assert response["Location"] == "/countries/KH/returned/"
    response = as_user(personas["kh_consultant"]).post(
        reverse("record-submit", args=["entity", entity.pk]),
        {"next": "https://elsewhere.example/"},
    )
    assert "elsewhere" not in response["Location"]


def test_the_panel_offers_each_role_its_own_action(personas: dict[str, User]) -> None:
    entity = complete_entity(personas["kh_consultant"])
    page = as_user(personas["kh_consultant"]).get(review_url(entity)).content.decode()
    assert "Submit for review" in page
    workflow.record_submit(record=entity, by=personas["kh_consultant"])
    page = as_user(personas["kh_consultant"]).get(review_url(entity)).content.decode()
    assert "Submit for review" not in page
    workflow.review_decide(
        record=entity, by=personas["kh_committee"], decision="approve"
    )
    page = as_user(personas["staff"]).get(review_url(entity)).content.decode()
    assert reverse("record-reopen", args=["entity", entity.pk]) in page


def test_workflow_context_gives_a_detail_page_what_the_panel_needs(
    personas: dict[str, User], rf: Any
) -> None:
    entity = submitted_entity(personas["kh_consultant"])
    request = rf.get(f"/entities/{entity.pk}/")
    request.user = personas["kh_committee"]
    context = review_views.workflow_context(request, entity)["workflow"]
    assert context["can_decide"] is True
    assert context["review_url"] == review_url(entity)
    assert context["next"] == f"/entities/{entity.pk}/"
    request.user = personas["kh_consultant"]
    context = review_views.workflow_context(request, entity)["workflow"]
    assert context["can_decide"] is False
    assert context["can_submit"] is False


# --- The review page ------------------------------------------------------------------------


def test_the_review_page_shows_an_entitys_figures_by_sex_and_its_assessment(
    personas: dict[str, User],
) -> None:
    entity = submitted_entity(personas["kh_consultant"])
    response = as_user(personas["kh_committee"]).get(review_url(entity))
    page = response.content.decode()
    assert "Battambang Rice Cooperative" in page
    assert "Cooperative" in page  # the SSE type by its label
    assert "2024" in page
    assert ">70<" in page and ">50<" in page  # members: women and men
    assert "every principle is met or partly met." in page
    assert "P2.2" in page


def test_the_review_page_shows_what_changed_since_the_last_review(
    personas: dict[str, User],
) -> None:
    set_quorum(2)
    consultant = personas["kh_consultant"]
    entity = submitted_entity(consultant)
    workflow.review_decide(
        record=entity, by=personas["kh_committee"], decision="return", comment="Area?"
    )
    entity.refresh_from_db()
    services.entity_update(
        entity=entity,
        by=consultant,
        data={"locality": "Sangkae", "sse_type": "SHG"},
        expected_version=entity.version,
    )
    workflow.record_submit(record=entity, by=consultant)
    # A first approval in this round does not hide the changes from the next member.
    workflow.review_decide(
        record=entity, by=personas["kh_committee_2"], decision="approve"
    )
    response = as_user(personas["kh_committee"]).get(review_url(entity))
    changes = response.context["changes"]
    rows = [row for item in changes["events"] for row in item["rows"]]
    assert ("Locality", None, "Sangkae") in rows  # empty before
    assert ("SSE type", "Cooperative", "Self-help or savings group") in rows
    # Only what changed after the return: the creation is not repeated.
    assert all(item["event"].action == "updated" for item in changes["events"])


@pytest.mark.parametrize(
    ("record_type", "text"),
    [
        ("case_study", "Women hold four of seven board seats."),
        ("capacity_gap", "Interviews with 12 cooperatives."),
        ("national_definition", "The SSE in Cambodia comprises"),
    ],
)
def test_every_record_type_has_a_review_page_with_its_texts(
    record_type: str, text: str, personas: dict[str, User]
) -> None:
    consultant = personas["kh_consultant"]
    record = workflow.record_submit(
        record=RECORD_MAKERS[record_type](consultant), by=consultant
    )
    response = as_user(personas["kh_committee"]).get(review_url(record, record_type))
    assert response.status_code == 200
    page = response.content.decode()
    assert text in page
    assert 'data-testid="decision-form"' in page
    if record_type == "national_definition":
        assert "P4 Primacy of people and social purpose over capital" in page


def test_a_decision_with_comments_per_field_is_recorded_and_shown_in_the_timeline(
    personas: dict[str, User],
) -> None:
    entity = submitted_entity(personas["kh_consultant"])
    client = as_user(personas["kh_committee"])
    response = client.post(
        review_url(entity),
        {
            "decision": "return",
            "comment": "Please check two things.",
            "fields-TOTAL_FORMS": "3",
            "fields-INITIAL_FORMS": "0",
            "fields-0-field": "year_established",
            "fields-0-comment": "The register says 2012.",
            "fields-1-field": "figures",
            "fields-1-comment": "Add 2023.",
            "fields-2-field": "",
            "fields-2-comment": "",
        },
        follow=True,
    )
    decision = ReviewDecision.objects.get()
    assert decision.field_comments == {
        "year_established": "The register says 2012.",
        "figures": "Add 2023.",
    }
    assert state_of(entity) == WorkflowState.RETURNED
    page = response.content.decode()
    assert "Please check two things." in page
    assert "Year established" in page and "The register says 2012." in page


def test_a_refused_decision_shows_the_reason_keeps_the_comment_and_changes_nothing(
    personas: dict[str, User],
) -> None:
    entity = submitted_entity(personas["kh_consultant"])
    response = as_user(personas["kh_committee"]).post(
        review_url(entity),
        {
            "decision": "reject",
            "comment": "",
            "fields-TOTAL_FORMS": "0",
            "fields-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert any("needs a comment" in m for m in messages_of(response))
    assert state_of(entity) == WorkflowState.SUBMITTED
    assert not ReviewDecision.objects.exists()


def test_a_member_who_already_approved_is_told_so_instead_of_the_form(
    personas: dict[str, User],
) -> None:
    set_quorum(2)
    entity = submitted_entity(personas["kh_consultant"])
    workflow.review_decide(
        record=entity, by=personas["kh_committee"], decision="approve"
    )
    page = as_user(personas["kh_committee"]).get(review_url(entity)).content.decode()
    assert "already decided" in page
    assert 'data-testid="decision-form"' not in page
    assert "1 of 2 approvals" in page


# --- The queue ----------------------------------------------------------------------------


def _submitted_at(record: Any, days_ago: int) -> None:
    type(record).objects.filter(pk=record.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def test_the_queue_lists_all_types_awaiting_review_oldest_first(
    personas: dict[str, User],
) -> None:
    consultant = personas["kh_consultant"]
    entity = submitted_entity(consultant)
    study = workflow.record_submit(record=case_study(consultant), by=consultant)
    gap = workflow.record_submit(record=capacity_gap(consultant), by=consultant)
    complete_entity(consultant, name_en="Still a draft")
    validated = submitted_entity(consultant, name_en="Already validated")
    workflow.review_decide(
        record=validated, by=personas["kh_committee"], decision="approve"
    )
    _submitted_at(entity, 3)
    _submitted_at(study, 10)
    _submitted_at(gap, 1)
    response = as_user(personas["kh_committee"]).get(
        reverse("review-queue", args=["KH"])
    )
    keys = [row["key"] for row in response.context["rows"]]
    assert keys == [
        f"case_study:{study.pk}",
        f"entity:{entity.pk}",
        f"capacity_gap:{gap.pk}",
    ]


def test_the_queue_highlights_borderline_entities(personas: dict[str, User]) -> None:
    consultant = personas["kh_consultant"]
    entity = complete_entity(consultant)
    services.assessment_save(
        entity=entity,
        by=consultant,
        data={"p1_1": Rating.NOT_MET},
        expected_version=None,
    )
    entity.refresh_from_db()
    assert entity.classification == "BORDERLINE"
    workflow.record_submit(record=entity, by=consultant)
    page = as_user(personas["kh_committee"]).get(reverse("review-queue", args=["KH"]))
    [row] = page.context["rows"]
    assert row["borderline"] is True
    assert 'class="table-warning"' in page.content.decode()


def test_the_queue_filters_by_type_area_state_and_attention(
    personas: dict[str, User],
) -> None:
    consultant = personas["kh_consultant"]
    entity = submitted_entity(consultant)
    elsewhere = submitted_entity(
        consultant,
        name_en="Siem Reap Weavers",
        area=AdminArea.objects.get(code="KH-17"),
    )
    study = workflow.record_submit(
        record=case_study(consultant, area=AdminArea.objects.get(code="KH-2")),
        by=consultant,
    )
    workflow.record_submit(record=capacity_gap(consultant), by=consultant)
    set_quorum(2)
    workflow.review_decide(
        record=elsewhere, by=personas["kh_committee_2"], decision="approve"
    )
    client = as_user(personas["kh_committee"])
    url = reverse("review-queue", args=["KH"])

    def keys(**query: str) -> set[str]:
        return {row["key"] for row in client.get(url, query).context["rows"]}

    assert keys(record_type="entity") == {
        f"entity:{entity.pk}",
        f"entity:{elsewhere.pk}",
    }
    battambang = AdminArea.objects.get(code="KH-2").pk
    assert keys(area=str(battambang)) == {
        f"entity:{entity.pk}",
        f"case_study:{study.pk}",
    }
    assert keys(state="in_review") == {f"entity:{elsewhere.pk}"}
    assert keys(attention="on") == set()


def test_the_queue_marks_records_the_member_cannot_decide(
    personas: dict[str, User],
) -> None:
    set_quorum(2)
    entity = submitted_entity(personas["kh_consultant"])
    workflow.review_decide(
        record=entity, by=personas["kh_committee"], decision="approve"
    )
    page = as_user(personas["kh_committee"]).get(reverse("review-queue", args=["KH"]))
    [row] = page.context["rows"]
    assert row["you_decided"] and not row["decidable"]
    assert row["approvals"] == 1 and row["quorum"] == 2


def queries_for(client: Client, url: str) -> int:
    client.get(url)  # warm the content-type cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def submit_one_of_each(consultant: User, n: int) -> None:
    submitted_entity(consultant, name_en=f"Cooperative {n}")
    workflow.record_submit(
        record=case_study(consultant, title=f"Study {n}"), by=consultant
    )
    workflow.record_submit(
        record=capacity_gap(consultant, title=f"Gap {n}"), by=consultant
    )


def test_the_queue_takes_the_same_number_of_queries_for_more_records(
    personas: dict[str, User],
) -> None:
    consultant = personas["kh_consultant"]
    client = as_user(personas["kh_committee"])
    url = reverse("review-queue", args=["KH"])
    submit_one_of_each(consultant, 0)
    few = queries_for(client, url)
    for n in range(1, 6):
        submit_one_of_each(consultant, n)
    assert queries_for(client, url) == few
    assert len(client.get(url).context["rows"]) == 18
    assert few <= 20


def test_the_queue_is_paginated(
    personas: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(review_views, "QUEUE_PAGE_SIZE", 2)
    consultant = personas["kh_consultant"]
    for n in range(3):
        workflow.record_submit(
            record=capacity_gap(consultant, title=f"Gap {n}"), by=consultant
        )
    client = as_user(personas["kh_committee"])
    first = client.get(
        reverse("review-queue", args=["KH"]), {"record_type": "capacity_gap"}
    )
    assert len(first.context["rows"]) == 2
    assert "record_type=capacity_gap&amp;page=2" in first.content.decode()
    second = client.get(
        reverse("review-queue", args=["KH"]), {"record_type": "capacity_gap", "page": 2}
    )
    assert len(second.context["rows"]) == 1


def test_staff_see_the_queue_without_the_bulk_form(personas: dict[str, User]) -> None:
    submitted_entity(personas["kh_consultant"])
    page = as_user(personas["staff"]).get(reverse("review-queue", args=["KH"]))
    assert page.context["bulk_form"] is None
    assert 'id="bulk-form"' not in page.content.decode()
    assert len(page.context["rows"]) == 1


# --- Bulk decisions ---------------------------------------------------------------------


def test_a_bulk_return_applies_one_comment_to_every_selected_record(
    personas: dict[str, User],
) -> None:
    consultant = personas["kh_consultant"]
    entity = submitted_entity(consultant)
    study = workflow.record_submit(record=case_study(consultant), by=consultant)
    response = as_user(personas["kh_committee"]).post(
        reverse("review-bulk", args=["KH"]),
        {
            "records": [f"entity:{entity.pk}", f"case_study:{study.pk}"],
            "decision": "return",
            "comment": "Add the sources.",
            "next": "/countries/KH/review/?record_type=entity",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/countries/KH/review/?record_type=entity"
    assert state_of(entity) == state_of(study) == WorkflowState.RETURNED
    assert set(ReviewDecision.objects.values_list("comment", flat=True)) == {
        "Add the sources."
    }
    assert any("2 records" in m for m in messages_of(response))


def test_a_bulk_decision_with_one_refused_record_changes_nothing_and_names_it(
    personas: dict[str, User],
) -> None:
    consultant = personas["kh_consultant"]
    ready = submitted_entity(consultant)
    done = submitted_entity(consultant, name_en="Kampot Salt Cooperative")
    workflow.review_decide(
        record=done, by=personas["kh_committee_2"], decision="approve"
    )
    response = as_user(personas["kh_committee"]).post(
        reverse("review-bulk", args=["KH"]),
        {"records": [f"entity:{ready.pk}", f"entity:{done.pk}"], "decision": "approve"},
        follow=True,
    )
    [message] = messages_of(response)
    assert "Nothing was decided" in message
    assert "Kampot Salt Cooperative" in message
    assert state_of(ready) == WorkflowState.SUBMITTED
    assert ReviewDecision.objects.count() == 1


def test_a_bulk_decision_without_records_asks_to_select_some(
    personas: dict[str, User],
) -> None:
    response = as_user(personas["kh_committee"]).post(
        reverse("review-bulk", args=["KH"]), {"decision": "approve"}, follow=True
    )
    assert any("Select at least one record" in m for m in messages_of(response))


# --- Returned to me ---------------------------------------------------------------------------


def test_returned_to_me_lists_my_returned_records_with_the_comments(
    personas: dict[str, User], make_persona: Callable[..., User]
) -> None:
    consultant = personas["kh_consultant"]
    colleague = make_persona("kh-consultant-2", "KH", "consultant")
    mine = submitted_entity(consultant)
    theirs = workflow.record_submit(record=case_study(colleague), by=colleague)
    for record in (mine, theirs):
        workflow.review_decide(
            record=record,
            by=personas["kh_committee"],
            decision="return",
            comment="Give the members by sex for 2023.",
            field_comments={"year_established": "Check the register."}
            if isinstance(record, Entity)
            else {},
        )
    response = as_user(consultant).get(reverse("returned-list", args=["KH"]))
    rows = response.context["rows"]
    assert [row["record"] for row in rows] == [mine]
    page = response.content.decode()
    assert "Give the members by sex for 2023." in page
    assert "Year established" in page and "Check the register." in page
    assert reverse("entity-edit", args=[mine.pk]) in page


# --- Progress ---------------------------------------------------------------------------------


def test_progress_counts_records_by_state_and_time_waiting(
    personas: dict[str, User],
) -> None:
    consultant = personas["kh_consultant"]
    old = submitted_entity(consultant)
    recent = submitted_entity(consultant, name_en="Kampot Salt Cooperative")
    complete_entity(consultant, name_en="A draft")
    _submitted_at(old, 9)
    _submitted_at(recent, 1)
    client = as_user(personas["staff"])
    client.get(reverse("review-progress"))  # warm the content-type cache
    response = client.get(reverse("review-progress"))
    cambodia = next(r for r in response.context["table"] if r["country"].code == "KH")
    entities = next(t for t in cambodia["types"] if t["record_type"] == "entity")
    states = [code for code, _label in WorkflowState.choices]
    assert entities["counts"][states.index("submitted")] == 2
    assert entities["counts"][states.index("draft")] == 1
    assert entities["awaiting"] == 2
    assert entities["median_wait"].days == 5
    assert entities["oldest_wait"].days == 9
    assert "1\xa0week, 2\xa0days" in response.content.decode()
    thailand = next(r for r in response.context["table"] if r["country"].code == "TH")
    assert all(t["total"] == 0 for t in thailand["types"])


def test_progress_takes_one_query_per_record_type_whatever_the_records(
    personas: dict[str, User],
) -> None:
    client = as_user(personas["staff"])
    url = reverse("review-progress")
    submit_one_of_each(personas["kh_consultant"], 0)
    few = queries_for(client, url)
    for n in range(1, 4):
        submit_one_of_each(personas["kh_consultant"], n)
    assert queries_for(client, url) == few


# --- Meetings -----------------------------------------------------------------------------------


def test_a_committee_member_records_a_meeting_with_attendees_and_agenda(
    personas: dict[str, User],
) -> None:
    entity = submitted_entity(personas["kh_consultant"])
    chair = CommitteeMember.objects.create(
        country_id="KH",
        name="Sokha Chan",
        organisation="Ministry of Labour",
        constituency="GOV",
        sex="F",
    )
    worker = CommitteeMember.objects.create(
        country_id="KH",
        name="Dara Kim",
        organisation="Cambodian Labour Confederation",
        constituency="WKR",
        sex="M",
    )
    CommitteeMember.objects.create(
        country_id="TH",
        name="Somchai",
        organisation="Thai Employers",
        constituency="EMP",
    )
    client = as_user(personas["kh_committee"])
    form = client.get(reverse("meeting-create", args=["KH"]))
    assert "Somchai" not in form.content.decode()
    assert f"entity:{entity.pk}" in form.content.decode()
    response = client.post(
        reverse("meeting-create", args=["KH"]),
        {
            "date": "2026-03-02",
            "place": "Phnom Penh",
            "attendees": [chair.pk, worker.pk],
            "agenda": [f"entity:{entity.pk}"],
            "minutes": "The committee reviewed the first entities.",
        },
    )
    meeting = CommitteeMeeting.objects.get()
    assert response["Location"] == reverse("meeting-detail", args=["KH", meeting.pk])
    workflow.review_decide(
        record=entity, by=personas["kh_committee"], decision="approve", meeting=meeting
    )
    detail = as_user(personas["kh_consultant"]).get(response["Location"])
    page = detail.content.decode()
    assert dict(detail.context["sex_counts"])["Woman"] == 1
    assert dict(detail.context["sex_counts"])["Man"] == 1
    assert "Ministry of Labour" in page and "Workers" in page
    assert [row["record"] for row in detail.context["agenda"]] == [entity]
    assert [row["decision"].reviewer for row in detail.context["decisions"]] == [
        personas["kh_committee"]
    ]


def test_a_meeting_needs_a_place_or_online(personas: dict[str, User]) -> None:
    response = as_user(personas["kh_committee"]).post(
        reverse("meeting-create", args=["KH"]), {"date": "2026-03-02"}
    )
    assert response.status_code == 400
    assert "place" in response.context["form"].errors
    assert not CommitteeMeeting.objects.exists()


def test_a_meeting_cannot_list_another_countrys_members(
    personas: dict[str, User],
) -> None:
    thai = CommitteeMember.objects.create(
        country_id="TH",
        name="Somchai",
        organisation="Thai Employers",
        constituency="EMP",
    )
    response = as_user(personas["kh_committee"]).post(
        reverse("meeting-create", args=["KH"]),
        {"date": "2026-03-02", "online": "on", "attendees": [thai.pk]},
    )
    assert response.status_code == 400
    assert not CommitteeMeeting.objects.exists()
