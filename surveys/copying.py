"""Inserting many new records at once: `COPY` on PostgreSQL, `bulk_create` elsewhere.

The records are model instances built as a save() would see them; each gets its
primary key from the table's sequence before it is written, so that rows pointing at
it can follow. Auto-stamped dates are set as a save() sets them; generated columns
are the database's to fill. A refused row raises Django's IntegrityError, as a
bulk_create would.

`Writer` sends its COPYs from a second thread, so that the database writes one
batch while the caller prepares the next; `blanks(model)` builds the new instances.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import json
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from typing import Any, Generic, TypeVar

from django.db import DatabaseError, connection, models, transaction
from django.db.models import DEFERRED
from django.utils import timezone

M = TypeVar("M", bound=models.Model)


@dataclasses.dataclass(frozen=True)
class Copy:
    """One `COPY` ready to send: its statement and its rows in COPY's text format."""

    statement: str
    data: bytes

    def send(self, raw_connection: Any) -> None:
        """Send on `raw_connection` (the driver's own, not Django's wrapper)."""
        with raw_connection.cursor() as cursor:
            # The rows in one read: a read is a call back into Python.
            cursor.copy_expert(
                self.statement, io.BytesIO(self.data), size=len(self.data) + 1
            )


class Blanks(Generic[M]):
    """New, unsaved instances of one model, as `model(**values)` builds them: every
    field not given at its default. The defaults that are plain values are taken
    once, those that differ by instance (a new uuid, an empty list) are made for
    each, and the instance is built by position, as Django builds a row it reads:
    faster for many instances of a model of many fields."""

    def __init__(self, model: type[M]) -> None:
        self.model = model
        fields = model._meta.concrete_fields
        self._relations: dict[str, models.ForeignKey[Any, Any]] = {
            f.name: f for f in fields if isinstance(f, models.ForeignKey)
        }
        self._positions = {f.attname: at for at, f in enumerate(fields)}
        # A generated column is the database's to fill: left unset, as by model().
        self._defaults = [DEFERRED if f.generated else f.get_default() for f in fields]
        self._made = [
            (at, f.get_default)
            for at, f in enumerate(fields)
            if f.has_default() and callable(f.default) and not f.generated
        ]

    def __call__(self, **values: Any) -> M:
        """An instance with `values`, by field name (a related instance) or attname
        (its key)."""
        args = self._defaults.copy()
        for at, made in self._made:
            args[at] = made()
        related = []
        for name, value in values.items():
            relation = self._relations.get(name)
            if relation is not None:
                target = relation.target_field.attname
                name = relation.attname
                related.append((relation, value))
                value = None if value is None else getattr(value, target)
            position = self._positions.get(name)
            if position is None:
                raise TypeError(f"{self.model.__name__} has no field {name!r}")
            args[position] = value
        instance = self.model(*args)
        for relation, value in related:
            relation.set_cached_value(instance, value)
        return instance


@functools.cache
def blanks(model: type[M]) -> Blanks[M]:
    """The one `Blanks` of `model`."""
    return Blanks(model)


def records_insert(model: type[M], records: Sequence[M]) -> None:
    """Write `records`, none saved yet, and set their primary keys."""
    if not records:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(records)
        return
    _send_now(records_copy(model, records))
    records_saved(records)


def records_copy(model: type[M], records: Sequence[M]) -> Copy:
    """The `COPY` of `records` (PostgreSQL), their primary keys set from the table's
    sequence; `records_saved` once it is written."""
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
    return _copy(model, fields, (record.__dict__ for record in records))


def records_saved(records: Iterable[models.Model]) -> None:
    """Mark records written by their `COPY` as saved ones."""
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
    _send_now(values_copy(model, rows))


def values_copy(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> Copy:
    """The `COPY` of `values_insert` (PostgreSQL)."""
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
    return _copy(model, fields, filled)


def _written_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if not f.generated]


