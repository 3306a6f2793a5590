"""CSV exports: row by row in Python, or by PostgreSQL COPY straight to the file."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any, BinaryIO

from django.db import connection, connections
from django.db.models import QuerySet

from surveys.exports.rows import csv_row, export_rows
from surveys.exports.writers.context import Checkpoint, ExportContext
from surveys.models import Entity, EntityFigures, Source
from surveys.principles import DEFAULT_RULE_VERSION
from surveys.principles.reasons import reason_text
from surveys.spreadsheet import (
    AREAS,
    BOOL,
    CODES,
    DATE,
    EXPORT_COLUMNS,
    FORMULA_TRIGGERS,
    ISICS,
    MULTI_SEPARATOR,
    NO,
    NUMERIC,
    YES,
)

BOM = "\ufeff".encode()
_NEEDS_QUOTES = re.compile('[,"\n\r]')


def csv_line(cells: list[str]) -> str:
    """One CSV line quoted as PostgreSQL's COPY … (FORMAT csv) quotes it: a cell with a
    comma, a quote, a line feed or a carriage return is quoted. (Python's csv module
    leaves a lone carriage return unquoted, which would break the row.)"""
    return (
        ",".join(
            '"' + cell.replace('"', '""') + '"' if _NEEDS_QUOTES.search(cell) else cell
            for cell in cells
        )
        + "\n"
    )


def write_csv(entities: QuerySet[Entity], out: BinaryIO, context: ExportContext) -> int:
    """CSV in Python; the same bytes as `write_csv_copy` produces on PostgreSQL.

    With `context.resume`, `out` holds what an interrupted attempt wrote: it is cut
    back to the checkpoint and the entities after it are appended, so that the file is
    the one a single attempt writes. `context.checkpoint` is told after each chunk.
    """
    resume = context.resume
    if resume is None:
        out.write(BOM + csv_line([column.name for column in EXPORT_COLUMNS]).encode())
        rows, before, after = 0, 0, ""
    else:
        out.seek(resume["bytes"])
        out.truncate()
        rows, before, after = resume["rows"], resume["entities"], resume["after"]
    buffer: list[str] = []

    def chunk_done(last: str, done: int) -> None:
        nonlocal buffer
        out.write("".join(buffer).encode())
        buffer = []
        if context.checkpoint is not None:
            out.flush()
            context.checkpoint(
                Checkpoint(
                    after=last, entities=before + done, rows=rows, bytes=out.tell()
                )
            )

    progress = context.progress
    for row in export_rows(
        entities,
        per_year=context.per_year,
        progress=None if progress is None else lambda done: progress(before + done),
        labels=context.labels,
        after=after,
        chunk_done=chunk_done,
    ):
        buffer.append(csv_line(csv_row(row)))
        rows += 1
    out.write("".join(buffer).encode())
    return rows


# The SQL below is assembled from the models' table and column names only; the
# entity filter's values travel as query parameters.


def _sql_text(expression: str) -> str:
    """Text as csv_cell writes it: empty as NULL (unquoted), formulas neutralised."""
    triggers = ", ".join(
        f"chr({ord(c)})" if c in "\t\r" else f"'{c}'" for c in FORMULA_TRIGGERS
    )
    return (
        f"NULLIF(CASE WHEN left({expression}, 1) IN ({triggers}) "
        f"THEN '''' || {expression} ELSE {expression} END, '')"
    )


def _sql_column(name: str, kind: str, part: str) -> str:
    table = "f" if part == "figures" else "e"
    entity_column = {
        f.name: f.column for f in Entity._meta.concrete_fields if hasattr(f, "column")
    }
    figure_column = {f.name: f.column for f in EntityFigures._meta.concrete_fields}
    column = (figure_column if part == "figures" else entity_column).get(name, name)
    special = {
        "entity_code": _sql_text("e.code"),
        "area": _sql_text("a.code"),
        "legal_form": _sql_text("lf.code"),
        "former_legal_form": _sql_text("flf.code"),
        "main_activity": _sql_text("e.main_activity_id"),
        "source": _sql_text("s.title"),
        "classification_provisional": (
            f"CASE WHEN e.classification_rule_version IN ('', '{DEFAULT_RULE_VERSION}') "
            f"THEN '{YES}' ELSE '{NO}' END"
        ),
        # A reason stored as a message is looked up in `w.words` (its words in
        # the active language); one stored as words is written as it is.
        "classification_reasons": _sql_text(
            "(SELECT string_agg(COALESCE(w.words ->> r.value::text, "
            "r.value #>> '{}'), ' ' ORDER BY r.n) FROM "
            "jsonb_array_elements(e.classification_reasons::jsonb) "
            "WITH ORDINALITY AS r(value, n))"
        ),
        "priority_sectors": _sql_text(
            f"concat_ws('{MULTI_SEPARATOR}', "
            "CASE WHEN e.sector_farm_small THEN 'FARM_SMALL' END, "
            "CASE WHEN e.sector_asm THEN 'ASM' END, "
            "CASE WHEN e.sector_construction THEN 'CONSTRUCTION' END)"
        ),
    }
    if kind in (AREAS, ISICS, CODES) and part != "derived":
        # Joined once per row in copy_query (see _multi_valued_joins).
        return _sql_text(f"{name}.codes")
    if name in special:
        return special[name]
    qualified = f"{table}.{column}"
    if kind == BOOL:
        return (
            f"CASE WHEN {qualified} THEN '{YES}' WHEN NOT {qualified} THEN '{NO}' END"
        )
    if kind in NUMERIC:
        return f"{qualified}::text"
    if kind == DATE:
        return f"to_char({qualified}, 'YYYY-MM-DD')"
    return _sql_text(qualified)


def _multi_valued_joins() -> str:
    """The ';'-joined codes of each multi-valued column, computed once per entity:
    other areas in one grouped pass, JSON lists in their stored order."""
    through = Entity.other_areas.through._meta.db_table
    area_table = Entity._meta.get_field("area").related_model._meta.db_table
    # Per entity (LATERAL), not grouped over the whole table: the work grows with the
    # rows exported, not with every country's other areas.
    joins = [
        f"LEFT JOIN LATERAL (SELECT string_agg(oa.code, '{MULTI_SEPARATOR}' "  # noqa: S608
        f'ORDER BY oa.code COLLATE "C") AS codes FROM {through} m JOIN {area_table} '
        "oa ON oa.id = m.adminarea_id WHERE m.entity_id = e.id) other_areas ON TRUE"
    ]
    for column in EXPORT_COLUMNS:
        if column.kind in (ISICS, CODES) and column.part == "entity":
            field = Entity._meta.get_field(column.name)
            joins.append(
                f"LEFT JOIN LATERAL (SELECT string_agg(v, '{MULTI_SEPARATOR}' "  # noqa: S608
                "ORDER BY n) AS codes FROM jsonb_array_elements_text("
                f"e.{field.column}) WITH ORDINALITY AS t(v, n)) {column.name} ON TRUE"  # type: ignore[union-attr]
            )
    return "\n".join(joins)


# Every stored column of an entity, named in the derived table as values() names it
# (its attname, which is its column: the SQL here reads e.<column>).
_ENTITY_ATTNAMES = [field.attname for field in Entity._meta.concrete_fields]


def copy_query(entities: QuerySet[Entity], *, per_year: bool) -> tuple[str, Any]:
    """The SELECT that COPY streams: the export's columns for the chosen entities.

    The entities are the export's own query (country, state, the list's filters) as
    the derived table `e`, which PostgreSQL folds into the outer query: the filters
    apply to the entity table directly, so the cost grows with the rows exported
    and not with every country's entities (as `e.id IN (…)` did).
    """
    entity_sql, params = (
        entities.order_by().values(*_ENTITY_ATTNAMES).query.sql_with_params()
    )
    sql = export_select(
        entities_from=f"({entity_sql}) e", per_year=per_year, reasons="%s"
    )
    return sql, (reasons_in_words(entities), *params)


def reasons_in_words(entities: QuerySet[Entity]) -> str:
    """The reasons stored as messages on `entities`, as a JSON object from the text
    PostgreSQL gives each to its words in the active language, for COPY to look them
    up in: one query, however many rows."""
    sql, params = (
        entities.order_by().values("classification_reasons").query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT r.value::text FROM "  # noqa: S608
            f"({sql}) e, jsonb_array_elements(e.classification_reasons::jsonb) "
            "AS r(value) WHERE jsonb_typeof(r.value) = 'object'",
            params,
        )
        stored = [text for (text,) in cursor.fetchall()]
    return json.dumps({text: reason_text(json.loads(text)) for text in stored})


def export_select(
    *, entities_from: str, per_year: bool, where: str = "", reasons: str = "'{}'"
) -> str:
    """The export's columns read from `entities_from` (aliased `e`), optionally with a
    WHERE of the caller's (the benchmark's floor writes its filter by hand).
    `reasons`: the SQL of the reasons' words (`reasons_in_words`), a placeholder."""
    columns = ",\n  ".join(
        _sql_column(column.name, column.kind, column.part) for column in EXPORT_COLUMNS
    )
    figures_table = EntityFigures._meta.db_table
    area_table = Entity._meta.get_field("area").related_model._meta.db_table
    legal_form_table = Entity._meta.get_field("legal_form").related_model._meta.db_table
    source_table = Source._meta.db_table
    if per_year:
        figures_join = f"LEFT JOIN {figures_table} f ON f.entity_id = e.id"
        order = "e.code, f.reference_year"
    else:
        figures_join = (
            f"LEFT JOIN LATERAL (SELECT * FROM {figures_table} f0 WHERE "  # noqa: S608
            "f0.entity_id = e.id ORDER BY f0.reference_year DESC LIMIT 1) f ON TRUE"
        )
        order = "e.code"
    return (
        f"SELECT\n  {columns}\n"
        f"FROM (SELECT {reasons}::jsonb AS words) w CROSS JOIN {entities_from}\n"
        f"LEFT JOIN {area_table} a ON a.id = e.area_id\n"
        f"LEFT JOIN {legal_form_table} lf ON lf.id = e.legal_form_id\n"
        f"LEFT JOIN {legal_form_table} flf ON flf.id = e.former_legal_form_id\n"
        f"{figures_join}\n"
        f"LEFT JOIN {source_table} s ON s.id = f.source_id\n"
        f"{_multi_valued_joins()}\n"
        f"{f'WHERE {where}' if where else ''}\n"
        f"ORDER BY {order}"
    )


