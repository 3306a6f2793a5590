"""Reading security events: staff only, filtered as the list page asks."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import SecurityEvent
from surveys import access


class SecurityEventFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(
        label=_("Events"),
        choices=SecurityEvent.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    username = django_filters.CharFilter(
        label=_("Username"), field_name="username", lookup_expr="icontains"
    )
    ip_address = django_filters.CharFilter(
        label=_("Address"), field_name="ip_address", lookup_expr="startswith"
    )
    since = django_filters.DateFilter(
        label=_("From"),
        field_name="at",
        method="filter_since",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label=_("Until"),
        field_name="at",
        method="filter_until",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = SecurityEvent
        fields = ["kind", "username", "ip_address", "since", "until"]

    def filter_since(
        self, queryset: QuerySet[SecurityEvent], name: str, value: datetime.date
    ) -> QuerySet[SecurityEvent]:
        start = datetime.datetime.combine(value, datetime.time.min, tzinfo=datetime.UTC)
        return queryset.filter(at__gte=start)

    def filter_until(
        self, queryset: QuerySet[SecurityEvent], name: str, value: datetime.date
    ) -> QuerySet[SecurityEvent]:
        end = datetime.datetime.combine(
            value + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC
        )
        return queryset.filter(at__lt=end)


def security_event_list(
    *, user: Any, filters: dict[str, Any]
) -> tuple[SecurityEventFilter, QuerySet[SecurityEvent]]:
    access.require(user, "security.events")
    filterset = SecurityEventFilter(
        filters, queryset=SecurityEvent.objects.select_related("user", "actor")
    )
    return filterset, filterset.qs
