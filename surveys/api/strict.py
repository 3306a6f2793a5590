"""The API refuses what its schema does not allow, rather than guessing.

Django REST framework and django-filter are lenient: `page_size=abc` falls back to the
default, an unknown `ordering` is dropped, `0` is read as false and `5` as the text
"5". A script relying on that would get answers to questions it did not ask; here each
such request is a 400 naming the parameter or field.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import fields, relations, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from sse_mapping.exceptions import ApplicationError

# Filters that take a value more than once (`?sse_type=COOP&sse_type=CE`).
_REPEATABLE = (
    django_filters.MultipleChoiceFilter,
    django_filters.ModelMultipleChoiceFilter,
    django_filters.BaseInFilter,
)
_TEXT = (django_filters.CharFilter,)


def _refuse(errors: dict[str, list[str]], message: str | None = None) -> None:
    if errors:
        raise ApplicationError(
            message or _("Please correct the parameters marked below."),
            field_errors=errors,
        )


def single_query_value(request: Request, name: str) -> str | None:
    """The parameter's one value; given twice is refused."""
    values = request.query_params.getlist(name)
    if len(values) > 1:
        _refuse({name: [_("Give “%(name)s” once.") % {"name": name}]})
    return values[0] if values else None


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter, refusing a filter given twice, an empty typed filter, or a yes/no
    filter that is neither true nor false."""

    def get_filterset(self, request: Request, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is None:
            return None
        errors: dict[str, list[str]] = {}
        for name, found in filterset.filters.items():
            values = request.query_params.getlist(name)
            if not values:
                continue
            if len(values) > 1 and not isinstance(found, _REPEATABLE):
                errors[name] = [_("Give “%(name)s” once.") % {"name": name}]
            elif isinstance(found, django_filters.BooleanFilter):
                if values[0] not in ("true", "false"):
                    errors[name] = [_("Give true or false.")]
            elif values[0] == "" and not isinstance(found, _TEXT):
                errors[name] = [
                    _("Give a value, or leave “%(name)s” out.") % {"name": name}
                ]
        _refuse(errors)
        return filterset


def _expected_json(field: fields.Field) -> tuple[type, ...] | None:
    """The JSON types the schema gives for a field, where DRF would convert others."""
    if isinstance(field, fields.BooleanField):
        return (bool,)
    if isinstance(field, fields.IntegerField):
        return (int,)
    if isinstance(field, fields.FloatField):
        return (int, float)
    if isinstance(
        field,
        fields.ListField
        | fields.MultipleChoiceField
        | relations.ManyRelatedField
        | serializers.ListSerializer,
    ):
        return (list,)
    if isinstance(field, relations.PrimaryKeyRelatedField):
        queryset: Any = getattr(field, "queryset", None)
        if queryset is None:
            return None
        pk = queryset.model._meta.pk
        integer = pk is not None and pk.get_internal_type().endswith(
            ("AutoField", "IntegerField")
        )
        return (int,) if integer else (str,)
    if isinstance(field, fields.ChoiceField) and not isinstance(
        field, fields.MultipleChoiceField
    ):
        kinds = {type(key) for key in field.choices}
        if kinds == {int}:
            return (int,)
        return (str,) if kinds <= {str} else None
    if isinstance(field, serializers.Serializer | fields.DictField):
        return (dict,)
    if isinstance(
        field,
        fields.CharField
        | fields.ChoiceField
        | relations.SlugRelatedField
        | fields.DateField
        | fields.DateTimeField,
    ):
        return (str,)
    return None


def json_type_errors(
    serializer: serializers.Serializer, data: Any
) -> dict[str, list[str]]:
    """The body's fields whose JSON types are not the schema's."""
    if not isinstance(data, dict):
        return {}
    errors: dict[str, list[str]] = {}
    for name, field in serializer.fields.items():
        if field.read_only or name not in data or data[name] is None:
            continue
        expected = _expected_json(field)
        if expected is not None and _wrong_type(field, data[name], expected):
            errors[name] = [_type_message(expected)]
    return errors


def _is(value: Any, expected: tuple[type, ...]) -> bool:
    if isinstance(value, bool) and bool not in expected:
        return False
    return isinstance(value, expected)


def _wrong_type(field: fields.Field, value: Any, expected: tuple[type, ...]) -> bool:
    """Whether the value, or an item of a list or an object, has another JSON type."""
    if not _is(value, expected):
        return True
    child = getattr(field, "child", None)
    if child is None or isinstance(field, serializers.ListSerializer):
        return False
    inner = _expected_json(child)
    if inner is None:
        return False
    items = value.values() if isinstance(value, dict) else value
    return any(item is not None and not _is(item, inner) for item in items)


def _type_message(expected: tuple[type, ...]) -> str:
    if expected == (bool,):
        return _("Give true or false.")
    if expected == (int,):
        return _("Give a whole number.")
    if expected == (int, float):
        return _("Give a number.")
    if expected == (list,):
        return _("Give a list.")
    if expected == (dict,):
        return _("Give an object.")
    return _("Give text (in quotes).")


class StrictTypesMixin:
    """Read a body only when its fields have the JSON types the schema gives."""

    def to_internal_value(self, data: Any) -> Any:
        errors: dict[str, Any] = json_type_errors(self, data)  # type: ignore[arg-type]
        try:
            value = super().to_internal_value(data)  # type: ignore[misc]
        except ValidationError as error:
            if not errors or not isinstance(error.detail, dict):
                raise
            raise ValidationError({**error.detail, **errors}) from error
        if errors:
            raise ValidationError(errors)
        return value


class StrictSerializer(StrictTypesMixin, serializers.Serializer):
    pass


class StrictModelSerializer(StrictTypesMixin, serializers.ModelSerializer):
    pass
