"""What every public page and file shares: anyone may read it, a proxy may keep it,
its ETag changes when what it shows can change, and one client has a budget."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from surveys.api.throttles import PublicRateThrottle

View = Callable[..., HttpResponseBase]


def etag(*parts: Any, request: HttpRequest | None = None) -> str:
    """An ETag over what decides a response: the release(s) shown and, for a page,
    its language and its address (filters and page number)."""
    words = [str(part) for part in parts]
    if request is not None:
        words += [get_language() or "", request.get_full_path()]
    return hashlib.sha256("|".join(words).encode()).hexdigest()[:32]


def _throttled(request: HttpRequest) -> HttpResponse | None:
    throttle = PublicRateThrottle()
    if throttle.allow_request(request, None):  # type: ignore[arg-type]
        return None
    response = HttpResponse(
        _("Too many requests. Try again in a minute."),
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    wait = throttle.wait()
    response["Retry-After"] = str(int(wait or 60))
    return response


def public(
    etag_func: Callable[..., str | None], *, throttled: bool = True
) -> Callable[[View], View]:
    """A public, cacheable GET: throttled per client (API views throttle themselves),
    answered 304 when the client's ETag still holds, kept by proxies for
    PUBLIC_MAX_AGE seconds."""

    def decorator(view: View) -> View:
        conditional = condition(etag_func=etag_func)(view)

        @wraps(view)
        @require_safe
        def wrapper(
            request: HttpRequest, *args: Any, **kwargs: Any
        ) -> HttpResponseBase:
            refused = _throttled(request) if throttled else None
            if refused is not None:
                return refused
            response = conditional(request, *args, **kwargs)
            if response.status_code in (200, 304):
                patch_cache_control(
                    response, public=True, max_age=settings.PUBLIC_MAX_AGE
                )
                # The language comes from the browser or the language cookie.
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
            return response

        return wrapper

    return decorator
