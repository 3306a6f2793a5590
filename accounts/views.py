"""Password pages (Django's own views, in the site's frame) and the security events."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.http import HttpResponse
from django.urls import reverse_lazy

from accounts.models import SecurityEvent
from accounts.passwords import EmailPasswordResetForm
from accounts.services import security_event_record
from surveys.form_helpers import StyledFormMixin


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
        security_event_record(
            kind=SecurityEvent.Kind.PASSWORD_CHANGED,
            user=form.user,
            request=self.request,
            detail="by email link",
        )
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
