"""The Redis cache, with this process's memory standing in while Redis is unreachable.

What the platform keeps in the cache (the API's request budgets) may be lost or
counted per process for a while; a page or an API call must never fail for it. After
a failure Redis is left alone for `RETRY_AFTER` seconds, so a request does not wait
for a connection timeout each time.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import redis
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

RETRY_AFTER = 30.0  # seconds without trying Redis after it failed
T = TypeVar("T")


def _made_key(key: str, key_prefix: str, version: int) -> str:
    return key  # the Redis backend has already made it


class _FallbackClient(RedisCacheClient):
    def __init__(self, servers: list[str], **options: Any) -> None:
        super().__init__(servers, **options)
        self._local = LocMemCache(
            f"redis-fallback-{','.join(servers)}",
            {"KEY_FUNCTION": _made_key, "OPTIONS": {"MAX_ENTRIES": 10000}},
        )
        self._down_until = 0.0

    @property
    def redis_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _either(self, on_redis: Callable[[], T], on_local: Callable[[], T]) -> T:
        if not self.redis_down:
            try:
                return on_redis()
            except redis.RedisError as error:
                self._down_until = time.monotonic() + RETRY_AFTER
                logger.warning(
                    "Redis unreachable (%s); caching in this process for %ds.",
                    error,
                    RETRY_AFTER,
                )
        return on_local()

    def add(self, key: Any, value: Any, timeout: Any) -> bool:
        return self._either(
            lambda: super(_FallbackClient, self).add(key, value, timeout),
            lambda: self._local.add(key, value, timeout),
        )

    def get(self, key: Any, default: Any) -> Any:
        return self._either(
            lambda: super(_FallbackClient, self).get(key, default),
            lambda: self._local.get(key, default),
        )

    def set(self, key: Any, value: Any, timeout: Any) -> None:
        self._either(
            lambda: super(_FallbackClient, self).set(key, value, timeout),
            lambda: self._local.set(key, value, timeout),
        )

    def touch(self, key: Any, timeout: Any) -> bool:
        return self._either(
            lambda: super(_FallbackClient, self).touch(key, timeout),
            lambda: self._local.touch(key, timeout),
        )

    def delete(self, key: Any) -> bool:
        return self._either(
            lambda: super(_FallbackClient, self).delete(key),
            lambda: self._local.delete(key),
        )

    def get_many(self, keys: Iterable[Any]) -> dict[Any, Any]:
        keys = list(keys)
        return self._either(
            lambda: super(_FallbackClient, self).get_many(keys),
            lambda: self._local.get_many(keys),
        )

    def has_key(self, key: Any) -> bool:
        return self._either(
            lambda: super(_FallbackClient, self).has_key(key),
            lambda: self._local.has_key(key),
        )

    def incr(self, key: Any, delta: int) -> Any:
        return self._either(
            lambda: super(_FallbackClient, self).incr(key, delta),
            lambda: self._local.incr(key, delta),
        )

    def set_many(self, data: Mapping[Any, Any], timeout: Any) -> None:
        self._either(
            lambda: super(_FallbackClient, self).set_many(data, timeout),
            lambda: self._local.set_many(dict(data), timeout),
        )

    def delete_many(self, keys: Iterable[Any]) -> None:
        keys = list(keys)
        self._either(
            lambda: super(_FallbackClient, self).delete_many(keys),
            lambda: self._local.delete_many(keys),
        )

    def clear(self) -> bool:
        self._local.clear()
        return self._either(
            lambda: bool(super(_FallbackClient, self).clear()), lambda: True
        )


class RedisCacheWithLocalFallback(RedisCache):
    """Django's Redis cache; while Redis is unreachable, this process's memory."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        params = {**params}
        # Fail fast: a cache that answers in seconds is worse than no cache.
        params["OPTIONS"] = {
            "socket_connect_timeout": 1,
            "socket_timeout": 1,
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, params)
        self._class = _FallbackClient

    def redis_answers(self) -> bool:
        """Whether Redis answers now (for `/health/`), whatever the fallback did."""
        try:
            return bool(self._cache.get_client().ping())
        except redis.RedisError:
            return False
