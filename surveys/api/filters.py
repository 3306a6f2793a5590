"""Query filters for the API's lists.

Like the pages' filters, they only narrow a queryset that a selector already scoped
to the caller: a filter on another country simply finds nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import filters

from countries.models import AdminArea
from countries.vocabularies import (
    CapacityGapCategory,
    PrioritySector,
    SseType,
    WorkflowState,
)
from surveys.filters import EntityFilter, area_with_predecessors
from surveys.models import ReviewDecision
from surveys.workflow import RECORD_TYPES


def _country(qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
    return qs.filter(**{name: value.strip().upper()})


def country_filter(field_name: str = "country") -> django_filters.CharFilter:
    return django_filters.CharFilter(
        field_name=field_name,
        method=lambda qs, name, value: _country(qs, field_name, value),
        label=_("Country (ISO code, e.g. TH)"),
        max_length=2,
    )


class UtcDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment, turned to UTC: PostgreSQL refuses offsets beyond ±16 h
    that Python accepts."""

    def to_python(self, value: Any) -> datetime.datetime | None:
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(datetime.UTC)
        except OverflowError as error:
            raise forms.ValidationError(
                _("Give a moment between the years 1 and 9999.")
            ) from error


class MomentFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


def updated_since_filter() -> MomentFilter:
    return MomentFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label=_("Changed at or after this moment (ISO 8601)"),
    )


@extend_schema_field(OpenApiTypes.INT)
class IntegerFilter(django_filters.NumberFilter):
    """A whole number, such as a record's id (a plain NumberFilter takes decimals)."""

    field_class = forms.IntegerField


def _id_bounds() -> dict[str, int]:
    # Ids beyond a 64-bit integer would overflow the database driver.
    return {"min_value": 1, "max_value": 2**63 - 1}


class MergedAreaFilter(IntegerFilter):
    """An area also matches records of the units merged into it, so that records made
    before a reform are found under today's area."""

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value in (None, ""):
            return qs
        area = AdminArea.objects.filter(pk=value).first()
        if area is None:
            return qs.none()
        return qs.filter(**{f"{self.field_name}__in": area_with_predecessors(area)})


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
        return qs.filter(
            content_type=ContentType.objects.get_for_model(RECORD_TYPES[value])
        )

    def filter_mine(
        self, qs: QuerySet[Any], name: str, value: bool | None
    ) -> QuerySet[Any]:
        if value is None:
            return qs
        user = self.request.user if self.request is not None else None
        mine = Q(reviewer=user)
        return qs.filter(mine) if value else qs.exclude(mine)


class MeetingFilter(django_filters.FilterSet):
    country = country_filter()
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")
    online = django_filters.BooleanFilter()


class OrderingFilter(filters.OrderingFilter):
    """`ordering`, with the fields a list can be ordered by named in the schema."""

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        fields = [name for name, _label in self.get_valid_fields(None, view, {})]  # type: ignore[arg-type]
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": str(
                    _("Order by one of these; a leading “-” reverses the order.")
                ),
                "schema": {
                    "type": "string",
                    "enum": [f"{sign}{name}" for name in fields for sign in ("", "-")],
                },
            }
        ]
