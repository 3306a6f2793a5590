"""Stored values in templates, shown the one way surveys.display shows them."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model

from surveys.display import choice_label, display_field
from surveys.principles.reasons import reasons_text

register = template.Library()


@register.filter
def shown(record: Model, name: str) -> Any:
    """`{{ record|shown:"sse_type" }}`: a field of a record as a person reads it."""
    return display_field(record, name)


@register.filter
def label(record: Model, name: str) -> Any:
    """`{{ entity|label:"sse_type" }}`: the label of a choice field's value, as
    `entity.get_sse_type_display` gives it, without working out the field's labels
    again for each row of a list."""
    return choice_label(record, name)


@register.filter
def reasons(stored: Any) -> list[str]:
    """`{{ entity.classification_reasons|reasons }}`: a classification's reasons in the
    reader's language."""
    return reasons_text(stored)
