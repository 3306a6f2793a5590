"""The CSV, XLSX and GeoJSON exports, run as the worker runs them: time, memory and, for
CSV and XLSX, the floor of writing the same rows without the application."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
from django.db import connection, transaction
from django.db.models import Count, F
from django.db.models.functions import Abs

from benchmarks.harness import Context
from benchmarks.stats import (
    NO_TARGET,
    Result,
    Timings,
    peak_memory,
    percentile,
    secs,
    spread,
    verdict,
)
from countries.models import AdminArea
from countries.selectors import area_with_predecessors
from countries.vocabularies import Classification
from surveys.exports import export_run
from surveys.exports.rows import csv_row, export_rows
from surveys.exports.services import export_entities
from surveys.exports.writers.csv import (
    copy_query,
    export_select,
    reasons_in_words,
)
from surveys.jobs.runner import private_path
from surveys.models import Entity, ExportJob, JobStatus
from surveys.spreadsheet import EXPORT_COLUMNS


def _export(
    context: Context, format: str, filters: dict[str, str] | None = None
) -> tuple[float, float, Any]:
    """Run one export the way the worker does; (seconds, memory growth MiB, job)."""

    job = ExportJob.objects.create(
        country=context.country,
        format=format,
        filters=filters or {},
        include_unvalidated=True,
        per_year=False,
        requested_by=context.staff,
    )
    with peak_memory() as memory:
        started = time.perf_counter()
        export_run(job_id=job.pk)
        seconds = time.perf_counter() - started
    job.refresh_from_db()
    if job.status != JobStatus.DONE:
        raise RuntimeError(f"{format} export failed: {job.error}")
    return seconds, memory.growth_mib, job


def _exports(context: Context, format: str) -> tuple[Timings, float, Any]:
    timings = Timings()
    growth = 0.0
    job = None
    for _ in range(context.config.heavy_repeats):
        seconds, mib, job = _export(context, format)
        timings.seconds.append(seconds)
        growth = max(growth, mib)
        _remove_file(job)
    return timings, growth, job


def _remove_file(job: Any) -> None:
    if job.file_path:
        private_path(job.file_path).unlink(missing_ok=True)


def _export_query(context: Context) -> Any:
    job = ExportJob(
        country=context.country,
        format=ExportJob.Format.CSV,
        filters={},
        include_unvalidated=True,
        requested_by=context.staff,
    )
    return export_entities(job)


def _memory_result(measure: str, format: str, growth: float) -> Result:
    return Result(
        measure=measure,
        name=f"{format} export: memory growth of the process doing the work",
        target="≤ 100 MiB",
        measured=f"+{growth:.1f} MiB (peak resident set above its start)",
        memory=f"+{growth:.1f} MiB",
        status=verdict(growth <= 100),
    )


def _fair_copy_sql(context: Context, narrowed: _Narrowed | None = None) -> str:
    """The floor: COPY of the export's columns with the country, and the filters when
    given, applied directly on the entity table (the whole country's export is every
    state)."""
    where, params = "e.country_id = %s", [context.country.code]
    entities = Entity.objects.filter(country=context.country)
    if narrowed is not None:
        where += " AND e.area_id = ANY(%s) AND e.classification = %s"
        params += [narrowed.areas, narrowed.classification]
        entities = entities.filter(
            area__in=narrowed.areas, classification=narrowed.classification
        )
    sql = export_select(
        entities_from=f"{Entity._meta.db_table} e",
        per_year=False,
        where=where,
        reasons="%s",
    )
    with connection.cursor() as cursor:
        query = cursor.cursor.mogrify(sql, [reasons_in_words(entities), *params])
    return query.decode() if isinstance(query, bytes) else query


@dataclass(frozen=True)
class _Narrowed:
    """The list's filters for one area's borderline entities, about 1 000 of them:
    as the export job holds them, and as the floor applies them."""

    filters: dict[str, str]
    areas: list[int]
    classification: str


def _about_a_thousand(context: Context) -> _Narrowed:
    """The area whose borderline entities number nearest 1 000."""
    counts = (
        Entity.objects.filter(
            country=context.country, classification=Classification.BORDERLINE
        )
        .exclude(area=None)
        .values("area")
        .annotate(n=Count("pk"))
        .order_by(Abs(F("n") - 1000), "area")
    )
    area = AdminArea.objects.get(pk=counts[0]["area"])
    return _Narrowed(
        filters={"area": str(area.pk), "classification": Classification.BORDERLINE},
        areas=area_with_predecessors(area),
        classification=Classification.BORDERLINE,
    )


def _digest(path: Path, *, skip_header: bool) -> str:
    """The file's rows, hashed (the export's BOM and header line left out)."""
    digest = hashlib.sha256()
    with path.open("rb") as data:
        if skip_header:
            data.readline()
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def measure_csv(context: Context) -> list[Result]:
    if connection.vendor != "postgresql":
        timings, growth, job = _exports(context, ExportJob.Format.CSV)
        return [
            _csv_result(context, timings, growth, job, None, [], "n/a"),
            _memory_result("csv", "CSV", growth),
        ]
    return [*_csv_against_copy(context), _filtered_csv(context)]


def _copy_to(sql: str, path: Path) -> float:
    """Seconds to COPY the SELECT `sql` into `path` as CSV."""
    started = time.perf_counter()
    with connection.cursor() as cursor, path.open("wb") as out:
        cursor.cursor.copy_expert(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", out)
    return time.perf_counter() - started


def _csv_against_copy(context: Context) -> list[Result]:
    """The export of the whole country and its floor, in alternating pairs."""
    sql = _fair_copy_sql(context)
    target = context.config.work_dir / "floor.csv"
    # Alternating pairs (export, floor): on a busy machine both halves of a pair
    # see about the same load, so the ratio of each pair is fairer than the ratio
    # of two medians taken minutes apart.
    timings, floor, ratios = Timings(), Timings(), []
    growth = 0.0
    job: Any = None
    same = "not checked"
    for _ in range(context.config.heavy_repeats):
        seconds, mib, job = _export(context, ExportJob.Format.CSV)
        growth = max(growth, mib)
        floor_seconds = _copy_to(sql, target)
        timings.seconds.append(seconds)
        floor.seconds.append(floor_seconds)
        ratios.append(seconds / floor_seconds)
        exported = _digest(private_path(job.file_path), skip_header=True)
        copied = _digest(target, skip_header=False)
        same = "byte-identical" if exported == copied else "DIFFERENT BYTES"
        _remove_file(job)
    target.unlink(missing_ok=True)
    if same != "byte-identical":
        context.notes.append("CSV floor: the fair COPY's bytes differ from the export")
    return [
        _csv_result(context, timings, growth, job, floor, ratios, same),
        _memory_result("csv", "CSV", growth),
    ]


def _filtered_csv(context: Context) -> Result:
    """About 1 000 rows exported from the whole database. The export's own statement
    and the fair floor run in alternating pairs: the statement must cost what its rows
    cost. The worker's whole job (its row, the filters described, the file renamed)
    is timed beside it."""
    narrowed = _about_a_thousand(context)
    fair = _fair_copy_sql(context, narrowed)
    mine, theirs = (context.config.work_dir / f"{n}.csv" for n in ("own", "floor"))
    jobs, statement, floor, ratios = Timings(), Timings(), Timings(), []
    same = "not checked"
    job: Any = None
    for _ in range(context.config.heavy_repeats):
        seconds, _mib, job = _export(context, ExportJob.Format.CSV, narrowed.filters)
        jobs.seconds.append(seconds)
        exported = _digest(private_path(job.file_path), skip_header=True)
        _remove_file(job)
        sql, params = copy_query(export_entities(job), per_year=False)
        with connection.cursor() as cursor:
            own = cursor.cursor.mogrify(sql, params)
        statement.seconds.append(
            _copy_to(own.decode() if isinstance(own, bytes) else own, mine)
        )
        floor.seconds.append(_copy_to(fair, theirs))
        ratios.append(statement.seconds[-1] / floor.seconds[-1])
        digests = {exported, *(_digest(p, skip_header=False) for p in (mine, theirs))}
        same = "byte-identical" if len(digests) == 1 else "DIFFERENT BYTES"
    for path in (mine, theirs):
        path.unlink(missing_ok=True)
    ratio = percentile(ratios, 0.5)
    return Result(
        measure="csv",
        name=f"CSV export, country {context.country.code} filtered to one area's "
        f"borderline entities ({job.row_count} rows of a database of "
        f"{Entity.objects.count():,} entities)",
        target="statement ≤ 1.2× the fair COPY floor (costs what it exports)",
        measured=f"statement {spread(statement, secs)}; the whole job "
        f"p50 {secs(jobs.p50)}",
        floor=f"{secs(floor.p50)} (COPY of the same columns and filters applied "
        f"directly; {same} by SHA-256, the job's file too)",
        ratio=f"{ratio:.2f}× (median of {len(ratios)} alternating pairs)",
        status=verdict(ratio <= 1.2 and same == "byte-identical"),
        note="the whole job adds a fixed cost: its row, the filters described "
        "in the file's notes, the file written and renamed",
        figures={"p50": statement.p50, "rows": job.row_count, "ratio": ratio},
    )


def _csv_result(
    context: Context,
    timings: Timings,
    growth: float,
    job: Any,
    floor: Timings | None,
    ratios: list[float],
    same: str,
) -> Result:
    ratio = percentile(ratios, 0.5) if ratios else None
    return Result(
        measure="csv",
        name=f"CSV export, country {context.country.code} "
        f"({job.row_count} rows, all columns)",
        target="≤ 1.2× the fair COPY floor",
        measured=spread(timings, secs),
        floor=f"{secs(floor.p50)} (COPY of the same columns, country filtered "
        f"directly; {same} by SHA-256)"
        if floor
        else "n/a (COPY needs PostgreSQL)",
        ratio=f"{ratio:.2f}× (median of {len(ratios)} alternating pairs)"
        if ratio
        else "n/a",
        memory=f"+{growth:.1f} MiB",
        status=verdict(ratio <= 1.2 and same == "byte-identical")
        if ratio
        else NO_TARGET,
        figures={"p50": timings.p50, "rows": job.row_count, "ratio": ratio},
    )


def _floor_rows(context: Context) -> Iterator[list[Any]]:
    """The export's cells as the database gives them: on PostgreSQL the fair COPY's
    SELECT (country filtered directly) read through a server-side cursor; on SQLite
    the export's own rows."""
    if connection.vendor == "postgresql":
        sql = _fair_copy_sql(context)
        with transaction.atomic():
            connection.ensure_connection()
            cursor = connection.connection.cursor(name="bench_xlsx_floor")
            cursor.itersize = 2000
            cursor.execute(sql)
            for row in cursor:
                yield list(row)
            cursor.close()
        return

    for row in export_rows(_export_query(context), per_year=False):
        yield csv_row(row)


