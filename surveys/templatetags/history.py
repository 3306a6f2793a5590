"""How an audit event's changes read on a record's page: field labels, not names."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model

from surveys.models import AuditEvent, EntityFigures, PrinciplesAssessment

register = template.Library()

# Figures and the assessment are audited on their entity: "2024 members_total".
_YEAR_FIELD = re.compile(r"^(?P<year>\d{4}) (?P<name>\w+)$")


def _label(model: type[Model] | None, name: str) -> str:
    for candidate in (model, EntityFigures, PrinciplesAssessment):
        if candidate is None:
            continue
        try:
            return str(candidate._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            continue
    return name.replace("_", " ")


def field_label(model: type[Model] | None, key: str) -> str:
    """The words a user reads for a changed field's key."""
    year_field = _YEAR_FIELD.match(key)
    if year_field:
        return f"{year_field['year']}: {_label(EntityFigures, year_field['name'])}"
    return _label(model, key)


@register.filter
def change_rows(event: AuditEvent) -> list[tuple[str, Any, Any]]:
    """(label, old, new) for each field the event changed."""
    model = ContentType.objects.get_for_id(event.content_type_id).model_class()
    return [
        (field_label(model, key), *values)
        for key, values in (event.changes or {}).items()
        if isinstance(values, list) and len(values) == 2
    ]
