"""The committee's comments of the latest return, read where the fix is made: beside
each field of the record's edit form, with the consultant's "resolved" marks, and on
the review page of the next round."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import QueryDict

from countries.selectors import AnyUser
from countries.vocabularies import WorkflowState
from surveys import access
from surveys.audit import audit
from surveys.display import field_label
from surveys.models import CommentResolution, ReviewDecision, WorkflowRecord

# The key of the decision's general comment: in `CommentResolution.field`, and the
# value its box posts (a field key is never empty).
GENERAL = ""
GENERAL_POSTED = "-"
POSTED_NAME = "resolved_comment"


@dataclass(frozen=True)
class ReturnComment:
    key: str
    label: str
    text: str
    resolved: bool

    @property
    def posted_value(self) -> str:
        return self.key or GENERAL_POSTED


@dataclass(frozen=True)
class ReturnComments:
    """One return decision's comments, the general one first, with their marks."""

    decision: ReviewDecision
    comments: list[ReturnComment] = field(default_factory=list)

    def for_field(self, key: str) -> ReturnComment | None:
        return next((c for c in self.comments if c.key == key and key), None)

    def apart_from(self, keys: Collection[str]) -> list[ReturnComment]:
        """The general comment and those on parts not among `keys` (a form's fields)."""
        return [c for c in self.comments if not c.key or c.key not in keys]

    @property
    def resolved_count(self) -> int:
        return sum(c.resolved for c in self.comments)


def _latest_return(record: WorkflowRecord) -> ReviewDecision | None:
    return (
        ReviewDecision.objects.filter(
            content_type=ContentType.objects.get_for_model(type(record)),
            object_id=record.pk,
            decision=ReviewDecision.Decision.RETURN,
        )
        .select_related("reviewer", "meeting")
        .order_by("-decided_at", "-id")
        .first()
    )


def _comments_of(record: WorkflowRecord, decision: ReviewDecision) -> ReturnComments:
    resolved = set(decision.resolutions.values_list("field", flat=True))
    model = type(record)
    comments = []
    if decision.comment.strip():
        comments.append(
            ReturnComment(GENERAL, "", decision.comment, GENERAL in resolved)
        )
    comments += [
        ReturnComment(key, field_label(model, key), text, key in resolved)
        for key, text in decision.field_comments.items()
        if key and text
    ]
    return ReturnComments(decision=decision, comments=comments)


def return_comments_to_fix(record: WorkflowRecord) -> ReturnComments | None:
    """The comments of the return the record is in, for its edit form."""
    if record.pk is None or record.workflow_state != WorkflowState.RETURNED:
        return None
    decision = _latest_return(record)
    return _comments_of(record, decision) if decision is not None else None


def return_comments_answered(record: WorkflowRecord) -> ReturnComments | None:
    """The comments of the previous round's return, once the record is back with the
    committee: what they asked and what the consultant marked resolved."""
    if record.workflow_state == WorkflowState.RETURNED:
        return None
    decision = _latest_return(record)
    if decision is None or decision.review_round >= record.review_round:
        return None
    return _comments_of(record, decision)


def resolved_posted(post: QueryDict) -> set[str]:
    """The comment keys whose "resolved" boxes an edit form posted ticked."""
    return {
        GENERAL if value == GENERAL_POSTED else value
        for value in post.getlist(POSTED_NAME)
    }


@transaction.atomic
def comment_resolutions_save(
    *, record: WorkflowRecord, by: AnyUser, resolved: Collection[str]
) -> None:
    """Keep the marks of the comments the consultant ticked as resolved, and only
    those, on the return the record is in. Nothing to do outside a return."""
    access.require(by, "record.edit", record)
    comments = return_comments_to_fix(record)
    if comments is None:
        return
    before = {c.key for c in comments.comments if c.resolved}
    after = {c.key for c in comments.comments if c.key in resolved}
    if before == after:
        return
    decision = comments.decision
    CommentResolution.objects.filter(
        decision=decision, field__in=before - after
    ).delete()
    CommentResolution.objects.bulk_create(
        CommentResolution(decision=decision, field=key, resolved_by=by)  # type: ignore[misc]
        for key in after - before
    )
    audit(
        record=record,
        by=by,
        action="comments resolved",
        changes={
            key or "comment": [_mark(key in before), _mark(key in after)]
            for key in sorted(before ^ after)
        },
    )


def _mark(resolved: bool) -> str:
    return "resolved" if resolved else "open"
