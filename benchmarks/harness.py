"""The measures of issue 8, each against the database's own floor in the same run.

Everything here runs inside one Django process (set up by `benchmarks.run`, or by
pytest for the small run). Pages and API calls go through Django's test client, so a
figure is the server's time for the request: middleware, views, queries, templates
and serializers, without a network. Export, import and report jobs run the very
function the Celery task runs (`export_run`, `import_run`, `report_compile`) in this
process, so that its time and its memory are measured where the work is done; a real
worker adds only the queue's hand-over. The load test alone goes over HTTP, to
gunicorn, with Locust (see `benchmarks.load`).
"""

from __future__ import annotations

import csv
import io
import itertools
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Max
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks.stats import (
    NO_TARGET,
    NOT_RUN,
    Result,
    Timings,
    ms,
    peak_memory,
    repeat,
    secs,
    spread,
    verdict,
)

# The load test before the import: an import adds entities, and the slowest measure
# goes last.
MEASURES = ("list", "detail", "csv", "xlsx", "geojson", "report", "load", "import")
COUNTRIES = ("KH", "KG", "MN", "TH", "VN")
LIST_FILTER = {"sse_type": "COOP"}
REPORT_SIZES = (1_000, 10_000, 100_000)
VACUUMED = ("surveys_entity", "surveys_entityfigures", "surveys_principlesassessment")


@dataclass
class Config:
    per_country: int = 100_000
    only: tuple[str, ...] = MEASURES
    country: str = "KH"
    repeats: int = 30  # requests
    heavy_repeats: int = 3  # exports and report compiles
    import_rows: int = 10_000
    import_repeats: int = 2
    load: bool = True
    load_users: int = 50
    load_seconds: int = 60
    gunicorn_workers: int = 0  # 0: 2 × cores + 1
    seed: bool = True
    work_dir: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="sse-bench-"))
    )


@dataclass
class Context:
    """Users, tokens and the rows the measures look at."""

    config: Config
    country: Any
    consultant: Any
    importer: Any
    staff: Any
    token: str
    seed_seconds: float = 0.0
    seeded: int = 0
    notes: list[str] = field(default_factory=list)


def run(
    config: Config,
    progress: Callable[[str], None] = print,
    done: Callable[[list[Result]], None] | None = None,
) -> list[Result]:
    """Seed, then take every measure asked for; returns the rows of the table.
    `done` is given the rows so far after each measure (to write partial results)."""
    context = prepare(config, progress)
    results = [seed_result(context)]
    steps: dict[str, Callable[[Context], list[Result]]] = {
        "list": measure_lists,
        "detail": measure_details,
        "csv": measure_csv,
        "xlsx": measure_xlsx,
        "geojson": measure_geojson,
        "report": measure_reports,
        "import": measure_import,
        "load": measure_load,
    }
    for name in MEASURES:
        if name not in config.only:
            continue
        progress(f"measuring {name} …")
        started = time.monotonic()
        results.extend(steps[name](context))
        progress(f"  {name} took {time.monotonic() - started:.0f} s")
        if done is not None:
            done(results)
    return results


# --- Data and users -----------------------------------------------------------------


def prepare(config: Config, progress: Callable[[str], None]) -> Context:
    from countries.authentication import api_token_create
    from countries.models import Country, Membership
    from countries.vocabularies import Role

    started = time.monotonic()
    seeded = 0
    if config.seed:
        progress(f"seeding {config.per_country} entities per country …")
        out = io.StringIO()
        call_command("seed_bench", per_country=config.per_country, stdout=out)
        text = out.getvalue()
        seeded = int(text.split()[1]) if text.startswith("Created") else 0
    seed_seconds = time.monotonic() - started
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load, done now rather than at some point
        # during the run: the visibility map lets counts use index-only scans.
        with connection.cursor() as cursor:
            for table in VACUUMED:
                cursor.execute(f"VACUUM (ANALYZE) {table}")
    country = Country.objects.get(pk=config.country)
    users = get_user_model().objects
    consultant = users.get(username=f"bench-{config.country.lower()}")
    staff, _ = users.get_or_create(
        username="bench-staff", defaults={"email": "bench-staff@example.org"}
    )
    Membership.objects.get_or_create(user=staff, country=None, role=Role.STAFF)
    # Imports by a consultant of their own: what they create is not a seeded row.
    importer, _ = users.get_or_create(
        username=f"bench-import-{config.country.lower()}",
        defaults={"email": f"bench-import-{config.country.lower()}@example.org"},
    )
    Membership.objects.get_or_create(
        user=importer, country=country, role=Role.CONSULTANT
    )
    _, token = api_token_create(user=consultant, name="benchmark harness")
    return Context(
        importer=importer,
        config=config,
        country=country,
        consultant=consultant,
        staff=staff,
        token=token,
        seed_seconds=seed_seconds,
        seeded=seeded,
    )


