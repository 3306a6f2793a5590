"""REST API v1: thin viewsets that read through the selectors and write through the
services, with the same scoping, messages and workflow as the pages.

Another country's record is not in any selector's queryset, so it answers 404; a
service refusing a role answers 403; a stale version answers 409.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.filters import SearchFilter
from rest_framework.pagination import BasePagination
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from countries.selectors import country_get, country_list, has_all_countries
from countries.vocabularies import ALL_VOCABULARIES
from sse_mapping.exceptions import ConflictError
from surveys import selectors, services, workflow
from surveys.api import filters
from surveys.api import serializers as api
from surveys.api.pagination import ApiPagination, EntityCursorPagination
from surveys.api.parsers import StrictJSONParser
from surveys.api.schema import IF_MATCH, ApiAutoSchema
from surveys.api.throttles import CostlyRateThrottle, WriteRateThrottle
from surveys.models import (
    CapacityGap,
    CaseStudy,
    Entity,
    EntityFigures,
    PrinciplesAssessment,
    WorkflowRecord,
)

MAX_ID = 2**63 - 1
ID_PATTERN = "[0-9]{1,19}"


def record_id(value: Any) -> int:
    """A path id as a number; one no row can have answers 404 like a missing row."""
    text = str(value)
    if not re.fullmatch(ID_PATTERN, text) or int(text) > MAX_ID:
        raise NotFound
    return int(text)


def expected_version(request: Request, body_version: int | None) -> int | None:
    """The version the caller read: the body's `version`, else the If-Match ETag."""
    if body_version is not None:
        return body_version
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    tag = header.split(",")[0].strip().removeprefix("W/").strip('"')
    if not re.fullmatch("[0-9]{1,9}", tag):
        raise ValidationError(
            {"If-Match": [_('Send the ETag you read, e.g. "3".')]}, code="invalid"
        )
    return int(tag)


def _default(model: type[Model], name: str) -> Any:
    """What a field holds when nothing is given: a whole replacement clears it."""
    field = model._meta.get_field(name)
    return field.get_default()  # type: ignore[union-attr]


@csrf_exempt  # it changes nothing, and must answer JSON to any method
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any other address under /api/v1/: a JSON 404, like every API error."""
    return JsonResponse({"detail": _("Not found.")}, status=404)


class ApiViewSet(viewsets.GenericViewSet):
    schema = ApiAutoSchema()
    parser_classes = [StrictJSONParser]
    renderer_classes = [JSONRenderer]
    throttle_classes = [WriteRateThrottle, CostlyRateThrottle]
    filter_backends = [DjangoFilterBackend, SearchFilter, filters.OrderingFilter]
    pagination_class: type[BasePagination] | None = ApiPagination
    lookup_value_regex = ID_PATTERN
    # OPTIONS answers 405: the schema at /api/schema/ describes every operation.
    metadata_class = None
    # Actions throttled as costly (CostlyRateThrottle).
    costly_actions: tuple[str, ...] = ()


# --- Reference data -------------------------------------------------------------------


@extend_schema(tags=["reference data"])
class CountryViewSet(mixins.ListModelMixin, ApiViewSet):
    """The countries the caller reads."""

    serializer_class = api.CountrySerializer
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{2}"
    search_fields = ("name", "name_local")
    ordering_fields = ("code", "name")
    ordering = ("name",)

    def get_queryset(self) -> QuerySet[Any]:
        return country_list(user=self.request.user).order_by("name")

    def retrieve(self, request: Request, code: str) -> Response:
        country = country_get(user=request.user, code=code)
        return Response(self.get_serializer(country).data)


@extend_schema(tags=["reference data"])
class AreaViewSet(mixins.ListModelMixin, ApiViewSet):
    """Administrative areas, dated, with the crosswalk from merged units to today's."""

    serializer_class = api.AreaSerializer
    filterset_class = filters.AreaFilter
    search_fields = ("name_en", "name_local", "code", "iso_3166_2")
    ordering_fields = ("name_en", "code", "valid_from", "valid_to")
    ordering = ("country", "level", "name_en", "id")

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.area_list(user=self.request.user)

    def retrieve(self, request: Request, pk: str) -> Response:
        area = self.get_queryset().filter(pk=record_id(pk)).first()
        if area is None:
            raise NotFound
        return Response(self.get_serializer(area).data)


