"""The page where a user makes and revokes their personal API tokens."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from countries.authentication import (
    api_token_create,
    api_token_get,
    api_token_list,
    api_token_revoke,
)
from surveys.form_helpers import StyledFormMixin
from surveys.view_errors import errors_as_pages, errors_on_form


class TokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What uses it, e.g. “monthly import script”."),
    )
    valid_until = forms.DateField(
        label=gettext_lazy("Valid until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy(
            "The token stops working at the end of this day (UTC). Leave empty for "
            "a token that works until you revoke it."
        ),
    )

    def expires_at(self) -> datetime.datetime | None:
        day = self.cleaned_data.get("valid_until")
        if day is None:
            return None
        return datetime.datetime.combine(
            day + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC
        )


@login_required
@errors_as_pages
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's tokens, and a form for a new one whose key is shown only once."""
    form = TokenForm(request.POST or None)
    new_key = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            # The form asks for a day; the service speaks of the moment it ends.
            with errors_on_form(form, renamed={"expires_at": "valid_until"}):
                _token, new_key = api_token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    expires_at=form.expires_at(),
                    second_factor_given=request.user.is_verified(),  # type: ignore[union-attr]
                )
                form = TokenForm()
        if form.errors:
            status = 400
    return render(
        request,
        "countries/token_list.html",
        {
            "form": form,
            "tokens": api_token_list(user=request.user),
            "new_key": new_key,
            "now": timezone.now(),
        },
        status=status,
    )


@login_required
@errors_as_pages
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = api_token_revoke(token=api_token_get(user=request.user, pk=pk))
    messages.success(
        request,
        _("The token “%(name)s” is revoked: scripts using it can no longer connect.")
        % {"name": token.name},
    )
    return redirect("token-list")
