"""The validation workflow services (DESIGN §5) against the real database: who may move
a record where, the quorum, self-review, bulk decisions and the emails they send."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail

from countries.models import AdminArea, CommitteeMeeting, Country, IsicCode, LegalForm
from countries.vocabularies import Rating, WorkflowState
from sse_mapping.exceptions import ApplicationError, NotAllowedError
from surveys.entities import services as entities_services
from surveys.meetings import services as meetings_services
from surveys.models import (
    AuditEvent,
    CapacityGap,
    CaseStudy,
    Entity,
    NationalDefinition,
    ReviewDecision,
)
from surveys.principles import CRITERIA
from surveys.records import services as records_services
from surveys.review import workflow as review_workflow
from surveys.review.notifications import review_digest_send

pytestmark = pytest.mark.django_db


# --- Records ready for review (also used by the page and browser tests) ----------------


def complete_entity(user: User, **data: Any) -> Entity:
    """A Cambodian entity with everything a committee needs: identity, figures by sex
    for one year and a principles assessment."""
    country = Country.objects.get(pk="KH")
    entity = entities_services.entity_create(
        country=country,
        by=user,
        data={
            "name_en": "Battambang Rice Cooperative",
            "name_local": "សហករណ៍កសិកម្មបាត់ដំបង",
            "area": AdminArea.objects.get(code="KH-2"),
            "sse_type": "COOP",
            "registration_status": "REG_SSE_LAW",
            "legal_form": LegalForm.objects.filter(country=country).first(),
            "main_activity": IsicCode.objects.get(pk="01"),
            "year_established": 2015,
            **data,
        },
    )
    entities_services.figures_save(
        entity=entity,
        by=user,
        reference_year=2024,
        data={
            "members_total": 120,
            "members_women": 70,
            "members_men": 50,
            "board_total": 7,
            "board_women": 4,
            "board_men": 3,
            "chair_sex": "F",
        },
        expected_version=None,
    )
    entities_services.assessment_save(
        entity=entity,
        by=user,
        data={c.field: Rating.MET for c in CRITERIA},
        expected_version=None,
    )
    entity.refresh_from_db()
    return entity


def submitted_entity(consultant: User, **data: Any) -> Entity:
    return review_workflow.record_submit(
        record=complete_entity(consultant, **data), by=consultant
    )


def case_study(user: User, **data: Any) -> CaseStudy:
    return records_services.record_create(
        model=CaseStudy,
        country=Country.objects.get(pk="KH"),
        by=user,
        data={
            "title": "Women-led rice milling in Battambang",
            "summary": "A cooperative mill run by its members.",
            "gender_analysis": "Women hold four of seven board seats.",
            **data,
        },
    )


def capacity_gap(user: User, **data: Any) -> CapacityGap:
    return records_services.record_create(
        model=CapacityGap,
        country=Country.objects.get(pk="KH"),
        by=user,
        data={
            "title": "No credit line for small cooperatives",
            "category": "FINANCE",
            "severity": 3,
            "evidence": "Interviews with 12 cooperatives.",
            **data,
        },
    )


def national_definition(user: User, **data: Any) -> NationalDefinition:
    return records_services.national_definition_create(
        country=Country.objects.get(pk="KH"),
        by=user,
        data={"text_en": "The SSE in Cambodia comprises…", **data},
    )


RECORD_MAKERS: dict[str, Callable[..., Any]] = {
    "entity": complete_entity,
    "case_study": case_study,
    "capacity_gap": capacity_gap,
    "national_definition": national_definition,
}


def set_quorum(n: int) -> None:
    Country.objects.filter(pk="KH").update(review_quorum=n)


def state_of(record: Any) -> str:
    record.refresh_from_db()
    return record.workflow_state


# --- Submitting ------------------------------------------------------------------------


@pytest.mark.parametrize("record_type", list(RECORD_MAKERS))
def test_a_consultant_submits_a_complete_draft_and_a_committee_member_validates_it(
    record_type: str, kh_consultant: User, kh_committee: User
) -> None:
    record = RECORD_MAKERS[record_type](kh_consultant)
    submitted = review_workflow.record_submit(record=record, by=kh_consultant)
    assert submitted.workflow_state == WorkflowState.SUBMITTED
    assert submitted.submitted_at is not None
    decision = review_workflow.review_decide(
        record=record, by=kh_committee, decision="approve"
    )
    assert decision.reviewer == kh_committee
    assert state_of(record) == WorkflowState.VALIDATED


def test_an_incomplete_entity_is_not_submitted_and_the_message_says_what_is_missing(
    kh_consultant: User,
) -> None:
    entity = entities_services.entity_create(
        country=Country.objects.get(pk="KH"),
        by=kh_consultant,
        data={"name_en": "Kampot Pepper Association", "sse_type": "ASSOC"},
    )
    with pytest.raises(ApplicationError) as error:
        review_workflow.record_submit(record=entity, by=kh_consultant)
    assert "registration status" in error.value.message.lower()
    assert "principles assessment" in error.value.message
    assert state_of(entity) == WorkflowState.DRAFT
    assert not AuditEvent.objects.filter(action="submitted").exists()


def test_a_case_study_without_a_gender_analysis_cannot_be_submitted(
    kh_consultant: User,
) -> None:
    study = case_study(kh_consultant, gender_analysis="")
    with pytest.raises(ApplicationError, match="gender analysis"):
        review_workflow.record_submit(record=study, by=kh_consultant)
    assert state_of(study) == WorkflowState.DRAFT


@pytest.mark.parametrize(
    "who", ["th_consultant", "kh_committee", "staff", "mn_committee"]
)
def test_only_the_countrys_consultants_submit(
    who: str, kh_consultant: User, request: pytest.FixtureRequest
) -> None:
    entity = complete_entity(kh_consultant)
    with pytest.raises(NotAllowedError):
        review_workflow.record_submit(record=entity, by=request.getfixturevalue(who))
    assert state_of(entity) == WorkflowState.DRAFT


def test_a_submitted_record_cannot_be_submitted_again(kh_consultant: User) -> None:
    entity = submitted_entity(kh_consultant)
    first_submission = entity.submitted_at
    with pytest.raises(ApplicationError, match="only drafts and returned records"):
        review_workflow.record_submit(record=entity, by=kh_consultant)
    entity.refresh_from_db()
    assert entity.workflow_state == WorkflowState.SUBMITTED
    assert entity.submitted_at == first_submission
    assert AuditEvent.objects.filter(action="submitted").count() == 1


def test_a_returned_record_is_edited_and_resubmitted_for_a_new_round(
    kh_consultant: User, kh_committee: User
) -> None:
    entity = submitted_entity(kh_consultant)
    review_workflow.review_decide(
        record=entity, by=kh_committee, decision="return", comment="Check the area."
    )
    assert state_of(entity) == WorkflowState.RETURNED
    entity = entities_services.entity_update(
        entity=entity,
        by=kh_consultant,
        data={"locality": "Sangkae district"},
        expected_version=entity.version,
    )
    entity = review_workflow.record_submit(record=entity, by=kh_consultant)
    assert entity.workflow_state == WorkflowState.SUBMITTED
    # The member who returned it decides again in the new round.
    review_workflow.review_decide(record=entity, by=kh_committee, decision="approve")
    assert state_of(entity) == WorkflowState.VALIDATED


# --- Deciding --------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["kh_consultant", "th_committee", "staff"])
def test_only_the_countrys_committee_decides(
    who: str, kh_consultant: User, request: pytest.FixtureRequest
) -> None:
    entity = submitted_entity(kh_consultant)
    with pytest.raises(NotAllowedError):
        review_workflow.review_decide(
            record=entity, by=request.getfixturevalue(who), decision="approve"
        )
    assert state_of(entity) == WorkflowState.SUBMITTED
    assert not ReviewDecision.objects.exists()


@pytest.mark.parametrize(
    "state", [WorkflowState.DRAFT, WorkflowState.VALIDATED, WorkflowState.RETURNED]
)
def test_a_record_not_awaiting_review_cannot_be_decided(
    state: str, kh_consultant: User, kh_committee: User
) -> None:
    entity = complete_entity(kh_consultant)
    Entity.objects.filter(pk=entity.pk).update(workflow_state=state)
    entity.refresh_from_db()
    with pytest.raises(ApplicationError, match="not awaiting review"):
        review_workflow.review_decide(
            record=entity, by=kh_committee, decision="approve"
        )
    assert state_of(entity) == state
    assert not ReviewDecision.objects.exists()


@pytest.mark.parametrize("decision", ["return", "reject"])
def test_a_return_or_a_rejection_needs_a_comment(
    decision: str, kh_consultant: User, kh_committee: User
) -> None:
    entity = submitted_entity(kh_consultant)
    with pytest.raises(ApplicationError) as error:
        review_workflow.review_decide(
            record=entity, by=kh_committee, decision=decision, comment="  "
        )
    assert "comment" in error.value.field_errors
    assert state_of(entity) == WorkflowState.SUBMITTED


def test_a_comment_on_one_field_is_enough_to_return(
    kh_consultant: User, kh_committee: User
) -> None:
    entity = submitted_entity(kh_consultant)
    decision = review_workflow.review_decide(
        record=entity,
        by=kh_committee,
        decision="return",
        field_comments={"year_established": "The register says 2012.", "area": ""},
    )
    assert decision.field_comments == {"year_established": "The register says 2012."}
    assert state_of(entity) == WorkflowState.RETURNED


def test_a_rejection_takes_effect_at_once(
    kh_consultant: User, kh_committee: User
) -> None:
    set_quorum(2)
    entity = submitted_entity(kh_consultant)
    review_workflow.review_decide(
        record=entity, by=kh_committee, decision="reject", comment="A private firm."
    )
    assert state_of(entity) == WorkflowState.REJECTED


def test_with_a_quorum_of_two_the_second_approval_by_another_member_validates(
    kh_consultant: User, kh_committee: User, kh_committee_2: User
) -> None:
    set_quorum(2)
    entity = submitted_entity(kh_consultant)
    review_workflow.review_decide(record=entity, by=kh_committee, decision="approve")
    assert state_of(entity) == WorkflowState.IN_REVIEW
    review_workflow.review_decide(record=entity, by=kh_committee_2, decision="approve")
    assert state_of(entity) == WorkflowState.VALIDATED
    assert ReviewDecision.objects.filter(decision="approve").count() == 2


def test_the_same_member_cannot_approve_twice(
    kh_consultant: User, kh_committee: User
) -> None:
    set_quorum(2)
    entity = submitted_entity(kh_consultant)
    review_workflow.review_decide(record=entity, by=kh_committee, decision="approve")
    with pytest.raises(ApplicationError, match="already decided"):
        review_workflow.review_decide(
            record=entity, by=kh_committee, decision="approve"
        )
    assert state_of(entity) == WorkflowState.IN_REVIEW
    assert ReviewDecision.objects.count() == 1


def test_approvals_of_an_earlier_round_do_not_count_after_a_return(
    kh_consultant: User, kh_committee: User, kh_committee_2: User
) -> None:
    set_quorum(2)
    entity = submitted_entity(kh_consultant)
    review_workflow.review_decide(record=entity, by=kh_committee, decision="approve")
    review_workflow.review_decide(
        record=entity, by=kh_committee_2, decision="return", comment="Add 2023."
    )
    entity = review_workflow.record_submit(record=entity, by=kh_consultant)
    review_workflow.review_decide(record=entity, by=kh_committee_2, decision="approve")
    assert state_of(entity) == WorkflowState.IN_REVIEW


def test_a_committee_member_who_edited_the_record_cannot_review_it(
    make_persona: Callable[..., User], kh_committee: User
) -> None:
    # Someone who is both a consultant and a committee member of Cambodia.
    both = make_persona("kh-both", "KH", "consultant")
    make_persona("kh-both", "KH", "committee")
    entity = submitted_entity(both)
    with pytest.raises(ApplicationError, match="cannot review it"):
        review_workflow.review_decide(record=entity, by=both, decision="approve")
    assert state_of(entity) == WorkflowState.SUBMITTED
    review_workflow.review_decide(record=entity, by=kh_committee, decision="approve")
    assert state_of(entity) == WorkflowState.VALIDATED


def test_a_meeting_of_another_country_is_refused(
    kh_consultant: User, kh_committee: User, th_committee: User
) -> None:
    entity = submitted_entity(kh_consultant)
    thai_meeting = CommitteeMeeting.objects.create(
        country_id="TH", date="2026-03-02", place="Bangkok", created_by=th_committee
    )
    with pytest.raises(ApplicationError, match="this country's committee"):
        review_workflow.review_decide(
            record=entity, by=kh_committee, decision="approve", meeting=thai_meeting
        )
    assert state_of(entity) == WorkflowState.SUBMITTED


def test_only_the_committee_and_staff_record_meetings(
    kh_consultant: User, kh_committee: User
) -> None:
    cambodia = Country.objects.get(pk="KH")
    with pytest.raises(NotAllowedError, match="cannot record meetings"):
        meetings_services.meeting_create(
            country=cambodia, by=kh_consultant, data={"date": "2026-03-02"}
        )
    assert not CommitteeMeeting.objects.exists()

    meetings_services.meeting_create(
        country=cambodia, by=kh_committee, data={"date": "2026-03-02"}
    )
    assert CommitteeMeeting.objects.filter(country=cambodia).count() == 1


def test_an_unknown_decision_is_refused(
    kh_consultant: User, kh_committee: User
) -> None:
    entity = submitted_entity(kh_consultant)
    with pytest.raises(ApplicationError, match="approve, return or reject"):
        review_workflow.review_decide(record=entity, by=kh_committee, decision="maybe")
    assert state_of(entity) == WorkflowState.SUBMITTED


# --- Reopening and editing after validation -----------------------------------------------


def test_staff_reopen_a_validated_record_which_then_needs_validating_again(
    kh_consultant: User, kh_committee: User, staff: User
) -> None:
    entity = submitted_entity(kh_consultant)
    review_workflow.review_decide(record=entity, by=kh_committee, decision="approve")
    review_workflow.record_reopen(record=entity, by=staff, reason="New register data.")
    assert state_of(entity) == WorkflowState.DRAFT
    event = AuditEvent.objects.filter(action="reopened").get()
    assert event.note == "New register data."
    assert event.actor == staff


def test_staff_reopen_a_rejected_record(
    kh_consultant: User, kh_committee: User, staff: User
) -> None:
    entity = submitted_entity(kh_consultant)
    review_workflow.review_decide(
        record=entity, by=kh_committee, decision="reject", comment="Not SSE."
    )
    review_workflow.record_reopen(record=entity, by=staff)
    assert state_of(entity) == WorkflowState.DRAFT


@pytest.mark.parametrize("who", ["kh_consultant", "kh_committee"])
def test_only_staff_reopen(
    who: str, kh_consultant: User, kh_committee: User, request: pytest.FixtureRequest
) -> None:
    entity = submitted_entity(kh_consultant)
    review_workflow.review_decide(record=entity, by=kh_committee, decision="approve")
    with pytest.raises(NotAllowedError):
        review_workflow.record_reopen(record=entity, by=request.getfixturevalue(who))
    assert state_of(entity) == WorkflowState.VALIDATED


def test_a_record_in_review_cannot_be_reopened(
    kh_consultant: User, staff: User
) -> None:
    entity = submitted_entity(kh_consultant)
    with pytest.raises(ApplicationError, match="only validated or rejected"):
        review_workflow.record_reopen(record=entity, by=staff)
    assert state_of(entity) == WorkflowState.SUBMITTED
    assert not AuditEvent.objects.filter(action="reopened").exists()


def test_editing_a_validated_entity_resets_it_to_draft_for_another_review(
    kh_consultant: User, kh_committee: User
) -> None:
    entity = submitted_entity(kh_consultant)
    review_workflow.review_decide(record=entity, by=kh_committee, decision="approve")
    entity.refresh_from_db()
    entity = entities_services.entity_update(
        entity=entity,
        by=kh_consultant,
        data={"locality": "Sangkae"},
        expected_version=entity.version,
    )
    assert entity.workflow_state == WorkflowState.DRAFT
    entity = review_workflow.record_submit(record=entity, by=kh_consultant)
    assert entity.workflow_state == WorkflowState.SUBMITTED


# --- Bulk decisions --------------------------------------------------------------------


def test_bulk_decisions_validate_every_record_at_once(
    kh_consultant: User, kh_committee: User
) -> None:
    records = [
        submitted_entity(kh_consultant),
        review_workflow.record_submit(
            record=case_study(kh_consultant), by=kh_consultant
        ),
        review_workflow.record_submit(
            record=capacity_gap(kh_consultant), by=kh_consultant
        ),
    ]
    decisions = review_workflow.review_decide_many(
        records=records, by=kh_committee, decision="approve", comment="Agreed."
    )
    assert len(decisions) == 3
    assert {d.comment for d in decisions} == {"Agreed."}
    assert [state_of(r) for r in records] == [WorkflowState.VALIDATED] * 3


def test_one_refused_record_refuses_the_whole_batch_and_the_message_names_it(
    kh_consultant: User, kh_committee: User
) -> None:
    ready = submitted_entity(kh_consultant)
    gap = capacity_gap(kh_consultant)  # still a draft: cannot be decided
    with pytest.raises(ApplicationError) as error:
        review_workflow.review_decide_many(
            records=[ready, gap], by=kh_committee, decision="approve"
        )
    assert gap.title in error.value.message
    assert state_of(ready) == WorkflowState.SUBMITTED
    assert not ReviewDecision.objects.exists()
    assert not AuditEvent.objects.filter(action="reviewed").exists()


def test_a_bulk_decision_needs_at_least_one_record(kh_committee: User) -> None:
    with pytest.raises(ApplicationError, match="at least one"):
        review_workflow.review_decide_many(
            records=[], by=kh_committee, decision="approve"
        )


# --- Notifications -----------------------------------------------------------------------


def test_a_return_sends_one_email_to_the_consultant_with_the_comment(
    kh_consultant: User,
    kh_committee: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    entity = submitted_entity(kh_consultant)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_workflow.review_decide(
            record=entity,
            by=kh_committee,
            decision="return",
            comment="Give the members by sex for 2023 too.",
            field_comments={"figures": "2023 is missing."},
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [kh_consultant.email]
    assert "Give the members by sex for 2023 too." in message.body
    assert "2023 is missing." in message.body
    assert "Returned" in message.subject


def test_the_email_names_the_state_the_decision_left_even_if_the_record_moved_on(
    kh_consultant: User,
    kh_committee: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    entity = submitted_entity(kh_consultant)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks() as callbacks:
        review_workflow.review_decide(
            record=entity, by=kh_committee, decision="return", comment="Fix the area."
        )
    # The consultant resubmits before the worker gets to the mail.
    entity.refresh_from_db()
    review_workflow.record_submit(record=entity, by=kh_consultant)
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert "Returned" in mail.outbox[0].subject
    assert "Submitted" not in mail.outbox[0].subject


def test_an_approval_short_of_the_quorum_sends_no_email(
    kh_consultant: User,
    kh_committee: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    set_quorum(2)
    entity = submitted_entity(kh_consultant)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_workflow.review_decide(
            record=entity, by=kh_committee, decision="approve"
        )
    assert mail.outbox == []


def test_the_digest_sends_one_email_per_committee_member_not_one_per_record(
    kh_consultant: User,
    kh_committee: User,
    kh_committee_2: User,
    th_committee: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    submitted_entity(kh_consultant)
    submitted_entity(kh_consultant, name_en="Kampot Pepper Cooperative")
    review_workflow.record_submit(record=case_study(kh_consultant), by=kh_consultant)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert review_digest_send() == 2
    # Two Cambodian members; nothing awaits review in Thailand.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [kh_committee.email, kh_committee_2.email]
    )
    body = mail.outbox[0].body
    assert "2 entity record(s)" in body
    assert "1 case study record(s)" in body
