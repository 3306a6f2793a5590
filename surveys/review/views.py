"""The review pages: the queue, a record's review, bulk decisions, returned records and progress."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Field
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from countries.models import Country
from countries.selectors import country_get
from countries.vocabularies import (
    Rating,
    WorkflowState,
)
from surveys import access, display, record_types
from surveys.form_helpers import page_require
from surveys.models import Entity, NationalDefinition, WorkflowRecord
from surveys.principles import CRITERIA, FLAG_ONLY, PRINCIPLES, VALUES, principle_rating
from surveys.review import selectors as review_selectors
from surveys.review import workflow as review_workflow
from surveys.review.forms import (
    BulkDecisionForm,
    DecisionForm,
    FieldCommentFormSet,
    QueueFilterForm,
    field_comments_from,
)
from surveys.view_errors import errors_as_message, errors_as_pages

QUEUE_PAGE_SIZE = 50

# Shown in their own section of the review page rather than in the list of fields.
SHOWN_APART = {"classification"}


# --- Helpers ---------------------------------------------------------------------------


def record_url(record_type: str, pk: int, *, edit: bool = False) -> str:
    """The record's own page (or its edit page), else its review page."""
    kind = record_types.RECORD_TYPES[record_type]
    names = [kind.edit_url_name] if edit else []
    names.append(kind.detail_url_name)
    for name in names:
        try:
            return reverse(name, args=[pk])
        except NoReverseMatch:
            continue
    return reverse("record-review", args=[record_type, pk])