@extend_schema(tags=["reference data"])
class LegalFormViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = api.LegalFormSerializer
    filterset_class = filters.LegalFormFilter
    search_fields = ("name_en", "name_local", "code", "governing_law")
    ordering_fields = ("name_en", "code")
    ordering = ("country", "name_en", "id")

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.legal_form_list(user=self.request.user)

    def retrieve(self, request: Request, pk: str) -> Response:
        form = self.get_queryset().filter(pk=record_id(pk)).first()
        if form is None:
            raise NotFound
        return Response(self.get_serializer(form).data)


@extend_schema(tags=["reference data"])
class NationalPriorityViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = api.NationalPrioritySerializer
    filterset_class = filters.NationalPriorityFilter
    search_fields = ("code", "title", "description")
    ordering_fields = ("code", "title")
    ordering = ("country", "code", "id")

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.national_priority_list(user=self.request.user)

    def retrieve(self, request: Request, pk: str) -> Response:
        priority = self.get_queryset().filter(pk=record_id(pk)).first()
        if priority is None:
            raise NotFound
        return Response(self.get_serializer(priority).data)


def _vocabulary(name: str) -> dict[str, Any]:
    choices = ALL_VOCABULARIES[name]
    return {
        "name": name,
        "codes": [
            {"code": code, "label": str(label)} for code, label in choices.choices
        ],
    }


VOCABULARY_NAME = OpenApiParameter(
    "name",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    enum=sorted(ALL_VOCABULARIES),
    description=_("The code list."),
)


@extend_schema(tags=["reference data"])
class VocabularyViewSet(ApiViewSet):
    """Every code list with its labels, in the language asked for (Accept-Language)."""

    pagination_class = None
    filter_backends: list[Any] = []
    lookup_field = "name"
    lookup_value_regex = "[a-z_]{1,40}"

    @extend_schema(responses=api.VocabularySerializer(many=True))
    def list(self, request: Request) -> Response:
        return Response([_vocabulary(name) for name in ALL_VOCABULARIES])

    @extend_schema(parameters=[VOCABULARY_NAME], responses=api.VocabularySerializer)
    def retrieve(self, request: Request, name: str) -> Response:
        if name not in ALL_VOCABULARIES:
            raise NotFound
        return Response(_vocabulary(name))


@extend_schema(tags=["me"])
class MeView(APIView):
    """Who the caller is: their memberships, roles and countries."""

    schema = ApiAutoSchema()
    renderer_classes = [JSONRenderer]
    throttle_classes = [WriteRateThrottle]

    @extend_schema(responses=api.MeSerializer)
    def get(self, request: Request) -> Response:
        user = request.user
        data = {
            "id": user.pk,
            "username": user.get_username(),
            "all_countries": has_all_countries(user),
            "countries": list(country_list(user=user).values_list("code", flat=True)),
            "memberships": selectors.membership_list(user=user),
        }
        return Response(api.MeSerializer(data).data)


# --- Reviewed records -----------------------------------------------------------------


def _record_schema(
    *,
    tag: str,
    read: type[serializers.Serializer],
    listed: type[serializers.Serializer],
    create: type[serializers.Serializer],
    update: type[serializers.Serializer],
) -> Callable[[type], type]:
    return extend_schema_view(
        list=extend_schema(tags=[tag], responses=listed(many=True)),
        retrieve=extend_schema(tags=[tag], responses=read),
        create=extend_schema(tags=[tag], request=create, responses={201: read}),
        partial_update=extend_schema(
            tags=[tag], request=update, responses=read, parameters=[IF_MATCH]
        ),
        submit=extend_schema(tags=[tag]),
        decide=extend_schema(tags=[tag]),
        reopen=extend_schema(tags=[tag]),
    )


