"""The one application error type, and how the API turns it into a response."""

from typing import Any

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler


class ApplicationError(Exception):
    """A rule was broken; the message tells the person what to do about it."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(
        self, message: str, *, field_errors: dict[str, list[str]] | None = None
    ):
        super().__init__(message)
        self.message = message
        self.field_errors = field_errors or {}


class ConflictError(ApplicationError):
    """The record changed since the user loaded it."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, message: str, *, current: dict[str, Any] | None = None):
        super().__init__(message)
        self.current = current or {}


class NotAllowedError(ApplicationError):
    """The user can see the record but their role does not allow this action."""

    status_code = status.HTTP_403_FORBIDDEN


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ApplicationError):
        body: dict[str, Any] = {"detail": exc.message}
        if exc.field_errors:
            body["errors"] = exc.field_errors
        if isinstance(exc, ConflictError):
            body["current"] = exc.current
        return Response(body, status=exc.status_code)
    return exception_handler(exc, context)
