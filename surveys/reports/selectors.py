"""Reading compiled reports, scoped to the user."""

from __future__ import annotations

from django.db.models import (
    QuerySet,
)
from django.shortcuts import get_object_or_404

from countries.models import (
    Country,
)
from countries.selectors import (
    AnyUser,
)
from surveys.models import (
    Report,
)


def report_list(*, user: AnyUser, country: Country | None = None) -> QuerySet[Report]:
    """Report versions the user may read: staff all (regional comparisons only them);
    consultants and committee members their countries' country reports."""
    reports = Report.objects.visible_to(user).select_related(
        "country", "requested_by", "release"
    )
    if country is not None:
        reports = reports.filter(kind=Report.Kind.COUNTRY, country=country)
    return reports.order_by("-created_at", "-id")


def report_get(*, user: AnyUser, pk: int) -> Report:
    return get_object_or_404(report_list(user=user), pk=pk)
