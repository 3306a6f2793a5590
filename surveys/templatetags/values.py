"""Stored values in templates, shown the one way surveys.display shows them."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model

from surveys.display import display_field
from surveys.principles.reasons import reasons_text

register = template.Library()


@register.filter
def shown(record: Model, name: str) -> Any:
    """`{{ record|shown:"sse_type" }}`: a field of a record as a person reads it."""
    return display_field(record, name)


@register.filter
def reasons(stored: Any) -> list[str]:
    """`{{ entity.classification_reasons|reasons }}`: a classification's reasons in the
    reader's language."""
    return reasons_text(stored)
