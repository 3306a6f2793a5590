"""The scope table of one compile: the counted entities copied once, with their
criteria ratings and their latest figures, into a narrow temporary table
(`surveys.models.ReportScopeRow`) that every grouping of the compile reads.

A grouping then scans tens of thousands of narrow rows instead of joining the wide
entity rows to the assessments and to every figure row of the country again; the
latest figures are picked once, by the index of each entity's figures by year.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

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

from surveys.models import Entity, EntityFigures, ReportScopeRow
from surveys.models.report_scope import (
    ENTITY_COLUMNS,
    PRINCIPLE_COLUMNS,
    RATING_COLUMNS,
)
from surveys.reports.measures import principle_case

TABLE = ReportScopeRow._meta.db_table


@contextmanager
def scope_table(entities: QuerySet[Entity]) -> Iterator[QuerySet[ReportScopeRow]]:
    """The entities as rows of the scope table, for the `with` block; the table is
    gone when it ends. One compile at a time uses a database connection, so the
    table's one name is never shared."""
    on_postgresql = connection.vendor == "postgresql"
    # On PostgreSQL, one transaction, whose rollback also drops the table. SQLite
    # would take its write lock for it, so there the table is dropped by hand.
    with transaction.atomic() if on_postgresql else nullcontext():
        with connection.cursor() as cursor:
            if on_postgresql:
                # For this transaction only: no JIT compilation, which took longer
                # than the statements it compiled, and the sorts and hashes of a
                # country's rows in memory rather than on disk. For the copy only:
                # each entity's assessment and figures looked up by their indexes,
                # where a hash join reads every country's rows and a merge join
                # those of the countries before it, a cost that grows with the
                # database rather than with the scope.
                cursor.execute(
                    "SELECT set_config('jit', 'off', true), "
                    "set_config('work_mem', '64MB', true), "
                    "set_config('enable_hashjoin', 'off', true), "
                    "set_config('enable_mergejoin', 'off', true)"
                )
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


def _created() -> str:
    # No index, not even the primary key's: every grouping scans the whole table,
    # so an index would only cost its upkeep during the copy.
    definitions = ", ".join(
        f"{_quote(field.column)} {_column_type(field)}"
        for field in ReportScopeRow._meta.concrete_fields
    )
    return f"CREATE TEMPORARY TABLE {_quote(TABLE)} ({definitions})"


def _column_type(field: Field[Any, Any]) -> str | None:
    if field.is_relation:
        return field.rel_db_type(connection)
    if connection.vendor == "postgresql" and isinstance(field, CharField):
        # Codes, grouped and sorted byte by byte: a linguistic collation made the
        # medians' sorts several times slower, and no table is ordered by SQL.
        return f'{field.db_type(connection)} COLLATE "C"'
    return field.db_type(connection)


def _copied(entities: QuerySet[Entity]) -> tuple[str, Any]:
    """INSERT … SELECT of the scope's rows: the entity's own columns, its ratings
    and the id of its latest figures (an index lookup) by the ORM, then the figures
    joined by that id."""
    latest = (
        EntityFigures.objects.filter(entity=OuterRef("pk"))
        .order_by("-reference_year")
        .values("pk")[:1]
    )
    picked: dict[str, Any] = {
        "entity": F("pk"),
        "country": F("country"),
        "area": F("area"),
        "legal_form": F("legal_form"),
        "main_activity": F("main_activity"),
        "figures": Subquery(latest),
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
    picked_sql, params = selected.query.sql_with_params()
    columns, values = [], []
    for field in ReportScopeRow._meta.concrete_fields:
        if field.name in picked:
            value = f"e.{_quote('s_' + field.name)}"
        else:
            value = f"f.{_quote(field.column)}"
        columns.append(_quote(field.column))
        values.append(value)
    figures = _quote(EntityFigures._meta.db_table)
    sql = (
        # Materialised: each entity's lookup of its latest figures runs once, not
        # again in the join.
        f"WITH e AS MATERIALIZED ({picked_sql}) "  # noqa: S608
        f"INSERT INTO {_quote(TABLE)} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM e "
        f"LEFT JOIN {figures} f "
        f"ON f.{_quote(EntityFigures._meta.pk.column)} = e.{_quote('s_figures')}"
    )
    return sql, params


def _drop() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_quote(TABLE)}")


def _quote(name: str | None) -> str:
    assert name is not None
    return connection.ops.quote_name(name)