def seed_result(context: Context) -> Result:
    config = context.config
    full = context.seeded >= config.per_country * len(COUNTRIES)
    target = "< 180 s for 5 × 100 000 from empty"
    applies = full and config.per_country >= 100_000
    return Result(
        measure="seed",
        name=f"seed_bench --per-country {config.per_country}",
        target=target,
        measured=(
            f"{secs(context.seed_seconds)} ({context.seeded} entities created)"
            if config.seed
            else "skipped (--no-seed)"
        ),
        status=verdict(context.seed_seconds < 180) if applies else NO_TARGET,
        note="" if applies else "target applies to a full seed from empty only",
    )


def _entities(context: Context) -> Any:
    from surveys.models import Entity

    return Entity.objects.filter(country=context.country)


def _depth(context: Context) -> int:
    """Half-way through the filtered list: a page a person reaches by paging far."""
    count = _entities(context).filter(**LIST_FILTER).count()
    return max(0, count // 2)


# --- Requests ----------------------------------------------------------------------------


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _get(client: Client, url: str, **headers: str) -> Any:
    response = client.get(url, headers=headers or None)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return response


def _page_rows_query(queries: list[dict[str, str]]) -> str | None:
    """The query that reads the page's entities (the one with a LIMIT)."""
    table = '"surveys_entity"'
    found = [
        q["sql"]
        for q in queries
        if f"FROM {table}" in q["sql"]
        and "LIMIT" in q["sql"]
        and "COUNT(" not in q["sql"].upper()
    ]
    return found[-1] if found else None


def _replay(sqls: list[str], times: int) -> Timings | None:
    """The database alone: the same SQL text, sent raw, rows fetched."""

    def once() -> None:
        with connection.cursor() as cursor:
            for sql in sqls:
                cursor.execute(sql)
                cursor.fetchall()

    try:
        return repeat(once, times=times, warmup=1)
    except Exception:  # noqa: BLE001 - a query log SQLite cannot re-run: no floor
        return None


@dataclass
class RequestFigures:
    timings: Timings
    queries: int
    floor: Timings | None
    memory_mib: float


def _measure_request(
    context: Context,
    client: Client,
    url: str,
    *,
    floor: str,
    headers: dict[str, str] | None = None,
) -> RequestFigures:
    headers = headers or {}
    with peak_memory() as memory:
        timings = repeat(
            lambda: _get(client, url, **headers),
            times=context.config.repeats,
            warmup=2,
        )
    # Counted on a warm request, as every request after a user's first is.
    with CaptureQueriesContext(connection) as captured:
        _get(client, url, **headers)
    queries = [q for q in captured.captured_queries if q["sql"]]
    if floor == "page rows":
        sql = _page_rows_query(queries)
        floor_timings = _replay([sql], context.config.repeats) if sql else None
    else:
        selects = [q["sql"] for q in queries if q["sql"].lstrip().startswith("SELECT")]
        floor_timings = _replay(selects, context.config.repeats)
    return RequestFigures(timings, len(queries), floor_timings, memory.growth_mib)


def _request_result(
    measure: str,
    name: str,
    figures: RequestFigures,
    *,
    limit: float,
    floor_label: str,
) -> Result:
    floor = figures.floor
    return Result(
        measure=measure,
        name=name,
        target=f"p95 ≤ {limit * 1000:.0f} ms; queries constant",
        measured=spread(figures.timings),
        floor=f"{ms(floor.p50)} ({floor_label})" if floor else "n/a",
        ratio=f"{figures.timings.p50 / floor.p50:.1f}×" if floor else "n/a",
        queries=str(figures.queries),
        memory=f"+{figures.memory_mib:.1f} MiB",
        status=verdict(figures.timings.p95 <= limit),
        figures={
            "p50": figures.timings.p50,
            "p95": figures.timings.p95,
            "queries": figures.queries,
        },
    )


def _deep_cursor(url: str, position: str) -> str:
    from rest_framework.pagination import Cursor

    from surveys.api.pagination import EntityCursorPagination

    paginator = EntityCursorPagination()
    paginator.base_url = f"http://testserver{url}"
    encoded = paginator.encode_cursor(
        Cursor(offset=0, reverse=False, position=position)
    )
    parts = urlsplit(encoded)
    return f"{parts.path}?{parts.query}"


def measure_lists(context: Context) -> list[Result]:
    from surveys.entities.filters import ENTITY_PAGE_SIZE

    code = context.country.code
    query = "&".join(f"{k}={v}" for k, v in LIST_FILTER.items())
    depth = _depth(context)
    page_url = f"{reverse('entity-list', args=[code])}?{query}"
    deep_page_url = f"{page_url}&page={depth // ENTITY_PAGE_SIZE + 1}"
    api_url = f"{reverse('api-entity-list')}?country={code}&{query}"
    # The cursor a client holds after paging `depth` rows in: it points just past
    # the last entity it has seen (the API orders by -updated_at, -id).
    boundary = (
        _entities(context)
        .filter(**LIST_FILTER)
        .order_by("-updated_at", "-id")
        .values_list("updated_at", flat=True)[max(depth - 1, 0)]
    )
    deep_api_url = _deep_cursor(api_url, str(boundary))
    client = _client(context.consultant)
    api = Client()
    token = {"Authorization": f"Token {context.token}"}
    with _api_budget():
        cases = [
            ("Entity list page, first page", client, page_url, {}, 0.150),
            (
                f"Entity list page, deep page (row {depth})",
                client,
                deep_page_url,
                {},
                0.150,
            ),
            ("API entity list, first page", api, api_url, token, 0.050),
            (
                f"API entity list, deep cursor (row {depth})",
                api,
                deep_api_url,
                token,
                0.050,
            ),
        ]
        measured = [
            (
                name,
                limit,
                _measure_request(context, c, url, floor="page rows", headers=headers),
            )
            for name, c, url, headers, limit in cases
        ]
    results = [
        _request_result(
            "list",
            f"{name} (country {code}, {query}, 50 a page)",
            figures,
            limit=limit,
            floor_label="raw SQL of the page's rows",
        )
        for name, limit, figures in measured
    ]
    # Constant: the first and the deep page make the same number of queries.
    for first, deep in ((results[0], results[1]), (results[2], results[3])):
        if first.queries != deep.queries:
            first.status = deep.status = verdict(False)
            deep.note = f"query count differs from the first page ({first.queries})"
    return results


def measure_details(context: Context) -> list[Result]:
    from countries.vocabularies import WorkflowState

    entity = (
        _entities(context)
        .filter(workflow_state=WorkflowState.VALIDATED)
        .order_by("-updated_at", "-id")[_depth(context)]
    )
    client = _client(context.consultant)
    api = Client()
    token = {"Authorization": f"Token {context.token}"}
    page = _measure_request(
        context, client, reverse("entity-detail", args=[entity.pk]), floor="all"
    )
    detail = _measure_request(
        context,
        api,
        reverse("api-entity-detail", args=[entity.pk]),
        floor="all",
        headers=token,
    )
    label = "its queries replayed as raw SQL"
    return [
        _request_result(
            "detail",
            f"Entity detail page ({entity.code})",
            page,
            limit=0.150,
            floor_label=label,
        ),
        _request_result(
            "detail",
            f"API entity detail ({entity.code})",
            detail,
            limit=0.050,
            floor_label=label,
        ),
    ]


@contextmanager
def _api_budget() -> Iterator[None]:
    """Lift the per-user budget of the costly list while one user repeats it: the
    throttle still runs on every request, it just never answers 429 here."""
    from django.test.utils import override_settings

    rates = {**settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {})}
    rates["api_costly"] = "1000000/minute"
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        yield


