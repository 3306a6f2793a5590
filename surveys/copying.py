"""Inserting many new records at once: `COPY` on PostgreSQL, `bulk_create` elsewhere.

The records are model instances built as a save() would see them; each gets its
primary key from the table's sequence before it is written, so that rows pointing at
it can follow. Auto-stamped dates are set as a save() sets them; generated columns
are the database's to fill. A refused row raises Django's IntegrityError, as a
bulk_create would.
"""

from __future__ import annotations

import datetime
import decimal
import io
import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.db import connection, models
from django.utils import timezone

M = TypeVar("M", bound=models.Model)


def records_insert(model: type[M], records: Sequence[M]) -> None:
    """Write `records`, none saved yet, and set their primary keys."""
    if not records:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(records)
        return
    fields = _written_fields(model)
    stamped = [
        f
        for f in fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for record, pk in zip(records, _next_ids(model, len(records)), strict=True):
        record.pk = pk
        for field in stamped:
            field.pre_save(record, True)
    _copy(model, fields, (record.__dict__ for record in records))
    for record in records:
        record._state.adding = False
        record._state.db = connection.alias


def values_insert(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> None:
    """Write new records given as their values by field (`attname`), without building
    a model instance for each: a field not given takes its default, an auto-stamped
    date the time of writing. For many records no other row points at (events)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(model(**row) for row in rows)
        return
    # The primary key is the database's to number, as the rows are copied.
    fields = [f for f in _written_fields(model) if not f.primary_key]
    now = timezone.now()
    # Defaults taken once for all rows; those that must differ by row (a new uuid)
    # once for each.
    shared: dict[str, Any] = {}
    own: list[models.Field[Any, Any]] = []
    for field in fields:
        shareable = field.default in (dict, list)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            shared[field.attname] = now
        elif field.has_default() and callable(field.default) and not shareable:
            own.append(field)
        else:
            shared[field.attname] = field.get_default()
    filled = []
    for row in rows:
        values = {**shared, **row}
        for field in own:
            if field.attname not in row:
                values[field.attname] = field.get_default()
        filled.append(values)
    _copy(model, fields, filled)


def _written_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if not f.generated]


def _copy(
    model: type[models.Model],
    fields: list[models.Field[Any, Any]],
    rows: Iterable[dict[str, Any]],
) -> None:
    """`COPY` the rows, each a mapping of every field's `attname` to its value."""
    columns_of = [
        (f.attname, _json_text(f) if isinstance(f, models.JSONField) else _text)
        for f in fields
    ]
    buffer = io.StringIO()
    for values in rows:
        buffer.write(
            "\t".join(
                [
                    "\\N" if (value := values[name]) is None else text(value)
                    for name, text in columns_of
                ]
            )
        )
        buffer.write("\n")
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)


def _next_ids(model: type[models.Model], count: int) -> list[int]:
    table = model._meta.db_table
    pk = model._meta.pk
    assert pk is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
            "FROM generate_series(1, %s)",
            [table, pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value: Any) -> str:
    """A value in COPY's text format, as the database reads it."""
    if type(value) is str:
        return value.translate(_ESCAPES)
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int | decimal.Decimal | float | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    return str(value).translate(_ESCAPES)


def _json_text(field: models.JSONField[Any]) -> Callable[[Any], str]:
    def text(value: Any) -> str:
        return json.dumps(value, cls=field.encoder).translate(_ESCAPES)

    return text
