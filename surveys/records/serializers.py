"""Serializers of case studies, capacity gaps and national definitions."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from countries.models import (
    NationalPriority,
)
from countries.vocabularies import (
    Actor,
    PrioritySector,
    SseType,
    Treatment,
)
from surveys.api.fields import (
    RECORD_READ_FIELDS,
    CountryField,
    ReadModelSerializer,
    ScopedPrimaryKeyField,
    UsernameField,
    VersionField,
    _visible,
)
from surveys.api.strict import StrictModelSerializer, StrictSerializer
from surveys.models import (
    DEFINITION_ELEMENTS,
    CapacityGap,
    CaseStudy,
    CaseStudyAttachment,
    DefinitionElement,
    Entity,
    NationalDefinition,
    Recommendation,
)
from surveys.records import services

# --- Case studies, capacity gaps, national definitions -----------------------------------


class AttachmentSerializer(ReadModelSerializer):
    url = serializers.SerializerMethodField(
        help_text=_("Where the file is downloaded, after the same access check.")
    )

    class Meta:
        model = CaseStudyAttachment
        fields = ("id", "caption", "consent_given", "uploaded_at", "url")
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_url(self, attachment: CaseStudyAttachment) -> str:
        return reverse(
            "case-study-attachment",
            kwargs={"pk": attachment.case_study_id, "attachment_pk": attachment.pk},
        )


class CaseStudySerializer(ReadModelSerializer):
    attachments = AttachmentSerializer(many=True, read_only=True)
    created_by = UsernameField()
    updated_by = UsernameField()

    class Meta:
        model = CaseStudy
        fields = (
            "id",
            "country",
            *services.CASE_STUDY_FIELDS,
            "attachments",
            *RECORD_READ_FIELDS,
        )
        read_only_fields = fields


class CaseStudyWriteSerializer(StrictModelSerializer):
    entities = ScopedPrimaryKeyField(
        scope=_visible(Entity), many=True, required=False, allow_empty=True
    )
    version = VersionField()

    class Meta:
        model = CaseStudy
        fields = (*services.CASE_STUDY_FIELDS, "version")


class CaseStudyCreateSerializer(CaseStudyWriteSerializer):
    country = CountryField()

    class Meta(CaseStudyWriteSerializer.Meta):
        fields = ("country", *services.CASE_STUDY_FIELDS)


class RecommendationSerializer(StrictModelSerializer):
    """What one actor should do about the gap."""

    actor = serializers.ChoiceField(choices=Actor.choices)
    text = serializers.CharField(max_length=5000)

    class Meta:
        model = Recommendation
        fields = ("actor", "text")


class CapacityGapSerializer(ReadModelSerializer):
    affected_sse_types = serializers.ListField(
        child=serializers.ChoiceField(choices=SseType.choices), read_only=True
    )
    affected_sectors = serializers.ListField(
        child=serializers.ChoiceField(choices=PrioritySector.choices), read_only=True
    )
    recommendations = RecommendationSerializer(many=True, read_only=True)
    created_by = UsernameField()
    updated_by = UsernameField()

    class Meta:
        model = CapacityGap
        fields = (
            "id",
            "country",
            *services.CAPACITY_GAP_FIELDS,
            "recommendations",
            *RECORD_READ_FIELDS,
        )
        read_only_fields = fields


class CapacityGapWriteSerializer(StrictModelSerializer):
    affected_sse_types = serializers.ListField(
        child=serializers.ChoiceField(choices=SseType.choices),
        required=False,
        max_length=len(SseType.choices),
    )
    affected_sectors = serializers.ListField(
        child=serializers.ChoiceField(choices=PrioritySector.choices),
        required=False,
        max_length=len(PrioritySector.choices),
    )
    national_priority = ScopedPrimaryKeyField(
        scope=_visible(NationalPriority), allow_null=True, required=False
    )
    recommendations = RecommendationSerializer(
        many=True,
        required=False,
        help_text=_(
            "What each actor should do about the gap; given, they replace the "
            "stored recommendations."
        ),
    )
    version = VersionField()

    class Meta:
        model = CapacityGap
        fields = (*services.CAPACITY_GAP_FIELDS, "recommendations", "version")


class CapacityGapCreateSerializer(CapacityGapWriteSerializer):
    country = CountryField()

    class Meta(CapacityGapWriteSerializer.Meta):
        fields = ("country", *services.CAPACITY_GAP_FIELDS, "recommendations")


class DefinitionElementSerializer(StrictModelSerializer):
    class Meta:
        model = DefinitionElement
        fields = ("element", "treatment", "national_wording", "rationale")


class NationalDefinitionSerializer(ReadModelSerializer):
    elements = DefinitionElementSerializer(many=True, read_only=True)
    rule_version = serializers.CharField(read_only=True)
    created_by = UsernameField()
    updated_by = UsernameField()

    class Meta:
        model = NationalDefinition
        fields = (
            "id",
            "country",
            "number",
            *services.DEFINITION_FIELDS,
            "rule_version",
            "draft_effect",
            "elements",
            *RECORD_READ_FIELDS,
        )
        read_only_fields = fields


class NationalDefinitionCreateSerializer(StrictModelSerializer):
    """A new version; what is left out is carried over from the newest version."""

    country = CountryField()

    class Meta:
        model = NationalDefinition
        fields = ("country", *services.DEFINITION_FIELDS)
        extra_kwargs = {"title": {"required": False}}


class DefinitionElementWriteSerializer(StrictSerializer):
    element = serializers.ChoiceField(choices=DEFINITION_ELEMENTS)
    treatment = serializers.ChoiceField(
        choices=Treatment.choices,
        required=False,
    )
    national_wording = serializers.CharField(required=False, allow_blank=True)
    rationale = serializers.CharField(required=False, allow_blank=True)


class NationalDefinitionUpdateSerializer(StrictModelSerializer):
    elements = DefinitionElementWriteSerializer(  # type: ignore[call-arg]
        many=True, required=False, max_length=len(DEFINITION_ELEMENTS)
    )
    version = VersionField()

    class Meta:
        model = NationalDefinition
        fields = (*services.DEFINITION_FIELDS, "elements", "version")
