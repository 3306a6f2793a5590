"""Entities, their figures and assessments in the API."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
)
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from countries.models import LegalForm
from sse_mapping.exceptions import ConflictError
from surveys.api import filters as api_filters
from surveys.api.base import ApiViewSet, _default, expected_version, record_id
from surveys.api.pagination import EntityCursorPagination
from surveys.api.schema import IF_MATCH, rule_error
from surveys.api.strict import StrictFilterBackend
from surveys.entities import affiliations, selectors, services
from surveys.entities import api_filters as entities_api_filters
from surveys.entities import serializers as api
from surveys.models import (
    Entity,
    EntityFigures,
    PrinciplesAssessment,
)
from surveys.review.api import RecordViewSet, record_schema


@record_schema("entities")
class EntityViewSet(RecordViewSet):
    """SSE entities: a light list paged by cursor; the detail has every year's figures
    and the principles assessment."""

    record_type = "entity"
    read_serializer = api.EntityDetailSerializer
    list_serializer = api.EntityListSerializer
    create_serializer = api.EntityCreateSerializer
    update_serializer = api.EntityWriteSerializer

    filter_backends = [StrictFilterBackend, api_filters.OrderingFilter]
    filterset_class = entities_api_filters.ApiEntityFilter
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

    @extend_schema(
        tags=["entities"],
        request=api.LegalFormChangeWriteSerializer,
        responses={201: api.LegalFormChangeSerializer},
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"], url_path="legal-form-changes")
    def legal_form_changes(self, request: Request, pk: str) -> Response:
        """Record a change of legal form (from, to, year); both forms are the entity's
        country's. The entity's former legal form becomes the form it left last."""
        entity = self.get_object()
        data = self._input(api.LegalFormChangeWriteSerializer)
        expected = expected_version(request, data.pop("version", None))
        forms = {
            form.code: form
            for form in LegalForm.objects.filter(
                country_id=entity.country_id,
                code__in=[data["from_form"], data["to_form"]],
            )
        }
        unknown = {
            name: [_("No legal form of this country has this code.")]
            for name in ("from_form", "to_form")
            if data[name] not in forms
        }
        if unknown:
            raise ValidationError(unknown)
        try:
            change = services.legal_form_change_record(
                entity=entity,
                by=request.user,
                from_form=forms[data["from_form"]],
                to_form=forms[data["to_form"]],
                year=data.get("year"),
                expected_version=expected,
            )
        except ConflictError as conflict:
            raise self._conflict(conflict) from conflict
        version = Entity.objects.values_list("version", flat=True).get(pk=entity.pk)
        return Response(
            api.LegalFormChangeSerializer(change).data,
            status=status.HTTP_201_CREATED,
            headers={"ETag": f'"{version}"'},
        )

    @extend_schema(
        tags=["entities"],
        request=api.AffiliationWriteSerializer,
        responses={201: api.AffiliationSerializer},
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"])
    def affiliations(self, request: Request, pk: str) -> Response:
        """Record that this member organisation belongs to a union, federation or
        apex body of its country (an edit of the member organisation)."""
        entity = self.get_object()
        data = self._input(api.AffiliationWriteSerializer)
        expected = expected_version(request, data.pop("version", None))
        federation = (
            selectors.entity_list(user=request.user)
            .filter(pk=data["federation"])
            .first()
        )
        if federation is None:
            raise ValidationError({"federation": [_("No such entity.")]})
        try:
            affiliation = affiliations.affiliation_add(
                member=entity,
                federation=federation,
                year=data.get("year"),
                by=request.user,
                expected_version=expected,
            )
        except ConflictError as conflict:
            raise self._conflict(conflict) from conflict
        version = Entity.objects.values_list("version", flat=True).get(pk=entity.pk)
        return Response(
            api.AffiliationSerializer(affiliation).data,
            status=status.HTTP_201_CREATED,
            headers={"ETag": f'"{version}"'},
        )


# --- Figures of an entity -------------------------------------------------------------

YEAR = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": 1800, "maximum": 2100},
    OpenApiParameter.PATH,
    description=_("Reference year."),
)
REFERENCE_YEAR = serializers.IntegerField(min_value=1800, max_value=2100)
FIGURES_RULES = rule_error(
    gettext_lazy(
        "Bad input, or a rule between the figures and the entity: a reference year "
        "before the year it was established, a year already recorded (change it "
        "with PUT), parts that add up to more than their total."
    )
)


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

    def _conflict(self, conflict: ConflictError) -> ConflictError:
        """The same refusal, with the entity as it is saved now."""
        current = api.EntityDetailSerializer(
            self._entity(), context=self.get_serializer_context()
        ).data
        return ConflictError(conflict.message, current=current)

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
            raise self._conflict(conflict) from conflict
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
        responses={201: api.FiguresSerializer, 400: FIGURES_RULES},
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
        responses={200: api.FiguresSerializer, 400: FIGURES_RULES},
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
            raise self._conflict(conflict) from conflict
        return Response(status=status.HTTP_204_NO_CONTENT)
