"""The case study, capacity gap and national priority pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Model
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from countries.models import Country
from countries.selectors import country_get
from surveys import access, audit
from surveys.display import display_value
from surveys.form_helpers import (
    RowsFormSet,
    edit_refusal,
    page_require,
    posted_at_version,
    rows_all_valid,
    rows_data,
)
from surveys.models import (
    CapacityGap,
    CaseStudy,
    WorkflowRecord,
)
from surveys.records import attachments as records_attachments
from surveys.records import selectors as records_selectors
from surveys.records import services as records_services
from surveys.records.forms import (
    AttachmentForm,
    CapacityGapFilterForm,
    CapacityGapForm,
    CaseStudyFilterForm,
    CaseStudyForm,
    ParseOnlyModelForm,
    recommendation_formset,
)
from surveys.review import comments as review_comments
from surveys.review.views import workflow_context
from surveys.submit_once import submitted_once
from surveys.view_errors import (
    errors_as_pages,
    errors_on_form,
    errors_on_form_and_rows,
)

LIST_PAGE_SIZE = 50
CONFLICT_TEXT_LIMIT = 200

# --- Shared steps --------------------------------------------------------------------


def _country_for_create(request: HttpRequest, code: str) -> Country:
    """The country to add a record in: 404 outside the user's scope, 403 for readers."""
    country = country_get(user=request.user, code=code)
    page_require(request, "record.create", country=country)
    return country


def _clip(text: str | None) -> str | None:
    if text is None or len(text) <= CONFLICT_TEXT_LIMIT:
        return text
    return text[:CONFLICT_TEXT_LIMIT] + "…"


def _conflict_rows(
    form: forms.BaseForm,
    current: Model,
    *,
    names: Iterable[str],
    prefix_label: str = "",
) -> list[tuple[str, str | None, str | None]]:
    """The fields where the person's version and the saved one differ."""
    rows = []
    for name in names:
        field = form.fields[name]
        yours = display_value(field, name, form.cleaned_data.get(name), empty=None)
        theirs = display_value(field, name, getattr(current, name), empty=None)
        if yours != theirs:
            label = f"{prefix_label}{field.label}"
            rows.append((label, _clip(yours), _clip(theirs)))
    return rows


# --- Case studies and capacity gaps: the same steps for both ---------------------------


class RecordPage:
    """How one kind of record is read, shown and edited."""

    def __init__(
        self,
        *,
        model: type[WorkflowRecord],
        form_class: type[ParseOnlyModelForm],
        get: Callable[..., Any],
        url_prefix: str,
        template_prefix: str,
        noun: str,
        rows: Callable[[Any, Any], dict[str, RowsFormSet]] | None = None,
    ) -> None:
        self.rows = rows
        self.model = model
        self.form_class = form_class
        self.get = get
        self.url_prefix = url_prefix
        self.template_prefix = template_prefix
        self.noun = noun

    def form(
        self, request: HttpRequest, country: Country, *args: Any, **kwargs: Any
    ) -> ParseOnlyModelForm:
        if self.form_class is CaseStudyForm:
            kwargs["user"] = request.user
        return self.form_class(*args, country=country, **kwargs)

    def row_formsets(
        self, record: WorkflowRecord | None, data: Any = None
    ) -> dict[str, RowsFormSet]:
        """The record's parts edited as rows on its form, by the service's name."""
        return self.rows(record, data) if self.rows is not None else {}

    def detail_url(self, record: WorkflowRecord) -> str:
        return reverse(f"{self.url_prefix}-detail", args=[record.pk])

    def render_form(
        self,
        request: HttpRequest,
        *,
        form: forms.BaseForm,
        country: Country,
        record: WorkflowRecord | None,
        rows: dict[str, RowsFormSet] | None = None,
        status: int = 200,
        conflict: dict[str, Any] | None = None,
    ) -> HttpResponse:
        return render(
            request,
            f"surveys/records/{self.template_prefix}_form.html",
            {
                "form": form,
                "country": country,
                "record": record,
                "conflict": conflict,
                "rows": rows if rows is not None else self.row_formsets(record),
            },
            status=status,
        )


CASE_STUDY = RecordPage(
    model=CaseStudy,
    form_class=CaseStudyForm,
    get=records_selectors.case_study_get,
    url_prefix="case-study",
    template_prefix="casestudy",
    noun="case study",
)
CAPACITY_GAP = RecordPage(
    model=CapacityGap,
    form_class=CapacityGapForm,
    get=records_selectors.capacity_gap_get,
    url_prefix="capacity-gap",
    template_prefix="capacitygap",
    noun="capacity gap",
    rows=lambda gap, data: {"recommendations": recommendation_formset(gap, data)},
)


def _record_create(request: HttpRequest, code: str, page: RecordPage) -> HttpResponse:
    country = _country_for_create(request, code)
    if request.method != "POST":
        return page.render_form(
            request, form=page.form(request, country), country=country, record=None
        )
    form = page.form(request, country, data=request.POST)
    rows = page.row_formsets(None, request.POST)
    if rows_all_valid(form, rows):
        with errors_on_form_and_rows(form, rows):
            record = records_services.record_create(
                model=page.model,
                country=country,
                by=request.user,
                data={**form.service_data(), **rows_data(rows)},
            )
            messages.success(request, _("Saved “%(title)s”.") % {"title": record})
            return redirect(page.detail_url(record))
    return page.render_form(
        request, form=form, country=country, record=None, rows=rows, status=400
    )


