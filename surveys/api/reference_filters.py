"""Filters of the reference-data endpoints."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from countries.models import AdminArea
from countries.vocabularies import (
    SseType,
)
from surveys.api.filters import IntegerFilter, _id_bounds, country_filter


class AreaFilter(django_filters.FilterSet):
    country = country_filter()
    level = IntegerFilter(min_value=1, max_value=9)
    current = django_filters.BooleanFilter(
        method="filter_current", label=_("Only units that exist today (true/false)")
    )
    valid_on = django_filters.DateFilter(
        method="filter_valid_on", label=_("Units that existed on this date")
    )
    merged_into = IntegerFilter(
        field_name="replaced_by",
        label=_("Units merged into this area (its crosswalk)"),
        **_id_bounds(),
    )

    class Meta:
        model = AdminArea
        fields: list[str] = []

    def filter_current(
        self, qs: QuerySet[AdminArea], name: str, value: bool | None
    ) -> QuerySet[AdminArea]:
        if value is None:
            return qs
        current = AdminArea.objects.current().values("pk")
        return qs.filter(pk__in=current) if value else qs.exclude(pk__in=current)

    def filter_valid_on(
        self, qs: QuerySet[AdminArea], name: str, value: datetime.date | None
    ) -> QuerySet[AdminArea]:
        if value is None:
            return qs
        return qs.filter(pk__in=AdminArea.objects.current(on=value).values("pk"))


class LegalFormFilter(django_filters.FilterSet):
    country = country_filter()
    default_sse_type = django_filters.ChoiceFilter(choices=SseType.choices)
    to_be_confirmed = django_filters.BooleanFilter()


class NationalPriorityFilter(django_filters.FilterSet):
    country = country_filter()
