"""Serializers of entities, their figures and assessments."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from countries.vocabularies import (
    ModerationFlag,
    PrioritySector,
    TargetGroup,
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
from surveys.entities import services
from surveys.models import (
    PEOPLE_GROUPS,
    Affiliation,
    Entity,
    EntityFigures,
    LegalFormChange,
    PrinciplesAssessment,
    Source,
)
from surveys.principles.reasons import reasons_text

# --- Entities -------------------------------------------------------------------------


# What names an entity, first in every answer about one.
ENTITY_KEY_FIELDS = ("id", "uid", "code", "country")


class ReasonsField(serializers.ListField):
    """A classification's reasons as text in the language of the request."""

    child = serializers.CharField()

    def to_representation(self, data: Any) -> list[str]:
        return reasons_text(data)


class EntityListSerializer(ReadModelSerializer):
    """The light shape of the entity list: enough to find and sort, no nested parts."""

    classification_provisional = serializers.BooleanField(read_only=True)
    priority_sectors = serializers.ListField(
        child=serializers.ChoiceField(choices=PrioritySector.choices), read_only=True
    )
    flags = serializers.ListField(
        child=serializers.ChoiceField(choices=ModerationFlag.choices), read_only=True
    )
    area_name = serializers.CharField(
        source="area.name_en", read_only=True, allow_null=True
    )

    class Meta:
        model = Entity
        fields = (
            *ENTITY_KEY_FIELDS,
            "name_local",
            "name_en",
            "acronym",
            "area",
            "area_name",
            "sse_type",
            "legal_form",
            "registration_status",
            "main_activity",
            "year_established",
            "activity_status",
            "classification",
            "classification_provisional",
            "women_led",
            "priority_sectors",
            "flags",
            "workflow_state",
            "version",
            "updated_at",
        )
        read_only_fields = fields


PEOPLE_FIELDS = tuple(
    f"{prefix}_{part}"
    for prefix, _label in PEOPLE_GROUPS
    for part in ("total", "women", "men")
)
# One year's figures, in the order both the answer and the request list them.
FIGURES_API_FIELDS = (
    "source",
    *PEOPLE_FIELDS,
    "chair_sex",
    "manager_sex",
    "turnover",
    "assets",
    "pay_women_monthly",
    "pay_men_monthly",
    "currency",
)


class NotDisaggregatedSerializer(StrictSerializer):
    """Per group, people in the total counted as neither women nor men."""

    def get_fields(self) -> dict[str, serializers.Field]:
        return {
            prefix: serializers.IntegerField(allow_null=True)
            for prefix, _label in PEOPLE_GROUPS
        }


class FiguresSerializer(ReadModelSerializer):
    not_disaggregated = serializers.SerializerMethodField()

    class Meta:
        model = EntityFigures
        fields = (
            "reference_year",
            *FIGURES_API_FIELDS,
            "not_disaggregated",
        )
        read_only_fields = fields

    @extend_schema_field(NotDisaggregatedSerializer)
    def get_not_disaggregated(self, figures: EntityFigures) -> dict[str, int | None]:
        return {
            prefix: figures.not_disaggregated(prefix)
            for prefix, _label in PEOPLE_GROUPS
        }


class FiguresWriteSerializer(StrictModelSerializer):
    """One year's figures; what is left out is cleared (the year is replaced whole)."""

    source = ScopedPrimaryKeyField(  # type: ignore[assignment]
        scope=_visible(Source), allow_null=True, required=False
    )
    version = VersionField()

    class Meta:
        model = EntityFigures
        fields = (
            *FIGURES_API_FIELDS,
            "version",
        )


class FiguresCreateSerializer(FiguresWriteSerializer):
    reference_year = serializers.IntegerField(min_value=1800, max_value=2100)

    class Meta(FiguresWriteSerializer.Meta):
        fields = ("reference_year", *FiguresWriteSerializer.Meta.fields)


ASSESSMENT_FIELDS = services.ASSESSMENT_FIELDS


class AssessmentSerializer(ReadModelSerializer):
    assessed_by = UsernameField()

    class Meta:
        model = PrinciplesAssessment
        fields = (*ASSESSMENT_FIELDS, "assessed_by", "assessed_at")
        read_only_fields = fields