def _record_edit(request: HttpRequest, pk: int, page: RecordPage) -> HttpResponse:
    record = page.get(user=request.user, pk=pk)
    refusal = edit_refusal(request, record, page.detail_url(record))
    if refusal is not None:
        return refusal
    country = record.country
    if request.method != "POST":
        form = page.form(
            request, country, instance=record, initial={"version": record.version}
        )
        return page.render_form(request, form=form, country=country, record=record)
    form = page.form(request, country, data=request.POST, instance=record)
    rows = page.row_formsets(record, request.POST)
    if rows_all_valid(form, rows):
        with errors_on_form_and_rows(form, rows) as refused:
            records_services.record_update(
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
            return redirect(page.detail_url(record))
        if refused.conflict:
            current = page.get(user=request.user, pk=pk)
            conflict = {
                "message": refused.conflict.message,
                "rows": _conflict_rows(
                    form, current, names=list(form._meta.fields or ())
                ),
            }
            form = page.form(
                request,
                country,
                data=posted_at_version(request, current.version),
                instance=current,
            )
            return page.render_form(
                request,
                form=form,
                country=country,
                record=current,
                rows=page.row_formsets(current, request.POST),
                status=409,
                conflict=conflict,
            )
    return page.render_form(
        request, form=form, country=country, record=record, rows=rows, status=400
    )


# --- Case studies ------------------------------------------------------------------------


@login_required
@errors_as_pages
def case_study_list(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    filters = CaseStudyFilterForm(request.GET or None, country=country)
    case_studies = filters.apply(
        records_selectors.case_study_list(user=request.user, country=country)
    ).annotate(entity_count=Count("entities", distinct=True))
    page = Paginator(
        case_studies.order_by("-updated_at", "-id"), LIST_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/records/casestudy_list.html",
        {
            "country": country,
            "filters": filters,
            "page": page,
            "can_create": access.can(request.user, "record.create", country=country),
            "query": _query_without_page(request),
        },
    )


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@submitted_once
@errors_as_pages
def case_study_create(request: HttpRequest, code: str) -> HttpResponse:
    return _record_create(request, code, CASE_STUDY)


def _case_study_detail(
    request: HttpRequest,
    record: CaseStudy,
    *,
    attachment_form: AttachmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_edit = access.can(request.user, "record.edit", record)
    return render(
        request,
        "surveys/records/casestudy_detail.html",
        {
            "record": record,
            "country": record.country,
            "can_edit": can_edit,
            "attachment_form": attachment_form
            or (AttachmentForm() if can_edit else None),
            "history": audit.record_history(record=record),
            **workflow_context(request, record),
        },
        status=status,
    )


@login_required
@errors_as_pages
def case_study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_study_detail(
        request, records_selectors.case_study_get(user=request.user, pk=pk)
    )


@login_required
@errors_as_pages
def case_study_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_edit(request, pk, CASE_STUDY)


@login_required
@submitted_once
@errors_as_pages
@require_POST
def case_study_attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    record = records_selectors.case_study_get(user=request.user, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        with errors_on_form(form):
            records_attachments.case_study_attachment_add(
                case_study=record,
                by=request.user,
                file=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
                consent_given=form.cleaned_data["consent_given"],
            )
            messages.success(request, _("The file is attached."))
            return redirect(f"{CASE_STUDY.detail_url(record)}#attachments")
    return _case_study_detail(request, record, attachment_form=form, status=400)


@login_required
@errors_as_pages
def case_study_attachment(
    request: HttpRequest, pk: int, attachment_pk: int
) -> FileResponse:
    """Files are private: served only here, after the same check as the case study."""
    record = records_selectors.case_study_get(user=request.user, pk=pk)
    attachment = get_object_or_404(record.attachments.all(), pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is no longer stored.")) from error
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.file_name,
    )


# --- Capacity gaps and national priorities -------------------------------------------------


@login_required
@errors_as_pages
def capacity_gap_list(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    filters = CapacityGapFilterForm(request.GET or None)
    gaps = filters.apply(
        records_selectors.capacity_gap_list(user=request.user, country=country)
    )
    page = Paginator(gaps, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/records/capacitygap_list.html",
        {
            "country": country,
            "filters": filters,
            "page": page,
            "can_create": access.can(request.user, "record.create", country=country),
            "query": _query_without_page(request),
        },
    )


@login_required
@submitted_once
@errors_as_pages
def capacity_gap_create(request: HttpRequest, code: str) -> HttpResponse:
    return _record_create(request, code, CAPACITY_GAP)


@login_required
@errors_as_pages
def capacity_gap_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = records_selectors.capacity_gap_get(user=request.user, pk=pk)
    return render(
        request,
        "surveys/records/capacitygap_detail.html",
        {
            "record": record,
            "country": record.country,
            "can_edit": access.can(request.user, "record.edit", record),
            "history": audit.record_history(record=record),
            **workflow_context(request, record),
            "sse_types": display_value(
                CapacityGap, "affected_sse_types", record.affected_sse_types, empty=None
            ),
            "sectors": display_value(
                CapacityGap, "affected_sectors", record.affected_sectors, empty=None
            ),
            "recommendations": records_selectors.recommendations_by_actor(gap=record),
        },
    )


@login_required
@errors_as_pages
def capacity_gap_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_edit(request, pk, CAPACITY_GAP)


@login_required
@errors_as_pages
def national_priority_list(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    grouped = records_selectors.national_priorities_with_gaps(
        user=request.user, country=country
    )
    return render(
        request,
        "surveys/records/nationalpriority_list.html",
        {
            "country": country,
            "priorities": grouped["priorities"],
            "unlinked": grouped["unlinked"],
            "can_create": access.can(request.user, "record.create", country=country),
        },
    )
