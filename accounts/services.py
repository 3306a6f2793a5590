"""Writing security events."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accounts.addresses import client_ip
from accounts.models import SecurityEvent
from surveys.text import one_line


def client_address(request: HttpRequest | None) -> str | None:
    return client_ip(request) if request is not None else None


def security_event_record(
    *,
    kind: str,
    user: Any = None,
    username: str = "",
    request: HttpRequest | None = None,
    actor: Any = None,
    detail: str = "",
) -> SecurityEvent:
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    return SecurityEvent.objects.create(
        kind=kind,
        user=user,
        username=one_line(username or (user.get_username() if user else ""), limit=150),
        actor=actor if actor is not None and actor.is_authenticated else None,
        ip_address=client_address(request),
        detail=one_line(detail, limit=200),
    )
