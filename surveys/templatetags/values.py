"""Stored values in templates, shown the one way surveys.display shows them."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model

from surveys.display import display_field

register = template.Library()


@register.filter
def shown(record: Model, name: str) -> Any:
    """`{{ record|shown:"sse_type" }}`: a field of a record as a person reads it."""
    return display_field(record, name)
