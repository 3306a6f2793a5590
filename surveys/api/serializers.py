"""What the API reads and writes. Serializers only parse and render: every write goes
through a service (surveys.services, surveys.workflow), which holds the rules."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from countries.models import (
    AdminArea,
    CommitteeMeeting,
    CommitteeMember,
    Country,
    LegalForm,
    Membership,
    NationalPriority,
)
from countries.selectors import AnyUser, country_list
from countries.vocabularies import (
    ModerationFlag,
    PrioritySector,
    SseType,
    TargetGroup,
    Treatment,
)
from surveys import services
from surveys.models import (
    DEFINITION_ELEMENTS,
    PEOPLE_GROUPS,
    CapacityGap,
    CaseStudy,
    CaseStudyAttachment,
    DefinitionElement,
    Entity,
    EntityFigures,
    NationalDefinition,
    PrinciplesAssessment,
    ReviewDecision,
    Source,
)
from surveys.workflow import RECORD_TYPES

RECORD_TYPE_BY_MODEL = {model: name for name, model in RECORD_TYPES.items()}

USER_FIELDS = ("created_by", "updated_by")


def _user(serializer: serializers.Serializer) -> AnyUser:
    return serializer.context["request"].user


class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A reference to a record the caller may read; any other id is "not found", the
    same answer as for an id that does not exist."""

    def __init__(self, *, scope: Any, **kwargs: Any) -> None:
        self.scope = scope
        kwargs.setdefault("queryset", scope(None))
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None:
            return self.scope(None).none()
        return self.scope(user)


def _visible(model: type[Model]) -> Any:
    def scope(user: AnyUser | None) -> QuerySet[Any]:
        if user is None:
            return model.objects.all()  # type: ignore[attr-defined]
        return model.objects.visible_to(user)  # type: ignore[attr-defined]

    return scope


def _in_visible_countries(model: type[Model]) -> Any:
    def scope(user: AnyUser | None) -> QuerySet[Any]:
        if user is None:
            return model.objects.all()  # type: ignore[attr-defined]
        return model.objects.filter(country__in=country_list(user=user))  # type: ignore[attr-defined]

    return scope


class CountryField(serializers.SlugRelatedField):
    """A country by its ISO code, among the caller's countries."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="code", queryset=Country.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet[Country]:
        request = self.context.get("request")
        if request is None:
            return Country.objects.none()
        return country_list(user=request.user)

    def to_internal_value(self, data: Any) -> Country:
        if isinstance(data, str):
            data = data.upper()
        return super().to_internal_value(data)


class VersionField(serializers.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            required=False,
            write_only=True,
            min_value=1,
            max_value=2**31 - 1,
            help_text=_(
                "The version you read. If someone saved the record since, the change "
                "is refused with 409 instead of overwriting theirs."
            ),
            **kwargs,
        )


class ReadModelSerializer(serializers.ModelSerializer):
    """A model serializer for answers only: read-only fields keep `allow_blank`, so
    that the schema says a blank code (e.g. no SSE type yet) may come back."""

    def include_extra_kwargs(
        self, kwargs: MutableMapping[str, Any], extra_kwargs: MutableMapping[str, Any]
    ) -> MutableMapping[str, Any]:
        allow_blank = kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if allow_blank and kwargs.get("read_only"):
            kwargs["allow_blank"] = True
        return kwargs


# --- Reference data -------------------------------------------------------------------


class CountrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ("code", "name", "name_local", "currency", "review_quorum")


class AreaSerializer(serializers.ModelSerializer):
    is_current = serializers.BooleanField(read_only=True)
    predecessors: serializers.PrimaryKeyRelatedField[Any] = (
        serializers.PrimaryKeyRelatedField(
            many=True,
            read_only=True,
            help_text=_("Units that were merged into this one (the crosswalk)."),
        )
    )
    current_successor = serializers.SerializerMethodField(
        help_text=_("The unit that holds this one's territory today.")
    )

    class Meta:
        model = AdminArea
        fields = (
            "id",
            "country",
            "level",
            "code",
            "iso_3166_2",
            "kind",
            "name_en",
            "name_local",
            "parent",
            "macro_region",
            "valid_from",
            "valid_to",
            "is_current",
            "replaced_by",
            "current_successor",
            "predecessors",
        )

    @extend_schema_field(OpenApiTypes.INT)
    def get_current_successor(self, area: AdminArea) -> int:
        return area.current_successor().pk


class LegalFormSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalForm
        fields = (
            "id",
            "country",
            "code",
            "name_en",
            "name_local",
            "governing_law",
            "default_sse_type",
            "to_be_confirmed",
        )


class NationalPrioritySerializer(serializers.ModelSerializer):
    class Meta:
        model = NationalPriority
        fields = ("id", "country", "code", "title", "source_document", "description")


class VocabularyCodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class VocabularySerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_("The code list, e.g. sse_type."))
    codes = VocabularyCodeSerializer(many=True)


class MembershipSerializer(serializers.ModelSerializer):
    country = serializers.CharField(  # type: ignore[assignment]
        source="country_id",
        allow_null=True,
        help_text=_("Empty for a role in all countries (staff, administrators)."),
    )

    class Meta:
        model = Membership
        fields = ("country", "role")


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    all_countries = serializers.BooleanField(
        help_text=_("Staff and administrators read every country.")
    )
    countries = serializers.ListField(
        child=serializers.CharField(), help_text=_("The countries the caller reads.")
    )
    memberships = MembershipSerializer(many=True)


# --- Entities -------------------------------------------------------------------------


class EntityListSerializer(ReadModelSerializer):
    """The light shape of the entity list: enough to find and sort, no nested parts."""

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
            "id",
            "uid",
            "code",
            "country",
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


class NotDisaggregatedSerializer(serializers.Serializer):
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
            "source",
            *PEOPLE_FIELDS,
            "chair_sex",
            "manager_sex",
            "turnover",
            "assets",
            "currency",
            "not_disaggregated",
        )
        read_only_fields = fields

    @extend_schema_field(NotDisaggregatedSerializer)
    def get_not_disaggregated(self, figures: EntityFigures) -> dict[str, int | None]:
        return {
            prefix: figures.not_disaggregated(prefix)
            for prefix, _label in PEOPLE_GROUPS
        }


class FiguresWriteSerializer(serializers.ModelSerializer):
    """One year's figures; what is left out is cleared (the year is replaced whole)."""

    source = ScopedPrimaryKeyField(  # type: ignore[assignment]
        scope=_visible(Source), allow_null=True, required=False
    )
    version = VersionField()

    class Meta:
        model = EntityFigures
        fields = (
            "source",
            *PEOPLE_FIELDS,
            "chair_sex",
            "manager_sex",
            "turnover",
            "assets",
            "currency",
            "version",
        )