# --- Exports ----------------------------------------------------------------------------


def _export(context: Context, format: str) -> tuple[float, float, Any]:
    """Run one export the way the worker does; (seconds, memory growth MiB, job)."""
    from surveys.exports import export_run
    from surveys.models import ExportJob, JobStatus

    job = ExportJob.objects.create(
        country=context.country,
        format=format,
        filters={},
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
    from surveys.jobs.runner import private_path

    if job.file_path:
        private_path(job.file_path).unlink(missing_ok=True)


def _export_query(context: Context) -> Any:
    from surveys.exports.services import export_entities
    from surveys.models import ExportJob

    job = ExportJob(
        country=context.country,
        format=ExportJob.Format.CSV,
        filters={},
        include_unvalidated=True,
        requested_by=context.staff,
    )
    return export_entities(job)


def _copy_sql(context: Context) -> str:
    from surveys.exports.writers.csv import copy_query

    sql, params = copy_query(_export_query(context), per_year=False)
    with connection.cursor() as cursor:
        query = cursor.cursor.mogrify(sql, params)
    return query.decode() if isinstance(query, bytes) else query


def _memory_result(measure: str, format: str, growth: float) -> Result:
    return Result(
        measure=measure,
        name=f"{format} export: memory growth of the process doing the work",
        target="≤ 100 MiB",
        measured=f"+{growth:.1f} MiB (peak resident set above its start)",
        memory=f"+{growth:.1f} MiB",
        status=verdict(growth <= 100),
    )


def measure_csv(context: Context) -> list[Result]:
    from surveys.models import ExportJob

    timings, growth, job = _exports(context, ExportJob.Format.CSV)
    floor: Timings | None = None
    floor_growth = 0.0
    if connection.vendor == "postgresql":
        statement = f"COPY ({_copy_sql(context)}) TO STDOUT WITH (FORMAT csv)"
        target = context.config.work_dir / "floor.csv"

        def copy() -> None:
            with connection.cursor() as cursor, target.open("wb") as out:
                cursor.cursor.copy_expert(statement, out)

        with peak_memory() as memory:
            floor = repeat(copy, times=context.config.heavy_repeats)
        floor_growth = memory.growth_mib
        target.unlink(missing_ok=True)
    ratio = timings.p50 / floor.p50 if floor else None
    return [
        Result(
            measure="csv",
            name=f"CSV export, country {context.country.code} "
            f"({job.row_count} rows, all columns)",
            target="≤ 2× the COPY floor",
            measured=spread(timings, secs),
            floor=f"{secs(floor.p50)} (COPY (same SELECT) TO STDOUT, "
            f"+{floor_growth:.1f} MiB)"
            if floor
            else "n/a (COPY needs PostgreSQL)",
            ratio=f"{ratio:.2f}×" if ratio else "n/a",
            memory=f"+{growth:.1f} MiB",
            status=verdict(ratio <= 2) if ratio else NO_TARGET,
            figures={"p50": timings.p50, "rows": job.row_count},
        ),
        _memory_result("csv", "CSV", growth),
    ]


def _floor_rows(context: Context) -> Iterator[list[Any]]:
    """The export's cells as the database gives them: on PostgreSQL the COPY SELECT
    read through a server-side cursor; on SQLite the export's own rows."""
    if connection.vendor == "postgresql":
        sql = _copy_sql(context)
        with transaction.atomic():
            connection.ensure_connection()
            cursor = connection.connection.cursor(name="bench_xlsx_floor")
            cursor.itersize = 2000
            cursor.execute(sql)
            for row in cursor:
                yield list(row)
            cursor.close()
        return
    from surveys.exports.rows import csv_row, export_rows

    for row in export_rows(_export_query(context), per_year=False):
        yield csv_row(row)


def measure_xlsx(context: Context) -> list[Result]:
    import xlsxwriter

    from surveys.models import ExportJob
    from surveys.spreadsheet import EXPORT_COLUMNS

    timings, growth, job = _exports(context, ExportJob.Format.XLSX)
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

    with peak_memory() as memory:
        floor = repeat(bare, times=context.config.heavy_repeats)
    target.unlink(missing_ok=True)
    ratio = timings.p50 / floor.p50
    source = (
        "rows streamed by a server-side cursor over the COPY SELECT"
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
            f"+{memory.growth_mib:.1f} MiB)",
            ratio=f"{ratio:.2f}×",
            memory=f"+{growth:.1f} MiB",
            status=verdict(ratio <= 1.3),
            figures={"p50": timings.p50, "floor": floor.p50},
        ),
        _memory_result("xlsx", "XLSX", growth),
    ]


