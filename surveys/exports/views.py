"""The export pages: request, status and download."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from countries.selectors import country_get
from surveys import access, exports
from surveys.entities.filters import EntityFilter
from surveys.exports.forms import ExportForm
from surveys.exports.services import filter_names
from surveys.jobs.runner import CONTENT_TYPES, JOBS_SHOWN
from surveys.models import Entity, ExportJob, JobStatus
from surveys.submit_once import submitted_once
from surveys.view_errors import errors_as_message, errors_as_pages, errors_on_form


def _filters_from(request: HttpRequest) -> dict[str, str]:
    return {
        name: request.GET[name]
        for name in filter_names()
        if request.GET.get(name, "").strip()
    }


def job_row(job: ExportJob) -> dict[str, Any]:
    """What the job list shows of an export, for the page and the status view."""
    download = ""
    expired = bool(job.expires_at and job.expires_at <= timezone.now()) or (
        job.status == JobStatus.DONE and not job.file_path
    )
    if job.status == JobStatus.DONE and not expired:
        download = reverse("export-download", args=[job.pk])
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": job.status_text,
        "progress": job.progress,
        "finished": job.is_finished,
        "rows": job.row_count,
        "size": job.file_size,
        "error": job.error,
        "expired": expired,
        "download_url": download,
    }


def _options(job: ExportJob) -> str:
    options = []
    if job.per_year:
        options.append(_("per year"))
    if job.values == ExportJob.Values.LABELS:
        options.append(_("labels"))
    if job.include_unvalidated:
        options.append(_("with unvalidated"))
    if job.filters:
        options.append(_("filtered"))
    return " · ".join(options)


@login_required
@submitted_once
@errors_as_pages
@require_http_methods(["GET", "POST"])
def export_list_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    staff = access.can(request.user, "export.unvalidated")
    filters = _filters_from(request)
    form = ExportForm(request.POST or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        with errors_on_form(form):
            exports.export_request(
                user=request.user,
                country=country,
                format=form.cleaned_data["format"],
                filters=filters,
                include_unvalidated=form.cleaned_data.get("include_unvalidated", False),
                per_year=form.cleaned_data["per_year"],
                values=form.cleaned_data["values"] or ExportJob.Values.CODES,
            )
            return redirect(request.get_full_path())
    described: list[Any] = []
    with errors_as_message(
        request,
        text=_("Some filters were not valid and are left out."),
        level=messages.WARNING,
    ):
        described = exports.filters_described(
            country=country,
            filters=exports.export_filters_clean(country=country, data=filters),
        )
    jobs = list(
        exports.export_job_list(user=request.user, country=country)[:JOBS_SHOWN]
    )
    return render(
        request,
        "surveys/exports/export_list.html",
        {
            "country": country,
            "form": form,
            "filters": described,
            # The entity list's own filter form: an export filters as the list does.
            "filter": EntityFilter(
                request.GET or None, queryset=Entity.objects.none(), country=country
            ),
            "filtering": bool(filters),
            "hide_sort": True,
            "querystring": urlencode(filters),
            "jobs": [(job, job_row(job), _options(job)) for job in jobs],
            "busy": any(not job.is_finished for job in jobs),
            "status_url": reverse("export-status", args=[country.code]),
            "can_import": access.can(request.user, "import.start", country=country),
            "can_download_form": access.can(
                request.user, "import.form", country=country
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def export_status_view(request: HttpRequest, code: str) -> JsonResponse:
    country = country_get(user=request.user, code=code)
    jobs = exports.export_job_list(user=request.user, country=country)[:JOBS_SHOWN]
    return JsonResponse({"jobs": [job_row(job) for job in jobs]})


@login_required
@errors_as_pages
@require_GET
def export_download_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    job = exports.export_job_get(user=request.user, pk=pk)
    try:
        path, filename = exports.export_file(job)
    except exports.ExportGone:
        return render(
            request,
            "surveys/exports/export_gone.html",
            {"job": job, "country": job.country},
            status=410,
        )
    except exports.ExportRefused as error:
        raise Http404(str(error)) from error
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=CONTENT_TYPES[ExportJob.Format(job.format)],
    )
