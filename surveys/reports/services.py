"""Asking for a report to be compiled."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import (
    Max,
)
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from countries.languages import LANGUAGE_NAMES, LANGUAGES, report_languages
from countries.models import Country
from countries.names import country_name
from countries.selectors import AnyUser, has_all_countries
from sse_mapping.exceptions import ApplicationError
from surveys import access
from surveys.jobs.outbox import job_send_on_commit
from surveys.models import (
    JobStatus,
    Release,
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


def report_language_choices(
    *, by: AnyUser, country: Country | None
) -> list[tuple[str, str]]:
    """The languages `by` may compile a report in: the country's own and English (the
    regional comparison: English); staff may choose any of the platform's."""
    if has_all_countries(by):
        codes = [
            *report_languages(country.code if country else None),
            *(code for code, _name in LANGUAGES),
        ]
    else:
        codes = report_languages(country.code if country else None)
    return [(code, LANGUAGE_NAMES[code]) for code in dict.fromkeys(codes)]


@transaction.atomic
def report_compile_request(
    *,
    by: AnyUser,
    country: Country | None = None,
    countries: Iterable[str] | None = None,
    language: str = "",
    release: Release | None = None,
) -> Report:
    """Queue a new version of a country's mapping report, or (without `country`) of the
    regional comparison of `countries` (all countries when not given).

    Staff compile any report; committee members their own country's; nobody else.
    `language`: the country's language(s) or English (staff: any of the platform's);
    English when not given. `release`: an accepted release of the country, whose
    frozen tables the report renders; none: a working draft from the current
    validated state.
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
    language = language or "en"
    allowed = report_language_choices(by=by, country=country)
    if language not in dict(allowed):
        raise ApplicationError(
            _("A report of %(where)s can be compiled in %(languages)s.")
            % {
                "where": country_name(country) if country else _("the region"),
                "languages": ", ".join(str(name) for _code, name in allowed),
            },
            field_errors={"language": [_("Choose a language from the list.")]},
        )
    if release is not None and (
        country is None or release.country_id != country.pk or not release.is_accepted
    ):
        raise ApplicationError(
            _(
                "Release %(label)s cannot be cited: choose an accepted release of %(where)s."
            )
            % {
                "label": release.label,
                "where": country_name(country) if country else _("the country"),
            },
            field_errors={"release": [_("Choose a release from the list.")]},
        )
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
        cutoff_at=release.accepted_at if release is not None else timezone.now(),
        requested_by=by,
        requester_language=translation.get_language() or "",
        language=language,
        release=release,
    )
    job_send_on_commit(report)
    return report
