"""The study records in the API: listed, read, created, changed and moved through
review like case studies, by the same services as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from surveys.review.api import RecordViewSet, _record_schema
from surveys.study import filters, services
from surveys.study import serializers as api


class _StudyRecordViewSet(RecordViewSet):
    related = ("created_by", "updated_by")

    def create_record(self, *, country: Any, data: dict[str, Any]) -> Model:
        return services.study_record_create(
            model=self.kind.model, country=country, by=self.request.user, data=data
        )

    def update_record(
        self, *, record: Any, data: dict[str, Any], expected: int | None
    ) -> Model:
        return services.study_record_update(
            record=record, by=self.request.user, data=data, expected_version=expected
        )


@_record_schema(
    tag="legal and policy instruments",
    read=api.LegalInstrumentSerializer,
    listed=api.LegalInstrumentSerializer,
    create=api.LegalInstrumentCreateSerializer,
    update=api.LegalInstrumentWriteSerializer,
)
class LegalInstrumentViewSet(_StudyRecordViewSet):
    record_type = "legal_instrument"
    read_serializer = api.LegalInstrumentSerializer
    list_serializer = api.LegalInstrumentSerializer
    create_serializer = api.LegalInstrumentCreateSerializer
    update_serializer = api.LegalInstrumentWriteSerializer
    filterset_class = filters.LegalInstrumentFilter
    search_fields = ("title_local", "title_en", "summary", "issuing_body")
    ordering_fields = ("updated_at", "year", "title_local")
    ordering = ("kind", "-year", "title_local", "id")


@_record_schema(
    tag="support institutions",
    read=api.SupportInstitutionSerializer,
    listed=api.SupportInstitutionSerializer,
    create=api.SupportInstitutionCreateSerializer,
    update=api.SupportInstitutionWriteSerializer,
)
class SupportInstitutionViewSet(_StudyRecordViewSet):
    record_type = "support_institution"
    read_serializer = api.SupportInstitutionSerializer
    list_serializer = api.SupportInstitutionSerializer
    create_serializer = api.SupportInstitutionCreateSerializer
    update_serializer = api.SupportInstitutionWriteSerializer
    filterset_class = filters.SupportInstitutionFilter
    search_fields = ("name_local", "name_en", "role")
    ordering_fields = ("updated_at", "name_local")
    ordering = ("kind", "name_local", "id")


@_record_schema(
    tag="sampling frames",
    read=api.SamplingFrameSerializer,
    listed=api.SamplingFrameSerializer,
    create=api.SamplingFrameCreateSerializer,
    update=api.SamplingFrameWriteSerializer,
)
class SamplingFrameViewSet(_StudyRecordViewSet):
    record_type = "sampling_frame"
    read_serializer = api.SamplingFrameSerializer
    list_serializer = api.SamplingFrameSerializer
    create_serializer = api.SamplingFrameCreateSerializer
    update_serializer = api.SamplingFrameWriteSerializer
    filterset_class = filters.SamplingFrameFilter
    search_fields = ("title", "notes")
    ordering_fields = ("updated_at", "title")
    ordering = ("-updated_at", "-id")
    prefetched = ("counts",)


@_record_schema(
    tag="methodology",
    read=api.StudyMethodologySerializer,
    listed=api.StudyMethodologySerializer,
    create=api.StudyMethodologyCreateSerializer,
    update=api.StudyMethodologyWriteSerializer,
)
class StudyMethodologyViewSet(_StudyRecordViewSet):
    record_type = "study_methodology"
    read_serializer = api.StudyMethodologySerializer
    list_serializer = api.StudyMethodologySerializer
    create_serializer = api.StudyMethodologyCreateSerializer
    update_serializer = api.StudyMethodologyWriteSerializer
    filterset_class = filters.StudyMethodologyFilter
    search_fields = ("title", "approach", "limitations")
    ordering_fields = ("updated_at", "period_start")
    ordering = ("-updated_at", "-id")
