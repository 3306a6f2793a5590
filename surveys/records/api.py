"""Case studies, capacity gaps and national definitions in the API."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from surveys.records import filters, services
from surveys.records import serializers as api
from surveys.review.api import RecordViewSet, ServiceWritesViewSet, record_schema


class _RecordWritesViewSet(ServiceWritesViewSet):
    """Case studies and capacity gaps: created and changed by the same services."""

    create_service = staticmethod(services.record_create)
    update_service = staticmethod(services.record_update)


@record_schema("case studies")
class CaseStudyViewSet(_RecordWritesViewSet):
    record_type = "case_study"
    read_serializer = api.CaseStudySerializer
    list_serializer = api.CaseStudySerializer
    create_serializer = api.CaseStudyCreateSerializer
    update_serializer = api.CaseStudyWriteSerializer
    filterset_class = filters.CaseStudyFilter
    search_fields = ("title", "summary")
    ordering_fields = ("updated_at", "created_at", "title")
    ordering = ("-updated_at", "-id")
    related = ("created_by", "updated_by")
    prefetched = ("entities", "attachments")


@record_schema("capacity gaps")
class CapacityGapViewSet(_RecordWritesViewSet):
    record_type = "capacity_gap"
    read_serializer = api.CapacityGapSerializer
    list_serializer = api.CapacityGapSerializer
    create_serializer = api.CapacityGapCreateSerializer
    update_serializer = api.CapacityGapWriteSerializer
    filterset_class = filters.CapacityGapFilter
    search_fields = ("title", "evidence", "recommendations__text")
    ordering_fields = ("updated_at", "created_at", "severity", "title")
    ordering = ("-severity", "title", "id")
    related = ("created_by", "updated_by")
    prefetched = ("affected_areas", "recommendations")


@record_schema("national definitions")
class NationalDefinitionViewSet(RecordViewSet):
    """Versions of each country's national definition; a change to its rule
    re-classifies the country's entities."""

    record_type = "national_definition"
    read_serializer = api.NationalDefinitionSerializer
    list_serializer = api.NationalDefinitionSerializer
    create_serializer = api.NationalDefinitionCreateSerializer
    update_serializer = api.NationalDefinitionUpdateSerializer
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
