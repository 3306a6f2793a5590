"""The reference data in the API: countries, areas, legal forms, priorities, vocabularies and the signed-in user."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
)
from rest_framework import mixins
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from countries import selectors
from countries.selectors import country_get, country_list, has_all_countries
from countries.vocabularies import ALL_VOCABULARIES
from surveys.api import reference_filters as filters
from surveys.api import reference_serializers as api
from surveys.api.base import ApiViewSet, record_id
from surveys.api.schema import ApiAutoSchema
from surveys.api.throttles import WriteRateThrottle

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
