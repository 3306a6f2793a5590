"""The API's filters of case studies, capacity gaps and national definitions."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from countries.vocabularies import (
    CapacityGapCategory,
    PrioritySector,
    SseType,
    WorkflowState,
)
from surveys.api.filters import (
    IntegerFilter,
    MergedAreaFilter,
    _id_bounds,
    country_filter,
    updated_since_filter,
)


class RecordFilter(django_filters.FilterSet):
    """What every reviewed record can be filtered by."""

    country = country_filter()
    workflow_state = django_filters.ChoiceFilter(choices=WorkflowState.choices)
    updated_since = updated_since_filter()


class CaseStudyFilter(RecordFilter):
    area = MergedAreaFilter(
        field_name="area",
        label=_("Area, including the units merged into it"),
        **_id_bounds(),
    )
    sse_type = django_filters.ChoiceFilter(choices=SseType.choices)
    priority_sector = django_filters.ChoiceFilter(choices=PrioritySector.choices)
    entity = IntegerFilter(
        field_name="entities", label=_("Describes this entity"), **_id_bounds()
    )


def _json_list_contains(field: str, value: str) -> Q:
    # A text match on the stored JSON list works on SQLite and PostgreSQL alike; the
    # quotes keep "SE" from matching "SCC"-like codes that merely contain it.
    return Q(**{f"{field}__icontains": f'"{value}"'})


class CapacityGapFilter(RecordFilter):
    category = django_filters.ChoiceFilter(choices=CapacityGapCategory.choices)
    severity = django_filters.TypedChoiceFilter(
        choices=[(1, "1"), (2, "2"), (3, "3")], coerce=int
    )
    national_priority = IntegerFilter(**_id_bounds())
    sse_type = django_filters.ChoiceFilter(
        choices=SseType.choices,
        method="filter_sse_type",
        label=_("Affects this SSE type"),
    )
    priority_sector = django_filters.ChoiceFilter(
        choices=PrioritySector.choices,
        method="filter_sector",
        label=_("Affects this priority sector"),
    )
    area = MergedAreaFilter(
        field_name="affected_areas",
        label=_("Affects this area, including the units merged into it"),
        **_id_bounds(),
    )

    def filter_sse_type(
        self, qs: QuerySet[Any], name: str, value: str
    ) -> QuerySet[Any]:
        return qs.filter(_json_list_contains("affected_sse_types", value))

    def filter_sector(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return qs.filter(_json_list_contains("affected_sectors", value))


class NationalDefinitionFilter(RecordFilter):
    pass
