"""Filter parts shared by the API's list endpoints: country, dates, ids, ordering."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import filters

from countries.models import AdminArea
from countries.selectors import area_with_predecessors
from sse_mapping.exceptions import ApplicationError


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

    def get_ordering(self, request: Any, queryset: Any, view: Any) -> Any:
        """The ordering asked for; one the list cannot be ordered by is refused."""
        from surveys.api.strict import single_query_value

        given = single_query_value(request, self.ordering_param)
        if given is not None:
            valid = {
                name
                for name, _label in self.get_valid_fields(
                    queryset, view, {"request": request}
                )
            }
            terms = [term.strip() for term in given.split(",")]
            wrong = [t for t in terms if t.lstrip("-") not in valid]
            if wrong or not given:
                raise ApplicationError(
                    str(_("Please correct the parameters marked below.")),
                    field_errors={
                        self.ordering_param: [
                            str(_("Order by one of: %(fields)s."))
                            % {"fields": ", ".join(sorted(valid))}
                        ]
                    },
                )
        return super().get_ordering(request, queryset, view)
