"""The model's own field checks of a new entity's values, one field at a time.

They are those `full_clean` runs when the entity is written (lengths, choices, ranges,
digits, control characters), run by the import's check on the values it parsed, so
that the commit writes what the check passed without checking it again.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from surveys.models import Entity
from surveys.text import control_character_message

# Set by the writing code or resolved to this country's rows when the file was read.
_NOT_CHECKED = {"code", "created_by", "updated_by"}


@functools.cache
def _fields() -> dict[str, models.Field[Any, Any]]:
    """The entity's own columns a row may give, by name."""
    return {
        field.name: field
        for field in Entity._meta.concrete_fields
        if not field.is_relation
        and not field.generated
        and field.name not in _NOT_CHECKED
    }


@functools.cache
def _failing_defaults() -> frozenset[str]:
    """The columns whose default value `full_clean` refuses: a row must give them."""
    blank = Entity()
    return frozenset(
        name
        for name, field in _fields().items()
        if field_messages(field, getattr(blank, field.attname))
    )


def field_messages(field: models.Field[Any, Any], value: Any) -> list[str]:
    """What `full_clean` says of `value` in `field`, alone: fields are checked one by
    one, and an empty value of a field that may be blank is not checked."""
    messages: list[str] = []
    control = control_character_message(field, value)
    if control is not None:
        messages.append(control)
    if field.blank and value in field.empty_values:
        return messages
    try:
        field.clean(value, None)
    except ValidationError as error:
        messages.extend(str(m) for m in error.messages)
    return messages


def entity_field_errors(values: Mapping[str, Any]) -> dict[str, list[str]]:
    """The field checks of a new entity with `values` set over the defaults, by field;
    values that are no column of its own (areas, many-to-many) are left to others."""
    fields = _fields()
    errors: dict[str, list[str]] = {}
    for name, value in values.items():
        field = fields.get(name)
        if field is None:
            continue
        messages = field_messages(field, value)
        if messages:
            errors[name] = messages
    blank = None
    for name in _failing_defaults() - values.keys():
        blank = blank or Entity()
        errors[name] = field_messages(
            fields[name], getattr(blank, fields[name].attname)
        )
    return errors
