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
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db import connection, models

M = TypeVar("M", bound=models.Model)


def records_insert(model: type[M], records: Sequence[M]) -> None:
    """Write `records`, none saved yet, and set their primary keys."""
    if not records:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(records)
        return
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    stamped = [
        f
        for f in fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for record, pk in zip(records, _next_ids(model, len(records)), strict=True):
        record.pk = pk
        for field in stamped:
            field.pre_save(record, True)
    columns_of = [
        (f.attname, _json_text(f) if isinstance(f, models.JSONField) else _text)
        for f in fields
    ]
    buffer = io.StringIO()
    for record in records:
        values = record.__dict__
        buffer.write(
            "\t".join(
                "\\N" if (value := values[name]) is None else text(value)
                for name, text in columns_of
            )
        )
        buffer.write("\n")
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)
    for record in records:
        record._state.adding = False
        record._state.db = connection.alias


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
