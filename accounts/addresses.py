"""The address a request came from, behind the number of proxies the operator declares."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """Each trusted proxy appends the address it was reached from to
    X-Forwarded-For; what the client wrote there itself is further left and is never
    believed, so nobody escapes a lockout by making up a header."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    return forwarded[-count] if len(forwarded) >= count else remote
