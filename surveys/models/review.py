"""The audit history, review decisions and meeting agenda items."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from countries.models import (
    Country,
)
from surveys.models.base import CountryScopedQuerySet


class AuditEvent(models.Model):
    """Who changed what, when: one row per change to a finding."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    changes = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor} at {self.at:%Y-%m-%d %H:%M}"


class ReviewDecision(models.Model):
    """One committee member's decision on one version of a record. Never changed."""

    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approve")
        RETURN = "return", _("Return for changes")
        REJECT = "reject", _("Reject")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="review_decisions",
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    comment = models.TextField(_("comment"), blank=True)
    field_comments = models.JSONField(_("comments per field"), default=dict, blank=True)
    meeting = models.ForeignKey(
        "countries.CommitteeMeeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    record_version = models.PositiveIntegerField()
    # The round of review this decision belongs to: the record's `review_round`, and
    # when that round started (the submission, or the first decision without one).
    review_round = models.PositiveIntegerField(default=0)
    round_started_at = models.DateTimeField()
    decided_at = models.DateTimeField(auto_now_add=True)

    objects = CountryScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-decided_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=["approve", "return", "reject"]),
                name="review_decision_code",
            ),
            # One decision per member and round. Round 0 gathers the decisions made
            # before rounds were counted, where a member may have several.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "review_round", "reviewer"],
                condition=Q(review_round__gt=0),
                name="review_decision_once_per_round",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} by {self.reviewer}"


class MeetingAgendaItem(models.Model):
    """A record put on a committee meeting's agenda."""

    meeting = models.ForeignKey(
        "countries.CommitteeMeeting", on_delete=models.CASCADE, related_name="agenda"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "content_type", "object_id"],
                name="agenda_item_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}"


class CommentResolution(models.Model):
    """A consultant's mark that one comment of a return decision is dealt with.

    `field` is the commented field's key, or empty for the decision's general comment.
    The committee sees the marks beside the comments when the record comes back.
    """

    decision = models.ForeignKey(
        ReviewDecision, on_delete=models.CASCADE, related_name="resolutions"
    )
    field = models.CharField(max_length=80, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decision", "field"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "field"], name="comment_resolution_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.field or 'comment'} resolved by {self.resolved_by}"
