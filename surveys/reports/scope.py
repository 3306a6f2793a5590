"""The scope table of one compile: the counted entities copied once, with their
criteria ratings and their latest figures, into a narrow table
(`surveys.models.ReportScopeRow`) that every grouping of the compile reads.

A grouping then scans tens of thousands of narrow rows instead of joining the wide
entity rows to the assessments and to every figure row of the country again; the
latest figures are picked once, by the index of each entity's figures by year.

On PostgreSQL the table is shared: an unlogged table of its own name, committed, so
that a second connection reads it too and `spread` runs the compile's groupings on
both, one core each. Each connection sees it as `report_scope` through a temporary
view. Inside an enclosing transaction (a test's), and on SQLite, it is a temporary
table of the one connection.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    CharField,
    ExpressionWrapper,
    F,
    Field,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import translation

from surveys.models import Entity, EntityFigures, ReportScopeRow
from surveys.models.report_scope import (
    ENTITY_COLUMNS,
    PRINCIPLE_COLUMNS,
    RATING_COLUMNS,
)
from surveys.reports.measures import principle_case

T = TypeVar("T")

TABLE = ReportScopeRow._meta.db_table
# A shared scope table is named <prefix><unix time>_<random>; one older than the
# longest a compile may run is a killed compile's, dropped by the next.
SHARED_PREFIX = f"{TABLE}_"
# The shared table of the compile running in this context, if any.
_SHARED: ContextVar[str | None] = ContextVar("report_scope_shared", default=None)

# No JIT compilation, which took longer than the statements it compiled, and the
# sorts and hashes of a country's rows in memory rather than on disk.
_READING = "SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)"
# For the copy only: each entity's assessment and figures looked up by their
# indexes, where a hash join reads every country's rows and a merge join those of
# the countries before it, a cost that grows with the database rather than with the
# scope.
_COPYING = (
    "SELECT set_config('enable_hashjoin', 'off', true), "
    "set_config('enable_mergejoin', 'off', true)"
)


@contextmanager
def scope_table(entities: QuerySet[Entity]) -> Iterator[QuerySet[ReportScopeRow]]:
    """The entities as rows of the scope table, for the `with` block; the table is
    gone when it ends."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with _shared_table(entities):
            yield ReportScopeRow.objects.all()
        return
    on_postgresql = connection.vendor == "postgresql"
    # On PostgreSQL, one transaction, whose rollback also drops the table. SQLite
    # would take its write lock for it, so there the table is dropped by hand. One
    # compile at a time uses a database connection, so the name is never shared.
    with transaction.atomic() if on_postgresql else nullcontext():
        with connection.cursor() as cursor:
            if on_postgresql:
                cursor.execute(_READING)
                cursor.execute(_COPYING)
            else:
                cursor.execute(_created())
            cursor.execute(*_copied(entities))
            if on_postgresql:
                cursor.execute(
                    "SET LOCAL enable_hashjoin TO DEFAULT; "
                    "SET LOCAL enable_mergejoin TO DEFAULT"
                )
        try:
            yield ReportScopeRow.objects.all()
        except BaseException:
            if not on_postgresql:
                _drop()
            raise
        _drop()


def spread(tasks: Sequence[Callable[[], T]]) -> list[T]:
    """Each task's result, in order. While the scope table is shared, the tasks are
    shared between this connection and a second one, each taking the next task
    left; otherwise they run one after another."""
    shared = _SHARED.get()
    if shared is None or len(tasks) < 2:
        return [task() for task in tasks]
    results: list[Any] = [None] * len(tasks)
    left = iter(enumerate(tasks))
    taking = threading.Lock()

    def work() -> None:
        while True:
            with taking:
                taken = next(left, None)
            if taken is None:
                return
            index, task = taken
            results[index] = task()

    language = translation.get_language()
    # Queries counted on this connection (a compile counts its own) are counted on
    # the second one too, and added to this one's when it is done.
    counting = connection.force_debug_cursor
    counted: list[dict[str, Any]] = []

    def second() -> None:
        connection.force_debug_cursor = counting
        try:
            with translation.override(language), _reading(shared):
                work()
        finally:
            counted.extend(connection.queries_log)
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        helping = pool.submit(second)
        work()
        helping.result()
    if counting:
        connection.queries_log.extend(counted)
    return results


@contextmanager
def _shared_table(entities: QuerySet[Entity]) -> Iterator[None]:
    _drop_abandoned()
    name = f"{SHARED_PREFIX}{int(time.time())}_{secrets.token_hex(4)}"
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_READING)
            cursor.execute(_COPYING)
            cursor.execute(*_copied(entities, shared=name))
        token = _SHARED.set(name)
        try:
            with _reading(name):
                yield
        finally:
            _SHARED.reset(token)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {_quote(name)}")


