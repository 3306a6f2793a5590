"""REST API for country mapping reports: /api/v1/reports/.

List and read the report versions the caller may see (selectors.report_list: another
country's report answers 404), ask for a new version (services.report_compile_request:
a consultant answers 403), follow its progress, and download its files once done.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from countries.selectors import country_get
from sse_mapping.exceptions import ApplicationError
from surveys.api.base import ApiViewSet, record_id
from surveys.api.fields import CountryCodeField
from surveys.api.strict import (
    StrictModelSerializer,
    StrictSerializer,
    single_query_value,
)
from surveys.models import JobStatus, Report
from surveys.releases.selectors import release_get
from surveys.reports import selectors, services
from surveys.reports.jobs import FILE_KINDS, stored_file
from surveys.reports.views import CONTENT_TYPES


class ReportSerializer(StrictModelSerializer):
    country = serializers.CharField(source="country_id", allow_null=True)
    release = serializers.CharField(
        source="release.label",
        allow_null=True,
        default=None,
        help_text=gettext_lazy(
            "The release the report was compiled from (e.g. TH-1); null for a "
            "working draft from the current validated state."
        ),
    )
    requested_by = serializers.CharField(source="requested_by.get_username")
    page_url = serializers.SerializerMethodField(
        help_text=gettext_lazy("The report as a web page.")
    )
    downloads = serializers.SerializerMethodField(
        help_text=gettext_lazy("pdf, xlsx and html file addresses, once done.")
    )

    class Meta:
        model = Report
        fields = [
            "id",
            "kind",
            "country",
            "countries",
            "language",
            "number",
            "release",
            "status",
            "progress",
            "error",
            "cutoff_at",
            "requested_by",
            "created_at",
            "started_at",
            "finished_at",
            "attempts",
            "aggregation_seconds",
            "render_seconds",
            "query_count",
            "page_url",
            "downloads",
        ]
        read_only_fields = fields

    def _absolute(self, url: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def get_page_url(self, report: Report) -> str:
        return self._absolute(reverse("report-detail", args=[report.pk]))

    def get_downloads(self, report: Report) -> dict[str, str]:
        if report.status != JobStatus.DONE:
            return {}
        return {
            kind: self._absolute(reverse("api-report-download", args=[report.pk, kind]))
            for kind in FILE_KINDS
        }


class ReportRequestSerializer(StrictSerializer):
    country = CountryCodeField(
        required=False,
        help_text=gettext_lazy("A country's ISO code, for its mapping report."),
    )
    countries = serializers.ListField(
        child=CountryCodeField(),
        required=False,
        allow_empty=False,
        help_text=gettext_lazy(
            "For a regional comparison (staff): the ISO codes to compare; all "
            "countries when neither field is given."
        ),
    )

    language = serializers.CharField(
        required=False,
        max_length=8,
        help_text=gettext_lazy(
            "The report's language: the country's (Kyrgyzstan: ky or ru) or en, the "
            "default; staff may choose any of the platform's."
        ),
    )
    release = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=gettext_lazy(
            "For a country report: the id of an accepted release of the country to "
            "compile it from; without it, a working draft from the current "
            "validated state."
        ),
    )

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if "release" in data and "country" not in data:
            raise serializers.ValidationError(
                {"release": [_("A release is cited by a country's report only.")]}
            )
        if "country" in data and "countries" in data:
            raise serializers.ValidationError(
                _("Give a country for its report, or countries to compare, not both.")
            )
        return data


@extend_schema_view(
    list=extend_schema(
        tags=["reports"],
        parameters=[
            OpenApiParameter("country", OpenApiTypes.STR, description="ISO code"),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=Report.Kind.values),
        ],
    ),
    retrieve=extend_schema(tags=["reports"]),
    create=extend_schema(
        tags=["reports"],
        request=ReportRequestSerializer,
        responses={202: ReportSerializer},
    ),
    download=extend_schema(
        tags=["reports"],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    ),
)
class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = ReportSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Report]:
        reports = selectors.report_list(user=self.request.user)
        code = self.request.query_params.get("country")
        if code:
            reports = reports.filter(country_id=code.upper())
        kind = single_query_value(self.request, "kind")
        if kind is not None:
            if kind not in Report.Kind.values:
                raise ApplicationError(
                    _("Please correct the parameters marked below."),
                    field_errors={
                        "kind": [
                            _("Choose one of: %(kinds)s.")
                            % {"kinds": ", ".join(Report.Kind.values)}
                        ]
                    },
                )
            reports = reports.filter(kind=kind)
        return reports

    def get_object(self) -> Report:
        return selectors.report_get(
            user=self.request.user, pk=record_id(self.kwargs["pk"])
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        given = ReportRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        if "country" in data:
            country = country_get(user=request.user, code=data["country"])
            release = (
                release_get(user=request.user, pk=data["release"])
                if "release" in data
                else None
            )
            report = services.report_compile_request(
                by=request.user,
                country=country,
                language=data.get("language", ""),
                release=release,
            )
        else:
            report = services.report_compile_request(
                by=request.user,
                countries=data.get("countries"),
                language=data.get("language", ""),
            )
        return Response(
            ReportSerializer(report, context=self.get_serializer_context()).data,
            status=status.HTTP_202_ACCEPTED,
        )

    @action(
        detail=True,
        methods=["get"],
        url_path="download/(?P<kind>pdf|xlsx|html)",
        url_name="download",
    )
    def download(self, request: Request, pk: str, kind: str) -> FileResponse:
        path = stored_file(self.get_object(), kind)
        if path is None:
            raise NotFound(_("This file is not available."))
        response = FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
        response["Content-Type"] = CONTENT_TYPES[kind]
        return response
