"""The API's entity filter."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from surveys.api.filters import (
    IntegerFilter,
    MergedAreaFilter,
    _id_bounds,
    country_filter,
    updated_since_filter,
)
from surveys.entities.filters import EntityFilter


class ApiEntityFilter(EntityFilter):
    """The entity list pages' filters, plus what scripts need: country, ISIC prefix,
    changed since. `search` replaces the pages' `q`; ordering is the API's `ordering`."""

    q = None
    sort = None  # type: ignore[assignment]
    search = django_filters.CharFilter(
        method="search",
        label=_("Name in either script (accents and case ignored), or code"),
        max_length=200,
    )
    country = country_filter()
    isic = django_filters.CharFilter(
        method="filter_isic",
        label=_("ISIC Rev.4 code prefix of the main activity, e.g. A01 or 01"),
        max_length=4,
    )
    updated_since = updated_since_filter()
    # By id, as the schema says: an area or legal form that does not exist, or is
    # another country's, matches no entity rather than failing the request.
    area = MergedAreaFilter(
        label=_("First-level area id; also matches the units merged into it"),
        **_id_bounds(),
    )
    legal_form = IntegerFilter(label=_("Legal form id"), **_id_bounds())

    class Meta:
        model = EntityFilter.Meta.model
        fields: list[str] = []

    def filter_isic(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        prefix = value.strip().upper()
        if prefix[:1].isascii() and prefix[:1].isalpha():
            # A section letter first: the divisions of that section.
            return qs.filter(
                main_activity__section_id=prefix[:1],
                main_activity__code__startswith=prefix[1:],
            )
        return qs.filter(main_activity__code__startswith=prefix)
