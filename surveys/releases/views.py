"""Releases: a country's list, the acceptance page, one release, its differences.

Reads go through `selectors` (another country's release is a 404; a release still
being accepted, failed or withdrawn is a 404 for anyone but staff); accepting and
withdrawing go through `services` (a role that may read but not act gets a 403).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from countries.selectors import country_get
from surveys import access
from surveys.models import Release, Report
from surveys.record_types import RECORD_TYPES
from surveys.releases import selectors, services
from surveys.releases.diff import Change, differences_summary, shown_fields
from surveys.submit_once import submitted_once
from surveys.view_errors import errors_as_message, errors_as_pages


def _rows(changes: list[Change]) -> list[dict[str, Any]]:
    return [
        {
            "change": change,
            "type_label": RECORD_TYPES[change.record_type].label,
            "fields": shown_fields(change),
        }
        for change in changes
    ]


@login_required
@errors_as_pages
@require_GET
def release_list(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    return render(
        request,
        "surveys/releases/release_list.html",
        {
            "country": country,
            "releases": selectors.release_list(user=request.user, country=country),
            "can_accept": access.can(request.user, "release.accept", country=country),
        },
    )


@login_required
@submitted_once
@errors_as_pages
@require_http_methods(["GET", "POST"])
def release_accept(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    access.require(request.user, "release.accept", country=country)
    if request.method == "POST":
        with errors_as_message(request):
            release = services.release_accept(country=country, by=request.user)
            messages.success(
                request,
                _(
                    "Release %(label)s is being accepted: its records are frozen in "
                    "the background. This page follows its progress."
                )
                % {"label": release.label},
            )
            return redirect("release-detail", pk=release.pk)
        return redirect("release-accept", code=country.code)
    latest = selectors.release_latest(country=country)
    pending = selectors.pending_changes(country=country, since=latest)
    next_number = (
        Release.objects.filter(country=country).exclude(status="failed").count() + 1
    )
    return render(
        request,
        "surveys/releases/release_accept.html",
        {
            "country": country,
            "latest": latest,
            "next_label": f"{country.code}-{next_number}",
            "pending": [
                {"pending": p, "rows": _rows(p.samples)} for p in pending if p.total
            ],
            "anything": any(p.total for p in pending),
        },
    )


@login_required
@errors_as_pages
@require_GET
def release_detail(request: HttpRequest, pk: int) -> HttpResponse:
    release = selectors.release_get(user=request.user, pk=pk)
    country = release.country
    return render(
        request,
        "surveys/releases/release_detail.html",
        {
            "release": release,
            "country": country,
            "counts": [
                (RECORD_TYPES[name].label_plural, n)
                for name, n in release.record_counts.items()
                if name in RECORD_TYPES
            ],
            "previous": selectors.release_previous(release),
            "reports": Report.objects.filter(release=release).order_by("-number"),
            "can_withdraw": release.is_accepted
            and access.can(request.user, "release.withdraw", country=country),
            "can_compile": release.is_accepted
            and access.can(request.user, "report.compile", country=country),
        },
    )


@login_required
@require_GET
def release_progress(request: HttpRequest, pk: int) -> JsonResponse:
    release = selectors.release_get(user=request.user, pk=pk)
    return JsonResponse(
        {
            "status": release.status,
            "status_label": release.get_state_display(),
            "progress": release.progress,
            "error": release.error,
            "finished": release.is_finished,
        }
    )


@login_required
@submitted_once
@errors_as_pages
@require_POST
def release_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    release = selectors.release_get(user=request.user, pk=pk)
    with errors_as_message(request):
        services.release_withdraw(
            release=release, by=request.user, reason=request.POST.get("reason", "")
        )
        messages.success(
            request, _("Release %(label)s is withdrawn.") % {"label": release.label}
        )
    return redirect("release-detail", pk=release.pk)


@login_required
@errors_as_pages
@require_GET
def release_differences(request: HttpRequest, pk: int) -> HttpResponse:
    release = selectors.release_get(user=request.user, pk=pk)
    previous = selectors.release_previous(release)
    summary = differences_summary(previous, release)
    return render(
        request,
        "surveys/releases/release_differences.html",
        {
            "release": release,
            "country": release.country,
            "previous": previous,
            "summary": summary,
            "rows": _rows(summary.changes),
        },
    )