class AssessmentWriteSerializer(StrictModelSerializer):
    """The whole assessment; a criterion left out is recorded as UNKNOWN."""

    version = VersionField()

    class Meta:
        model = PrinciplesAssessment
        fields = (*ASSESSMENT_FIELDS, "version")


class LegalFormChangeSerializer(ReadModelSerializer):
    """One transformation: the legal forms by code, and the year (null: not known)."""

    from_form: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    to_form: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = LegalFormChange
        fields = ("id", "from_form", "to_form", "year")
        read_only_fields = fields


class LegalFormChangeWriteSerializer(StrictSerializer):
    from_form = serializers.CharField(help_text="Legal form code of the country.")
    to_form = serializers.CharField(help_text="Legal form code of the country.")
    year = serializers.IntegerField(
        min_value=1800, max_value=2100, required=False, allow_null=True
    )
    version = VersionField()


class AffiliationSerializer(ReadModelSerializer):
    """The union, federation or apex body a member organisation belongs to."""

    federation_code = serializers.CharField(source="federation.code", read_only=True)

    class Meta:
        model = Affiliation
        fields = ("id", "federation", "federation_code", "year")
        read_only_fields = fields


class AffiliationWriteSerializer(StrictSerializer):
    federation = serializers.IntegerField(
        help_text="Id of the union, federation or apex body, of the same country."
    )
    year = serializers.IntegerField(
        min_value=1800, max_value=2100, required=False, allow_null=True
    )
    version = serializers.IntegerField(required=False)


class EntityDetailSerializer(ReadModelSerializer):
    """The full entity, with its figures for every year and its assessment."""

    priority_sectors = serializers.ListField(
        child=serializers.ChoiceField(choices=PrioritySector.choices), read_only=True
    )
    flags = serializers.ListField(
        child=serializers.ChoiceField(choices=ModerationFlag.choices), read_only=True
    )
    other_activities = serializers.ListField(
        child=serializers.CharField(), read_only=True
    )
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices), read_only=True
    )
    classification_reasons = ReasonsField(read_only=True)
    classification_provisional = serializers.BooleanField(
        read_only=True,
        help_text="True while no national definition of the country is validated: "
        "classified under the ILC 2022 default rule.",
    )
    figures = FiguresSerializer(many=True, read_only=True)
    legal_form_history = LegalFormChangeSerializer(
        source="legal_form_changes", many=True, read_only=True
    )
    affiliations = AffiliationSerializer(many=True, read_only=True)
    assessment = serializers.SerializerMethodField()
    created_by = UsernameField()
    updated_by = UsernameField()

    class Meta:
        model = Entity
        fields = (
            *ENTITY_KEY_FIELDS,
            *services.ENTITY_FIELDS,
            "external_source",
            "external_id",
            "classification",
            "classification_rule_version",
            "classification_reasons",
            "classification_provisional",
            "women_led",
            "share_not_disaggregated",
            "priority_sectors",
            "flags",
            *RECORD_READ_FIELDS,
            "figures",
            "legal_form_history",
            "assessment",
            "affiliations",
        )
        read_only_fields = fields

    @extend_schema_field(AssessmentSerializer(allow_null=True))
    def get_assessment(self, entity: Entity) -> dict[str, Any] | None:
        assessment = getattr(entity, "assessment", None)
        if assessment is None:
            return None
        return AssessmentSerializer(assessment, context=self.context).data


class EntityWriteSerializer(StrictModelSerializer):
    other_activities = serializers.ListField(
        child=serializers.CharField(max_length=4),
        required=False,
        max_length=50,
        help_text=_("ISIC Rev.4 codes of other economic activities."),
    )
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices),
        required=False,
        max_length=len(TargetGroup.choices),
    )
    version = VersionField()

    class Meta:
        model = Entity
        fields = (*services.ENTITY_FIELDS, "version")


class EntityCreateSerializer(EntityWriteSerializer):
    country = CountryField(help_text=_("ISO code of one of your countries, e.g. TH."))

    class Meta(EntityWriteSerializer.Meta):
        fields = ("country", *services.ENTITY_FIELDS)
