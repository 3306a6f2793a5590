"""The import pages: template, upload, check, confirm, problems and column mappings."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from countries.models import Country
from countries.selectors import country_get
from surveys import imports
from surveys.form_helpers import page_require
from surveys.imports.decisions import (
    bulk_choices,
    decision_choices,
    decisions_preview,
)
from surveys.imports.forms import ImportForm, MappingForm
from surveys.imports.mappings import (
    Sample,
    mapping_get,
    mapping_list,
    mapping_save,
    read_sample,
    sample_suggestions,
)
from surveys.imports.reading import FileRefused
from surveys.imports.survey import SAMPLE_HEADERS
from surveys.imports.xlsform import form_id, xlsform
from surveys.jobs.runner import CONTENT_TYPES, JOBS_SHOWN
from surveys.models import ColumnMapping, ImportJob, JobStatus
from surveys.spreadsheet import template_csv, template_xlsx
from surveys.submit_once import submitted_once
from surveys.view_errors import errors_as_message, errors_as_pages, errors_on_form

# --- The template ---------------------------------------------------------------------------


@login_required
@errors_as_pages
@require_GET
def import_template_view(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    if fmt == "xlsx":
        content, content_type = template_xlsx(country), CONTENT_TYPES["xlsx"]
    elif fmt == "csv":
        content, content_type = template_csv(), CONTENT_TYPES["csv"]
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{country.code}-import-template.{fmt}"'
    )
    return response


@login_required
@errors_as_pages
@require_GET
def import_xlsform_view(request: HttpRequest, code: str) -> HttpResponse:
    """The country's entity questionnaire as an XLSForm for KoboToolbox or ODK
    Central: a few hundred rows, written at once."""
    country = country_get(user=request.user, code=code)
    page_require(request, "import.form", country=country)
    response = HttpResponse(xlsform(country), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{form_id(country)}.xlsx"'
    return response


@login_required
@submitted_once
@errors_as_pages
@require_http_methods(["GET", "POST"])
def import_list_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    page_require(request, "import.start", country=country)
    mappings = mapping_list(user=request.user, country=country)
    form = ImportForm(request.POST or None, request.FILES or None, mappings=mappings)
    if request.method == "POST" and form.is_valid():
        with errors_on_form(form):
            job = imports.import_start(
                user=request.user,
                country=country,
                file=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                mapping=form.cleaned_data["mapping"],
            )
            return redirect("import-detail", pk=job.pk)
    jobs = list(
        imports.import_job_list(user=request.user, country=country)[:JOBS_SHOWN]
    )
    return render(
        request,
        "surveys/imports/import_list.html",
        {
            "country": country,
            "form": form,
            "mappings": mappings,
            "jobs": jobs,
            "busy": any(not job.is_finished for job in jobs),
        },
        status=400 if form.errors else 200,
    )


# Decisions shown per page: a file of 20,000 known rows stays a light page.
DECISIONS_PAGE_SIZE = 50


def import_stage_label(job: ImportJob) -> str:
    """Where the import is, as its requester reads it: a job that stopped says so,
    never "Checking" or "Importing"."""
    if job.status == JobStatus.FAILED:
        return _("Stopped: nothing was imported")
    if job.is_interrupted:
        return f"{job.get_stage_display()} · {job.status_text}"
    return str(job.get_stage_display())


def import_state(job: ImportJob) -> dict[str, Any]:
    stage_label = import_stage_label(job)
    return {
        "id": job.pk,
        "stage": job.stage,
        "stage_label": stage_label,
        "status": job.status,
        "status_label": stage_label,
        "progress": imports.import_progress(job),
        "finished": job.is_finished,
        "error": job.error,
    }


@login_required
@errors_as_pages
@require_GET
def import_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = imports.import_job_get(user=request.user, pk=pk)
    decisions = job.duplicate_decisions or {}
    for_the_rest = request.GET.get("for_the_rest", "")
    duplicates = [
        {
            **duplicate,
            "options": decision_choices(duplicate),
            "decided": decisions.get(duplicate["id"], ""),
        }
        for duplicate in job.duplicates
    ]
    page = Paginator(duplicates, DECISIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/imports/import_detail.html",
        {
            "job": job,
            "country": job.country,
            "state": import_state(job),
            "duplicates": page.object_list,
            "page": page,
            "duplicate_count": len(duplicates),
            "bulk_choices": bulk_choices(),
            "for_the_rest": for_the_rest,
            "preview": decisions_preview(job, decisions, for_the_rest),
            "can_confirm": job.stage == ImportJob.Stage.READY
            and job.status == JobStatus.DONE,
            "has_report": imports.import_report_path(job) is not None,
            "more_errors": max(0, job.error_count - len(job.errors)),
        },
    )


def _posted_decisions(request: HttpRequest, job: ImportJob) -> dict[str, str]:
    """The decisions on the rows of the page that was sent."""
    return {
        duplicate["id"]: request.POST.get(f"decision-{duplicate['id']}", "")
        for duplicate in job.duplicates
        if request.POST.get(f"decision-{duplicate['id']}")
    }


@login_required
@submitted_once
@errors_as_pages
@require_POST
def import_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = imports.import_job_get(user=request.user, pk=pk)
    with errors_as_message(request):
        job = imports.import_confirm(
            user=request.user,
            job=job,
            decisions=_posted_decisions(request, job),
            for_the_rest=request.POST.get("for_the_rest", ""),
        )
        job.refresh_from_db()
        if job.stage == ImportJob.Stage.COMMITTING:
            messages.info(request, _("Importing now. This page shows when it is done."))
    return redirect("import-detail", pk=job.pk)


@login_required
@errors_as_pages
@require_POST
def import_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep the decisions of one page of rows, then show the page asked for."""
    job = imports.import_job_get(user=request.user, pk=pk)
    with errors_as_message(request):
        imports.import_decisions_save(
            user=request.user, job=job, decisions=_posted_decisions(request, job)
        )
    query = urlencode(
        {
            "page": request.POST.get("page", "1"),
            "for_the_rest": request.POST.get("for_the_rest", ""),
        }
    )
    return redirect(f"{reverse('import-detail', args=[job.pk])}?{query}")


