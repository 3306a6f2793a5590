"""Import jobs in the API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from countries.selectors import country_get
from surveys import imports
from surveys.api.base import ApiViewSet, absolute_url, own_jobs
from surveys.api.fields import CountryCodeField
from surveys.api.schema import COUNTRY_PARAMETER
from surveys.api.strict import StrictModelSerializer, StrictSerializer
from surveys.imports.mappings import mapping_list, mapping_save, mapping_visible
from surveys.imports.survey import REVIEW_STATES
from surveys.imports.views import import_report_file
from surveys.models import ColumnMapping, ImportJob

# --- Imports ---------------------------------------------------------------------------


class ImportJobSerializer(StrictModelSerializer):
    country = serializers.CharField(source="country_id", read_only=True)
    mapping = serializers.IntegerField(
        source="mapping_id", read_only=True, allow_null=True
    )
    progress = serializers.SerializerMethodField()
    report_url = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = (
            "id",
            "country",
            "kind",
            "mapping",
            "original_filename",
            "stage",
            "status",
            "progress",
            "error",
            "row_count",
            "error_count",
            "errors",
            "report_url",
            "notes",
            "duplicates",
            "duplicate_decisions",
            "created_count",
            "updated_count",
            "skipped_count",
            "created_at",
            "finished_at",
        )
        read_only_fields = fields

    def get_progress(self, job: ImportJob) -> int:
        return imports.import_progress(job)

    def get_report_url(self, job: ImportJob) -> str | None:
        if not job.report_path:
            return None
        return absolute_url(
            self.context.get("request"), reverse("api-import-report", args=[job.pk])
        )


class ImportUploadSerializer(StrictSerializer):
    country = CountryCodeField(help_text=gettext_lazy("ISO code, e.g. KH"))
    kind = serializers.ChoiceField(choices=ImportJob.Kind.choices)
    mapping = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=gettext_lazy(
            "The saved column mapping, for KoboToolbox and ODK exports of a form "
            "other than the platform's survey form."
        ),
    )
    file = serializers.FileField()


class ImportConfirmSerializer(StrictSerializer):
    decisions = serializers.DictField(
        child=serializers.CharField(),
        required=False,
        help_text=gettext_lazy(
            "For each possible duplicate's id, one of its `choices`: skip, create, "
            "or update:<entity id>."
        ),
    )


@extend_schema(tags=["imports"])
class ImportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Your imports: upload a file, read its check, confirm it."""

    serializer_class = ImportJobSerializer
    filter_backends: list[Any] = []
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self) -> QuerySet[ImportJob]:
        return own_jobs(self.request, ImportJob.objects.visible_to(self.request.user))

    @extend_schema(parameters=[COUNTRY_PARAMETER])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": ImportUploadSerializer},
        responses={202: ImportJobSerializer},
        description=str(
            gettext_lazy(
                "Upload a file to check. Nothing is imported until you confirm."
            )
        ),
    )
    def create(self, request: Request) -> Response:
        given = ImportUploadSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        country = country_get(user=request.user, code=data["country"])
        mapping = None
        if data.get("mapping"):
            mapping = (
                mapping_list(user=request.user, country=country)
                .filter(pk=data["mapping"])
                .first()
            )
        job = imports.import_start(
            user=request.user,
            country=country,
            file=data["file"],
            kind=data["kind"],
            mapping=mapping,
        )
        job.refresh_from_db()
        return Response(self.get_serializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        request=ImportConfirmSerializer, responses={202: ImportJobSerializer}
    )
    @action(detail=True, methods=["post"], url_path="confirm", url_name="confirm")
    def confirm(self, request: Request, pk: str) -> Response:
        job = imports.import_job_get(user=request.user, pk=int(pk))
        given = ImportConfirmSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        job = imports.import_confirm(
            user=request.user,
            job=job,
            decisions=given.validated_data.get("decisions") or {},
        )
        job.refresh_from_db()
        return Response(self.get_serializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path="report", url_name="report")
    def report(self, request: Request, pk: str) -> Any:
        job = imports.import_job_get(user=request.user, pk=int(pk))
        return import_report_file(job)


# --- Column mappings ---------------------------------------------------------------------------


class ColumnMappingSerializer(StrictModelSerializer):
    country = serializers.CharField(source="country_id", read_only=True)
    values = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField()),
        required=False,
        help_text=gettext_lazy(
            "Per coded template column: the survey's answer → the platform's code."
        ),
    )
    review_states = serializers.ListField(
        child=serializers.ChoiceField(choices=REVIEW_STATES),
        required=False,
        help_text=gettext_lazy(
            "Import only submissions in these review states; empty: all of them."
        ),
    )

    class Meta:
        model = ColumnMapping
        fields = [
            "id",
            "country",
            "name",
            "tool",
            "columns",
            "values",
            "review_states",
            "updated_at",
        ]
        read_only_fields = ["id", "country", "updated_at"]


@extend_schema(tags=["imports"])
class ColumnMappingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    ApiViewSet,
):
    """Saved column-and-value mappings of KoboToolbox and ODK Central exports."""

    serializer_class = ColumnMappingSerializer
    filter_backends: list[Any] = []
    http_method_names = ["get", "patch", "head"]

    def get_queryset(self) -> QuerySet[ColumnMapping]:
        mappings = mapping_visible(user=self.request.user)
        code = self.request.query_params.get("country")
        if code:
            mappings = mappings.filter(
                country=country_get(user=self.request.user, code=code)
            )
        return mappings

    @extend_schema(parameters=[COUNTRY_PARAMETER])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        mapping = self.get_object()
        given = self.get_serializer(mapping, data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        mapping = mapping_save(
            user=request.user,
            country=mapping.country,
            mapping=mapping,
            name=data.get("name", mapping.name),
            tool=data.get("tool", mapping.tool),
            columns=data.get("columns", mapping.columns),
            values=data.get("values", mapping.values),
            review_states=data.get("review_states", mapping.review_states),
        )
        return Response(self.get_serializer(mapping).data)
