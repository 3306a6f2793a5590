"""The public directory in the API: anonymous, read-only, its own throttle. The same
selectors and allow-list as the pages, so the API shows exactly what they show."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from countries.vocabularies import Classification, PrioritySector, SseType
from surveys.api.base import ApiViewSet
from surveys.api.throttles import PublicRateThrottle
from surveys.models import PEOPLE_GROUPS, Release
from surveys.public import opendata, selectors
from surveys.public.fields import (
    ENTITY_FIELDS,
    FIGURE_FIELDS,
    PublicField,
    public_entity,
)
from surveys.public.licences import licence_url

_TYPES: dict[str, type[serializers.Field]] = {
    "year_established": serializers.IntegerField,
    "reference_year": serializers.IntegerField,
    "latitude": serializers.FloatField,
    "longitude": serializers.FloatField,
    "classification_provisional": serializers.BooleanField,
    **{
        f"{prefix}_{part}": serializers.IntegerField
        for prefix, _label in PEOPLE_GROUPS
        for part in ("total", "women", "men")
    },
}


def _field(field: PublicField) -> serializers.Field:
    help_text = str(field.description)
    if field.many:
        return serializers.ListField(child=serializers.CharField(), help_text=help_text)
    kind = _TYPES.get(field.name, serializers.CharField)
    return kind(allow_null=True, help_text=help_text, read_only=True)


PublicFiguresSerializer = type(
    "PublicFiguresSerializer",
    (serializers.Serializer,),
    {f.name: _field(f) for f in FIGURE_FIELDS},
)
PublicEntitySerializer = type(
    "PublicEntitySerializer",
    (serializers.Serializer,),
    {
        **{f.name: _field(f) for f in ENTITY_FIELDS},
        "figures": PublicFiguresSerializer(
            many=True,
            read_only=True,
            help_text="Figures per reference year, newest first; empty unless the "
            "entity consented to publishing them.",
        ),
    },
)


class PublicReleaseSerializer(serializers.Serializer):
    release = serializers.CharField(source="label", read_only=True)
    country = serializers.CharField(source="country_id", read_only=True)
    number = serializers.IntegerField(read_only=True)
    accepted_at = serializers.DateTimeField(read_only=True)
    published_at = serializers.DateTimeField(read_only=True)
    licence = serializers.CharField(read_only=True)
    licence_url = serializers.SerializerMethodField()
    csv = serializers.SerializerMethodField()
    jsonld = serializers.SerializerMethodField()

    def get_licence_url(self, release: Release) -> str:
        return licence_url(release.licence)

    def get_csv(self, release: Release) -> str:
        return self.context["request"].build_absolute_uri(
            opendata.file_url(release, "csv")
        )

    def get_jsonld(self, release: Release) -> str:
        return self.context["request"].build_absolute_uri(
            opendata.file_url(release, "jsonld")
        )


class PublicViewSet(ApiViewSet):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [PublicRateThrottle]
    filter_backends: list[Any] = []


@extend_schema(tags=["public directory"], auth=[])
class PublicReleaseViewSet(PublicViewSet):
    """Published releases that were not withdrawn, with their open-data files."""

    serializer_class = PublicReleaseSerializer

    def get_queryset(self) -> Any:
        return selectors.published_releases().order_by("country_id", "-number")

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)


class PublicEntityQuery(serializers.Serializer):
    """The public entity list's filters: an unknown code is refused, not matched to
    nothing."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="Part of a name or code.",
    )
    sse_type = serializers.ChoiceField(choices=SseType.choices, required=False)
    classification = serializers.ChoiceField(
        choices=Classification.choices, required=False
    )
    area = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text="First-level area code.",
    )
    sector = serializers.ChoiceField(choices=PrioritySector.choices, required=False)


@extend_schema(tags=["public directory"], auth=[])
class PublicEntityViewSet(PublicViewSet):
    """The entities of a country's latest published release that consented to
    publication, as the public directory shows them (no personal data)."""

    serializer_class = PublicEntitySerializer
    lookup_field = "entity_code"
    lookup_value_regex = "[^/]+"

    @extend_schema(parameters=[PublicEntityQuery])
    def list(self, request: Request, code: str) -> Response:
        # A plain dict: from a QueryDict DRF would take an empty code as left out.
        query = PublicEntityQuery(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        release = selectors.country_release(code=code)
        filters = selectors.EntityFilters.from_query(request.query_params)
        rows = selectors.entity_list(release=release, filters=filters)
        page = self.paginate_queryset(rows)
        shown = [public_entity(row.data) for row in page or []]
        return self.get_paginated_response(
            self.get_serializer([s for s in shown if s is not None], many=True).data
        )

    def retrieve(self, request: Request, code: str, entity_code: str) -> Response:
        release = selectors.country_release(code=code)
        entity = selectors.entity_get(release=release, code=entity_code)
        return Response(self.get_serializer(entity).data)
