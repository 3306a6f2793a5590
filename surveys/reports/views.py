"""Country mapping reports and the regional comparison: compile, follow, read, download.

Reads go through `reports_selectors.report_list/report_get` (another country's report is a
404, a regional comparison is a 404 for anyone but staff); compiling goes through
`services.report_compile_request` (a role that may read but not compile gets a 403).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from countries.models import Country
from countries.selectors import country_get
from surveys import access
from surveys.models import JobStatus, Report
from surveys.reports import selectors as reports_selectors
from surveys.reports import services
from surveys.reports.jobs import FILE_KINDS, report_meta, stored_file
from surveys.reports.render import report_context
from surveys.submit_once import submitted_once
from surveys.view_errors import errors_as_message, errors_as_pages

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


class RegionalForm(forms.Form):
    countries = forms.MultipleChoiceField(
        label=gettext_lazy("Countries to compare"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(c.code, c.name) for c in Country.objects.order_by("name")]
        field = self.fields["countries"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices
        field.initial = [code for code, _name in choices]


def _versions(reports: Any) -> list[dict[str, Any]]:
    return [
        {
            "report": report,
            "downloads": [
                (kind, reverse("report-download", args=[report.pk, kind]))
                for kind in FILE_KINDS
            ]
            if report.status == JobStatus.DONE
            else [],
        }
        for report in reports
    ]


def _versions_and_busy(reports: Any) -> dict[str, Any]:
    """The versions listed, and whether one is still compiling (the compile button
    then waits for it)."""
    versions = _versions(reports)
    return {
        "versions": versions,
        "busy": any(not v["report"].is_finished for v in versions),
    }


def _compile(request: HttpRequest, **target: Any) -> HttpResponse | None:
    """Ask for a new version; on a refusal, say why and return None."""
    with errors_as_message(request):
        report = services.report_compile_request(by=request.user, **target)
        return redirect("report-detail", pk=report.pk)
    return None


@login_required
@submitted_once
@errors_as_pages
@require_http_methods(["GET", "POST"])
def report_list(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    if request.method == "POST":
        response = _compile(
            request, country=country, language=request.POST.get("language", "")
        )
        if response is not None:
            return response
        return redirect("report-list", code=country.code)
    return render(
        request,
        "surveys/reports/report_list.html",
        {
            "country": country,
            **_versions_and_busy(
                reports_selectors.report_list(user=request.user, country=country)
            ),
            "can_compile": access.can(request.user, "report.compile", country=country),
            "languages": services.report_language_choices(
                by=request.user, country=country
            ),
            "preferred_language": translation.get_language(),
            "can_compare": access.can(request.user, "report.regional"),
        },
    )


@login_required
@submitted_once
@errors_as_pages
@require_http_methods(["GET", "POST"])
def report_regional(request: HttpRequest) -> HttpResponse:
    if not access.can(request.user, "report.regional"):
        raise Http404
    form = RegionalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = _compile(
            request,
            countries=form.cleaned_data["countries"],
            language=request.POST.get("language", ""),
        )
        if response is not None:
            return response
    return render(
        request,
        "surveys/reports/report_regional.html",
        {
            "form": form,
            "languages": services.report_language_choices(
                by=request.user, country=None
            ),
            "preferred_language": "en",
            **_versions_and_busy(
                reports_selectors.report_list(user=request.user).filter(
                    kind=Report.Kind.REGIONAL
                )
            ),
        },
    )


@login_required
@errors_as_pages
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = reports_selectors.report_get(user=request.user, pk=pk)
    done = report.status == JobStatus.DONE
    meta = report_meta(report, compiled_at=report.finished_at)
    return render(
        request,
        "surveys/reports/report_detail.html",
        {
            "report": report,
            **(
                report_context(report.tables, meta)
                if done
                else {"meta": meta, "sections": [], "method": []}
            ),
            "downloads": _versions([report])[0]["downloads"],
            "back_url": reverse("report-list", args=[report.country_id])
            if report.country_id
            else reverse("report-regional"),
        },
    )


@login_required
@require_GET
def report_progress(request: HttpRequest, pk: int) -> JsonResponse:
    report = reports_selectors.report_get(user=request.user, pk=pk)
    return JsonResponse(
        {
            "id": report.pk,
            "status": report.status,
            "status_label": report.status_text,
            "progress": report.progress,
            "error": report.error,
            "finished": report.is_finished,
        }
    )


@login_required
@errors_as_pages
@require_GET
def report_download(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    """Files are private: served only here, after the same check as the report page."""
    report = reports_selectors.report_get(user=request.user, pk=pk)
    path = stored_file(report, kind)
    if path is None:
        raise Http404(_("This file is not available."))
    response = FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
    response["Content-Type"] = CONTENT_TYPES[kind]
    return response
