"""The template `date` filter in the reader's calendar (a template builtin, so it
replaces Django's own in every template): Gregorian, or the Buddhist Era for those who
chose it."""

from __future__ import annotations

from typing import Any

from django import template
from django.template import defaultfilters

from countries.dates import with_calendar

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value: Any, arg: str | None = None) -> str:
    return str(defaultfilters.date(value, with_calendar(value, arg)))
