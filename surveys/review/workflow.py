"""Validation workflow (DESIGN §5): submit, review decisions with a quorum, reopen.

`draft → submitted → in_review → validated | returned | rejected`; `returned → submitted`
after edits; an edited validated record goes back to draft; staff reopen.
Every transition is checked here and audited; an illegal one changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from countries.models import CommitteeMeeting
from countries.selectors import AnyUser, roles_in
from countries.vocabularies import Role, WorkflowState
from sse_mapping.exceptions import ApplicationError, NotAllowedError
from surveys.audit import audit
from surveys.entities.classification import country_reclassify_queue
from surveys.entities.derived import missing_for_submission
from surveys.models import (
    AuditEvent,
    CapacityGap,
    CaseStudy,
    Entity,
    NationalDefinition,
    ReviewDecision,
    WorkflowRecord,
)
from surveys.record_types import RECORD_TYPE_LABELS, record_type_of

Decision = ReviewDecision.Decision
AWAITING_REVIEW = (WorkflowState.SUBMITTED, WorkflowState.IN_REVIEW)


def _label(record: WorkflowRecord) -> str:
    code = getattr(record, "code", "") or f"#{record.pk}"
    return f"{RECORD_TYPE_LABELS[record_type_of(record)]} {code} “{record}”"


def missing_before_submission(record: WorkflowRecord) -> list[str]:
    """What must be filled before a committee can review this record."""
    if isinstance(record, Entity):
        return missing_for_submission(record)
    if isinstance(record, CaseStudy):
        missing = []
        if not record.gender_analysis.strip():
            missing.append(_("gender analysis"))
        if not record.summary.strip():
            missing.append(_("summary"))
        return missing
    if isinstance(record, CapacityGap):
        return [] if record.evidence.strip() else [_("evidence")]
    if isinstance(record, NationalDefinition):
        return (
            []
            if (record.text_en or record.text_local).strip()
            else [_("definition text")]
        )
    return []


def editors_of(record: WorkflowRecord) -> set[int]:
    """Everyone who created or changed the record: they may not review it."""
    actors = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
    ).exclude(action__in=["submitted", "reviewed", "reopened"])
    ids = set(actors.exclude(actor__isnull=True).values_list("actor_id", flat=True))
    return ids | {record.created_by_id}


def _lock(record: WorkflowRecord) -> WorkflowRecord:
    return type(record).objects.select_for_update().get(pk=record.pk)


@transaction.atomic
def record_submit(*, record: WorkflowRecord, by: AnyUser) -> WorkflowRecord:
    record = _lock(record)
    if Role.CONSULTANT not in roles_in(user=by, country=record.country):
        raise NotAllowedError(
            _("Only the country's national consultants submit records.")
        )
    if record.workflow_state not in (WorkflowState.DRAFT, WorkflowState.RETURNED):
        raise ApplicationError(
            _(
                "%(record)s is %(state)s; only drafts and returned records can be submitted."
            )
            % {"record": _label(record), "state": record.get_workflow_state_display()}
        )
    missing = missing_before_submission(record)
    if missing:
        raise ApplicationError(
            _("%(record)s cannot be submitted yet. Still missing: %(missing)s.")
            % {"record": _label(record), "missing": "; ".join(missing)}
        )
    before = record.workflow_state
    record.workflow_state = WorkflowState.SUBMITTED
    record.submitted_at = timezone.now()
    record.save(update_fields=["workflow_state", "submitted_at", "updated_at"])
    audit(
        record=record,
        by=by,
        action="submitted",
        changes={"workflow_state": [before, record.workflow_state]},
    )
    return record


def _check_reviewer(record: WorkflowRecord, by: AnyUser) -> None:
    if Role.COMMITTEE not in roles_in(user=by, country=record.country):
        raise NotAllowedError(
            _(
                "Only members of the national advisory committee of %(country)s review its records."
            )
            % {"country": record.country.name}
        )
    if by.pk in editors_of(record):
        raise ApplicationError(
            _("You created or edited %(record)s, so you cannot review it.")
            % {"record": _label(record)}
        )
    if record.workflow_state not in AWAITING_REVIEW:
        raise ApplicationError(
            _("%(record)s is %(state)s and is not awaiting review.")
            % {"record": _label(record), "state": record.get_workflow_state_display()}
        )


def _round_decisions(record: WorkflowRecord) -> Any:
    return ReviewDecision.objects.filter(  # type: ignore[misc]
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
        round_started_at=record.submitted_at,
    )


@transaction.atomic
def review_decide(
    *,
    record: WorkflowRecord,
    by: AnyUser,
    decision: str,
    comment: str = "",
    field_comments: dict[str, str] | None = None,
    meeting: CommitteeMeeting | None = None,
) -> ReviewDecision:
    """Record one reviewer's decision and move the record on.

    Approvals count towards the country's quorum; a record is validated when that many
    distinct committee members approved it in this round. A return or a rejection
    takes effect at once.
    """
    record = _lock(record)
    _check_reviewer(record, by)
    if decision not in Decision.values:
        raise ApplicationError(_("Choose approve, return or reject."))
    if decision in (Decision.RETURN, Decision.REJECT) and not (
        comment.strip() or any((field_comments or {}).values())
    ):
        raise ApplicationError(
            _("Say why: a return or a rejection needs a comment for the consultant."),
            field_errors={"comment": [_("A comment is required to return or reject.")]},
        )
    if meeting is not None and meeting.country_id != record.country_id:
        raise ApplicationError(_("Choose a meeting of this country's committee."))
    round_decisions = _round_decisions(record)
    if round_decisions.filter(reviewer=by).exists():
        raise ApplicationError(
            _("You already decided on %(record)s in this round of review.")
            % {"record": _label(record)}
        )
    review = ReviewDecision.objects.create(  # type: ignore[misc]
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
        country=record.country,
        reviewer=by,
        decision=decision,
        comment=comment.strip(),
        field_comments={k: v for k, v in (field_comments or {}).items() if v},
        meeting=meeting,
        record_version=record.version,
        round_started_at=record.submitted_at or timezone.now(),
    )
    before = record.workflow_state
    if decision == Decision.RETURN:
        record.workflow_state = WorkflowState.RETURNED
    elif decision == Decision.REJECT:
        record.workflow_state = WorkflowState.REJECTED
    else:
        approvals = (
            round_decisions.filter(decision=Decision.APPROVE)
            .values("reviewer")
            .distinct()
            .count()
        )
        quorum = max(record.country.review_quorum, 1)
        record.workflow_state = (
            WorkflowState.VALIDATED if approvals >= quorum else WorkflowState.IN_REVIEW
        )
    record.save(update_fields=["workflow_state", "updated_at"])
    audit(
        record=record,
        by=by,
        action="reviewed",
        changes={"workflow_state": [before, record.workflow_state]},
        note=f"{review.get_decision_display()}: {review.comment}".strip(": "),
    )
    _rule_in_force_moved(record, before, by)
    if record.workflow_state != before and record.workflow_state in (
        WorkflowState.RETURNED,
        WorkflowState.VALIDATED,
        WorkflowState.REJECTED,
    ):
        from surveys.review.tasks import notify_decision

        notify_decision.delay_on_commit(review.pk, record.workflow_state)
    return review


@transaction.atomic
def review_decide_many(
    *,
    records: Sequence[WorkflowRecord],
    by: AnyUser,
    decision: str,
    comment: str = "",
    meeting: CommitteeMeeting | None = None,
) -> list[ReviewDecision]:
    """Decide on many records with one comment: all of them, or none."""
    if not records:
        raise ApplicationError(_("Select at least one record."))
    return [
        review_decide(
            record=r, by=by, decision=decision, comment=comment, meeting=meeting
        )
        for r in records
    ]


@transaction.atomic
def record_reopen(
    *, record: WorkflowRecord, by: AnyUser, reason: str = ""
) -> WorkflowRecord:
    """Staff send a validated or rejected record back to draft for another round."""
    record = _lock(record)
    roles = roles_in(user=by, country=record.country)
    if not roles & {Role.STAFF, Role.ADMIN}:
        raise NotAllowedError(_("Only staff can reopen a record."))
    if record.workflow_state not in (WorkflowState.VALIDATED, WorkflowState.REJECTED):
        raise ApplicationError(
            _(
                "%(record)s is %(state)s; only validated or rejected records can be reopened."
            )
            % {"record": _label(record), "state": record.get_workflow_state_display()}
        )
    before = record.workflow_state
    record.workflow_state = WorkflowState.DRAFT
    record.save(update_fields=["workflow_state", "updated_at"])
    audit(
        record=record,
        by=by,
        action="reopened",
        changes={"workflow_state": [before, record.workflow_state]},
        note=reason,
    )
    _rule_in_force_moved(record, before, by)
    return record


def _rule_in_force_moved(record: WorkflowRecord, before: str, by: AnyUser) -> None:
    """A national definition validated or reopened changes the country's rule in
    force: its entities are re-classified, each change audited."""
    if isinstance(record, NationalDefinition) and WorkflowState.VALIDATED in (
        before,
        record.workflow_state,
    ):
        country_reclassify_queue(country=record.country, by=by)


def decisions_for(record: WorkflowRecord) -> Any:
    """The decisions on a record, newest first (for its timeline)."""
    return ReviewDecision.objects.filter(
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
    ).select_related("reviewer", "meeting")


def awaiting_review_filter() -> Q:
    return Q(workflow_state__in=AWAITING_REVIEW)