@contextmanager
def _reading(name: str) -> Iterator[None]:
    """A transaction on this connection in which `report_scope` is the shared table
    `name`."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_READING)
        cursor.execute(
            f"CREATE TEMPORARY VIEW {_quote(TABLE)} AS "  # noqa: S608
            f"SELECT * FROM {_quote(name)}"
        )
        yield
        cursor.execute(f"DROP VIEW {_quote(TABLE)}")


def _drop_abandoned() -> None:
    """Drop the shared tables of compiles that were killed."""
    oldest = time.time() - settings.CELERY_TASK_HARD_TIME_LIMIT - 60
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
            "AND starts_with(tablename, %s)",
            [SHARED_PREFIX],
        )
        for (name,) in cursor.fetchall():
            started = name.removeprefix(SHARED_PREFIX).split("_")[0]
            if started.isdigit() and int(started) < oldest:
                cursor.execute(f"DROP TABLE IF EXISTS {_quote(name)}")


def _created() -> str:
    """The empty table, on SQLite. No index, not even the primary key's: every
    grouping scans the whole table, so an index would only cost its upkeep during
    the copy."""
    definitions = ", ".join(
        f"{_quote(field.column)} {_column_type(field)}{_collation(field)}"
        for field in ReportScopeRow._meta.concrete_fields
    )
    return f"CREATE TEMPORARY TABLE {_quote(TABLE)} ({definitions})"


def _column_type(field: Field[Any, Any]) -> str | None:
    if field.is_relation:
        return field.rel_db_type(connection)
    return field.db_type(connection)


def _collation(field: Field[Any, Any]) -> str:
    if connection.vendor == "postgresql" and isinstance(field, CharField):
        # Codes, grouped and sorted byte by byte: a linguistic collation made the
        # medians' sorts several times slower. A listing ordered here sorts its
        # rows again by code point (`surveys.reports.listings`).
        return ' COLLATE "C"'
    return ""


def _copied(
    entities: QuerySet[Entity], *, shared: str | None = None
) -> tuple[str, Any]:
    """The statement that fills the scope: the entity's own columns and its ratings
    by the ORM, then its latest figures.

    On PostgreSQL, `CREATE TABLE … AS` (the temporary `report_scope`, or the
    unlogged table `shared`), whose reading may be shared among parallel workers
    where an `INSERT … SELECT` is read by one process, each column cast to
    the type `_created` would give it; the latest figures are one lateral lookup of
    the index of each entity's figures by year. Elsewhere, an `INSERT` into the
    table `_created` makes, and (SQLite has no lateral join) the latest figures'
    id looked up, then their row joined by it."""
    picked: dict[str, Any] = {
        "entity": F("pk"),
        "country": F("country"),
        "area": F("area"),
        "legal_form": F("legal_form"),
        "main_activity": F("main_activity"),
        "assessed": ExpressionWrapper(
            Q(assessment__isnull=False), output_field=BooleanField()
        ),
        **{name: F(name) for name in ENTITY_COLUMNS},
        **{name: F(f"assessment__{name}") for name in RATING_COLUMNS},
        **{
            column: principle_case(code, "assessment__")
            for code, column in PRINCIPLE_COLUMNS.items()
        },
    }
    selected = (
        entities.order_by()
        .annotate(**{f"s_{name}": value for name, value in picked.items()})
        .values(*(f"s_{name}" for name in picked))
    )
    on_postgresql = connection.vendor == "postgresql"
    if not on_postgresql:
        selected = selected.annotate(s_figures=Subquery(_latest_figures_id()))
    picked_sql, params = selected.query.sql_with_params()
    figures = EntityFigures._meta
    columns, values = [], []
    for field in ReportScopeRow._meta.concrete_fields:
        if field.name in picked:
            value = f"e.{_quote('s_' + field.name)}"
        elif field.name == "figures":
            value = f"f.{_quote(figures.pk.column)}"
        else:
            value = f"f.{_quote(field.column)}"
        column = _quote(field.column)
        if on_postgresql:
            value = (
                f"CAST({value} AS {_column_type(field)}){_collation(field)} AS {column}"
            )
        columns.append(column)
        values.append(value)
    if on_postgresql:
        by_entity = _quote(figures.get_field("entity").column)
        year = _quote(figures.get_field("reference_year").column)
        latest = (
            f"LEFT JOIN LATERAL (SELECT * FROM {_quote(figures.db_table)} "  # noqa: S608
            f"WHERE {by_entity} = e.{_quote('s_entity')} "
            f"ORDER BY {year} DESC LIMIT 1) f ON TRUE"
        )
    else:
        latest = (
            f"LEFT JOIN {_quote(figures.db_table)} f "
            f"ON f.{_quote(figures.pk.column)} = e.{_quote('s_figures')}"
        )
    select = f"SELECT {', '.join(values)} FROM ({picked_sql}) e {latest}"  # noqa: S608
    if on_postgresql:
        if shared:
            return f"CREATE UNLOGGED TABLE {_quote(shared)} AS {select}", params
        return f"CREATE TEMPORARY TABLE {_quote(TABLE)} AS {select}", params
    return f"INSERT INTO {_quote(TABLE)} ({', '.join(columns)}) {select}", params


def _latest_figures_id() -> QuerySet[EntityFigures, Any]:
    return (
        EntityFigures.objects.filter(entity=OuterRef("pk"))
        .order_by("-reference_year")
        .values("pk")[:1]
    )


def _drop() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_quote(TABLE)}")


def _quote(name: str | None) -> str:
    assert name is not None
    return connection.ops.quote_name(name)
