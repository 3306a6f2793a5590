"""The four export formats, each written straight to a file, a chunk at a time."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import xlsxwriter
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from countries.vocabularies import (
    CoopMemberType,
    GeoPrecision,
    OrgLevel,
    RegistrationStatus,
    SseType,
    Visibility,
)
from surveys.exports.rows import Row, csv_row, export_rows
from surveys.models import Entity, EntityFigures, Source
from surveys.principles import DEFAULT_RULE_VERSION
from surveys.spreadsheet import (
    AREAS,
    BOOL,
    CODES,
    DATA_SHEET,
    DATE,
    DECIMAL,
    EXPORT_COLUMNS,
    FORMULA_TRIGGERS,
    INT,
    ISICS,
    MULTI_SEPARATOR,
    MULTI_VALUED,
    NO,
    NUMERIC,
    YEAR,
    YES,
    code_lists,
    workbook_formats,
    write_code_lists,
    write_data_header,
)

BOM = "\ufeff".encode()
# One XLSX sheet holds at most this many rows, the header included.
XLSX_MAX_ROWS = 1_048_576


class TooManyRows(Exception):
    pass


@dataclass
class ExportContext:
    """What a writer needs besides the rows: for the 'about' sheet and the metadata."""

    country: Any
    requested_by: str
    requested_at: datetime.datetime
    filters: list[tuple[str, str]]
    include_unvalidated: bool
    per_year: bool
    entity_count: int
    progress: Callable[[int], None] | None = None
    counts: dict[str, int] = field(default_factory=dict)


# --- CSV -------------------------------------------------------------------------------


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
    """CSV in Python; the same bytes as `write_csv_copy` produces on PostgreSQL."""
    out.write(BOM + csv_line([column.name for column in EXPORT_COLUMNS]).encode())
    rows = 0
    buffer: list[str] = []
    for row in export_rows(
        entities, per_year=context.per_year, progress=context.progress
    ):
        buffer.append(csv_line(csv_row(row)))
        rows += 1
        if len(buffer) >= 1000:
            out.write("".join(buffer).encode())
            buffer = []
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
        "classification_reasons": _sql_text(
            "(SELECT string_agg(r.value, ' ' ORDER BY r.n) FROM "
            "jsonb_array_elements_text(e.classification_reasons::jsonb) "
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
    joins = [
        f"LEFT JOIN (SELECT m.entity_id, string_agg(oa.code, '{MULTI_SEPARATOR}' "  # noqa: S608
        f'ORDER BY oa.code COLLATE "C") AS codes FROM {through} m JOIN {area_table} '
        "oa ON oa.id = m.adminarea_id GROUP BY m.entity_id) other_areas "
        "ON other_areas.entity_id = e.id"
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


def copy_query(entities: QuerySet[Entity], *, per_year: bool) -> tuple[str, Any]:
    """The SELECT that COPY streams: the export's columns for the chosen entities."""
    ids_sql, params = entities.order_by().values("pk").query.sql_with_params()
    columns = ",\n  ".join(
        _sql_column(column.name, column.kind, column.part) for column in EXPORT_COLUMNS
    )
    entity_table = Entity._meta.db_table
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
    sql = (
        f"SELECT\n  {columns}\nFROM {entity_table} e\n"
        f"LEFT JOIN {area_table} a ON a.id = e.area_id\n"
        f"LEFT JOIN {legal_form_table} lf ON lf.id = e.legal_form_id\n"
        f"LEFT JOIN {legal_form_table} flf ON flf.id = e.former_legal_form_id\n"
        f"{figures_join}\n"
        f"LEFT JOIN {source_table} s ON s.id = f.source_id\n"
        f"{_multi_valued_joins()}\n"
        f"WHERE e.id IN ({ids_sql})\nORDER BY {order}"
    )
    return sql, params


def write_csv_copy(
    entities: QuerySet[Entity], out: BinaryIO, context: ExportContext
) -> int:
    """CSV by PostgreSQL's COPY … TO STDOUT: the rows never pass through Python."""
    sql, params = copy_query(entities, per_year=context.per_year)
    out.write(BOM + csv_line([column.name for column in EXPORT_COLUMNS]).encode())
    with connection.cursor() as cursor:
        raw = cursor.cursor
        query = raw.mogrify(sql, params)
        if isinstance(query, bytes):
            query = query.decode()
        statement = f"COPY ({query}) TO STDOUT WITH (FORMAT csv)"
        if hasattr(raw, "copy_expert"):  # psycopg2
            raw.copy_expert(statement, out)
            return int(raw.rowcount)
        rows = 0  # psycopg 3
        with raw.copy(statement) as copy:
            for block in copy:
                out.write(block)
        rows = raw.rowcount
        return int(rows)