def measure_geojson(context: Context) -> list[Result]:
    from surveys.models import ExportJob

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


# --- Reports ------------------------------------------------------------------------------


def _report(context: Context, cutoff: Any) -> Any:
    from surveys.models import JobStatus, Report
    from surveys.reports.jobs import report_compile

    latest = Report.objects.filter(
        kind=Report.Kind.COUNTRY, country=context.country
    ).aggregate(latest=Max("number"))["latest"]
    report = Report.objects.create(
        kind=Report.Kind.COUNTRY,
        country=context.country,
        countries=[context.country.code],
        number=(latest or 0) + 1,
        cutoff_at=cutoff,
        requested_by=context.staff,
    )
    report_compile(report_id=report.pk)
    report.refresh_from_db()
    if report.status != JobStatus.DONE:
        raise RuntimeError(f"report failed: {report.error}")
    return report


def measure_reports(context: Context) -> list[Result]:
    from surveys.management.commands.seed_bench import EPOCH, STEP
    from surveys.reports import render
    from surveys.reports.jobs import report_meta

    sizes = sorted({min(n, context.config.per_country) for n in REPORT_SIZES})
    results: list[Result] = []
    counts: list[int] = []
    last: Any = None
    for size in sizes:
        # Benchmark entity n changed at EPOCH + n × STEP, so this cut-off takes the
        # country's first `size` entities (the report counts the validated ones).
        cutoff = EPOCH + (size - 1) * STEP
        aggregation = Timings()
        render_timings = Timings()
        with peak_memory() as memory:
            for _ in range(context.config.heavy_repeats):
                last = _report(context, cutoff)
                aggregation.seconds.append(last.aggregation_seconds)
                render_timings.seconds.append(last.render_seconds)
        counts.append(last.query_count)
        limit_applies = size >= 100_000
        results.append(
            Result(
                measure="report",
                name=f"Report aggregation, {size} entities "
                f"({last.tables['entities']} validated, counted)",
                target="≤ 3 s at 100 000; queries constant",
                measured=spread(aggregation, secs),
                floor="n/a",
                ratio="n/a",
                queries=str(last.query_count),
                memory=f"+{memory.growth_mib:.1f} MiB",
                status=verdict(aggregation.p95 <= 3) if limit_applies else NO_TARGET,
                note=f"render (charts, HTML, PDF, XLSX) p50 {secs(render_timings.p50)}",
                figures={"p50": aggregation.p50, "queries": last.query_count},
            )
        )
    constant = len(set(counts)) == 1
    for result in results:
        if not constant:
            result.status = verdict(False)
            result.note += f"; query counts differ across sizes: {counts}"
    # The PDF alone, from the largest report's tables.
    document = render.html_document(last.tables, report_meta(last))
    pdf = context.config.work_dir / "report.pdf"
    with peak_memory() as memory:
        pdf_timings = repeat(
            lambda: render.write_pdf(document, pdf),
            times=max(1, context.config.heavy_repeats),
        )
    results.append(
        Result(
            measure="report",
            name=f"Report PDF render (WeasyPrint), {sizes[-1]} entities",
            measured=spread(pdf_timings, secs),
            floor="n/a",
            ratio="n/a",
            memory=f"+{memory.growth_mib:.1f} MiB",
            note=f"{pdf.stat().st_size // 1024} KiB",
            figures={"p50": pdf_timings.p50},
        )
    )
    pdf.unlink(missing_ok=True)
    return results