class FiguresCreateSerializer(FiguresWriteSerializer):
    reference_year = serializers.IntegerField(min_value=1800, max_value=2100)

    class Meta(FiguresWriteSerializer.Meta):
        fields = ("reference_year", *FiguresWriteSerializer.Meta.fields)


ASSESSMENT_FIELDS = services.ASSESSMENT_FIELDS


class AssessmentSerializer(ReadModelSerializer):
    assessed_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = PrinciplesAssessment
        fields = (*ASSESSMENT_FIELDS, "assessed_by", "assessed_at")
        read_only_fields = fields


class AssessmentWriteSerializer(serializers.ModelSerializer):
    """The whole assessment; a criterion left out is recorded as UNKNOWN."""

    version = VersionField()

    class Meta:
        model = PrinciplesAssessment
        fields = (*ASSESSMENT_FIELDS, "version")


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
    classification_reasons = serializers.ListField(
        child=serializers.CharField(), read_only=True
    )
    figures = FiguresSerializer(many=True, read_only=True)
    assessment = serializers.SerializerMethodField()
    created_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    updated_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = Entity
        fields = (
            "id",
            "uid",
            "code",
            "country",
            *services.ENTITY_FIELDS,
            "external_source",
            "external_id",
            "classification",
            "classification_rule_version",
            "classification_reasons",
            "women_led",
            "share_not_disaggregated",
            "priority_sectors",
            "flags",
            "workflow_state",
            "version",
            "created_by",
            "updated_by",
            "created_at",
            "updated_at",
            "submitted_at",
            "figures",
            "assessment",
        )
        read_only_fields = fields

    @extend_schema_field(AssessmentSerializer(allow_null=True))
    def get_assessment(self, entity: Entity) -> dict[str, Any] | None:
        assessment = getattr(entity, "assessment", None)
        if assessment is None:
            return None
        return AssessmentSerializer(assessment, context=self.context).data


class EntityWriteSerializer(serializers.ModelSerializer):
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


RECORD_READ_FIELDS = (
    "workflow_state",
    "version",
    "created_by",
    "updated_by",
    "created_at",
    "updated_at",
    "submitted_at",
)


class CaseStudySerializer(ReadModelSerializer):
    attachments = AttachmentSerializer(many=True, read_only=True)
    created_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    updated_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

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


class CaseStudyWriteSerializer(serializers.ModelSerializer):
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


class CapacityGapSerializer(ReadModelSerializer):
    affected_sse_types = serializers.ListField(
        child=serializers.ChoiceField(choices=SseType.choices), read_only=True
    )
    affected_sectors = serializers.ListField(
        child=serializers.ChoiceField(choices=PrioritySector.choices), read_only=True
    )
    created_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    updated_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = CapacityGap
        fields = (
            "id",
            "country",
            *services.CAPACITY_GAP_FIELDS,
            *RECORD_READ_FIELDS,
        )
        read_only_fields = fields


class CapacityGapWriteSerializer(serializers.ModelSerializer):
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
        scope=_in_visible_countries(NationalPriority), allow_null=True, required=False
    )
    version = VersionField()

    class Meta:
        model = CapacityGap
        fields = (*services.CAPACITY_GAP_FIELDS, "version")