# --- XLSX ------------------------------------------------------------------------------


def write_xlsx(
    entities: QuerySet[Entity],
    path: Path,
    context: ExportContext,
    *,
    scratch: Path | None = None,
) -> int:
    """A data sheet (the template's columns), the code lists and 'about this export'.

    Constant-memory mode flushes each row to disk as it goes.
    """
    workbook = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "tmpdir": str(scratch or path.parent)}
    )
    formats = workbook_formats(workbook)
    data = workbook.add_worksheet(DATA_SHEET)
    ranges = write_code_lists(workbook, formats, code_lists(context.country))
    about = workbook.add_worksheet(_("about this export"))
    # Dropdowns reach a little beyond the rows, for rows a consultant adds.
    last_row = min(context.entity_count * 20 + 1000, XLSX_MAX_ROWS - 1)
    write_data_header(
        data, formats, EXPORT_COLUMNS, ranges, last_row=last_row, notes=False
    )
    row_number = 0
    for row in export_rows(
        entities, per_year=context.per_year, progress=context.progress
    ):
        row_number += 1
        if row_number >= XLSX_MAX_ROWS:
            workbook.close()
            raise TooManyRows
        for index, column in enumerate(EXPORT_COLUMNS):
            _write_cell(data, formats, row_number, index, column.kind, row[column.name])
    context.counts["rows"] = row_number
    _write_about(about, formats, context)
    workbook.close()
    return row_number


def _write_cell(
    sheet: Any, formats: Any, row: int, col: int, kind: str, value: Any
) -> None:
    if value is None or value == [] or value == "":
        return
    if kind == BOOL:
        sheet.write_string(row, col, YES if value else NO)
    elif kind in MULTI_VALUED:
        _write_text(sheet, formats, row, col, MULTI_SEPARATOR.join(value))
    elif kind in (INT, YEAR, DECIMAL):
        sheet.write_number(
            row, col, float(value) if isinstance(value, Decimal) else value
        )
    elif kind == DATE:
        sheet.write_datetime(
            row, col, datetime.datetime.combine(value, datetime.time()), formats.date
        )
    else:
        _write_text(sheet, formats, row, col, str(value))


def _write_text(sheet: Any, formats: Any, row: int, col: int, text: str) -> None:
    # A quote-prefixed text cell is shown as typed and never run as a formula.
    if text.startswith(FORMULA_TRIGGERS):
        sheet.write_string(row, col, text, formats.text)
    else:
        sheet.write_string(row, col, text)


def _write_about(sheet: Any, formats: Any, context: ExportContext) -> None:
    lines: list[tuple[str, str]] = [
        (_("Country"), f"{context.country.name} ({context.country.code})"),
        (_("Exported on"), context.requested_at.strftime("%Y-%m-%d %H:%M UTC")),
        (_("Exported by"), context.requested_by),
        (
            _("Records"),
            _("validated and not yet validated (see the workflow_state column)")
            if context.include_unvalidated
            else _("validated only"),
        ),
        (
            _("Rows"),
            _("one per entity and reference year")
            if context.per_year
            else _("one per entity, with its latest figures"),
        ),
        (_("Entities"), str(context.entity_count)),
        (_("Data rows"), str(context.counts.get("rows", 0))),
    ]
    lines += [(_("Filter: %s") % label, value) for label, value in context.filters]
    if not context.filters:
        lines.append((_("Filters"), _("none: every entity of the country")))
    lines.append(
        (
            _("Codes"),
            _(
                "The data sheet holds codes; their labels are on the 'code lists' sheet."
            ),
        )
    )
    sheet.write_string(0, 0, _("About this export"), formats.bold)
    for number, (label, value) in enumerate(lines, start=2):
        sheet.write_string(number, 0, label, formats.bold)
        _write_text(sheet, formats, number, 1, value)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 70)


# --- GeoJSON ---------------------------------------------------------------------------

# Decimal places kept for a public point, by how exact it was recorded (~1 m to ~100 km).
PLACES = {
    GeoPrecision.EXACT: 5,
    GeoPrecision.VILLAGE: 2,
    GeoPrecision.DISTRICT: 1,
    GeoPrecision.PROVINCE: 0,
}


