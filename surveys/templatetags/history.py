"""How an audit event's changes read on a record's page: field labels, not names."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType

from surveys.audit import action_label
from surveys.display import display_changes
from surveys.models import AuditEvent

register = template.Library()


@register.filter
def change_rows(event: AuditEvent) -> list[tuple[str, Any, Any]]:
    """(label, old, new) for each field the event changed, in words."""
    model = ContentType.objects.get_for_id(event.content_type_id).model_class()
    if model is None:
        return [
            (key.replace("_", " "), values[0], values[1])
            for key, values in (event.changes or {}).items()
            if isinstance(values, list) and len(values) == 2
        ]
    return display_changes(model, event.changes or {})


@register.filter
def audit_action(event: AuditEvent) -> str:
    """What the event did, in words in the reader's language."""
    return action_label(event.action)
