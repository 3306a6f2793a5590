"""A signed-in session stays one step short of the site until its second factor."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.second_factor import has_second_factor, second_factor_required

# Pages a session may reach before its second factor: setting one up or giving it,
# signing out, and what those pages load.
OPEN_PREFIXES = (
    "/accounts/two-factor/",
    "/accounts/logout/",
    "/webauthn/",
    "/static/",
    "/i18n/",
    "/health/",
)


FREE_SESSION_KEY = "second_factor_not_needed"


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or request.path.startswith(OPEN_PREFIXES)
            or user.is_verified()  # type: ignore[union-attr]
        ):
            return self.get_response(request)
        # Most people hold no second factor and need none: asked once per session.
        if request.session.get(FREE_SESSION_KEY) == user.pk:
            return self.get_response(request)
        if has_second_factor(user):
            target, message = (
                "two-factor-verify",
                _("Confirm your sign-in with your second factor."),
            )
        elif second_factor_required(user):
            target, message = (
                "two-factor-setup",
                _("Your role requires a second factor: set one up to continue."),
            )
        else:
            request.session[FREE_SESSION_KEY] = user.pk
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=403)
        url = reverse(target)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