# --- Import -------------------------------------------------------------------------------


def import_csv(context: Context, rows: int, tag: str) -> bytes:
    """A template CSV of `rows` new entities, spread over areas, types and sectors."""
    from countries.models import AdminArea, IsicCode
    from countries.vocabularies import RegistrationStatus, SseType
    from surveys.spreadsheet import TEMPLATE_COLUMNS

    rng = random.Random(tag)
    areas = list(
        AdminArea.objects.current()
        .filter(country=context.country, level=1)
        .values_list("code", flat=True)
    )
    divisions = list(
        IsicCode.objects.filter(level="division").values_list("code", flat=True)
    )
    output = io.StringIO()
    writer = csv.DictWriter(
        output, fieldnames=[c.name for c in TEMPLATE_COLUMNS], lineterminator="\n"
    )
    writer.writeheader()
    types = itertools.cycle(SseType.values)
    for _ in range(rows):
        members = rng.randint(8, 400)
        women = rng.randint(0, members)
        writer.writerow(
            {
                "name_en": _new_name(rng),
                "area": rng.choice(areas),
                "sse_type": next(types),
                "registration_status": rng.choice(RegistrationStatus.values),
                "main_activity": rng.choice(divisions),
                "year_established": str(rng.randint(1980, 2023)),
                "reference_year": "2024",
                "members_total": str(members),
                "members_women": str(women),
                "members_men": str(members - women),
            }
        )
    return output.getvalue().encode()


