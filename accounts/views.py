"""Password pages (Django's own views, in the site's frame) and the security events."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET

from accounts.models import SecurityEvent
from accounts.passwords import EmailPasswordResetForm, password_reset_complete
from accounts.selectors import security_event_list
from accounts.services import security_event_record
from surveys.form_helpers import StyledFormMixin
from surveys.view_errors import errors_as_pages


class PasswordResetView(auth_views.PasswordResetView):
    form_class = EmailPasswordResetForm


class StyledSetPasswordForm(StyledFormMixin, SetPasswordForm):
    pass


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = StyledSetPasswordForm

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        password_reset_complete(user=form.user, request=self.request)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = StyledPasswordChangeForm
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        security_event_record(
            kind=SecurityEvent.Kind.PASSWORD_CHANGED,
            user=form.user,
            request=self.request,
        )
        return response


@login_required
@errors_as_pages
@require_GET
def security_event_list_view(request: HttpRequest) -> HttpResponse:
    filterset, events = security_event_list(user=request.user, filters=request.GET)
    if filterset.errors:
        return render(
            request,
            "accounts/security_events.html",
            {"filter": filterset, "page": None},
            status=400,
        )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/security_events.html",
        {"filter": filterset, "page": page, "query": query.urlencode()},
    )
