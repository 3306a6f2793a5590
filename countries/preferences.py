"""A person's language and calendar: read, saved, and applied at sign-in.

The language chosen is saved on the profile (so it follows the person to any device)
and put in the language cookie at every sign-in; from there Django's LocaleMiddleware
applies it to pages. API calls carry no cookie: they answer in their Accept-Language.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import trans_real

from countries.languages import COUNTRY_LANGUAGES, LANGUAGE_CODES
from countries.models import Profile
from countries.selectors import AnyUser, countries_of
from sse_mapping.exceptions import ApplicationError

# Whether the person being served reads years in the Buddhist Era; set per request
# (and per email) so the one date formatter needs no request passed to it.
buddhist_era_active: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "buddhist_era_active", default=False
)


def profile_of(user: AnyUser) -> Profile | None:
    """The user's saved preferences, read once per user object (None: none saved)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_profile"):
        user._profile = Profile.objects.filter(user_id=user.pk).first()  # type: ignore[union-attr,attr-defined]
    profile: Profile | None = user._profile  # type: ignore[union-attr,attr-defined]
    return profile


def language_of(user: AnyUser) -> str:
    """The language to write to the user in (an email, say): their choice, else the
    platform's default, as their pages showed before they chose."""
    profile = profile_of(user)
    if profile is not None and profile.language:
        return profile.language
    return str(settings.LANGUAGE_CODE)


def suggested_language(user: AnyUser) -> str:
    """The national language of the user's country, when they belong to one only."""
    countries = set(countries_of(user))
    if len(countries) != 1:
        return ""
    return COUNTRY_LANGUAGES.get(countries.pop(), ("",))[0]


@contextlib.contextmanager
def in_language_of(user: AnyUser) -> Iterator[str]:
    """Write to `user` (an email, say) in their language and calendar."""
    language = language_of(user)
    era = buddhist_era_active.set(uses_buddhist_era(user))
    try:
        with translation.override(language):
            yield language
    finally:
        buddhist_era_active.reset(era)


def uses_buddhist_era(user: AnyUser) -> bool:
    profile = profile_of(user)
    return bool(profile and profile.buddhist_era)


@transaction.atomic
def profile_update(
    *, user: AnyUser, language: str | None = None, buddhist_era: bool | None = None
) -> Profile:
    """Save the user's language and/or calendar; None leaves a setting as it is."""
    if not user.is_authenticated:
        raise ApplicationError(_("Log in to save your preferences."))
    if language is not None and language and language not in LANGUAGE_CODES:
        raise ApplicationError(
            _("“%(code)s” is not one of the platform's languages.") % {"code": language}
        )
    profile, _created = Profile.objects.select_for_update().get_or_create(
        user_id=user.pk
    )
    if language is not None:
        profile.language = language
    if buddhist_era is not None:
        profile.buddhist_era = buddhist_era
    profile.save()
    user._profile = profile  # type: ignore[union-attr,attr-defined]
    return profile


def apply_language_at_sign_in(
    sender: Any, request: HttpRequest | None, user: AnyUser, **kwargs: Any
) -> None:
    """user_logged_in: the saved language becomes the session's from this response on."""
    if request is None:
        return
    profile = profile_of(user)
    if profile is not None and profile.language:
        translation.activate(profile.language)
        request.LANGUAGE_CODE = profile.language
        request._language_to_remember = profile.language  # type: ignore[attr-defined]


def remember_language(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _answer_in_accept_language(request: HttpRequest) -> None:
    """An API call answers in the language its Accept-Language asks for, even from a
    browser that carries a language cookie (LocaleMiddleware prefers the cookie)."""
    header = request.headers.get("Accept-Language", "")
    for code, _quality in trans_real.parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            language = trans_real.get_supported_language_variant(code)
        except LookupError:
            continue
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return


class PreferencesMiddleware:
    """Puts the language saved at sign-in into the cookie, and the user's calendar in
    force while the page renders. After AuthenticationMiddleware."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            _answer_in_accept_language(request)
        user = getattr(request, "user", None)
        era = buddhist_era_active.set(
            user is not None
            and user.is_authenticated
            # Not for API token calls: one profile query per page is enough.
            and not request.path.startswith("/api/")
            and uses_buddhist_era(user)
        )
        try:
            response: HttpResponse = self.get_response(request)
        finally:
            buddhist_era_active.reset(era)
        language = getattr(request, "_language_to_remember", None)
        if language:
            remember_language(response, language)
        return response
