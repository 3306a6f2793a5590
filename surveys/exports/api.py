"""Export jobs in the API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from countries.selectors import country_get
from surveys import exports
from surveys.api.base import ApiViewSet, absolute_url, own_jobs
from surveys.api.fields import CountryCodeField
from surveys.api.schema import COUNTRY_PARAMETER
from surveys.api.strict import StrictModelSerializer, StrictSerializer
from surveys.jobs.runner import CONTENT_TYPES
from surveys.models import ExportJob, JobStatus

# --- Exports ---------------------------------------------------------------------------


class ExportJobSerializer(StrictModelSerializer):
    country = serializers.CharField(source="country_id", read_only=True)
    requested_by = serializers.CharField(
        source="requested_by.get_username", read_only=True
    )
    duration_seconds = serializers.FloatField(read_only=True, allow_null=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = (
            "id",
            "country",
            "format",
            "filters",
            "include_unvalidated",
            "per_year",
            "values",
            "language",
            "status",
            "progress",
            "error",
            "requested_by",
            "created_at",
            "started_at",
            "finished_at",
            "duration_seconds",
            "row_count",
            "file_size",
            "expires_at",
            "download_url",
        )
        read_only_fields = fields

    def get_download_url(self, job: ExportJob) -> str | None:
        expired = job.expires_at is not None and job.expires_at <= timezone.now()
        if job.status != JobStatus.DONE or expired or not job.file_path:
            return None
        return absolute_url(
            self.context.get("request"), reverse("api-export-download", args=[job.pk])
        )


class ExportRequestSerializer(StrictSerializer):
    country = CountryCodeField(help_text=gettext_lazy("ISO code, e.g. KH"))
    format = serializers.ChoiceField(choices=ExportJob.Format.choices)
    filters = serializers.DictField(
        child=serializers.CharField(),
        required=False,
        help_text=gettext_lazy(
            'The entity list\'s filters, e.g. {"sse_type": "COOP", "area": "12"}.'
        ),
    )
    include_unvalidated = serializers.BooleanField(required=False, default=False)
    per_year = serializers.BooleanField(required=False, default=False)
    values = serializers.ChoiceField(
        choices=ExportJob.Values.choices,
        required=False,
        default=ExportJob.Values.CODES,
        help_text=gettext_lazy(
            "Coded columns of CSV and XLSX as codes, or as labels in the language "
            "of Accept-Language."
        ),
    )


@extend_schema(tags=["exports"])
class ExportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Your exports: ask for one, follow its progress, download its file."""

    serializer_class = ExportJobSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[ExportJob]:
        return own_jobs(
            self.request,
            ExportJob.objects.visible_to(self.request.user).select_related(
                "requested_by"
            ),
        )

    @extend_schema(parameters=[COUNTRY_PARAMETER])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=ExportRequestSerializer,
        responses={202: ExportJobSerializer},
        description=str(
            gettext_lazy(
                "Queue an export. Consultants and committee members export their "
                "country's validated records; staff may include the others."
            )
        ),
    )
    def create(self, request: Request) -> Response:
        given = ExportRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        country = country_get(user=request.user, code=data["country"])
        job = exports.export_request(
            user=request.user,
            country=country,
            format=data["format"],
            filters=data.get("filters") or {},
            include_unvalidated=data["include_unvalidated"],
            per_year=data["per_year"],
            values=data["values"],
        )
        return Response(self.get_serializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        responses={
            **{
                (200, content_type.split(";")[0]): (
                    OpenApiTypes.OBJECT
                    if content_type.endswith("+json")
                    else OpenApiTypes.BINARY
                )
                for content_type in CONTENT_TYPES.values()
            },
            410: OpenApiResponse(description=str(gettext_lazy("The file expired."))),
        }
    )
    @action(detail=True, methods=["get"], url_path="download", url_name="download")
    def download(self, request: Request, pk: str) -> Any:
        job = exports.export_job_get(user=request.user, pk=int(pk))
        try:
            path, filename = exports.export_file(job)
        except exports.ExportGone:
            return Response(
                {"detail": _("This export has expired. Ask for it again.")},
                status=status.HTTP_410_GONE,
            )
        except exports.ExportRefused as refusal:
            raise Http404(str(refusal)) from refusal
        return FileResponse(
            path.open("rb"),
            as_attachment=True,
            filename=filename,
            content_type=CONTENT_TYPES[ExportJob.Format(job.format)],
        )