class CapacityGapCreateSerializer(CapacityGapWriteSerializer):
    country = CountryField()

    class Meta(CapacityGapWriteSerializer.Meta):
        fields = ("country", *services.CAPACITY_GAP_FIELDS)


class DefinitionElementSerializer(serializers.ModelSerializer):
    class Meta:
        model = DefinitionElement
        fields = ("element", "treatment", "national_wording", "rationale")


class NationalDefinitionSerializer(ReadModelSerializer):
    elements = DefinitionElementSerializer(many=True, read_only=True)
    rule_version = serializers.CharField(read_only=True)
    created_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    updated_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = NationalDefinition
        fields = (
            "id",
            "country",
            "number",
            *services.DEFINITION_FIELDS,
            "rule_version",
            "elements",
            *RECORD_READ_FIELDS,
        )
        read_only_fields = fields


class NationalDefinitionCreateSerializer(serializers.ModelSerializer):
    """A new version; what is left out is carried over from the newest version."""

    country = CountryField()

    class Meta:
        model = NationalDefinition
        fields = ("country", *services.DEFINITION_FIELDS)
        extra_kwargs = {"title": {"required": False}}


class DefinitionElementWriteSerializer(serializers.Serializer):
    element = serializers.ChoiceField(choices=DEFINITION_ELEMENTS)
    treatment = serializers.ChoiceField(
        choices=Treatment.choices,
        required=False,
    )
    national_wording = serializers.CharField(required=False, allow_blank=True)
    rationale = serializers.CharField(required=False, allow_blank=True)


class NationalDefinitionUpdateSerializer(serializers.ModelSerializer):
    elements = DefinitionElementWriteSerializer(  # type: ignore[call-arg]
        many=True, required=False, max_length=len(DEFINITION_ELEMENTS)
    )
    version = VersionField()

    class Meta:
        model = NationalDefinition
        fields = (*services.DEFINITION_FIELDS, "elements", "version")


# --- Review and meetings ---------------------------------------------------------------


class ReviewDecisionSerializer(ReadModelSerializer):
    record_type = serializers.SerializerMethodField()
    record_id = serializers.IntegerField(source="object_id", read_only=True)
    reviewer: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
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
        return RECORD_TYPE_BY_MODEL[review.content_type.model_class()]  # type: ignore[index]


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ReviewDecision.Decision.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    field_comments = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text=_("Comments on single fields, by field name."),
    )
    meeting = ScopedPrimaryKeyField(
        scope=_in_visible_countries(CommitteeMeeting), allow_null=True, required=False
    )


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class WorkflowOutcomeSerializer(serializers.Serializer):
    """Where a record stands after a workflow action."""

    id = serializers.IntegerField()
    record_type = serializers.ChoiceField(choices=list(RECORD_TYPES))
    workflow_state = serializers.CharField()
    version = serializers.IntegerField()
    review = ReviewDecisionSerializer(
        allow_null=True, help_text=_("The decision just recorded, for `decide`.")
    )


class AgendaItemSerializer(serializers.Serializer):
    record_type = serializers.ChoiceField(choices=list(RECORD_TYPES))
    record_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)


class MeetingSerializer(ReadModelSerializer):
    attendees: serializers.PrimaryKeyRelatedField[Any] = (
        serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    )
    agenda = serializers.SerializerMethodField()
    created_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = CommitteeMeeting
        fields = (
            "id",
            "country",
            "date",
            "place",
            "online",
            "minutes",
            "attendees",
            "agenda",
            "created_by",
            "created_at",
        )
        read_only_fields = fields

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, meeting: CommitteeMeeting) -> list[dict[str, Any]]:
        return [
            {
                "record_type": RECORD_TYPE_BY_MODEL[item.content_type.model_class()],  # type: ignore[index]
                "record_id": item.object_id,
            }
            for item in meeting.agenda.all()  # type: ignore[attr-defined]
        ]


class MeetingCreateSerializer(serializers.ModelSerializer):
    country = CountryField()
    attendees = ScopedPrimaryKeyField(
        scope=_in_visible_countries(CommitteeMember),
        many=True,
        required=False,
        allow_empty=True,
    )
    agenda = AgendaItemSerializer(  # type: ignore[call-arg]
        many=True, required=False, max_length=500
    )

    class Meta:
        model = CommitteeMeeting
        fields = (
            "country",
            "date",
            "place",
            "online",
            "minutes",
            "attendees",
            "agenda",
        )

    def validate_agenda(self, items: list[dict[str, Any]]) -> list[Any]:
        """The records themselves, each one the caller may read."""
        user = _user(self)
        records = []
        for item in items:
            model = RECORD_TYPES[item["record_type"]]
            record = model.objects.visible_to(user).filter(pk=item["record_id"]).first()
            if record is None:
                raise serializers.ValidationError(
                    _("%(type)s %(id)s does not exist.")
                    % {"type": item["record_type"], "id": item["record_id"]}
                )
            records.append(record)
        return records
