"""Per-user request budgets: one for writes, one for the costly lists.

Rates come from `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`, read on every request
so that a deployment (or a test) can change them; a scope without a rate is unlimited.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle


class _ConfiguredRateThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        rates: dict[str, Any] = api_settings.DEFAULT_THROTTLE_RATES
        return rates.get(self.scope or "")

    def applies(self, request: Request, view: Any) -> bool:
        raise NotImplementedError

    def allow_request(self, request: Request, view: Any) -> bool:
        if not self.applies(request, view):
            return True
        return super().allow_request(request, view)


class WriteRateThrottle(_ConfiguredRateThrottle):
    """Every change (POST, PUT, PATCH, DELETE) a user makes through the API."""

    scope = "api_write"

    def applies(self, request: Request, view: Any) -> bool:
        return request.method not in SAFE_METHODS


class CostlyRateThrottle(_ConfiguredRateThrottle):
    """Reads that scan many rows, named by the view's `costly_actions`."""

    scope = "api_costly"

    def applies(self, request: Request, view: Any) -> bool:
        return getattr(view, "action", None) in getattr(view, "costly_actions", ())


class PublicRateThrottle(SimpleRateThrottle):
    """The public directory's budget, per client address whoever is signed in: its
    pages, files and API answer anyone, so one client cannot take them all."""

    scope = "public"

    def get_rate(self) -> str | None:
        rates: dict[str, Any] = api_settings.DEFAULT_THROTTLE_RATES
        return rates.get(self.scope or "")

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }
