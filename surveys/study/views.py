"""The pages of the study records: a list with filters, a detail page, and the forms
to add and change one, the same steps for the four kinds; a sampling frame's counts
are edited as rows on the frame's form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import URLField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countries.models import Country
from countries.selectors import country_get
from surveys import access, audit
from surveys.display import display_field, field_label
from surveys.form_helpers import (
    RowsFormSet,
    edit_refusal,
    page_require,
    posted_at_version,
    rows_all_valid,
    rows_data,
)
from surveys.models import WorkflowRecord
from surveys.record_types import RECORD_TYPES, RecordType
from surveys.records.views import _conflict_rows
from surveys.review import comments as review_comments
from surveys.review.views import workflow_context
from surveys.study import forms as study_forms
from surveys.study import services as study_services
from surveys.submit_once import submitted_once
from surveys.view_errors import errors_as_pages, errors_on_form_and_rows

LIST_PAGE_SIZE = 50


@dataclass(frozen=True)
class StudyPage:
    """How one kind of study record is listed, shown and edited."""

    record_type: str
    url_prefix: str
    form_class: type[study_forms.StudyRecordForm]
    filter_class: type[study_forms.StudyFilterForm]
    # Shown as columns of the list, after the record's name.
    columns: tuple[str, ...]
    # Shown as short facts on the detail page; then `texts` as sections.
    facts: tuple[str, ...]
    texts: tuple[str, ...]
    new_label: str | Promise
    empty_text: str | Promise
    # The form's sections: (legend, field names).
    sections: tuple[tuple[str | Promise, tuple[str, ...]], ...]
    rows: Callable[[Any, Country, Any], dict[str, RowsFormSet]] | None = None

    @property
    def kind(self) -> RecordType:
        return RECORD_TYPES[self.record_type]

    def row_formsets(
        self, record: WorkflowRecord | None, country: Country, data: Any = None
    ) -> dict[str, RowsFormSet]:
        return self.rows(record, country, data) if self.rows is not None else {}


PAGES: dict[str, StudyPage] = {
    page.record_type: page
    for page in (
        StudyPage(
            record_type="legal_instrument",
            url_prefix="legal-instrument",
            form_class=study_forms.LegalInstrumentForm,
            filter_class=study_forms.LegalInstrumentFilterForm,
            columns=("kind", "year", "status"),
            facts=(
                "title_local",
                "title_en",
                "kind",
                "year",
                "status",
                "issuing_body",
                "sse_types",
                "link",
            ),
            texts=("summary",),
            new_label=gettext_lazy("New instrument"),
            empty_text=gettext_lazy("No legal or policy instrument recorded yet."),
            sections=(
                (
                    gettext_lazy("The instrument"),
                    ("title_local", "title_en", "kind", "year", "status"),
                ),
                (
                    gettext_lazy("What it does for the SSE"),
                    ("issuing_body", "sse_types", "summary", "link"),
                ),
            ),
        ),
        StudyPage(
            record_type="support_institution",
            url_prefix="support-institution",
            form_class=study_forms.SupportInstitutionForm,
            filter_class=study_forms.SupportInstitutionFilterForm,
            columns=("kind", "support_kinds"),
            facts=(
                "name_local",
                "name_en",
                "kind",
                "support_kinds",
                "sse_types",
                "website",
            ),
            texts=("role",),
            new_label=gettext_lazy("New institution"),
            empty_text=gettext_lazy("No support institution recorded yet."),
            sections=(
                (gettext_lazy("The institution"), ("name_local", "name_en", "kind")),
                (
                    gettext_lazy("Its support for the SSE"),
                    ("role", "support_kinds", "sse_types", "website"),
                ),
            ),
        ),
        StudyPage(
            record_type="sampling_frame",
            url_prefix="sampling-frame",
            form_class=study_forms.SamplingFrameForm,
            filter_class=study_forms.SamplingFrameFilterForm,
            columns=(),
            facts=(),
            texts=("notes",),
            new_label=gettext_lazy("New sampling frame"),
            empty_text=gettext_lazy("No sampling frame recorded yet."),
            sections=((gettext_lazy("The frame"), ("title", "notes")),),
            rows=lambda frame, country, data: {
                "counts": study_forms.frame_count_formset(frame, country, data)
            },
        ),
        StudyPage(
            record_type="study_methodology",
            url_prefix="study-methodology",
            form_class=study_forms.StudyMethodologyForm,
            filter_class=study_forms.StudyFilterForm,
            columns=("period_start", "period_end"),
            facts=("period_start", "period_end"),
            texts=("approach", "data_collection", "limitations"),
            new_label=gettext_lazy("New methodology record"),
            empty_text=gettext_lazy("No methodology recorded yet."),
            sections=(
                (
                    gettext_lazy("The mapping"),
                    ("title", "period_start", "period_end"),
                ),
                (
                    gettext_lazy("How it was done and what it cannot say"),
                    ("approach", "data_collection", "limitations"),
                ),
            ),
        ),
    )
}


def _detail_url(page: StudyPage, record: WorkflowRecord) -> str:
    return reverse(f"{page.url_prefix}-detail", args=[record.pk])


def _render_form(
    request: HttpRequest,
    page: StudyPage,
    *,
    form: study_forms.StudyRecordForm,
    rows: dict[str, RowsFormSet],
    country: Country,
    record: WorkflowRecord | None,
    status: int = 200,
    conflict: dict[str, Any] | None = None,
) -> HttpResponse:
    return render(
        request,
        "surveys/study/record_form.html",
        {
            "page": page,
            "kind": page.kind,
            "form": form,
            "sections": [
                (legend, [form[name] for name in names])
                for legend, names in page.sections
            ],
            "rows": rows,
            "country": country,
            "record": record,
            "conflict": conflict,
        },
        status=status,
    )


@login_required
@errors_as_pages
def study_record_list(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    page = PAGES[kind]
    country = country_get(user=request.user, code=code)
    filters = page.filter_class(request.GET or None)
    records = filters.apply(page.kind.list_selector(user=request.user, country=country))
    listing = Paginator(records, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "surveys/study/record_list.html",
        {
            "page": page,
            "kind": page.kind,
            "country": country,
            "filters": filters,
            "listing": listing,
            "rows": [
                (record, [display_field(record, name) for name in page.columns])
                for record in listing
            ],
            "column_labels": [
                field_label(page.kind.model, name) for name in page.columns
            ],
            "can_create": access.can(request.user, "record.create", country=country),
            "query": query.urlencode(),
        },
    )


@login_required
@errors_as_pages
def study_record_detail(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    page = PAGES[kind]
    record = page.kind.get_selector(user=request.user, pk=pk)
    model = page.kind.model
    return render(
        request,
        "surveys/study/record_detail.html",
        {
            "page": page,
            "kind": page.kind,
            "record": record,
            "country": record.country,
            "facts": [
                (
                    field_label(model, name),
                    display_field(record, name, empty=None),
                    isinstance(model._meta.get_field(name), URLField),
                )
                for name in page.facts
            ],
            "texts": [
                (field_label(model, name), getattr(record, name)) for name in page.texts
            ],
            "can_edit": access.can(request.user, "record.edit", record),
            "history": audit.record_history(record=record),
            **workflow_context(request, record),
        },
    )


@login_required
@submitted_once
@errors_as_pages
def study_record_create(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    page = PAGES[kind]
    country = country_get(user=request.user, code=code)
    page_require(request, "record.create", country=country)
    if request.method != "POST":
        return _render_form(
            request,
            page,
            form=page.form_class(country=country),
            rows=page.row_formsets(None, country),
            country=country,
            record=None,
        )
    form = page.form_class(data=request.POST, country=country)
    rows = page.row_formsets(None, country, request.POST)
    if rows_all_valid(form, rows):
        with errors_on_form_and_rows(form, rows):
            record = study_services.study_record_create(
                model=page.kind.model,
                country=country,
                by=request.user,
                data={**form.service_data(), **rows_data(rows)},
            )
            messages.success(request, _("Saved “%(title)s”.") % {"title": record})
            return redirect(_detail_url(page, record))
    return _render_form(
        request,
        page,
        form=form,
        rows=rows,
        country=country,
        record=None,
        status=400,
    )


@login_required
@errors_as_pages
def study_record_edit(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    page = PAGES[kind]
    record = page.kind.get_selector(user=request.user, pk=pk)
    refusal = edit_refusal(request, record, _detail_url(page, record))
    if refusal is not None:
        return refusal
    country = record.country
    if request.method != "POST":
        return _render_form(
            request,
            page,
            form=page.form_class(
                instance=record, initial={"version": record.version}, country=country
            ),
            rows=page.row_formsets(record, country),
            country=country,
            record=record,
        )
    form = page.form_class(data=request.POST, instance=record, country=country)
    rows = page.row_formsets(record, country, request.POST)
    if rows_all_valid(form, rows):
        with errors_on_form_and_rows(form, rows) as refused:
            study_services.study_record_update(
                record=record,
                by=request.user,
                data={**form.service_data(), **rows_data(rows)},
                expected_version=form.expected_version,
            )
            review_comments.comment_resolutions_save(
                record=record,
                by=request.user,
                resolved=review_comments.resolved_posted(request.POST),
            )
            messages.success(request, _("Saved “%(title)s”.") % {"title": record})
            return redirect(_detail_url(page, record))
        if refused.conflict:
            current = page.kind.get_selector(user=request.user, pk=pk)
            posted = posted_at_version(request, current.version)
            return _render_form(
                request,
                page,
                form=page.form_class(data=posted, instance=current, country=country),
                rows=page.row_formsets(current, country, posted),
                country=country,
                record=current,
                status=409,
                conflict={
                    "message": refused.conflict.message,
                    "rows": _conflict_rows(
                        form, current, names=list(form._meta.fields or ())
                    ),
                },
            )
    return _render_form(
        request,
        page,
        form=form,
        rows=rows,
        country=country,
        record=record,
        status=400,
    )