@login_required
@require_GET
def import_status_view(request: HttpRequest, pk: int) -> JsonResponse:
    job = imports.import_job_get(user=request.user, pk=pk)
    return JsonResponse(import_state(job))


@login_required
@errors_as_pages
@require_GET
def import_report_view(request: HttpRequest, pk: int) -> FileResponse:
    return import_report_file(imports.import_job_get(user=request.user, pk=pk))


def import_report_file(job: ImportJob) -> FileResponse:
    """The CSV of the rows an import could not take, as a download."""
    path = imports.import_report_path(job)
    if path is None:
        raise Http404
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"import-{job.pk}-problems.csv",
        content_type=CONTENT_TYPES["csv"],
    )


def _posted_headers(request: HttpRequest) -> list[str] | None:
    try:
        headers = json.loads(request.POST.get("headers") or "null")
    except ValueError:
        return None
    if isinstance(headers, list) and all(isinstance(h, str) for h in headers):
        return headers
    return None


def _mapping_page(
    request: HttpRequest, country: Country, mapping: ColumnMapping | None
) -> HttpResponse:
    """Step 1: read the columns of a survey export (optional when editing).
    Step 2: choose, for each template column, the survey column that holds it."""
    page_require(request, "import.start", country=country)
    saved = dict(mapping.columns) if mapping else {}
    saved_values: dict[str, dict[str, str]] = dict(mapping.values) if mapping else {}
    headers: list[str] = list(saved.get(SAMPLE_HEADERS, []))
    preview: list[tuple[str, list[str]]] = []
    sample_error = ""
    initial: dict[str, Any] = (
        {
            "name": mapping.name,
            "tool": mapping.tool,
            "review_states": mapping.review_states,
        }
        if mapping
        else {}
    )
    bound: Any = None
    upload = request.FILES.get("sample")
    if request.method == "POST" and upload is not None:
        tool = request.POST.get("tool", "")
        initial["tool"] = tool
        try:
            sample = _read_sample(upload)
        except FileRefused as refusal:
            sample_error = refusal.message
        else:
            headers, preview = sample.headers, sample.preview
            columns, tables = sample_suggestions(
                sample=sample, tool=tool, country=country
            )
            # Saved choices win over guesses where the column is still there.
            saved = {**columns, **saved}
            saved_values = {
                name: {**tables.get(name, {}), **saved_values.get(name, {})}
                for name in {*tables, *saved_values}
            }
    elif request.method == "POST":
        bound = request.POST
        headers = _posted_headers(request) or headers
    form = MappingForm(
        bound,
        headers=headers,
        initial_columns=saved,
        initial_values=saved_values,
        initial=initial,
    )
    if bound is not None and form.is_valid():
        with errors_on_form(form):
            saved_mapping = mapping_save(
                user=request.user,
                country=country,
                mapping=mapping,
                name=form.cleaned_data["name"],
                tool=form.cleaned_data["tool"],
                columns=form.columns(),
                values=form.values(),
                review_states=form.cleaned_data["review_states"],
            )
            messages.success(
                request,
                _("Mapping “%(name)s” saved.") % {"name": saved_mapping.name},
            )
            return redirect("mapping-list", code=country.code)
    return render(
        request,
        "surveys/imports/mapping_form.html",
        {
            "country": country,
            "mapping": mapping,
            "form": form,
            "preview": preview,
            "sample_error": sample_error,
            "has_headers": bool(headers),
        },
        status=400 if form.errors or sample_error else 200,
    )


def _read_sample(upload: Any) -> Sample:
    with tempfile.NamedTemporaryFile(suffix=".upload") as temporary:
        for chunk in upload.chunks():
            temporary.write(chunk)
        temporary.flush()
        return read_sample(Path(temporary.name))


@login_required
@errors_as_pages
@require_GET
def mapping_list_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    page_require(request, "import.start", country=country)
    return render(
        request,
        "surveys/imports/mapping_list.html",
        {
            "country": country,
            "mappings": mapping_list(user=request.user, country=country),
        },
    )


@login_required
@submitted_once
@errors_as_pages
@require_http_methods(["GET", "POST"])
def mapping_create_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    return _mapping_page(request, country, None)


@login_required
@errors_as_pages
@require_http_methods(["GET", "POST"])
def mapping_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = mapping_get(user=request.user, pk=pk)
    return _mapping_page(request, mapping.country, mapping)
