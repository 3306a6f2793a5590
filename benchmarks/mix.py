"""The load test's mix: what each Locust user asks for, and how often. Read by the
Locust users (`locustfile`) and by the load measure's profile of one request of each
kind (`load.mix_profile`). Plain Python: Locust's process loads it without Django."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

FILTERS = ("", "sse_type=COOP", "workflow_state=validated", "sector=FARM_SMALL")
# Seconds a user waits between two requests (uniformly, as Locust's `between`).
WAIT = (0.5, 1.5)


@dataclass(frozen=True)
class Ask:
    # How Locust names the requests, and the load measure's profile shows them.
    name: str
    weight: int
    api: bool
    url: Callable[[dict[str, Any], random.Random], str]


def _list_page(account: dict[str, Any], rng: random.Random) -> str:
    return f"/countries/{account['country']}/entities/?{rng.choice(FILTERS)}"


def _detail_page(account: dict[str, Any], rng: random.Random) -> str:
    return f"/entities/{rng.choice(account['entities'])}/"


def _api_list(account: dict[str, Any], rng: random.Random) -> str:
    return f"/api/v1/entities/?country={account['country']}&{rng.choice(FILTERS)}"


def _api_detail(account: dict[str, Any], rng: random.Random) -> str:
    return f"/api/v1/entities/{rng.choice(account['entities'])}/"


LIST_PAGE = Ask("/countries/[code]/entities/", 3, False, _list_page)
DETAIL_PAGE = Ask("/entities/[id]/", 3, False, _detail_page)
API_LIST = Ask("/api/v1/entities/", 2, True, _api_list)
API_DETAIL = Ask("/api/v1/entities/[id]/", 2, True, _api_detail)
ASKS = (LIST_PAGE, DETAIL_PAGE, API_LIST, API_DETAIL)


def asked_per_second(users: int) -> float:
    """What `users` ask for a second if every answer came at once."""
    return users / (sum(WAIT) / 2)
