"""How the API describes itself: the error shapes every operation may answer, and the
version precondition of edits."""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import relations, serializers

from countries.models import CommitteeMeeting
from surveys.api.strict import StrictSerializer
from surveys.models import DefinitionElement, Source, WorkflowRecord


class ErrorSerializer(StrictSerializer):
    """Every error: a message a person can act on, and per-field messages for bad input."""

    detail = serializers.CharField(help_text=_("What went wrong and what to do."))
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.JSONField(),
        required=False,
        help_text=_(
            "For bad input: each field's messages (a list of strings, or the same "
            "shape nested for lists and objects). `__all__` holds messages about "
            "several fields together."
        ),
    )


class ConflictSerializer(StrictSerializer):
    """The record changed since the caller read it."""

    detail = serializers.CharField()
    current = serializers.DictField(
        child=serializers.JSONField(),
        help_text=_(
            "The record as it is saved now, with its current `version`: compare, "
            "then send your change again with that version."
        ),
    )


ERROR_DESCRIPTIONS: dict[int, Any] = {
    400: _(
        "Bad input: the query or the body breaks a rule; `errors` lists the messages "
        "per field, the same as the pages show."
    ),
    401: _("No valid credentials: log in, or send a valid API token."),
    403: _(
        "The caller can see the record, but their role does not allow this action "
        "(e.g. a committee member editing, a consultant deciding)."
    ),
    404: _(
        "Not found, or outside the caller's countries: another country's record "
        "is never revealed."
    ),
    409: _(
        "Stale update: the record changed since the version the caller sent "
        "(`version` or `If-Match`). `current` holds the record as saved now."
    ),
    415: _("The body must be JSON (`Content-Type: application/json`)."),
    429: _("Too many requests: wait the number of seconds in `Retry-After`."),
}

IF_MATCH = OpenApiParameter(
    name="If-Match",
    type={"type": "string", "pattern": '^\\s*(\\*|(W/)?"[0-9]{1,9}"|[0-9]{1,9})?\\s*$'},
    location=OpenApiParameter.HEADER,
    required=False,
    description=_(
        'The record\'s `ETag` (its version, e.g. `"3"`) as read. The change is refused '
        "with 409 if someone saved the record since. A `version` field in the body "
        "does the same."
    ),
)

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


# What the services refuse in a record's text (surveys.text): any control character in
# a single-line field (a name, a title), any but line breaks and tabs in a text.
SINGLE_LINE_PATTERN = "^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]*$"
MULTILINE_PATTERN = (
    "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u2028\\u2029]*$"
)


def _text_pattern(field: Any) -> str | None:
    """The pattern a record's text field must match, or None for other fields."""
    parent = getattr(field, "parent", None)
    if isinstance(parent, serializers.ListSerializer):
        parent = parent.parent
    if not isinstance(parent, serializers.ModelSerializer):
        return None
    model: type[models.Model] = parent.Meta.model
    if not issubclass(
        model, WorkflowRecord | DefinitionElement | Source | CommitteeMeeting
    ):
        return None
    try:
        model_field = model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return None
    if isinstance(model_field, models.TextField):
        return MULTILINE_PATTERN
    if isinstance(model_field, models.CharField) and not model_field.choices:
        return SINGLE_LINE_PATTERN
    return None


class ApiAutoSchema(AutoSchema):
    """Adds the error responses every operation of the API can give, and the text
    rules of records' fields."""

    def _map_serializer_field(
        self, field: Any, direction: Any, bypass_extensions: bool = False
    ) -> Any:
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if (
            direction == "request"
            and isinstance(schema, dict)
            and schema.get("type") == "string"
            and not {"enum", "format", "pattern"} & set(schema)
        ):
            pattern = _text_pattern(field)
            if pattern is not None:
                schema["pattern"] = pattern
        if (
            isinstance(field, relations.PrimaryKeyRelatedField)
            and isinstance(schema, dict)
            and schema.get("type") == "integer"
        ):
            schema.setdefault("minimum", 1)
        return schema

    def _error_codes(self) -> list[int]:
        codes = [400, 401, 403, 404, 429]
        if self.method in WRITE_METHODS:
            codes += [409]
        if self.method in ("POST", "PUT", "PATCH"):
            codes += [415]
        return codes

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if str(code) in responses:
                continue
            serializer = ConflictSerializer if code == 409 else ErrorSerializer
            responses[str(code)] = self._get_response_for_code(
                OpenApiResponse(
                    response=serializer, description=str(ERROR_DESCRIPTIONS[code])
                ),
                str(code),
                direction=direction,
            )
        return responses


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the schema describes personal tokens to script writers."""

    target_class = "countries.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": str(
                _(
                    "A personal API token, made on the “API tokens” page "
                    "(/account/tokens/): `Authorization: Token <key>`."
                )
            ),
        }


COUNTRY_PARAMETER = OpenApiParameter(
    "country", OpenApiTypes.STR, description=gettext_lazy("ISO code, e.g. KH")
)


class StrictFilterSchema(DjangoFilterExtension):
    """Each filter's bounds in the schema, as its form field checks them: a request the
    schema allows is one the filter accepts."""

    target_class = "surveys.api.strict.StrictFilterBackend"
    match_subclasses = True
    priority = 1

    def resolve_filter_field(
        self,
        auto_schema: Any,
        model: Any,
        filterset_class: Any,
        field_name: str,
        filter_field: Any,
    ) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        for parameter in parameters:
            schema = parameter["schema"]
            # Method filters have no type hint the schema can read.
            if isinstance(filter_field, django_filters.BooleanFilter):
                schema.clear()
                schema["type"] = "boolean"
            elif isinstance(filter_field, django_filters.DateFilter):
                schema.update(type="string", format="date")
            bounds = (
                ("max_length", "maxLength"),
                ("min_value", "minimum"),
                ("max_value", "maximum"),
            )
            for option, keyword in bounds:
                if filter_field.extra.get(option) is not None:
                    schema[keyword] = filter_field.extra[option]
        return parameters


def rule_error(description: Any) -> OpenApiResponse:
    """A 400 for a rule the schema cannot state (between fields, or on stored data)."""
    return OpenApiResponse(response=ErrorSerializer, description=str(description))