class RecordViewSet(ApiViewSet):
    """List, read, create, change, and move through review one kind of record."""

    record_type: str
    read_serializer: type[serializers.Serializer]
    list_serializer: type[serializers.Serializer]
    create_serializer: type[serializers.Serializer]
    update_serializer: type[serializers.Serializer]
    list_selector: Callable[..., QuerySet[Any]]
    get_selector: Callable[..., Any]

    def get_serializer_class(self) -> type[serializers.Serializer]:
        if self.action == "list":
            return self.list_serializer
        return self.read_serializer

    def get_queryset(self) -> QuerySet[Any]:
        records = type(self).list_selector(user=self.request.user)
        if self.related:  # select_related() with no names would follow every key
            records = records.select_related(*self.related)
        return records.prefetch_related(*self.prefetched)

    def get_object(self) -> Any:
        return type(self).get_selector(
            user=self.request.user, pk=record_id(self.kwargs["pk"])
        )

    def _respond(self, record: Model, code: int = status.HTTP_200_OK) -> Response:
        data = self.read_serializer(record, context=self.get_serializer_context()).data
        return Response(data, status=code, headers={"ETag": f'"{record.version}"'})  # type: ignore[attr-defined]

    def _input(
        self, serializer_class: type[serializers.Serializer], **kwargs: Any
    ) -> dict[str, Any]:
        serializer = serializer_class(
            data=self.request.data, context=self.get_serializer_context(), **kwargs
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    # For the kinds written through services.record_create / record_update: the
    # model, and what to load with each record.
    model: type[WorkflowRecord] | None = None
    related: tuple[str, ...] = ()
    prefetched: tuple[str, ...] = ()

    def create_record(self, *, country: Any, data: dict[str, Any]) -> Model:
        assert self.model is not None
        return services.record_create(
            model=self.model, country=country, by=self.request.user, data=data
        )

    def update_record(
        self, *, record: Any, data: dict[str, Any], expected: int | None
    ) -> Model:
        return services.record_update(
            record=record, by=self.request.user, data=data, expected_version=expected
        )

    def list(self, request: Request) -> Response:
        records = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(records)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request: Request, pk: str) -> Response:
        return self._respond(self.get_object())

    def create(self, request: Request) -> Response:
        data = self._input(self.create_serializer)
        country = data.pop("country")
        record = self.create_record(country=country, data=data)
        return self._respond(
            type(self).get_selector(user=request.user, pk=record.pk),
            status.HTTP_201_CREATED,
        )

    def partial_update(self, request: Request, pk: str) -> Response:
        record = self.get_object()
        data = self._input(self.update_serializer, partial=True)
        expected = expected_version(request, data.pop("version", None))
        try:
            record = self.update_record(record=record, data=data, expected=expected)
        except ConflictError as conflict:
            raise self._conflict(conflict) from conflict
        return self._respond(type(self).get_selector(user=request.user, pk=record.pk))

    def _conflict(self, conflict: ConflictError) -> ConflictError:
        """The same refusal, with the record as it is saved now."""
        current = self.read_serializer(
            self.get_object(), context=self.get_serializer_context()
        ).data
        return ConflictError(conflict.message, current=current)

    def _outcome(self, record: WorkflowRecord, review: Any = None) -> Response:
        state, version = (
            type(record)
            .objects.filter(pk=record.pk)
            .values_list("workflow_state", "version")
            .get()
        )
        return Response(
            api.WorkflowOutcomeSerializer(
                {
                    "id": record.pk,
                    "record_type": self.record_type,
                    "workflow_state": state,
                    "version": version,
                    "review": review,
                }
            ).data
        )

    @extend_schema(request=None, responses=api.WorkflowOutcomeSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        """Send the record to the committee (consultants of its country)."""
        record = workflow.record_submit(record=self.get_object(), by=request.user)
        return self._outcome(record)

    @extend_schema(
        request=api.DecisionSerializer, responses=api.WorkflowOutcomeSerializer
    )
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str) -> Response:
        """Approve, return or reject (committee members of its country who did not
        create or edit it). A return or a rejection needs a comment."""
        record = self.get_object()
        data = self._input(api.DecisionSerializer)
        review = workflow.review_decide(
            record=record,
            by=request.user,
            decision=data["decision"],
            comment=data.get("comment", ""),
            field_comments=data.get("field_comments"),
            meeting=data.get("meeting"),
        )
        return self._outcome(record, review)

    @extend_schema(
        request=api.ReopenSerializer, responses=api.WorkflowOutcomeSerializer
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str) -> Response:
        """Send a validated or rejected record back to draft (staff)."""
        record = self.get_object()
        data = self._input(api.ReopenSerializer)
        record = workflow.record_reopen(
            record=record, by=request.user, reason=data.get("reason", "")
        )
        return self._outcome(record)