def published_point(row: Row) -> tuple[list[float] | None, str]:
    """Where a map may put the entity, and how exact that point is.

    Only public entities get their own point, never finer than it was recorded;
    aggregate-only ones get their area's centre (or a point ~100 km coarse), and
    private ones none.
    """
    visibility = row["visibility"]
    latitude, longitude = row["latitude"], row["longitude"]
    if visibility == Visibility.PRIVATE:
        return None, ""
    has_point = latitude is not None and longitude is not None
    if visibility == Visibility.PUBLIC and has_point:
        precision = row["geo_precision"] or GeoPrecision.DISTRICT
        places = PLACES[GeoPrecision(precision)]
        return [
            round(float(longitude), places),
            round(float(latitude), places),
        ], precision
    centre_lat, centre_lon = row["_area_centroid"]
    if centre_lat is not None and centre_lon is not None:
        return [float(centre_lon), float(centre_lat)], GeoPrecision.PROVINCE
    if has_point:
        return [round(float(longitude)), round(float(latitude))], GeoPrecision.PROVINCE
    return None, ""


GEOJSON_PROPERTIES = (
    "entity_code",
    "name_local",
    "name_en",
    "sse_type",
    "area",
    "registration_status",
    "main_activity",
    "visibility",
    "workflow_state",
    "classification",
    "reference_year",
    "members_total",
    "members_women",
    "members_men",
)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def write_geojson(
    entities: QuerySet[Entity], out: BinaryIO, context: ExportContext
) -> int:
    """A FeatureCollection of entities (latest figures), points honouring visibility."""
    out.write(b'{"type": "FeatureCollection", "features": [\n')
    rows = 0
    for row in export_rows(entities, per_year=False, progress=context.progress):
        point, precision = published_point(row)
        properties = {name: _plain(row[name]) for name in GEOJSON_PROPERTIES}
        properties["location_precision"] = precision or None
        feature = {
            "type": "Feature",
            "id": row["entity_code"],
            "geometry": {"type": "Point", "coordinates": point} if point else None,
            "properties": properties,
        }
        out.write((",\n" if rows else "").encode())
        out.write(json.dumps(feature, ensure_ascii=False).encode())
        rows += 1
    out.write(b"\n]}\n")
    return rows


# --- JSON-LD ---------------------------------------------------------------------------

JSONLD_CONTEXT = {
    "schema": "https://schema.org/",
    "essglobal": "http://purl.org/essglobal/vocab/",
    "legal-form": "http://purl.org/essglobal/standard/legal-form/",
    "organisational-structure": (
        "http://purl.org/essglobal/standard/organisational-structure/"
    ),
    "base-membership-type": "http://purl.org/essglobal/standard/base-membership-type/",
}
ISIC_SET = "https://unstats.un.org/unsd/classifications/Econ/isic"

# Crosswalks to the ESSGlobal code lists (notes/sse-domain.md §3).
ESSGLOBAL_LEGAL_FORM = {
    SseType.COOP: "L2",
    SseType.SCC: "L2",
    SseType.PRECOOP: "L1",
    SseType.SHG: "L1",
    SseType.ASSOC: "L4",
    SseType.FOUND: "L4",
    SseType.MUTUAL: "L4",
    SseType.SE: "L5",
}
ESSGLOBAL_STRUCTURE = {
    SseType.COOP: "OS115",
    SseType.SCC: "OS115",
    SseType.PRECOOP: "OS10",
    SseType.SHG: "OS10",
    SseType.CE: "OS10",
    SseType.ASSOC: "OS20",
    SseType.FOUND: "OS40",
    SseType.MUTUAL: "OS170",
    SseType.SE: "OS30",
}
ESSGLOBAL_COOP_STRUCTURE = {
    CoopMemberType.WORKER: "OS60",
    CoopMemberType.CONSUMER_USER: "OS80",
    CoopMemberType.PRODUCER: "OS90",
    CoopMemberType.MULTI: "OS100",
}
ESSGLOBAL_MEMBERSHIP = {
    CoopMemberType.CONSUMER_USER: "BMT10",
    CoopMemberType.PRODUCER: "BMT20",
    CoopMemberType.WORKER: "BMT30",
    CoopMemberType.MULTI: "BMT40",
}