def _redirect_back(request: HttpRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def _waited(delta: datetime.timedelta | None) -> str:
    if delta is None:
        return ""
    now = timezone.now()
    return timesince(now - delta, now, depth=2)


def _queue(request: HttpRequest, country: Country) -> tuple[QueueFilterForm, Any, str]:
    """The queue's filter form, its keys in order and the filters as a query string,
    which the review pages carry so that "Save and next" follows the same queue."""
    filters = QueueFilterForm(request.GET or None, country=country)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    keys = review_selectors.review_queue(
        country=country,
        record_type=criteria.get("record_type") or "",
        state=criteria.get("state") or "",
        area=criteria.get("area"),
        needs_attention=bool(criteria.get("attention")),
    )
    return filters, keys, _queue_query(request)


def _queue_query(request: HttpRequest) -> str:
    """The queue's filters of the request, as a query string."""
    return urlencode(
        [
            (name, value)
            for name in QueueFilterForm.base_fields
            for value in request.GET.getlist(name)
            if value
        ]
    )


def _review_url(record_type: str, pk: int, query: str) -> str:
    url = reverse("record-review", args=[record_type, pk])
    return f"{url}?{query}" if query else url


def _queue_url(country: Country, query: str) -> str:
    url = reverse("review-queue", args=[country.code])
    return f"{url}?{query}" if query else url


def _after_decision(
    request: HttpRequest, record: WorkflowRecord, *, then_next: bool
) -> HttpResponse:
    """Back to the record, or on to the next record of the same filtered queue that
    the member may decide on, or to the queue when none is left."""
    if not then_next:
        return redirect(request.get_full_path())
    _filters, keys, query = _queue(request, record.country)
    following = review_selectors.review_queue_next(
        user=request.user, keys=keys, after=record
    )
    if following is None:
        messages.info(
            request, _("No other record in this queue waits for your decision.")
        )
        return redirect(_queue_url(record.country, query))
    return redirect(_review_url(*following, query))


def workflow_context(request: HttpRequest, record: WorkflowRecord) -> dict[str, Any]:
    """What `surveys/review/_workflow_panel.html` needs, under the one key `workflow`.

    In a record's detail view: `context.update(workflow_context(request, record))`, then
    `{% include "surveys/review/_workflow_panel.html" %}` in its template.
    """
    kind = record_types.record_type_of(record)
    record_type = kind.name
    return {
        "workflow": {
            **review_selectors.workflow_actions(user=request.user, record=record),
            "record": record,
            "record_type": record_type,
            "type_label": kind.label,
            "timeline": review_selectors.record_timeline(record=record),
            "next": request.get_full_path(),
            "review_url": reverse("record-review", args=[record_type, record.pk]),
            "submit_url": reverse("record-submit", args=[record_type, record.pk]),
            "reopen_url": reverse("record-reopen", args=[record_type, record.pk]),
            "can_delete": access.can(request.user, "record.delete", record),
            "delete_url": reverse("draft-delete", args=[record_type, record.pk]),
            "queue_url": reverse("review-queue", args=[record.country_id]),
            "on_review_page": False,
        }
    }


def _record_content(record: WorkflowRecord) -> dict[str, Any]:
    """The record's fields, short ones as a list and long texts as sections."""
    model = type(record)
    short, long = [], []
    for key, label in record_types.record_type_of(record).reviewable_fields():
        if key in SHOWN_APART:
            continue
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            continue
        if not isinstance(field, Field):  # figures, assessment: shown apart
            continue
        value = display.display_field(record, key, empty=None)
        if field.get_internal_type() == "TextField":
            long.append((label, value))
        else:
            short.append((label, value))
    return {"short": short, "long": long}


def _assessment(entity: Entity) -> dict[str, Any] | None:
    assessment = getattr(entity, "assessment", None)
    if assessment is None:
        return None
    ratings = assessment.ratings()
    groups = []
    for code, name in [*PRINCIPLES.items(), ("V", _("Values"))]:
        criteria = (
            VALUES if code == "V" else [c for c in CRITERIA if c.principle == code]
        )
        result = (
            principle_rating(
                [ratings[c.code] for c in criteria if c.code not in FLAG_ONLY]
            )
            if code != "V"
            else ""
        )
        groups.append(
            {
                "code": code,
                "name": name,
                "result": result,
                "result_label": Rating(result).label if result else "",
                "rows": [
                    {
                        "code": c.code,
                        "label": c.label,
                        "rating": ratings[c.code],
                        "rating_label": getattr(assessment, f"get_{c.field}_display")(),
                        "evidence": getattr(
                            assessment, f"get_{c.field}_evidence_display"
                        )(),
                    }
                    for c in criteria
                ],
            }
        )
    return {"assessment": assessment, "groups": groups}


# --- Workflow actions (POST endpoints for every record's page) ----------------------------


@login_required
@errors_as_pages
@require_POST
def record_submit_view(request: HttpRequest, record_type: str, pk: int) -> HttpResponse:
    record = record_types.workflow_record_get(
        user=request.user, record_type=record_type, pk=pk
    )
    with errors_as_message(request):
        review_workflow.record_submit(record=record, by=request.user)
        messages.success(
            request,
            _("“%(record)s” was submitted to the advisory committee.")
            % {"record": record},
        )
    return _redirect_back(request, record_url(record_type, pk))


@login_required
@errors_as_pages
@require_POST
def record_reopen_view(request: HttpRequest, record_type: str, pk: int) -> HttpResponse:
    record = record_types.workflow_record_get(
        user=request.user, record_type=record_type, pk=pk
    )
    with errors_as_message(request):
        review_workflow.record_reopen(
            record=record,
            by=request.user,
            reason=request.POST.get("reason", "").strip(),
        )
        messages.success(
            request,
            _("“%(record)s” was reopened as a draft; it needs validating again.")
            % {"record": record},
        )
    return _redirect_back(request, record_url(record_type, pk))


@login_required
@errors_as_pages
@require_http_methods(["GET", "HEAD", "POST"])
def record_review_view(request: HttpRequest, record_type: str, pk: int) -> HttpResponse:
    """The review page: the record, what changed since the last review, the decision
    form and the timeline. Everyone who may read the record sees it; only committee
    members of its country decide."""
    record = record_types.workflow_record_get(
        user=request.user, record_type=record_type, pk=pk
    )
    context = workflow_context(request, record)
    actions = context["workflow"]
    actions["on_review_page"] = True
    actions["queue_url"] = _queue_url(record.country, _queue_query(request))
    if request.method == "POST" and not actions["is_reviewer"]:
        raise PermissionDenied(
            _("Only members of the country's advisory committee decide on records.")
        )
    data = request.POST if request.method == "POST" else None
    form = DecisionForm(data, country=record.country)
    field_comments = FieldCommentFormSet(
        data,
        prefix="fields",
        form_kwargs={
            "field_choices": record_types.record_type_of(record).reviewable_fields()
        },
    )
    status = 200
    if data is not None:
        if form.is_valid() and field_comments.is_valid():
            with errors_as_message(request, form=form):
                decision = review_workflow.review_decide(
                    record=record,
                    by=request.user,
                    decision=form.cleaned_data["decision"],
                    comment=form.cleaned_data["comment"],
                    field_comments=field_comments_from(field_comments),
                    meeting=form.cleaned_data["meeting"],
                )
                record.refresh_from_db()
                messages.success(
                    request,
                    _(
                        "Your decision on “%(record)s” is recorded: %(decision)s. It is now %(state)s."
                    )
                    % {
                        "record": record,
                        "decision": decision.get_decision_display().lower(),
                        "state": record.get_workflow_state_display().lower(),
                    },
                )
                return _after_decision(
                    request, record, then_next=request.POST.get("then") == "next"
                )
        status = 400
    content: dict[str, Any] = {
        "fields": _record_content(record),
        "parts": record_types.record_type_of(record).part_rows(record),
    }
    if isinstance(record, Entity):
        content["figures"] = [
            {"figures": f, "rows": f.rows()} for f in record.figures.all()
        ]
        content["assessment"] = _assessment(record)
    if isinstance(record, NationalDefinition):
        content["elements"] = list(record.elements.all())
    return render(
        request,
        "surveys/review/review_page.html",
        {
            **context,
            "country": record.country,
            "record": record,
            "record_type": record_type,
            "type_label": actions["type_label"],
            "record_url": record_url(record_type, record.pk),
            "content": content,
            "changes": review_selectors.changes_since_last_review(record=record),
            "form": form,
            "field_comments": field_comments,
        },
        status=status,
    )


# --- The review queue and bulk decisions ------------------------------------------------


@login_required
@errors_as_pages
def review_queue_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    page_require(request, "review.queue", country=country)
    filters, keys, query = _queue(request, country)
    page = Paginator(keys, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = review_selectors.review_queue_rows(user=request.user, keys=page.object_list)
    now = timezone.now()
    for row in rows:
        row["review_url"] = _review_url(row["record_type"], row["record"].pk, query)
        submitted = row["record"].submitted_at
        row["waiting"] = timesince(submitted, now, depth=1) if submitted else ""
    return render(
        request,
        "surveys/review/review_queue.html",
        {
            "country": country,
            "filters": filters,
            "page": page,
            "rows": rows,
            "query": query,
            "bulk_form": BulkDecisionForm(country=country)
            if access.can(request.user, "record.review", country=country)
            else None,
        },
    )


@login_required
@errors_as_pages
@require_POST
def review_bulk_view(request: HttpRequest, code: str) -> HttpResponse:
    """One decision and one comment on many records: all of them, or none."""
    country = country_get(user=request.user, code=code)
    page_require(request, "record.review", country=country)
    back = reverse("review-queue", args=[country.code])
    form = BulkDecisionForm(request.POST, country=country)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return _redirect_back(request, back)
    records = [
        record_types.workflow_record_get(user=request.user, record_type=t, pk=pk)
        for t, pk in form.cleaned_data["records"]
    ]
    if any(record.country_id != country.pk for record in records):
        raise Http404
    with errors_as_message(request, text=_("Nothing was decided. %(reason)s")):
        decisions = review_workflow.review_decide_many(
            records=records,
            by=request.user,
            decision=form.cleaned_data["decision"],
            comment=form.cleaned_data["comment"],
            meeting=form.cleaned_data["meeting"],
        )
        messages.success(
            request,
            ngettext(
                "Your decision (%(decision)s) is recorded on %(count)d record.",
                "Your decision (%(decision)s) is recorded on %(count)d records.",
                len(decisions),
            )
            % {
                "decision": decisions[0].get_decision_display().lower(),
                "count": len(decisions),
            },
        )
    return _redirect_back(request, back)


# --- Returned to me -----------------------------------------------------------------------


@login_required
@errors_as_pages
def returned_list_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    page_require(request, "review.returned", country=country)
    rows = review_selectors.returned_to(user=request.user, country=country)
    for row in rows:
        row["edit_url"] = record_url(row["record_type"], row["record"].pk, edit=True)
        row["review_url"] = reverse(
            "record-review", args=[row["record_type"], row["record"].pk]
        )
    return render(
        request,
        "surveys/review/review_returned.html",
        {"country": country, "rows": rows},
    )


# --- Progress across countries (staff) ----------------------------------------------------


@login_required
@errors_as_pages
def review_progress_view(request: HttpRequest) -> HttpResponse:
    page_require(request, "review.progress")
    table = review_selectors.review_progress(user=request.user)
    for country_row in table:
        for row in country_row["types"]:
            row["median_label"] = _waited(row["median_wait"])
            row["oldest_label"] = _waited(row["oldest_wait"])
    return render(
        request,
        "surveys/review/review_progress.html",
        {"table": table, "states": WorkflowState.choices},
    )
