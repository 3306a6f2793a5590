"""Validation workflow (DESIGN §5): how a record moves, in `TRANSITIONS`, and the one
`transition` that moves it.

`draft → submitted → in_review → validated | returned | rejected`; `returned → submitted`
after edits; an edited validated record goes back to draft; staff reopen. Who may make
each move is `access.POLICY`'s; an illegal move changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from countries.models import CommitteeMeeting, Country
from countries.selectors import AnyUser
from countries.vocabularies import WorkflowState
from sse_mapping.exceptions import ApplicationError
from surveys import access
from surveys.audit import audit
from surveys.jobs.outbox import notification_queue
from surveys.models import (
    Notification,
    ReviewDecision,
    WorkflowRecord,
)
from surveys.record_types import missing_for_submission, record_type_of

Decision = ReviewDecision.Decision
AWAITING_REVIEW = tuple(sorted(access.AWAITING_REVIEW))


def _label(record: WorkflowRecord) -> str:
    code = getattr(record, "code", "") or f"#{record.pk}"
    return f"{record_type_of(record).label} {code} “{record}”"


def round_decisions(record: WorkflowRecord) -> Any:
    """The decisions of the record's current round of review."""
    decisions = ReviewDecision.objects.filter(  # type: ignore[misc]
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
    )
    return decisions.filter(review_round=record.review_round)


def quorum_of(country: Country) -> int:
    """How many distinct committee members must approve: the country's setting, at least one."""
    return max(country.review_quorum, 1)


# (move, from state) → to state. A move not listed is refused from that state.
TRANSITIONS: dict[tuple[str, str], str] = {
    ("submit", WorkflowState.DRAFT): WorkflowState.SUBMITTED,
    ("submit", WorkflowState.RETURNED): WorkflowState.SUBMITTED,
    ("approve", WorkflowState.SUBMITTED): WorkflowState.IN_REVIEW,
    ("approve", WorkflowState.IN_REVIEW): WorkflowState.IN_REVIEW,
    ("return", WorkflowState.SUBMITTED): WorkflowState.RETURNED,
    ("return", WorkflowState.IN_REVIEW): WorkflowState.RETURNED,
    ("reject", WorkflowState.SUBMITTED): WorkflowState.REJECTED,
    ("reject", WorkflowState.IN_REVIEW): WorkflowState.REJECTED,
    ("reopen", WorkflowState.VALIDATED): WorkflowState.DRAFT,
    ("reopen", WorkflowState.REJECTED): WorkflowState.DRAFT,
    ("edit", WorkflowState.VALIDATED): WorkflowState.DRAFT,
}
# The quorum rule: the approval that makes `quorum_of(country)` distinct approvals in
# the round moves the record here instead.
ON_QUORUM: dict[str, str] = {"approve": WorkflowState.VALIDATED}
# The `access.POLICY` row that says who may make each move, and the audit action.
MOVE_ACCESS: dict[str, str] = {
    "submit": "record.submit",
    "approve": "record.review",
    "return": "record.review",
    "reject": "record.review",
    "reopen": "record.reopen",
    "edit": "record.edit",
}
AUDITED_AS: dict[str, str] = {
    "submit": "submitted",
    "approve": "reviewed",
    "return": "reviewed",
    "reject": "reviewed",
    "reopen": "reopened",
}
# A decision that leaves the record in one of these states is mailed to the consultants.
NOTIFIED_STATES = (
    WorkflowState.RETURNED,
    WorkflowState.VALIDATED,
    WorkflowState.REJECTED,
)


class MoveContext(TypedDict, total=False):
    """What a move may carry: the reason for a reopening; a decision's comments and
    meeting, and whether to mail its outcome (`notify`, True unless given)."""

    reason: str
    comment: str
    field_comments: dict[str, str] | None
    meeting: CommitteeMeeting | None
    notify: bool


@dataclass
class Moved:
    record: WorkflowRecord
    decision: ReviewDecision | None = None


def _lock(record: WorkflowRecord) -> WorkflowRecord:
    return type(record).objects.select_for_update().get(pk=record.pk)


def _check_complete(record: WorkflowRecord) -> None:
    missing = missing_for_submission(record)
    if missing:
        raise ApplicationError(
            _("%(record)s cannot be submitted yet. Still missing: %(missing)s.")
            % {"record": access.describe(record), "missing": "; ".join(missing)}
        )


