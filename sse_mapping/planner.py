"""Steering PostgreSQL's planner for one piece of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def joins_in_written_order() -> Iterator[None]:
    """The queries of the `with` block join their tables in the order the ORM
    writes them, from the model queried to what it refers to.

    For one row read with its many references (an entity with its area, legal forms,
    activity, assessment and people), that order is the plan PostgreSQL would choose,
    but searching the orders of ten tables took it longer than running the query.
    The setting lasts for a transaction of its own; inside one already open, where
    it would outlast the block, nothing is changed.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL join_collapse_limit = 1")
        yield
