"""How an audit event's changes read on a record's page: field labels, not names."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Choices, Field, Model

from countries.vocabularies import PrioritySector, SseType, TargetGroup
from surveys.models import AuditEvent, EntityFigures, PrinciplesAssessment

register = template.Library()

# Lists of codes kept in JSON fields, by field name.
LIST_CHOICES: dict[str, type[Choices]] = {
    "target_groups": TargetGroup,
    "affected_sse_types": SseType,
    "affected_sectors": PrioritySector,
}
# Figures and the assessment are audited on their entity: "2024 members_total".
_YEAR_FIELD = re.compile(r"^(?P<year>\d{4}) (?P<name>\w+)$")


def _field(model: type[Model] | None, name: str) -> Field[Any, Any] | None:
    for candidate in (model, EntityFigures, PrinciplesAssessment):
        if candidate is None:
            continue
        try:
            field = candidate._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        return field if isinstance(field, Field) else None
    return None


def _key(model: type[Model] | None, key: str) -> tuple[str, Field[Any, Any] | None]:
    """The words a user reads for a changed field's key, and the field."""
    year_field = _YEAR_FIELD.match(key)
    if year_field:
        field = _field(EntityFigures, year_field["name"])
        name = field.verbose_name if field else year_field["name"]
        return f"{year_field['year']}: {name}", field
    field = _field(model, key)
    return (str(field.verbose_name) if field else key.replace("_", " ")), field


def _shown(field: Field[Any, Any] | None, value: Any) -> Any:
    """A code as its label ("MET" → "Met"); lists item by item."""
    if field is not None and field.name in LIST_CHOICES:
        choices = dict(LIST_CHOICES[field.name].choices)
    else:
        choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if isinstance(value, list):
        return ", ".join(str(choices.get(item, item)) for item in value) or None
    return choices.get(value, value) if choices and value is not None else value


@register.filter
def change_rows(event: AuditEvent) -> list[tuple[str, Any, Any]]:
    """(label, old, new) for each field the event changed, in words."""
    model = ContentType.objects.get_for_id(event.content_type_id).model_class()
    rows = []
    for key, values in (event.changes or {}).items():
        if not (isinstance(values, list) and len(values) == 2):
            continue
        label, field = _key(model, key)
        rows.append((label, _shown(field, values[0]), _shown(field, values[1])))
    return rows
