"""The language switcher and the page where a person keeps their language and calendar."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from countries.languages import LANGUAGE_CODES, LANGUAGE_NAMES, LANGUAGES
from countries.preferences import (
    profile_of,
    profile_update,
    remember_language,
    suggested_language,
)
from surveys.form_helpers import StyledFormMixin
from surveys.view_errors import errors_as_pages, errors_on_form


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """Django's set_language, and for a signed-in person the choice saved on their
    profile, so that their next sign-in on any device opens in it."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in LANGUAGE_CODES:
        profile_update(user=request.user, language=language)
    return response


class PreferencesForm(StyledFormMixin, forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=LANGUAGES)
    buddhist_era = forms.BooleanField(
        label=gettext_lazy("Show years in the Buddhist Era (2567 for 2024)"),
        required=False,
        help_text=gettext_lazy("Only how dates are shown: stored dates do not change."),
    )

    def __init__(self, *args: Any, suggested: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if suggested:
            # The country's language first, so a new member sees it is the usual one.
            field: Any = self.fields["language"]
            field.choices = [
                (
                    suggested,
                    _("%(language)s (your country's language)")
                    % {"language": LANGUAGE_NAMES[suggested]},
                ),
                *[(code, name) for code, name in LANGUAGES if code != suggested],
            ]


@login_required
@errors_as_pages
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    profile = profile_of(request.user)
    suggested = suggested_language(request.user)
    initial = {
        "language": (profile.language if profile and profile.language else "")
        or suggested
        or translation.get_language(),
        "buddhist_era": bool(profile and profile.buddhist_era),
    }
    form = PreferencesForm(request.POST or None, initial=initial, suggested=suggested)
    if request.method == "POST" and form.is_valid():
        with errors_on_form(form):
            saved = profile_update(
                user=request.user,
                language=form.cleaned_data["language"],
                buddhist_era=form.cleaned_data["buddhist_era"],
            )
            translation.activate(saved.language)
            messages.success(request, _("Your preferences are saved."))
            response = redirect("preferences")
            remember_language(response, saved.language)
            return response
    return render(
        request,
        "countries/preferences.html",
        {"form": form, "suggested": suggested},
        status=400 if form.errors else 200,
    )
