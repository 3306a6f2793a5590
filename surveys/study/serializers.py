"""Serializers of the study records; a sampling frame's counts are nested in it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from countries.models import AdminArea, MacroRegion
from countries.vocabularies import SseType, SupportKind
from surveys.api.fields import (
    RECORD_READ_FIELDS,
    CountryField,
    ReadModelSerializer,
    UsernameField,
    VersionField,
)
from surveys.api.strict import StrictModelSerializer
from surveys.models import (
    FrameCount,
    LegalInstrument,
    SamplingFrame,
    StudyMethodology,
    SupportInstitution,
)
from surveys.study import services


def _codes(choices: Any, **kwargs: Any) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(choices=choices),
        max_length=len(choices),
        **kwargs,
    )


class _Read(ReadModelSerializer):
    created_by = UsernameField()
    updated_by = UsernameField()


class LegalInstrumentSerializer(_Read):
    sse_types = _codes(SseType.choices, read_only=True)

    class Meta:
        model = LegalInstrument
        fields = (
            "id",
            "country",
            *services.LEGAL_INSTRUMENT_FIELDS,
            *RECORD_READ_FIELDS,
        )
        read_only_fields = fields


class LegalInstrumentWriteSerializer(StrictModelSerializer):
    sse_types = _codes(SseType.choices, required=False)
    version = VersionField()

    class Meta:
        model = LegalInstrument
        fields = (*services.LEGAL_INSTRUMENT_FIELDS, "version")


class LegalInstrumentCreateSerializer(LegalInstrumentWriteSerializer):
    country = CountryField()

    class Meta(LegalInstrumentWriteSerializer.Meta):
        fields = ("country", *services.LEGAL_INSTRUMENT_FIELDS)


class SupportInstitutionSerializer(_Read):
    support_kinds = _codes(SupportKind.choices, read_only=True)
    sse_types = _codes(SseType.choices, read_only=True)

    class Meta:
        model = SupportInstitution
        fields = (
            "id",
            "country",
            *services.SUPPORT_INSTITUTION_FIELDS,
            *RECORD_READ_FIELDS,
        )
        read_only_fields = fields


class SupportInstitutionWriteSerializer(StrictModelSerializer):
    support_kinds = _codes(SupportKind.choices, required=False)
    sse_types = _codes(SseType.choices, required=False)
    version = VersionField()

    class Meta:
        model = SupportInstitution
        fields = (*services.SUPPORT_INSTITUTION_FIELDS, "version")


class SupportInstitutionCreateSerializer(SupportInstitutionWriteSerializer):
    country = CountryField()

    class Meta(SupportInstitutionWriteSerializer.Meta):
        fields = ("country", *services.SUPPORT_INSTITUTION_FIELDS)


class FrameCountSerializer(StrictModelSerializer):
    """One registered total: an SSE type in a first-level area or a macro-region of
    the frame's country (one of the two)."""

    area = serializers.PrimaryKeyRelatedField(
        queryset=AdminArea.objects.filter(level=1), allow_null=True, required=False
    )
    macro_region = serializers.PrimaryKeyRelatedField(
        queryset=MacroRegion.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = FrameCount
        fields = services.FRAME_COUNT_FIELDS


class SamplingFrameSerializer(_Read):
    counts = FrameCountSerializer(many=True, read_only=True)

    class Meta:
        model = SamplingFrame
        fields = (
            "id",
            "country",
            *services.SAMPLING_FRAME_FIELDS,
            "counts",
            *RECORD_READ_FIELDS,
        )
        read_only_fields = fields


class SamplingFrameWriteSerializer(StrictModelSerializer):
    counts = FrameCountSerializer(
        many=True,
        required=False,
        help_text=_("The registered totals; given, they replace the stored ones."),
    )
    version = VersionField()

    class Meta:
        model = SamplingFrame
        fields = (*services.SAMPLING_FRAME_FIELDS, "counts", "version")


class SamplingFrameCreateSerializer(SamplingFrameWriteSerializer):
    country = CountryField()

    class Meta(SamplingFrameWriteSerializer.Meta):
        fields = ("country", *services.SAMPLING_FRAME_FIELDS, "counts")


class StudyMethodologySerializer(_Read):
    class Meta:
        model = StudyMethodology
        fields = (
            "id",
            "country",
            *services.STUDY_METHODOLOGY_FIELDS,
            *RECORD_READ_FIELDS,
        )
        read_only_fields = fields


class StudyMethodologyWriteSerializer(StrictModelSerializer):
    version = VersionField()

    class Meta:
        model = StudyMethodology
        fields = (*services.STUDY_METHODOLOGY_FIELDS, "version")


class StudyMethodologyCreateSerializer(StudyMethodologyWriteSerializer):
    country = CountryField()

    class Meta(StudyMethodologyWriteSerializer.Meta):
        fields = ("country", *services.STUDY_METHODOLOGY_FIELDS)