@_record_schema(
    tag="entities",
    read=api.EntityDetailSerializer,
    listed=api.EntityListSerializer,
    create=api.EntityCreateSerializer,
    update=api.EntityWriteSerializer,
)
class EntityViewSet(RecordViewSet):
    """SSE entities: a light list paged by cursor; the detail has every year's figures
    and the principles assessment."""

    record_type = "entity"
    read_serializer = api.EntityDetailSerializer
    list_serializer = api.EntityListSerializer
    create_serializer = api.EntityCreateSerializer
    update_serializer = api.EntityWriteSerializer
    list_selector = staticmethod(selectors.entity_list_for_api)
    get_selector = staticmethod(selectors.entity_get)

    filter_backends = [DjangoFilterBackend, filters.OrderingFilter]
    filterset_class = filters.ApiEntityFilter
    pagination_class = EntityCursorPagination
    ordering_fields = ("updated_at", "created_at", "code")
    ordering = ("-updated_at", "-id")
    costly_actions = ("list",)

    def create_record(self, *, country: Any, data: dict[str, Any]) -> Model:
        return services.entity_create(country=country, by=self.request.user, data=data)

    def update_record(
        self, *, record: Any, data: dict[str, Any], expected: int | None
    ) -> Model:
        return services.entity_update(
            entity=record, by=self.request.user, data=data, expected_version=expected
        )

    @extend_schema(
        methods=["GET"], tags=["entities"], responses=api.AssessmentSerializer
    )
    @extend_schema(
        methods=["PUT"],
        tags=["entities"],
        request=api.AssessmentWriteSerializer,
        responses=api.AssessmentSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["get", "put"])
    def assessment(self, request: Request, pk: str) -> Response:
        """The principles assessment. PUT replaces it whole: a criterion left out is
        UNKNOWN. Saving it re-classifies the entity."""
        entity = self.get_object()
        if request.method == "GET":
            assessment = getattr(entity, "assessment", None)
            if assessment is None:
                raise NotFound(_("This entity has not been assessed yet."))
            return Response(api.AssessmentSerializer(assessment).data)
        data = self._input(api.AssessmentWriteSerializer)
        expected = expected_version(request, data.pop("version", None))
        whole = {
            name: _default(PrinciplesAssessment, name)
            for name in services.ASSESSMENT_FIELDS
        }
        try:
            assessment = services.assessment_save(
                entity=entity,
                by=request.user,
                data={**whole, **data},
                expected_version=expected,
            )
        except ConflictError as conflict:
            raise self._conflict(conflict) from conflict
        version = Entity.objects.values_list("version", flat=True).get(pk=entity.pk)
        return Response(
            api.AssessmentSerializer(assessment).data,
            headers={"ETag": f'"{version}"'},
        )


@_record_schema(
    tag="case studies",
    read=api.CaseStudySerializer,
    listed=api.CaseStudySerializer,
    create=api.CaseStudyCreateSerializer,
    update=api.CaseStudyWriteSerializer,
)
class CaseStudyViewSet(RecordViewSet):
    record_type = "case_study"
    read_serializer = api.CaseStudySerializer
    list_serializer = api.CaseStudySerializer
    create_serializer = api.CaseStudyCreateSerializer
    update_serializer = api.CaseStudyWriteSerializer
    list_selector = staticmethod(selectors.case_study_list)
    get_selector = staticmethod(selectors.case_study_get)
    filterset_class = filters.CaseStudyFilter
    search_fields = ("title", "summary")
    ordering_fields = ("updated_at", "created_at", "title")
    ordering = ("-updated_at", "-id")
    model = CaseStudy
    related = ("created_by", "updated_by")
    prefetched = ("entities", "attachments")


