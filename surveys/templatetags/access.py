"""`{% can "action" obj country=country as name %}`: templates ask `access.can`."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser

from countries.models import Country
from surveys import access

register = template.Library()


@register.simple_tag(takes_context=True)
def can(
    context: template.Context,
    action: str,
    obj: Any = None,
    country: Country | None = None,
) -> bool:
    """Whether the page's user may take the action (see `access.POLICY`)."""
    request = context.get("request")
    user = request.user if request is not None else AnonymousUser()
    return access.can(user, action, obj, country=country)
