"""The demo committees' work: each seeded record submitted, the committee meeting
held, and the decisions that bring every record to its state in the data."""

from __future__ import annotations

from django.utils import timezone

from countries.models import CommitteeMeeting
from countries.vocabularies import WorkflowState
from surveys.demo import derived
from surveys.demo.codes import Story
from surveys.demo.entities import figures_seed, figures_source
from surveys.demo.seeding import Review, Seeding
from surveys.entities import services as entities_services
from surveys.meetings import services as meetings_services
from surveys.models import (
    CapacityGap,
    CaseStudy,
    Entity,
    LegalInstrument,
    SamplingFrame,
    StudyMethodology,
    SupportInstitution,
    WorkflowRecord,
)
from surveys.review import workflow as review_workflow

Decision = review_workflow.Decision

DEFAULT_RETURN = (
    "Please complete the record before we validate it: the registration details and "
    "the 2024 figures do not match the register extract."
)
# What a committee comments on, field by field, when it returns a record of each kind.
DEFAULT_RETURN_FIELDS: dict[type[WorkflowRecord], dict[str, str]] = {
    Entity: {
        "registration_number": "Not the number in the register extract; please check.",
        "figures": "2024 members by sex add up to fewer than the total: give the split.",
    },
    CaseStudy: {
        "gender_analysis": "Give the figures by sex behind this paragraph.",
        "lessons": "Say what other groups could take from this.",
    },
    CapacityGap: {
        "evidence": "Give the numbers and the sources behind this statement.",
    },
    LegalInstrument: {"summary": "Say which articles concern the SSE."},
    SupportInstitution: {"role": "Say what it does for SSE entities, with examples."},
    SamplingFrame: {"counts": "Give the register's date for each province."},
    StudyMethodology: {"limitations": "Say which groups the sample under-counts."},
}
DEFAULT_REJECT = (
    "Rejected: the committee found this is not an SSE entity within the study's scope."
)
FIXED_RETURN = "The registration number is missing; add it from the register extract."


def workflow_seed(s: Seeding) -> None:
    """Submit, hold the committee meeting and decide, as the people involved would."""
    second = s.reviewers[1]
    for review in s.reviews:
        if review.story == Story.RETURNED_THEN_FIXED:
            # Returned online before the meeting, corrected, and submitted again.
            review_workflow.record_submit(record=review.record, by=s.consultant)
            review_workflow.review_decide(
                record=review.record,
                by=second,
                decision=Decision.RETURN,
                comment=FIXED_RETURN,
                field_comments={"registration_number": "Missing."},
                notify=s.notify,
            )
            review.record = entities_services.entity_update(
                entity=Entity.objects.get(pk=review.record.pk),
                by=s.consultant,
                data=review.fix,
                expected_version=None,
            )
    to_review = [
        r
        for r in s.reviews
        if r.target != WorkflowState.DRAFT or r.story == Story.EDITED_AFTER_VALIDATION
    ]
    for review in to_review:
        review_workflow.record_submit(record=review.record, by=s.consultant)
    decided = [r for r in to_review if r.target != WorkflowState.SUBMITTED]
    meeting = _meeting(s, [r.record for r in decided if r.in_meeting])
    for review in decided:
        _decide(s, review, meeting if review.in_meeting else None)


def _decide(s: Seeding, review: Review, meeting: CommitteeMeeting | None) -> None:
    """The committee's decisions that bring one record to its target state."""
    first, second = s.reviewers
    record = review.record
    if review.target == WorkflowState.RETURNED:
        review_workflow.review_decide(
            record=record,
            by=first,
            decision=Decision.RETURN,
            comment=review.comment or DEFAULT_RETURN,
            field_comments=review.field_comments
            or DEFAULT_RETURN_FIELDS.get(type(record), {}),
            meeting=meeting,
            notify=s.notify,
        )
    elif review.target == WorkflowState.REJECTED:
        review_workflow.review_decide(
            record=record,
            by=second,
            decision=Decision.REJECT,
            comment=review.comment or DEFAULT_REJECT,
            meeting=meeting,
            notify=s.notify,
        )
    else:
        review_workflow.review_decide(
            record=record,
            by=first,
            decision=Decision.APPROVE,
            comment=review.comment,
            meeting=meeting,
            notify=s.notify,
        )
        if review.target != WorkflowState.IN_REVIEW:
            review_workflow.review_decide(
                record=record,
                by=second,
                decision=Decision.APPROVE,
                meeting=meeting,
                notify=s.notify,
            )
    if review.story == Story.EDITED_AFTER_VALIDATION and isinstance(record, Entity):
        # New figures for a validated entity send it back to draft.
        entity = Entity.objects.get(pk=record.pk)
        spec = next(e for e in s.spec.entities if e.name_en == entity.name_en)
        source = figures_source(s, spec.registration_status)
        figures_seed(s, entity, spec, derived.LATER_YEAR, source)


def _meeting(s: Seeding, agenda: list[WorkflowRecord]) -> CommitteeMeeting:
    spec = s.spec.meeting
    existing = CommitteeMeeting.objects.filter(
        country=s.country, place=spec.place
    ).first()
    if existing is not None:
        return existing
    return meetings_services.meeting_create(
        country=s.country,
        by=s.reviewers[0],
        data={
            "date": timezone.localdate(),
            "place": spec.place,
            "online": spec.online,
            "minutes": spec.minutes,
        },
        attendees=s.members[:5],
        agenda=agenda,
    )