def _decide(
    record: WorkflowRecord, move: str, by: AnyUser, context: MoveContext
) -> ReviewDecision:
    """Check and keep one committee member's decision in the record's round."""
    comment = context.get("comment", "").strip()
    field_comments = context.get("field_comments") or {}
    meeting = context.get("meeting")
    if move != Decision.APPROVE and not (comment or any(field_comments.values())):
        raise ApplicationError(
            _("Say why: a return or a rejection needs a comment for the consultant."),
            field_errors={"comment": [_("A comment is required to return or reject.")]},
        )
    if meeting is not None and meeting.country_id != record.country_id:
        raise ApplicationError(_("Choose a meeting of this country's committee."))
    already = ApplicationError(
        _("You already decided on %(record)s in this round of review.")
        % {"record": access.describe(record)}
    )
    if round_decisions(record).filter(reviewer=by).exists():
        raise already
    try:
        with transaction.atomic():
            return ReviewDecision.objects.create(  # type: ignore[misc]
                content_type=ContentType.objects.get_for_model(type(record)),
                object_id=record.pk,
                country=record.country,
                reviewer=by,
                decision=move,
                comment=comment,
                field_comments={k: v for k, v in field_comments.items() if v},
                meeting=meeting,
                record_version=record.version,
                review_round=record.review_round,
                round_started_at=record.submitted_at or timezone.now(),
            )
    except IntegrityError as error:
        # The database's one-decision-per-round constraint.
        raise already from error


def _quorum_reached(record: WorkflowRecord) -> bool:
    approvals = (
        round_decisions(record)
        .filter(decision=Decision.APPROVE)
        .values("reviewer")
        .distinct()
        .count()
    )
    return bool(approvals >= quorum_of(record.country))


@transaction.atomic
def transition(
    record: WorkflowRecord, move: str, by: AnyUser, **context: Unpack[MoveContext]
) -> Moved:
    """Make one move of `TRANSITIONS` on the record: lock its row, check who may make
    it (`access.POLICY`) and that it leaves the current state, apply it, audit it and
    queue the mail about a decision."""
    if move not in AUDITED_AS:
        raise ApplicationError(_("A record cannot move that way."))
    record = _lock(record)
    access.require(by, MOVE_ACCESS[move], record)
    before = record.workflow_state
    after = TRANSITIONS.get((move, before))
    if after is None:
        raise ApplicationError(
            _("%(record)s is %(state)s and cannot move that way now.")
            % {
                "record": access.describe(record),
                "state": record.get_workflow_state_display(),
            }
        )
    fields = ["workflow_state", "updated_at"]
    decision = None
    note = context.get("reason", "")
    if move == "submit":
        _check_complete(record)
        record.submitted_at = timezone.now()
        record.review_round += 1
        fields += ["submitted_at", "review_round"]
    elif move in Decision.values:
        decision = _decide(record, move, by, context)
        note = f"{decision.get_decision_display()}: {decision.comment}".strip(": ")
        if move in ON_QUORUM and _quorum_reached(record):
            after = ON_QUORUM[move]
    record.workflow_state = after
    record.save(update_fields=fields)
    audit(
        record=record,
        by=by,
        action=AUDITED_AS[move],
        changes={"workflow_state": [before, after]},
        note=note,
    )
    record_type_of(record).after_move(record, before=before, by=by)
    notify = context.get("notify", True)
    if notify and decision is not None and after != before and after in NOTIFIED_STATES:
        notification_queue(
            kind=Notification.Kind.DECISION, decision_id=decision.pk, state=after
        )
    return Moved(record=record, decision=decision)


def move_after_edit(record: WorkflowRecord) -> bool:
    """Move a record being edited as `TRANSITIONS` say (a validated one goes back to
    draft: it needs validating again); whether its state changed."""
    after = TRANSITIONS.get(("edit", record.workflow_state))
    if after is None:
        return False
    record.workflow_state = after
    return True


def record_submit(*, record: WorkflowRecord, by: AnyUser) -> WorkflowRecord:
    return transition(record, "submit", by).record


def review_decide(
    *,
    record: WorkflowRecord,
    by: AnyUser,
    decision: str,
    comment: str = "",
    field_comments: dict[str, str] | None = None,
    meeting: CommitteeMeeting | None = None,
    notify: bool = True,
) -> ReviewDecision:
    """Record one reviewer's decision and move the record on.

    Approvals count towards the country's quorum; a record is validated when that many
    distinct committee members approved it in this round. A return or a rejection
    takes effect at once. Unless `notify` is False, the record's people are told when
    it is returned, validated or rejected.
    """
    if decision not in Decision.values:
        raise ApplicationError(_("Choose approve, return or reject."))
    moved = transition(
        record,
        decision,
        by,
        comment=comment,
        field_comments=field_comments,
        meeting=meeting,
        notify=notify,
    )
    assert moved.decision is not None
    return moved.decision


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


def record_reopen(
    *, record: WorkflowRecord, by: AnyUser, reason: str = ""
) -> WorkflowRecord:
    """Staff send a validated or rejected record back to draft for another round."""
    return transition(record, "reopen", by, reason=reason).record


def decisions_for(record: WorkflowRecord) -> Any:
    """The decisions on a record, newest first (for its timeline)."""
    return ReviewDecision.objects.filter(
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
    ).select_related("reviewer", "meeting")


def awaiting_review_filter() -> Q:
    return Q(workflow_state__in=AWAITING_REVIEW)
