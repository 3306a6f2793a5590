"""The scope table a compile's groupings read: on PostgreSQL, outside any enclosing
transaction (as in a worker), one table shared by two database connections, each
running part of the groupings; gone when the compile ends, however it ends."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.db import connection, transaction
from django.utils import timezone

from surveys.models import Entity
from surveys.reports import spec
from surveys.reports.scope import SHARED_PREFIX
from tests.surveys.reports.test_reports import compile_th, find, thailand

__all__ = ["thailand"]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite compiles on its one connection, in a temporary table",
    ),
]


def _shared_tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE starts_with(tablename, %s)",
            [SHARED_PREFIX],
        )
        return sorted(name for (name,) in cursor.fetchall())


def _grouping_connections(monkeypatch: pytest.MonkeyPatch) -> set[int]:
    """The database sessions the compile's groupings run on, as they run."""
    sessions: set[int] = set()
    grouped = spec.group

    def recorded(*args: Any) -> Any:
        connection.ensure_connection()
        sessions.add(connection.connection.info.backend_pid)
        return grouped(*args)

    monkeypatch.setattr(spec, "group", recorded)
    return sessions


def test_a_workers_compile_shares_its_groupings_between_two_connections_with_the_same_figures(
    thailand: dict[str, Entity], monkeypatch: pytest.MonkeyPatch
) -> None:
    cutoff = timezone.now()
    with transaction.atomic():
        on_one = compile_th(cutoff)
    sessions = _grouping_connections(monkeypatch)

    shared = compile_th(cutoff)

    assert len(sessions) == 2
    assert shared == on_one
    # The figures themselves, not only their agreement.
    assert shared["entities"] == 3
    economic = find(shared, "economic_size")
    assert economic["rows"][0]["cells"][3:6] == [2, 5_500_000, 2_750_000]
    assert _shared_tables() == []


def test_a_compile_that_fails_leaves_no_scope_table_and_its_connection_usable(
    thailand: dict[str, Entity], monkeypatch: pytest.MonkeyPatch
) -> None:
    grouped = spec.group
    calls = []

    def failing(*args: Any) -> Any:
        calls.append(args)
        if len(calls) == 3:
            raise RuntimeError("a grouping failed")
        return grouped(*args)

    monkeypatch.setattr(spec, "group", failing)

    with pytest.raises(RuntimeError, match="a grouping failed"):
        compile_th()

    assert _shared_tables() == []
    monkeypatch.setattr(spec, "group", grouped)
    # The next compile on the same connection finds no view of the last one's table.
    assert compile_th()["entities"] == 3


def test_the_scope_table_of_a_killed_compile_is_dropped_by_the_next_and_a_running_ones_kept(
    thailand: dict[str, Entity],
) -> None:
    killed = f"{SHARED_PREFIX}{int(time.time()) - 3 * 3600}_0badc0de"
    running = f"{SHARED_PREFIX}{int(time.time()) - 60}_0c0ffee0"
    with connection.cursor() as cursor:
        for name in (killed, running):
            cursor.execute(f'CREATE UNLOGGED TABLE "{name}" (entity_id bigint)')
    try:
        assert compile_th()["entities"] == 3
        assert _shared_tables() == [running]
    finally:
        with connection.cursor() as cursor:
            for name in (killed, running):
                cursor.execute(f'DROP TABLE IF EXISTS "{name}"')