@_record_schema(
    tag="capacity gaps",
    read=api.CapacityGapSerializer,
    listed=api.CapacityGapSerializer,
    create=api.CapacityGapCreateSerializer,
    update=api.CapacityGapWriteSerializer,
)
class CapacityGapViewSet(RecordViewSet):
    record_type = "capacity_gap"
    read_serializer = api.CapacityGapSerializer
    list_serializer = api.CapacityGapSerializer
    create_serializer = api.CapacityGapCreateSerializer
    update_serializer = api.CapacityGapWriteSerializer
    list_selector = staticmethod(selectors.capacity_gap_list)
    get_selector = staticmethod(selectors.capacity_gap_get)
    filterset_class = filters.CapacityGapFilter
    search_fields = ("title", "evidence", "recommendation")
    ordering_fields = ("updated_at", "created_at", "severity", "title")
    ordering = ("-severity", "title", "id")
    model = CapacityGap
    related = ("created_by", "updated_by")
    prefetched = ("affected_areas",)


@_record_schema(
    tag="national definitions",
    read=api.NationalDefinitionSerializer,
    listed=api.NationalDefinitionSerializer,
    create=api.NationalDefinitionCreateSerializer,
    update=api.NationalDefinitionUpdateSerializer,
)
class NationalDefinitionViewSet(RecordViewSet):
    """Versions of each country's national definition; a change to its rule
    re-classifies the country's entities."""

    record_type = "national_definition"
    read_serializer = api.NationalDefinitionSerializer
    list_serializer = api.NationalDefinitionSerializer
    create_serializer = api.NationalDefinitionCreateSerializer
    update_serializer = api.NationalDefinitionUpdateSerializer
    list_selector = staticmethod(selectors.national_definition_list)
    get_selector = staticmethod(selectors.national_definition_get)
    filterset_class = filters.NationalDefinitionFilter
    search_fields = ("title", "text_en", "text_local")
    ordering_fields = ("updated_at", "number")
    ordering = ("country", "-number", "id")
    related = ("created_by", "updated_by")
    prefetched = ("elements",)

    def create_record(self, *, country: Any, data: dict[str, Any]) -> Model:
        return services.national_definition_create(
            country=country, by=self.request.user, data=data
        )

    def update_record(
        self, *, record: Any, data: dict[str, Any], expected: int | None
    ) -> Model:
        elements = {
            item["element"]: {k: v for k, v in item.items() if k != "element"}
            for item in data.pop("elements", [])
        }
        return services.national_definition_update(
            definition=record,
            by=self.request.user,
            data=data,
            elements=elements,
            expected_version=expected,
        )


# --- Figures of an entity -------------------------------------------------------------

YEAR = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": 1800, "maximum": 2100},
    OpenApiParameter.PATH,
    description=_("Reference year."),
)
REFERENCE_YEAR = serializers.IntegerField(min_value=1800, max_value=2100)


