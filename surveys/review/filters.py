"""The API's filters of review decisions and meetings."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from surveys.api.filters import IntegerFilter, MomentFilter, _id_bounds, country_filter
from surveys.models import ReviewDecision
from surveys.record_types import RECORD_TYPES


class ReviewFilter(django_filters.FilterSet):
    country = country_filter()
    record_type = django_filters.ChoiceFilter(
        choices=[(name, name) for name in RECORD_TYPES],
        method="filter_record_type",
    )
    record_id = IntegerFilter(field_name="object_id", **_id_bounds())
    decision = django_filters.ChoiceFilter(choices=ReviewDecision.Decision.choices)
    mine = django_filters.BooleanFilter(
        method="filter_mine", label=_("Only my own decisions")
    )
    decided_since = MomentFilter(field_name="decided_at", lookup_expr="gte")

    class Meta:
        model = ReviewDecision
        fields: list[str] = []

    def filter_record_type(
        self, qs: QuerySet[Any], name: str, value: str
    ) -> QuerySet[Any]:
        return qs.filter(content_type=RECORD_TYPES[value].content_type())

    def filter_mine(
        self, qs: QuerySet[Any], name: str, value: bool | None
    ) -> QuerySet[Any]:
        if value is None:
            return qs
        user = self.request.user if self.request is not None else None
        mine = Q(reviewer=user)
        return qs.filter(mine) if value else qs.exclude(mine)
