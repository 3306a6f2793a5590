"""REST API for releases: /api/v1/releases/.

List and read the releases the caller may see (`selectors.release_list`: staff all,
everyone else their countries' accepted releases; another country's answers 404),
accept a country's validated findings and withdraw a release (staff; the snapshot is
taken by a worker, so accepting answers 202 at once), and the differences from the
release before.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from countries.selectors import country_get
from sse_mapping.exceptions import ApplicationError
from surveys.api.base import ApiViewSet, absolute_url, record_id
from surveys.api.fields import CountryCodeField
from surveys.api.strict import StrictModelSerializer, StrictSerializer
from surveys.models import Release, ReleaseState
from surveys.record_types import RECORD_TYPES
from surveys.releases import selectors, services
from surveys.releases.diff import differences_summary

DIFFERENCES_LIMIT = 5000


class ReleaseSerializer(StrictModelSerializer):
    country = serializers.CharField(source="country_id")
    label = serializers.CharField(help_text=gettext_lazy("e.g. TH-1"))  # type: ignore[assignment]
    state = serializers.ChoiceField(choices=ReleaseState.choices)
    accepted_by = serializers.CharField(source="requested_by.get_username")
    withdrawn_by = serializers.CharField(
        source="withdrawn_by.get_username", allow_null=True, default=None
    )
    page_url = serializers.SerializerMethodField(
        help_text=gettext_lazy("The release as a web page.")
    )

    class Meta:
        model = Release
        fields = [
            "id",
            "country",
            "number",
            "label",
            "state",
            "progress",
            "error",
            "accepted_at",
            "accepted_by",
            "record_counts",
            "licence",
            "published_at",
            "withdrawn_at",
            "withdrawn_by",
            "withdrawn_reason",
            "page_url",
        ]
        read_only_fields = fields

    def get_page_url(self, release: Release) -> str:
        return absolute_url(
            self.context.get("request"), reverse("release-detail", args=[release.pk])
        )


class AcceptSerializer(StrictSerializer):
    country = CountryCodeField(
        help_text=gettext_lazy("The ISO code of the country whose findings to accept.")
    )


class WithdrawSerializer(StrictSerializer):
    reason = serializers.CharField(
        max_length=2000, help_text=gettext_lazy("Why the release is withdrawn.")
    )


class FieldChangeSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text=gettext_lazy("The data key; parts joined by dots.")
    )
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class ChangeSerializer(serializers.Serializer):
    record_type = serializers.CharField()
    record_id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=["added", "removed", "changed"])
    field_changes = FieldChangeSerializer(many=True, source="fields")


class DifferencesSerializer(serializers.Serializer):
    release = serializers.CharField()
    previous = serializers.CharField(allow_null=True)
    counts = serializers.DictField(child=serializers.IntegerField())
    truncated = serializers.BooleanField()
    changes = ChangeSerializer(many=True)


@extend_schema_view(
    list=extend_schema(
        tags=["releases"],
        parameters=[
            OpenApiParameter("country", OpenApiTypes.STR, description="ISO code")
        ],
    ),
    retrieve=extend_schema(tags=["releases"]),
    accept=extend_schema(
        tags=["releases"], request=AcceptSerializer, responses={202: ReleaseSerializer}
    ),
    withdraw=extend_schema(
        tags=["releases"], request=WithdrawSerializer, responses=ReleaseSerializer
    ),
    differences=extend_schema(
        tags=["releases"],
        parameters=[
            OpenApiParameter(
                "record_type",
                OpenApiTypes.STR,
                enum=list(RECORD_TYPES),
                description="Only the records of this type.",
            )
        ],
        responses=DifferencesSerializer,
    ),
)
class ReleaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = ReleaseSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Release]:
        releases = selectors.release_list(user=self.request.user)
        code = self.request.query_params.get("country")
        if code:
            releases = releases.filter(country_id=code.upper())
        return releases

    def get_object(self) -> Release:
        return selectors.release_get(
            user=self.request.user, pk=record_id(self.kwargs["pk"])
        )

    def _answer(self, release: Release, code: int = status.HTTP_200_OK) -> Response:
        return Response(
            ReleaseSerializer(release, context=self.get_serializer_context()).data,
            status=code,
        )

    @action(detail=False, methods=["post"])
    def accept(self, request: Request) -> Response:
        given = AcceptSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        country = country_get(user=request.user, code=given.validated_data["country"])
        release = services.release_accept(country=country, by=request.user)
        return self._answer(release, status.HTTP_202_ACCEPTED)

    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        given = WithdrawSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        release = services.release_withdraw(
            release=self.get_object(),
            by=request.user,
            reason=given.validated_data["reason"],
        )
        return self._answer(release)

    @action(detail=True, methods=["get"], pagination_class=None)
    def differences(self, request: Request, pk: str) -> Response:
        release = self.get_object()
        record_type = request.query_params.get("record_type") or None
        if record_type is not None and record_type not in RECORD_TYPES:
            raise ApplicationError(
                _("Please correct the parameters marked below."),
                field_errors={
                    "record_type": [
                        _("Choose one of: %(kinds)s.")
                        % {"kinds": ", ".join(RECORD_TYPES)}
                    ]
                },
            )
        previous = selectors.release_previous(release)
        summary = differences_summary(
            previous, release, record_type=record_type, limit=DIFFERENCES_LIMIT
        )
        return Response(
            DifferencesSerializer(
                {
                    "release": release.label,
                    "previous": previous.label if previous else None,
                    "counts": summary.counts,
                    "truncated": summary.truncated,
                    "changes": summary.changes,
                }
            ).data
        )
