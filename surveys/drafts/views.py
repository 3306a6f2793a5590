"""Delete a draft (consultants) and see and restore deleted drafts (staff)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from surveys.drafts import selectors as drafts_selectors
from surveys.drafts import services as drafts_services
from surveys.form_helpers import page_require
from surveys.record_types import RECORD_TYPES, workflow_record_get
from surveys.view_errors import errors_as_message, errors_as_pages


@login_required
@errors_as_pages
@require_POST
def draft_delete_view(request: HttpRequest, record_type: str, pk: int) -> HttpResponse:
    record = workflow_record_get(user=request.user, record_type=record_type, pk=pk)
    kind = RECORD_TYPES[record_type]
    with errors_as_message(request):
        drafts_services.draft_delete(record=record, by=request.user)
        messages.success(
            request,
            _("%(record)s deleted. Staff can restore it if this was a mistake.")
            % {"record": f"{kind.label} “{record}”"},
        )
        return redirect(kind.list_url_name, code=record.country_id)
    return redirect(kind.detail_url_name, pk=record.pk)


@login_required
@errors_as_pages
@require_GET
def deleted_draft_list_view(request: HttpRequest) -> HttpResponse:
    page_require(request, "record.restore")
    return render(
        request,
        "surveys/drafts/deleted_list.html",
        {"drafts": drafts_selectors.deleted_draft_list(user=request.user)},
    )


@login_required
@errors_as_pages
@require_POST
def draft_restore_view(request: HttpRequest, record_type: str, pk: int) -> HttpResponse:
    record = drafts_selectors.deleted_draft_get(
        user=request.user, record_type=record_type, pk=pk
    )
    kind = RECORD_TYPES[record_type]
    with errors_as_message(request):
        drafts_services.draft_restore(record=record, by=request.user)
        messages.success(
            request, _("%(record)s restored.") % {"record": f"{kind.label} “{record}”"}
        )
        return redirect(kind.detail_url_name, pk=record.pk)
    return redirect(reverse("deleted-draft-list"))
