"""Serializers of review decisions, workflow outcomes and meetings."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from countries.models import (
    CommitteeMeeting,
)
from surveys.api.fields import (
    ReadModelSerializer,
    ScopedPrimaryKeyField,
    UsernameField,
    _visible,
)
from surveys.api.strict import StrictSerializer
from surveys.models import (
    ReviewDecision,
)
from surveys.record_types import RECORD_TYPES, record_type_of

# --- Review and meetings ---------------------------------------------------------------


class ReviewDecisionSerializer(ReadModelSerializer):
    record_type = serializers.SerializerMethodField()
    record_id = serializers.IntegerField(source="object_id", read_only=True)
    reviewer = UsernameField()
    field_comments = serializers.DictField(
        child=serializers.CharField(), read_only=True
    )

    class Meta:
        model = ReviewDecision
        fields = (
            "id",
            "record_type",
            "record_id",
            "country",
            "reviewer",
            "decision",
            "comment",
            "field_comments",
            "meeting",
            "record_version",
            "round_started_at",
            "decided_at",
        )
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=list(RECORD_TYPES)))
    def get_record_type(self, review: ReviewDecision) -> str:
        return record_type_of(review.content_type.model_class()).name  # type: ignore[arg-type]


class DecisionSerializer(StrictSerializer):
    decision = serializers.ChoiceField(choices=ReviewDecision.Decision.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    field_comments = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text=_("Comments on single fields, by field name."),
    )
    meeting = ScopedPrimaryKeyField(
        scope=_visible(CommitteeMeeting), allow_null=True, required=False
    )


class ReopenSerializer(StrictSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class WorkflowOutcomeSerializer(StrictSerializer):
    """Where a record stands after a workflow action."""

    id = serializers.IntegerField()
    record_type = serializers.ChoiceField(choices=list(RECORD_TYPES))
    workflow_state = serializers.CharField()
    version = serializers.IntegerField()
    review = ReviewDecisionSerializer(
        allow_null=True, help_text=_("The decision just recorded, for `decide`.")
    )