def _copy(
    model: type[models.Model],
    fields: list[models.Field[Any, Any]],
    rows: Iterable[dict[str, Any]],
) -> Copy:
    """The `COPY` of the rows, each a mapping of every field's `attname` to its
    value, in CSV written by the csv module (in C): an empty unquoted value is
    NULL, except in the text columns that take no NULL, where it is ''."""
    texts = [f for f in fields if _is_text(f)]
    if any(f.null and not f.is_relation for f in texts):
        raise ValueError(
            f"{model.__name__}: a text column that takes NULL cannot tell it from "
            "'' in the COPY written here"
        )
    at = operator.itemgetter(*(f.attname for f in fields))
    as_json = [
        (index, functools.partial(json.dumps, cls=f.encoder))
        for index, f in enumerate(fields)
        if isinstance(f, models.JSONField)
    ]
    buffer = io.StringIO()
    write = csv.writer(buffer, lineterminator="\n").writerow
    for values in rows:
        row = at(values)
        if as_json:
            row = list(row)
            for index, dumps in as_json:
                if row[index] is not None:
                    row[index] = dumps(row[index])
        write(row)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in fields)
    not_null = ", ".join(quote(str(f.column)) for f in texts if not f.null)
    options = f", FORCE_NOT_NULL ({not_null})" if not_null else ""
    return Copy(
        f"COPY {quote(model._meta.db_table)} ({columns}) "
        f"FROM STDIN WITH (FORMAT csv{options})",
        buffer.getvalue().encode("utf-8"),
    )


def _is_text(field: models.Field[Any, Any]) -> bool:
    """Stored as text (a key to a coded table's row too)."""
    return (field.db_type(connection) or "").split("(")[0] in ("varchar", "text")


def _send_now(copy: Copy) -> None:
    with connection.cursor() as cursor, connection.wrap_database_errors:
        copy.send(cursor.cursor.connection)


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


class Writer:
    """Writes batches of new records. On PostgreSQL, a batch's `COPY`s are sent from a
    second thread on this thread's database connection, and the caller goes on
    (preparing the next batch) while the database writes; a statement of the
    caller's on the connection waits for them first. Elsewhere each is written at
    once.

    `wait()` returns once the batch sent last is written, or raises the database's
    refusal of it (`IntegrityError`, as `records_insert` would).
    """

    def __init__(self, pool: ThreadPoolExecutor | None) -> None:
        self._pool = pool
        self._batch: list[Copy] = []
        self._in_flight: Future[None] | None = None
        self._refused: Exception | None = None

    def records(self, model: type[M], records: Sequence[M]) -> None:
        """Add `records` to the batch; their primary keys are set at once."""
        if records:
            self._add(
                lambda: records_copy(model, records),
                lambda: records_insert(model, records),
            )

    def values(self, model: type[models.Model], rows: Sequence[dict[str, Any]]) -> None:
        """Add the records of `values_insert` to the batch."""
        if rows:
            self._add(
                lambda: values_copy(model, rows), lambda: values_insert(model, rows)
            )

    def _add(self, copy: Callable[[], Copy], insert: Callable[[], None]) -> None:
        if self._pool is not None:
            self._batch.append(copy())
        elif self._refused is None:  # after a refusal, the batch is not written
            try:
                with transaction.atomic():  # a refusal leaves the transaction usable
                    insert()
            except DatabaseError as error:
                self._refused = error

    def send(self) -> None:
        """Send the batch; the one before must have been waited for."""
        assert self._in_flight is None, "wait() for the batch sent before"
        batch, self._batch = self._batch, []
        if self._pool is not None and batch:
            raw = connection.connection
            self._in_flight = self._pool.submit(_send_all, raw, batch)

    def wait(self) -> None:
        in_flight, self._in_flight = self._in_flight, None
        refused, self._refused = self._refused, None
        if in_flight is not None:
            with connection.wrap_database_errors:
                in_flight.result()
        if refused is not None:
            raise refused

    def _waiting_first(self, execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        if self._in_flight is not None:
            self.wait()
        return execute(sql, *args)


def _send_all(raw_connection: Any, batch: list[Copy]) -> None:
    for copy in batch:
        copy.send(raw_connection)


@contextmanager
def batch_writer() -> Iterator[Writer]:
    """A `Writer` for the block; the connection is this thread's alone again when
    the block ends (a batch still in flight is waited for, and its refusal raised
    unless the block raised first)."""
    if connection.vendor != "postgresql":
        yield Writer(None)
        return
    # The rows' keys to other tables are checked as each COPY ends, in the writing
    # thread, rather than all at the transaction's commit: a refusal is then the
    # batch's, and the checks run while the next batch is prepared.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="copy") as pool:
        found = Writer(pool)
        with connection.execute_wrapper(found._waiting_first):
            try:
                yield found
            except BaseException:
                with suppress(DatabaseError):
                    found.wait()
                raise
            found.wait()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
