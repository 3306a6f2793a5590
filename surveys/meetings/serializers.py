"""Serializers of committee meetings and their agendas."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from countries.models import (
    CommitteeMeeting,
    CommitteeMember,
)
from surveys.api.fields import (
    CountryField,
    ReadModelSerializer,
    ScopedPrimaryKeyField,
    UsernameField,
    _user,
    _visible,
)
from surveys.api.strict import StrictModelSerializer, StrictSerializer
from surveys.record_types import RECORD_TYPES, record_type_of

MEETING_FIELDS = (
    "country",
    "date",
    "place",
    "online",
    "minutes",
    "attendees",
    "agenda",
)


class AgendaItemSerializer(StrictSerializer):
    record_type = serializers.ChoiceField(choices=list(RECORD_TYPES))
    record_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)


class MeetingSerializer(ReadModelSerializer):
    attendees: serializers.PrimaryKeyRelatedField[Any] = (
        serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    )
    agenda = serializers.SerializerMethodField()
    created_by = UsernameField()

    class Meta:
        model = CommitteeMeeting
        fields = ("id", *MEETING_FIELDS, "created_by", "created_at")
        read_only_fields = fields

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, meeting: CommitteeMeeting) -> list[dict[str, Any]]:
        return [
            {
                "record_type": record_type_of(item.content_type.model_class()).name,  # type: ignore[arg-type]
                "record_id": item.object_id,
            }
            for item in meeting.agenda.all()  # type: ignore[attr-defined]
        ]


class MeetingCreateSerializer(StrictModelSerializer):
    country = CountryField()
    attendees = ScopedPrimaryKeyField(
        scope=_visible(CommitteeMember),
        many=True,
        required=False,
        allow_empty=True,
    )
    agenda = AgendaItemSerializer(  # type: ignore[call-arg]
        many=True, required=False, max_length=500
    )

    class Meta:
        model = CommitteeMeeting
        fields = MEETING_FIELDS

    def validate_agenda(self, items: list[dict[str, Any]]) -> list[Any]:
        """The records themselves, each one the caller may read."""
        user = _user(self)
        records = []
        for item in items:
            model = RECORD_TYPES[item["record_type"]].model
            record = model.objects.visible_to(user).filter(pk=item["record_id"]).first()
            if record is None:
                raise serializers.ValidationError(
                    _("%(type)s %(id)s does not exist.")
                    % {"type": item["record_type"], "id": item["record_id"]}
                )
            records.append(record)
        return records
