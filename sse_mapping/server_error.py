"""The answer to an error nobody handled: JSON on the API, the site's page elsewhere.

A script reading the API gets a body it can parse, in the shape of every other API
error. The page is rendered without the request, so nothing on it touches the
database, which may be the thing that failed.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {
                "detail": _(
                    "The server failed to answer this request. The error is logged; "
                    "try again, and tell the platform's team if it happens again."
                )
            },
            status=500,
        )
    return defaults.server_error(request)
