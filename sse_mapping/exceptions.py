"""The one application error type, and how the API turns it into a response."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback


class ApplicationError(Exception):
    """A rule was broken; the message tells the person what to do about it."""

    status_code: int = status.HTTP_400_BAD_REQUEST

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

    status_code: int = status.HTTP_403_FORBIDDEN


class NotVisibleError(NotAllowedError):
    """The record or country is outside the user's countries: for them it is not there."""

    status_code = status.HTTP_404_NOT_FOUND


def _first_message(detail: Any) -> str:
    """The first message in a DRF error structure, however deeply it is nested."""
    if isinstance(detail, dict):
        for value in detail.values():
            return _first_message(value)
        return ""
    if isinstance(detail, list):
        for value in detail:
            return _first_message(value)
        return ""
    return str(detail)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every API error as `{"detail": message, "errors": {field: [messages]}}`.

    Bad input is a 400 with the same messages the pages show, a record outside the
    user's countries a 404, a role that may not act a 403, a stale version a 409.
    """
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            exc = ApplicationError(
                str(_("Please correct the fields marked below.")),
                field_errors={
                    field: [str(m) for m in messages]
                    for field, messages in exc.message_dict.items()
                },
            )
        else:
            exc = ApplicationError(" ".join(str(m) for m in exc.messages))
    if isinstance(exc, ApplicationError):
        body: dict[str, Any] = {"detail": exc.message}
        if exc.field_errors:
            body["errors"] = exc.field_errors
        if isinstance(exc, ConflictError):
            body["current"] = exc.current
        set_rollback()
        return Response(body, status=exc.status_code)
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        if isinstance(detail, dict):
            fields = {k: v for k, v in detail.items() if k != "non_field_errors"}
            general = detail.get("non_field_errors")
            message = (
                _first_message(general)
                if general
                else str(_("Please correct the fields marked below."))
            )
            body = {"detail": message}
            if fields:
                body["errors"] = fields
        else:
            body = {"detail": " ".join(str(m) for m in detail) if detail else ""}
        response.data = body
    return response
