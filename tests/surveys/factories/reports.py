"""Factories for compiled reports, country and regional."""

from __future__ import annotations

from typing import Any

import factory
from django.db.models import Max
from django.utils import timezone

from surveys.models import Report
from tests.surveys.factories.jobs import JobFactory


def _next_report_number(report: Any) -> int:
    latest = Report.objects.filter(
        kind=report.kind, country_id=report.country_id
    ).aggregate(number=Max("number"))["number"]
    return (latest or 0) + 1


class ReportFactory(JobFactory):
    """A country report's next version; `regional=True` compares countries."""

    class Meta:
        model = Report

    kind = Report.Kind.COUNTRY
    country_id = "KH"
    number = factory.LazyAttribute(_next_report_number)
    cutoff_at = factory.LazyFunction(timezone.now)

    class Params:
        regional = factory.Trait(
            kind=Report.Kind.REGIONAL,
            country_id=None,
            countries=factory.LazyFunction(lambda: ["KH", "TH"]),
        )
