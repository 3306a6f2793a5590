"""Writing security events, with the request and the person acting when known."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest

from accounts.addresses import client_ip
from accounts.models import SecurityEvent
from surveys.text import one_line

# The request being served, for events the models' signals write: the administration's
# forms change roles, rights and second factors without calling a service of ours.
_acting_request: ContextVar[HttpRequest | None] = ContextVar(
    "security_event_request", default=None
)


@contextmanager
def acting_request(request: HttpRequest) -> Iterator[None]:
    """Events written inside are by this request's user, from its address."""
    token = _acting_request.set(request)
    try:
        yield
    finally:
        _acting_request.reset(token)


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
    request = request or _acting_request.get()
    if actor is None and request is not None:
        # Someone acting on another account than their own is kept as its actor.
        acting = getattr(request, "user", None)
        if acting is not None and acting.is_authenticated and acting != user:
            actor = acting
    return SecurityEvent.objects.create(
        kind=kind,
        user=user,
        username=one_line(username or (user.get_username() if user else ""), limit=150),
        actor=actor if actor is not None and actor.is_authenticated else None,
        ip_address=client_address(request),
        detail=one_line(detail, limit=200),
    )