SYLLABLES = (
    *("ka", "ro", "san", "phum", "tre", "vong", "li", "bat", "kor", "men"),
    *("sok", "than", "nal", "rey", "dam", "khe", "mui", "por", "ta", "yen"),
)
NAME_WORDS = ("Rice", "Weavers", "Farmers", "Women's", "Fishers", "Bamboo", "Honey")
NAME_KINDS = ("Cooperative", "Association", "Savings Group", "Social Enterprise")


def _new_name(rng: random.Random) -> str:
    """A name like those consultants record: a place, an activity, a kind."""
    place = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
    village = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
    return (
        f"{place.title()} {village.title()} {rng.choice(NAME_WORDS)} "
        f"{rng.choice(NAME_KINDS)}"
    )


@contextmanager
def _tasks_in_process() -> Iterator[None]:
    """Queued tasks run here, at commit, instead of going to Redis."""
    from sse_mapping.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        yield
    finally:
        app.conf.task_always_eager = eager


def measure_import(context: Context) -> list[Result]:
    from surveys.imports import import_confirm, import_start
    from surveys.imports.duplicates import CREATE_DECISION
    from surveys.models import ImportJob

    rows = context.config.import_rows
    validation, commit, total = Timings(), Timings(), Timings()
    created = duplicates = 0
    with peak_memory() as memory, _tasks_in_process():
        for _ in range(context.config.import_repeats):
            tag = f"{time.time_ns():x}"
            content = import_csv(context, rows, tag)
            started = time.perf_counter()
            job = import_start(
                user=context.importer,
                country=context.country,
                file=SimpleUploadedFile(f"bench-{tag}.csv", content),
                kind=ImportJob.Kind.TEMPLATE,
            )
            checked = time.perf_counter()
            job.refresh_from_db()
            if job.stage != ImportJob.Stage.READY:
                raise RuntimeError(f"import check failed: {job.error} {job.errors[:3]}")
            duplicates = len(job.duplicates)
            decisions = {
                d["id"]: CREATE_DECISION
                if CREATE_DECISION in d["choices"]
                else d["choices"][0]
                for d in job.duplicates
            }
            import_confirm(user=context.importer, job=job, decisions=decisions)
            done = time.perf_counter()
            job.refresh_from_db()
            if job.stage != ImportJob.Stage.IMPORTED:
                raise RuntimeError(f"import commit failed: {job.error}")
            created = job.created_count
            validation.seconds.append(checked - started)
            commit.seconds.append(done - checked)
            total.seconds.append(done - started)
    return [
        Result(
            measure="import",
            name=f"Import of a {rows}-row template CSV (validation + commit)",
            target="≤ 20 s" if rows >= 10_000 else "≤ 20 s at 10 000 rows",
            measured=spread(total, secs),
            floor="n/a",
            ratio="n/a",
            memory=f"+{memory.growth_mib:.1f} MiB",
            status=verdict(total.p95 <= 20) if rows >= 10_000 else NO_TARGET,
            note=f"validation p50 {secs(validation.p50)}, commit p50 "
            f"{secs(commit.p50)}; {created} created, {duplicates} possible "
            "duplicates decided 'create'",
            figures={"validation": validation.p50, "commit": commit.p50},
        )
    ]


# --- Load -------------------------------------------------------------------------------


def measure_load(context: Context) -> list[Result]:
    if not context.config.load:
        return [
            Result(
                measure="load",
                name="Load test (Locust against gunicorn)",
                target="0 errors; p95 ≤ 300 ms",
                measured="skipped (--no-load)",
                status=NOT_RUN,
            )
        ]
    from benchmarks.load import run_load

    return [run_load(context)]
