"""The API's filter of committee meetings."""

from __future__ import annotations

import django_filters

from surveys.api.filters import country_filter


class MeetingFilter(django_filters.FilterSet):
    country = country_filter()
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")
    online = django_filters.BooleanFilter()