def essglobal_terms(row: Row) -> dict[str, Any]:
    sse_type = row["sse_type"]
    terms: dict[str, Any] = {}
    legal_form = (
        "L1"
        if row["registration_status"] == RegistrationStatus.INFORMAL
        else ESSGLOBAL_LEGAL_FORM.get(sse_type)
    )
    if legal_form:
        terms["essglobal:legalForm"] = {"@id": f"legal-form:{legal_form}"}
    structure = ESSGLOBAL_STRUCTURE.get(sse_type)
    if sse_type in (SseType.COOP, SseType.SCC):
        if row["org_level"] == OrgLevel.SECONDARY:
            structure = "OS110"
        elif row["org_level"] == OrgLevel.APEX:
            structure = "OS180"
        else:
            structure = ESSGLOBAL_COOP_STRUCTURE.get(row["coop_member_type"], structure)
    if structure:
        terms["essglobal:organisationalStructure"] = {
            "@id": f"organisational-structure:{structure}"
        }
    membership = ESSGLOBAL_MEMBERSHIP.get(row["coop_member_type"])
    if membership:
        terms["essglobal:baseMembershipType"] = {
            "@id": f"base-membership-type:{membership}"
        }
    return terms


def _isic_term(code: str, title: str = "") -> dict[str, Any]:
    term = {
        "@type": "schema:DefinedTerm",
        "schema:termCode": code,
        "schema:inDefinedTermSet": ISIC_SET,
    }
    if title:
        term["schema:name"] = title
    return term


def organisation(row: Row) -> dict[str, Any]:
    """One entity as a schema.org Organization with ESSGlobal terms."""
    names = [n for n in (row["name_en"], row["name_local"]) if n]
    node: dict[str, Any] = {
        "@id": f"urn:uuid:{row['_uid']}",
        "@type": ["schema:Organization", "essglobal:SSEInitiative"],
        "schema:identifier": row["entity_code"],
        "schema:name": names[0] if names else row["entity_code"],
    }
    alternate = [n for n in (*names[1:], row["acronym"]) if n]
    if alternate:
        node["schema:alternateName"] = alternate
    if row["year_established"]:
        node["schema:foundingDate"] = str(row["year_established"])
    if row["purpose"]:
        node["schema:description"] = row["purpose"]
    address = {
        "@type": "schema:PostalAddress",
        "schema:addressCountry": row["_country"],
    }
    if row["_area_name"]:
        address["schema:addressRegion"] = row["_area_name"]
    if row["locality"]:
        address["schema:addressLocality"] = row["locality"]
    node["schema:address"] = address
    point, _precision = published_point(row)
    if point:
        node["schema:geo"] = {
            "@type": "schema:GeoCoordinates",
            "schema:latitude": point[1],
            "schema:longitude": point[0],
        }
    node.update(essglobal_terms(row))
    if row["main_activity"]:
        node["essglobal:primarySector"] = _isic_term(
            row["main_activity"], row["_main_activity_title"]
        )
    if row["other_activities"]:
        node["essglobal:additionalSectors"] = [
            _isic_term(code) for code in row["other_activities"]
        ]
    if row["members_total"] is not None:
        node["essglobal:totalOfMembers"] = row["members_total"]
    if row["employees_total"] is not None:
        node["schema:numberOfEmployees"] = {
            "@type": "schema:QuantitativeValue",
            "schema:value": row["employees_total"],
        }
    properties = {
        "sse_type": row["sse_type"],
        "registration_status": row["registration_status"],
        "legal_form": row["legal_form"],
        "workflow_state": row["workflow_state"],
        "classification": row["classification"],
        "reference_year": row["reference_year"],
    }
    node["schema:additionalProperty"] = [
        {
            "@type": "schema:PropertyValue",
            "schema:propertyID": key,
            "schema:value": value,
        }
        for key, value in properties.items()
        if value not in (None, "")
    ]
    return node


def write_jsonld(
    entities: QuerySet[Entity], out: BinaryIO, context: ExportContext
) -> int:
    out.write(b'{"@context": ' + json.dumps(JSONLD_CONTEXT).encode())
    out.write(b',\n"@graph": [\n')
    rows = 0
    for row in export_rows(entities, per_year=False, progress=context.progress):
        out.write((",\n" if rows else "").encode())
        out.write(json.dumps(organisation(row), ensure_ascii=False).encode())
        rows += 1
    out.write(b"\n]}\n")
    return rows
