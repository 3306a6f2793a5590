"""The API's filters of the study records."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from countries.vocabularies import (
    InstitutionKind,
    InstrumentKind,
    InstrumentStatus,
    SseType,
    SupportKind,
)
from surveys.records.filters import RecordFilter, _json_list_contains


class LegalInstrumentFilter(RecordFilter):
    kind = django_filters.ChoiceFilter(choices=InstrumentKind.choices)
    status = django_filters.ChoiceFilter(choices=InstrumentStatus.choices)
    sse_type = django_filters.ChoiceFilter(
        choices=SseType.choices,
        method="filter_sse_type",
        label=_("Concerns this SSE type"),
    )

    def filter_sse_type(
        self, qs: QuerySet[Any], name: str, value: str
    ) -> QuerySet[Any]:
        return qs.filter(_json_list_contains("sse_types", value))


class SupportInstitutionFilter(RecordFilter):
    kind = django_filters.ChoiceFilter(choices=InstitutionKind.choices)
    support_kind = django_filters.ChoiceFilter(
        choices=SupportKind.choices,
        method="filter_support_kind",
        label=_("Gives this kind of support"),
    )
    sse_type = django_filters.ChoiceFilter(
        choices=SseType.choices,
        method="filter_sse_type",
        label=_("Serves this SSE type"),
    )

    def filter_support_kind(
        self, qs: QuerySet[Any], name: str, value: str
    ) -> QuerySet[Any]:
        return qs.filter(_json_list_contains("support_kinds", value))

    def filter_sse_type(
        self, qs: QuerySet[Any], name: str, value: str
    ) -> QuerySet[Any]:
        return qs.filter(_json_list_contains("sse_types", value))


class SamplingFrameFilter(RecordFilter):
    sse_type = django_filters.ChoiceFilter(
        choices=SseType.choices,
        method="filter_sse_type",
        label=_("Counts this SSE type"),
    )

    def filter_sse_type(
        self, qs: QuerySet[Any], name: str, value: str
    ) -> QuerySet[Any]:
        return qs.filter(counts__sse_type=value).distinct()


class StudyMethodologyFilter(RecordFilter):
    pass
