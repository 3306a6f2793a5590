"""Asking for a report to be compiled."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import (
    Max,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from countries.models import Country
from countries.selectors import AnyUser
from sse_mapping.exceptions import ApplicationError
from surveys import access
from surveys.jobs.outbox import job_send_on_commit
from surveys.models import (
    JobStatus,
    Report,
)


def _unfinished_report(kind: str, country: Country | None) -> Report | None:
    """A version of the same report still compiling, unless it is so old that its
    worker must be gone (older than the hard time limit plus Redis' redelivery)."""
    horizon = timezone.now() - datetime.timedelta(
        seconds=settings.CELERY_TASK_HARD_TIME_LIMIT + 600
    )
    return (
        Report.objects.filter(
            kind=kind,
            country=country,
            status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
            created_at__gte=horizon,
        )
        .order_by("-number")
        .first()
    )


@transaction.atomic
def report_compile_request(
    *,
    by: AnyUser,
    country: Country | None = None,
    countries: Iterable[str] | None = None,
) -> Report:
    """Queue a new version of a country's mapping report, or (without `country`) of the
    regional comparison of `countries` (all countries when not given).

    Staff compile any report; committee members their own country's; nobody else.
    """
    if country is None:
        access.require(by, "report.regional")
    else:
        access.require(by, "report.compile", country=country)
    if country is not None:
        kind, codes = Report.Kind.COUNTRY, [country.code]
        # Numbering versions per country: one request at a time.
        Country.objects.select_for_update().get(pk=country.pk)
    else:
        kind = Report.Kind.REGIONAL
        known = set(Country.objects.values_list("pk", flat=True))
        codes = sorted({code.upper() for code in countries} if countries else known)
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise ApplicationError(
                _("Unknown countries: %(codes)s.") % {"codes": ", ".join(unknown)},
                field_errors={"countries": [_("Choose countries from the list.")]},
            )
        if len(codes) < 2:
            raise ApplicationError(
                _("Choose at least two countries to compare."),
                field_errors={"countries": [_("Choose at least two countries.")]},
            )
        # Regional versions are numbered across all countries: lock them all.
        list(Country.objects.select_for_update().order_by("pk"))
    running = _unfinished_report(kind, country)
    if running is not None:
        raise ApplicationError(
            _(
                "Version %(number)s of this report is still being compiled. Wait for "
                "it to finish before compiling another."
            )
            % {"number": running.number}
        )
    latest = Report.objects.filter(kind=kind, country=country).aggregate(
        latest=Max("number")
    )["latest"]
    report = Report.objects.create(  # type: ignore[misc]
        kind=kind,
        country=country,
        countries=codes,
        number=(latest or 0) + 1,
        cutoff_at=timezone.now(),
        requested_by=by,
    )
    job_send_on_commit(report)
    return report
