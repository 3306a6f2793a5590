"""The database unreachable or busy: a 503 in the site's frame, one log line, no
traceback.

Outermost middleware. Before anything reads the session or the user, it makes sure
the connection is there; a view that loses it half-way is answered the same way, and
so is a write that waited its whole timeout for SQLite's lock, held by a long job (an
import commit, a release being taken). The page is rendered without the request, so
nothing on it touches the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

UNREACHABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60
# /health/ reports the database itself, with the other services.
PASSED_THROUGH = ("/health/",)


def database_down_response(
    request: HttpRequest, error: Exception, *, busy: bool = False
) -> HttpResponse:
    logger.error(
        "Database %s, answered 503: %s %s (%s)",
        "busy" if busy else "unreachable",
        request.method,
        request.path,
        str(error).strip().splitlines()[0] if str(error).strip() else type(error),
    )
    if busy:
        message = _(
            "The platform is busy saving a long job (an import or a release); "
            "nothing was saved from this request. Try again in a minute."
        )
    else:
        message = _("The platform cannot reach its database; try again in a minute.")
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=503)
    else:
        response = HttpResponse(
            render_to_string("503.html", {"message": message, "busy": busy}),
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # The line above says why; Django's own "Service Unavailable" line would repeat it.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


class DatabaseDownMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PASSED_THROUGH):
            try:
                connection.ensure_connection()
            except UNREACHABLE as error:
                return database_down_response(request, error)
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if isinstance(exception, OperationalError) and _locked(exception):
            return database_down_response(request, exception, busy=True)
        if isinstance(exception, UNREACHABLE) and not _connection_usable():
            return database_down_response(request, exception)
        return None


def _locked(error: OperationalError) -> bool:
    """SQLite's write lock stayed taken for the whole busy timeout."""
    return connection.vendor == "sqlite" and "database is locked" in str(error)


def _connection_usable() -> bool:
    """Whether the connection still answers: an OperationalError may also be a
    deadlock or a broken query, which stays a 500 with its traceback."""
    try:
        connection.ensure_connection()
        return bool(connection.is_usable())
    except UNREACHABLE:
        return False
