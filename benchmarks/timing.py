"""Timing a page or API request, and its floor: the same SQL sent raw."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from benchmarks.harness import Context
from benchmarks.stats import Result, Timings, ms, peak_memory, repeat, spread, verdict


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _get(client: Client, url: str, **headers: str) -> Any:
    response = client.get(url, headers=headers or None)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return response


def _page_rows_query(queries: list[dict[str, str]]) -> str | None:
    """The query that reads the page's entities (the one with a LIMIT)."""
    table = '"surveys_entity"'
    found = [
        q["sql"]
        for q in queries
        if f"FROM {table}" in q["sql"]
        and "LIMIT" in q["sql"]
        and "COUNT(" not in q["sql"].upper()
    ]
    return found[-1] if found else None


def _replay(sqls: list[str], times: int) -> Timings | None:
    """The database alone: the same SQL text, sent raw, rows fetched."""

    def once() -> None:
        with connection.cursor() as cursor:
            for sql in sqls:
                cursor.execute(sql)
                cursor.fetchall()

    try:
        return repeat(once, times=times, warmup=1)
    except Exception:  # noqa: BLE001 - a query log SQLite cannot re-run: no floor
        return None


@dataclass
class RequestFigures:
    timings: Timings
    queries: int
    floor: Timings | None
    memory_mib: float


def measure_request(
    context: Context,
    client: Client,
    url: str,
    *,
    floor: str,
    headers: dict[str, str] | None = None,
) -> RequestFigures:
    headers = headers or {}
    with peak_memory() as memory:
        timings = repeat(
            lambda: _get(client, url, **headers),
            times=context.config.repeats,
            warmup=2,
        )
    # Counted on a warm request, as every request after a user's first is.
    with CaptureQueriesContext(connection) as captured:
        _get(client, url, **headers)
    queries = [q for q in captured.captured_queries if q["sql"]]
    if floor == "page rows":
        sql = _page_rows_query(queries)
        floor_timings = _replay([sql], context.config.repeats) if sql else None
    else:
        selects = [q["sql"] for q in queries if q["sql"].lstrip().startswith("SELECT")]
        floor_timings = _replay(selects, context.config.repeats)
    return RequestFigures(timings, len(queries), floor_timings, memory.growth_mib)


def request_result(
    measure: str,
    name: str,
    figures: RequestFigures,
    *,
    limit: float,
    floor_label: str,
) -> Result:
    floor = figures.floor
    return Result(
        measure=measure,
        name=name,
        target=f"p95 ≤ {limit * 1000:.0f} ms; queries constant",
        measured=spread(figures.timings),
        floor=f"{ms(floor.p50)} ({floor_label})" if floor else "n/a",
        ratio=f"{figures.timings.p50 / floor.p50:.1f}×" if floor else "n/a",
        queries=str(figures.queries),
        memory=f"+{figures.memory_mib:.1f} MiB",
        status=verdict(figures.timings.p95 <= limit),
        figures={
            "p50": figures.timings.p50,
            "p95": figures.timings.p95,
            "queries": figures.queries,
        },
    )


@contextmanager
def api_budget() -> Iterator[None]:
    """Lift the per-user budget of the costly list while one user repeats it: the
    throttle still runs on every request, it just never answers 429 here."""
    rates = {**settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {})}
    rates["api_costly"] = "1000000/minute"
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        yield
