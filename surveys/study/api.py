"""The study records in the API: listed, read, created, changed and moved through
review like case studies, by the same services as the pages."""

from __future__ import annotations

from surveys.review.api import ServiceWritesViewSet, record_schema
from surveys.study import filters, services
from surveys.study import serializers as api


class _StudyRecordViewSet(ServiceWritesViewSet):
    related = ("created_by", "updated_by")
    create_service = staticmethod(services.study_record_create)
    update_service = staticmethod(services.study_record_update)


@record_schema("legal and policy instruments")
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


@record_schema("support institutions")
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


@record_schema("sampling frames")
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


@record_schema("methodology")
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
