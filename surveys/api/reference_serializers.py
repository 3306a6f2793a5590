"""Serializers of the reference data and of the signed-in user."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from countries.models import (
    AdminArea,
    Country,
    LegalForm,
    Membership,
    NationalPriority,
)
from surveys.api.strict import StrictModelSerializer, StrictSerializer

# --- Reference data -------------------------------------------------------------------


class CountrySerializer(StrictModelSerializer):
    class Meta:
        model = Country
        fields = ("code", "name", "name_local", "currency", "review_quorum")


class AreaSerializer(StrictModelSerializer):
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
            "name_ru",
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


class LegalFormSerializer(StrictModelSerializer):
    class Meta:
        model = LegalForm
        fields = (
            "id",
            "country",
            "code",
            "name_en",
            "name_local",
            "name_ru",
            "governing_law",
            "default_sse_type",
            "to_be_confirmed",
        )


class NationalPrioritySerializer(StrictModelSerializer):
    class Meta:
        model = NationalPriority
        fields = ("id", "country", "code", "title", "source_document", "description")


class VocabularyCodeSerializer(StrictSerializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class VocabularySerializer(StrictSerializer):
    name = serializers.CharField(help_text=_("The code list, e.g. sse_type."))
    codes = VocabularyCodeSerializer(many=True)


class MembershipSerializer(StrictModelSerializer):
    country = serializers.CharField(  # type: ignore[assignment]
        source="country_id",
        allow_null=True,
        help_text=_("Empty for a role in all countries (staff, administrators)."),
    )

    class Meta:
        model = Membership
        fields = ("country", "role")


class MeSerializer(StrictSerializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    all_countries = serializers.BooleanField(
        help_text=_("Staff and administrators read every country.")
    )
    countries = serializers.ListField(
        child=serializers.CharField(), help_text=_("The countries the caller reads.")
    )
    memberships = MembershipSerializer(many=True)