class _Counting:
    """The output file, telling the job how far COPY is as its rows stream through.

    Counts line ends: a cell with a line break counts twice, which only nudges the
    percentage, a hint capped below 100 until the job is done. The connection is busy
    streaming COPY, so the progress is written from a thread of its own, which has a
    connection of its own; `close` waits for it and closes that connection.
    """

    EVERY = 2000

    def __init__(self, out: BinaryIO, context: ExportContext) -> None:
        self.out = out
        self.context = context
        self.lines = 0
        self.reported = 0
        self.reporter = ThreadPoolExecutor(max_workers=1)

    def write(self, data: bytes) -> int:
        self.lines += data.count(b"\n")
        if self.context.progress and self.lines - self.reported >= self.EVERY:
            self.reported = self.lines
            self.reporter.submit(self.context.progress, self.lines)
        return self.out.write(data)

    def close(self) -> None:
        self.reporter.submit(connections.close_all)
        self.reporter.shutdown(wait=True)


def write_csv_copy(
    entities: QuerySet[Entity], out: BinaryIO, context: ExportContext
) -> int:
    """CSV by PostgreSQL's COPY … TO STDOUT: the rows never pass through Python."""
    sql, params = copy_query(entities, per_year=context.per_year)
    out.write(BOM + csv_line([column.name for column in EXPORT_COLUMNS]).encode())
    counting = _Counting(out, context)
    try:
        return _copy(sql, params, counting)
    finally:
        counting.close()


def _copy(sql: str, params: Any, counting: _Counting) -> int:
    with connection.cursor() as cursor:
        raw = cursor.cursor
        query = raw.mogrify(sql, params)
        if isinstance(query, bytes):
            query = query.decode()
        statement = f"COPY ({query}) TO STDOUT WITH (FORMAT csv)"
        if hasattr(raw, "copy_expert"):  # psycopg2
            raw.copy_expert(statement, counting)
        else:  # psycopg 3
            with raw.copy(statement) as copy:
                for block in copy:
                    counting.write(bytes(block))
        return int(raw.rowcount)