@extend_schema(tags=["entities"])
class EntityFiguresViewSet(ApiViewSet):
    """An entity's figures, one row per reference year, each count by sex."""

    pagination_class = None
    filter_backends: list[Any] = []
    serializer_class = api.FiguresSerializer

    def _entity(self) -> Entity:
        return selectors.entity_get(
            user=self.request.user, pk=record_id(self.kwargs["entity_pk"])
        )

    def _year(self, entity: Entity, year: Any) -> EntityFigures:
        for figures in entity.figures.all():
            if str(figures.reference_year) == str(year):
                return figures
        raise NotFound(_("No figures for this year."))

    def _save(
        self, entity: Entity, year: int, data: dict[str, Any], code: int
    ) -> Response:
        expected = expected_version(self.request, data.pop("version", None))
        blank = {name: _default(EntityFigures, name) for name in services.FIGURE_FIELDS}
        try:
            figures = services.figures_save(
                entity=entity,
                by=self.request.user,
                reference_year=year,
                data={**blank, **data},
                expected_version=expected,
            )
        except ConflictError as conflict:
            raise ConflictError(
                conflict.message,
                current=api.EntityDetailSerializer(
                    self._entity(), context=self.get_serializer_context()
                ).data,
            ) from conflict
        version = Entity.objects.values_list("version", flat=True).get(pk=entity.pk)
        return Response(
            api.FiguresSerializer(figures).data,
            status=code,
            headers={"ETag": f'"{version}"'},
        )

    @extend_schema(responses=api.FiguresSerializer(many=True))
    def list(self, request: Request, entity_pk: str) -> Response:
        entity = self._entity()
        return Response(api.FiguresSerializer(entity.figures.all(), many=True).data)

    @extend_schema(
        request=api.FiguresCreateSerializer,
        responses={201: api.FiguresSerializer},
        parameters=[IF_MATCH],
    )
    def create(self, request: Request, entity_pk: str) -> Response:
        """Add a year's figures. A year already recorded is changed with PUT."""
        entity = self._entity()
        serializer = api.FiguresCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        year = data.pop("reference_year")
        if any(f.reference_year == year for f in entity.figures.all()):
            raise ValidationError(
                {
                    "reference_year": [
                        _(
                            "Figures for %(year)s are already recorded; change them "
                            "with PUT on that year."
                        )
                        % {"year": year}
                    ]
                }
            )
        return self._save(entity, year, data, status.HTTP_201_CREATED)

    @extend_schema(parameters=[YEAR], responses=api.FiguresSerializer)
    def retrieve(self, request: Request, entity_pk: str, year: str) -> Response:
        return Response(api.FiguresSerializer(self._year(self._entity(), year)).data)

    @extend_schema(
        parameters=[YEAR, IF_MATCH],
        request=api.FiguresWriteSerializer,
        responses=api.FiguresSerializer,
    )
    def update(self, request: Request, entity_pk: str, year: str) -> Response:
        """Record or replace one year's figures whole: a count left out is cleared."""
        entity = self._entity()
        try:
            reference_year = REFERENCE_YEAR.run_validation(year)
        except ValidationError as error:
            raise ValidationError({"reference_year": error.detail}) from error
        serializer = api.FiguresWriteSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return self._save(
            entity, reference_year, dict(serializer.validated_data), status.HTTP_200_OK
        )

    @extend_schema(parameters=[YEAR, IF_MATCH], responses={204: None})
    def destroy(self, request: Request, entity_pk: str, year: str) -> Response:
        entity = self._entity()
        figures = self._year(entity, year)
        try:
            services.figures_delete(
                entity=entity,
                by=request.user,
                reference_year=figures.reference_year,
                expected_version=expected_version(request, None),
            )
        except ConflictError as conflict:
            raise ConflictError(
                conflict.message,
                current=api.EntityDetailSerializer(
                    self._entity(), context=self.get_serializer_context()
                ).data,
            ) from conflict
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Reviews and meetings -------------------------------------------------------------


@extend_schema(tags=["review"])
class ReviewDecisionViewSet(mixins.ListModelMixin, ApiViewSet):
    """The committee's decisions on the caller's countries' records. Decide with
    POST …/{id}/decide/ on the record."""

    serializer_class = api.ReviewDecisionSerializer
    filterset_class = filters.ReviewFilter
    search_fields = ("comment",)
    ordering_fields = ("decided_at",)
    ordering = ("-decided_at", "-id")

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.review_decision_list(user=self.request.user)

    def retrieve(self, request: Request, pk: str) -> Response:
        review = self.get_queryset().filter(pk=record_id(pk)).first()
        if review is None:
            raise NotFound
        return Response(self.get_serializer(review).data)


@extend_schema(tags=["review"])
class MeetingViewSet(mixins.ListModelMixin, ApiViewSet):
    """Committee meetings, with attendees and the records on the agenda."""

    serializer_class = api.MeetingSerializer
    filterset_class = filters.MeetingFilter
    search_fields = ("place", "minutes")
    ordering_fields = ("date",)
    ordering = ("-date", "-id")

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.meeting_list_all(user=self.request.user)

    def retrieve(self, request: Request, pk: str) -> Response:
        meeting = self.get_queryset().filter(pk=record_id(pk)).first()
        if meeting is None:
            raise NotFound
        return Response(self.get_serializer(meeting).data)

    @extend_schema(
        request=api.MeetingCreateSerializer, responses={201: api.MeetingSerializer}
    )
    def create(self, request: Request) -> Response:
        serializer = api.MeetingCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        country = data.pop("country")
        attendees = data.pop("attendees", [])
        agenda = data.pop("agenda", [])
        meeting = workflow.meeting_create(
            country=country,
            by=request.user,
            data=data,
            attendees=attendees,
            agenda=agenda,
        )
        meeting = self.get_queryset().get(pk=meeting.pk)
        return Response(
            self.get_serializer(meeting).data, status=status.HTTP_201_CREATED
        )