def measure_xlsx(context: Context) -> list[Result]:
    target = context.config.work_dir / "floor.xlsx"

    def bare() -> None:
        workbook = xlsxwriter.Workbook(
            str(target),
            {"constant_memory": True, "tmpdir": str(context.config.work_dir)},
        )
        sheet = workbook.add_worksheet("data")
        sheet.write_row(0, 0, [column.name for column in EXPORT_COLUMNS])
        for number, row in enumerate(_floor_rows(context), start=1):
            sheet.write_row(number, 0, row)
        workbook.close()

    # Alternating pairs (export, floor), as for CSV.
    timings, floor, ratios = Timings(), Timings(), []
    growth = floor_growth = 0.0
    job: Any = None
    for _ in range(context.config.heavy_repeats):
        seconds, mib, job = _export(context, ExportJob.Format.XLSX)
        _remove_file(job)
        growth = max(growth, mib)
        with peak_memory() as memory:
            started = time.perf_counter()
            bare()
            floor_seconds = time.perf_counter() - started
        floor_growth = max(floor_growth, memory.growth_mib)
        timings.seconds.append(seconds)
        floor.seconds.append(floor_seconds)
        ratios.append(seconds / floor_seconds)
    target.unlink(missing_ok=True)
    ratio = percentile(ratios, 0.5)
    source = (
        "rows streamed by a server-side cursor over the fair COPY's SELECT"
        if connection.vendor == "postgresql"
        else "the export's own rows (SQLite)"
    )
    return [
        Result(
            measure="xlsx",
            name=f"XLSX export, country {context.country.code} ({job.row_count} rows)",
            target="≤ 1.3× bare xlsxwriter",
            measured=spread(timings, secs),
            floor=f"{secs(floor.p50)} (bare xlsxwriter, constant_memory, {source}, "
            f"+{floor_growth:.1f} MiB)",
            ratio=f"{ratio:.2f}× (median of {len(ratios)} alternating pairs)",
            memory=f"+{growth:.1f} MiB",
            status=verdict(ratio <= 1.3),
            figures={"p50": timings.p50, "floor": floor.p50, "ratio": ratio},
        ),
        _memory_result("xlsx", "XLSX", growth),
    ]


def measure_geojson(context: Context) -> list[Result]:
    timings, growth, job = _exports(context, ExportJob.Format.GEOJSON)
    return [
        Result(
            measure="geojson",
            name=f"GeoJSON export, country {context.country.code} "
            f"({job.row_count} features)",
            target="memory ≤ 100 MiB",
            measured=spread(timings, secs),
            floor="n/a (no database equivalent)",
            ratio="n/a",
            memory=f"+{growth:.1f} MiB",
            status=verdict(growth <= 100),
            figures={"p50": timings.p50},
        )
    ]
