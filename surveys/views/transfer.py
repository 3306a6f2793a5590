"""Pages for getting data out and in: exports, the template, imports and mappings.

Every view parses, calls one selector or service, and renders. Exports and imports
are job rows; their pages poll a small JSON status view (static/js/jobs.js).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
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
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from countries.models import Country
from countries.selectors import AnyUser, country_get
from sse_mapping.exceptions import ApplicationError, NotAllowedError
from surveys import exports, imports, selectors
from surveys.exports.services import CONTENT_TYPES, filter_names
from surveys.form_helpers import StyledFormMixin, add_service_errors
from surveys.imports.checking import CREATE_DECISION, SKIP_DECISION, UPDATE_DECISION
from surveys.imports.mappings import (
    mapping_get,
    mapping_list,
    mapping_save,
    read_sample,
    suggest_mapping,
)
from surveys.imports.reading import MAX_UPLOAD_BYTES, FileRefused
from surveys.imports.survey import GPS, MAPPABLE, SAMPLE_HEADERS, SUBMISSION_ID
from surveys.models import ColumnMapping, ExportJob, ImportJob, JobStatus
from surveys.template_xlsx import template_csv, template_xlsx

JOBS_SHOWN = 30


def _require_consultant(user: AnyUser, country: Country) -> None:
    if not selectors.can_create_records(user=user, country=country):
        raise PermissionDenied(
            _("Only the national consultants of %(country)s can import records.")
            % {"country": country.name}
        )


# --- Exports -------------------------------------------------------------------------------


class ExportForm(StyledFormMixin, forms.Form):
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=ExportJob.Format.choices,
        initial=ExportJob.Format.CSV,
        widget=forms.RadioSelect,
    )
    per_year = forms.BooleanField(
        label=gettext_lazy("One row per entity and reference year"),
        required=False,
        help_text=gettext_lazy(
            "CSV and XLSX only. Otherwise one row per entity, with its latest figures."
        ),
    )
    include_unvalidated = forms.BooleanField(
        label=gettext_lazy("Include records not yet validated"),
        required=False,
        help_text=gettext_lazy("Every row then says its workflow state."),
    )

    def __init__(self, *args: Any, staff: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["format"].widget.attrs["class"] = "form-check-input"
        if not staff:
            del self.fields["include_unvalidated"]


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
        "status_label": str(job.get_status_display()),
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
    if job.include_unvalidated:
        options.append(_("with unvalidated"))
    if job.filters:
        options.append(_("filtered"))
    return " · ".join(options)


@login_required
@require_http_methods(["GET", "POST"])
def export_list_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    staff = exports.can_include_unvalidated(request.user)
    filters = _filters_from(request)
    form = ExportForm(request.POST or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            exports.export_request(
                user=request.user,
                country=country,
                format=form.cleaned_data["format"],
                filters=filters,
                include_unvalidated=form.cleaned_data.get("include_unvalidated", False),
                per_year=form.cleaned_data["per_year"],
            )
        except NotAllowedError as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your export is being prepared. It appears below when it is ready."),
            )
            return redirect(request.get_full_path())
    try:
        described = exports.filters_described(
            country=country,
            filters=exports.export_filters_clean(country=country, data=filters),
        )
    except ApplicationError:
        described = []
        messages.warning(request, _("Some filters were not valid and are left out."))
    jobs = list(
        exports.export_job_list(user=request.user, country=country)[:JOBS_SHOWN]
    )
    return render(
        request,
        "surveys/export_list.html",
        {
            "country": country,
            "form": form,
            "filters": described,
            "querystring": urlencode(filters),
            "jobs": [(job, job_row(job), _options(job)) for job in jobs],
            "status_url": reverse("export-status", args=[country.code]),
            "can_import": selectors.can_create_records(
                user=request.user, country=country
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
@require_GET
def export_download_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    job = exports.export_job_get(user=request.user, pk=pk)
    try:
        path, filename = exports.export_file(job)
    except exports.ExportGone:
        return render(
            request,
            "surveys/export_gone.html",
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


# --- The template ---------------------------------------------------------------------------


@login_required
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


# --- Imports --------------------------------------------------------------------------------


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "XLSX or CSV (UTF-8 or UTF-16), at most %(mb)d MB and %(rows)s rows."
        )
        % {"mb": MAX_UPLOAD_BYTES // 1024 // 1024, "rows": "20,000"},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of file"),
        choices=ImportJob.Kind.choices,
        initial=ImportJob.Kind.TEMPLATE,
    )
    mapping = forms.ModelChoiceField(
        label=gettext_lazy("Column mapping"),
        queryset=ColumnMapping.objects.none(),
        required=False,
        empty_label=gettext_lazy("None: the platform's template"),
        help_text=gettext_lazy("For KoboToolbox and ODK Central exports."),
    )

    def __init__(self, *args: Any, mappings: QuerySet[ColumnMapping], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["mapping"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = mappings


@login_required
@require_http_methods(["GET", "POST"])
def import_list_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    _require_consultant(request.user, country)
    mappings = mapping_list(user=request.user, country=country)
    form = ImportForm(request.POST or None, request.FILES or None, mappings=mappings)
    if request.method == "POST" and form.is_valid():
        try:
            job = imports.import_start(
                user=request.user,
                country=country,
                file=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                mapping=form.cleaned_data["mapping"],
            )
        except ApplicationError as error:
            add_service_errors(form, error)
        else:
            return redirect("import-detail", pk=job.pk)
    return render(
        request,
        "surveys/import_list.html",
        {
            "country": country,
            "form": form,
            "mappings": mappings,
            "jobs": imports.import_job_list(user=request.user, country=country)[
                :JOBS_SHOWN
            ],
        },
        status=400 if form.errors else 200,
    )


def _decision_choices(duplicate: dict[str, Any]) -> list[tuple[str, str]]:
    labels = {
        SKIP_DECISION: _("Skip this row: do not import it"),
        CREATE_DECISION: _("Create it anyway: it is a different entity"),
    }
    codes = {m.get("pk"): m.get("code") for m in duplicate["matches"]}
    choices = []
    for choice in duplicate["choices"]:
        if choice.startswith(f"{UPDATE_DECISION}:"):
            code = codes.get(int(choice.split(":", 1)[1]), "")
            label = _("Update %(code)s with this row") % {"code": code}
        else:
            label = labels[choice]
        choices.append((choice, label))
    return choices


def import_state(job: ImportJob) -> dict[str, Any]:
    return {
        "id": job.pk,
        "stage": job.stage,
        "stage_label": str(job.get_stage_display()),
        "status": job.status,
        "progress": imports.import_progress(job),
        "finished": job.is_finished,
        "error": job.error,
    }


@login_required
@require_GET
def import_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = imports.import_job_get(user=request.user, pk=pk)
    decisions = job.duplicate_decisions or {}
    duplicates = [
        {
            **duplicate,
            "options": _decision_choices(duplicate),
            "decided": decisions.get(duplicate["id"], ""),
        }
        for duplicate in job.duplicates
    ]
    return render(
        request,
        "surveys/import_detail.html",
        {
            "job": job,
            "country": job.country,
            "state": import_state(job),
            "duplicates": duplicates,
            "can_confirm": job.stage == ImportJob.Stage.READY
            and job.status == JobStatus.DONE,
            "has_report": imports.import_report_path(job) is not None,
            "more_errors": max(0, job.error_count - len(job.errors)),
        },
    )


@login_required
@require_POST
def import_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = imports.import_job_get(user=request.user, pk=pk)
    decisions = {
        duplicate["id"]: request.POST.get(f"decision-{duplicate['id']}", "")
        for duplicate in job.duplicates
    }
    try:
        job = imports.import_confirm(user=request.user, job=job, decisions=decisions)
    except NotAllowedError as error:
        raise PermissionDenied(error.message) from error
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        job.refresh_from_db()
        if job.stage == ImportJob.Stage.COMMITTING:
            messages.info(request, _("Importing now. This page shows when it is done."))
    return redirect("import-detail", pk=job.pk)


@login_required
@require_GET
def import_status_view(request: HttpRequest, pk: int) -> JsonResponse:
    job = imports.import_job_get(user=request.user, pk=pk)
    return JsonResponse(import_state(job))


@login_required
@require_GET
def import_report_view(request: HttpRequest, pk: int) -> FileResponse:
    job = imports.import_job_get(user=request.user, pk=pk)
    path = imports.import_report_path(job)
    if path is None:
        raise Http404
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"import-{job.pk}-problems.csv",
        content_type=CONTENT_TYPES["csv"],
    )


# --- Column mappings -------------------------------------------------------------------------

NOT_MAPPED = ("", gettext_lazy("— not in the survey —"))


class MappingForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    tool = forms.ChoiceField(
        label=gettext_lazy("Survey tool"), choices=ColumnMapping.Tool.choices
    )
    sample = forms.FileField(
        label=gettext_lazy("A CSV export of the survey"),
        required=False,
        help_text=gettext_lazy(
            "Its first row gives the columns to choose from; the first rows are shown "
            "so you can check each choice. It is not imported."
        ),
    )
    headers = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        headers: list[str],
        initial_columns: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.survey_headers = headers
        self.initial["headers"] = json.dumps(headers)
        choices = [NOT_MAPPED, *((h, h) for h in headers)]
        self.fields[SUBMISSION_ID] = forms.ChoiceField(
            label=_("Submission id"),
            choices=choices,
            required=False,
            help_text=_(
                "The column that identifies a submission: _uuid in KoboToolbox, KEY in "
                "ODK Central. Importing the same submissions again updates them."
            ),
        )
        self.fields[GPS] = forms.ChoiceField(
            label=_("Geopoint (latitude longitude altitude accuracy)"),
            choices=choices,
            required=False,
        )
        for column in MAPPABLE:
            label = column.label
            self.fields[column.name] = forms.ChoiceField(
                label=label if label == column.name else f"{label} ({column.name})",
                choices=choices,
                required=False,
            )
        for name, header in initial_columns.items():
            if name in self.fields and header in headers:
                self.initial[name] = header
        # Added after the mixin styled the form's fields, so styled here.
        for name in (SUBMISSION_ID, GPS, *(c.name for c in MAPPABLE)):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"

    def column_fields(self) -> list[forms.BoundField]:
        return [self[c.name] for c in MAPPABLE]

    def columns(self) -> dict[str, Any]:
        chosen: dict[str, Any] = {
            name: self.cleaned_data[name]
            for name in (SUBMISSION_ID, GPS, *(c.name for c in MAPPABLE))
            if self.cleaned_data.get(name)
        }
        chosen[SAMPLE_HEADERS] = self.survey_headers
        return chosen


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
    _require_consultant(request.user, country)
    saved = dict(mapping.columns) if mapping else {}
    headers: list[str] = list(saved.get(SAMPLE_HEADERS, []))
    preview: list[tuple[str, list[str]]] = []
    sample_error = ""
    initial: dict[str, Any] = (
        {"name": mapping.name, "tool": mapping.tool} if mapping else {}
    )
    bound: Any = None
    upload = request.FILES.get("sample")
    if request.method == "POST" and upload is not None:
        tool = request.POST.get("tool", "")
        initial["tool"] = tool
        try:
            headers, preview = _read_sample(upload)
        except FileRefused as refusal:
            sample_error = refusal.message
        else:
            # Saved choices win over guesses where the column is still there.
            saved = {**suggest_mapping(tool, headers), **saved}
    elif request.method == "POST":
        bound = request.POST
        headers = _posted_headers(request) or headers
    form = MappingForm(bound, headers=headers, initial_columns=saved, initial=initial)
    if bound is not None and form.is_valid():
        try:
            saved_mapping = mapping_save(
                user=request.user,
                country=country,
                mapping=mapping,
                name=form.cleaned_data["name"],
                tool=form.cleaned_data["tool"],
                columns=form.columns(),
            )
        except ApplicationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Mapping “%(name)s” saved.") % {"name": saved_mapping.name},
            )
            return redirect("mapping-list", code=country.code)
    return render(
        request,
        "surveys/mapping_form.html",
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


def _read_sample(upload: Any) -> tuple[list[str], list[tuple[str, list[str]]]]:
    with tempfile.NamedTemporaryFile(suffix=".upload") as temporary:
        for chunk in upload.chunks():
            temporary.write(chunk)
        temporary.flush()
        return read_sample(Path(temporary.name))


@login_required
@require_GET
def mapping_list_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    _require_consultant(request.user, country)
    return render(
        request,
        "surveys/mapping_list.html",
        {
            "country": country,
            "mappings": mapping_list(user=request.user, country=country),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mapping_create_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    return _mapping_page(request, country, None)


@login_required
@require_http_methods(["GET", "POST"])
def mapping_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = mapping_get(user=request.user, pk=pk)
    return _mapping_page(request, mapping.country, mapping)
