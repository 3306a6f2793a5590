"""Country reports compiled at growing sizes: aggregation, rendering, the PDF alone."""

from __future__ import annotations

import time
from typing import Any

from django.db.models import Max

from benchmarks.harness import Context
from benchmarks.stats import (
    NO_TARGET,
    Result,
    Timings,
    peak_memory,
    secs,
    spread,
    verdict,
)
from surveys.jobs.collector import cycle_collector_paused
from surveys.management.commands.seed_bench import EPOCH, STEP
from surveys.models import JobStatus, Report
from surveys.reports import render
from surveys.reports.jobs import report_compile, report_meta

REPORT_SIZES = (1_000, 10_000, 100_000)


def _report(context: Context, cutoff: Any) -> Any:
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
        files = Timings()
        with peak_memory() as memory:
            for _ in range(context.config.heavy_repeats):
                started = time.perf_counter()
                last = _report(context, cutoff)
                files.seconds.append(time.perf_counter() - started)
                aggregation.seconds.append(last.aggregation_seconds)
                render_timings.seconds.append(last.render_seconds)
        counts.append(last.query_count)
        limit_applies = size >= 100_000
        results.append(
            Result(
                measure="report",
                name=f"Report aggregation, {size} entities "
                f"({last.tables['entities']} validated, counted)",
                target="≤ 1 s at 100 000; queries constant",
                measured=spread(aggregation, secs),
                floor="n/a",
                ratio="n/a",
                queries=str(last.query_count),
                memory=f"+{memory.growth_mib:.1f} MiB",
                status=verdict(aggregation.p95 <= 1) if limit_applies else NO_TARGET,
                note=f"render (charts, HTML, PDF, XLSX) p50 {secs(render_timings.p50)}",
                figures={"p50": aggregation.p50, "queries": last.query_count},
            )
        )
        results.append(
            Result(
                measure="report",
                name=f"Report compile, click to the three files, {size} entities",
                target="≤ 10 s at 100 000",
                measured=spread(files, secs),
                floor="n/a",
                ratio="n/a",
                status=verdict(files.p95 <= 10) if limit_applies else NO_TARGET,
                note="the worker's whole job: aggregation, charts, HTML, PDF, XLSX, "
                "files published",
                figures={"p50": files.p50},
            )
        )
    constant = len(set(counts)) == 1
    for result in results:
        if not constant and result.queries:
            result.status = verdict(False)
            result.note += f"; query counts differ across sizes: {counts}"
    # The PDF alone, from the largest report's tables.
    document = render.html_document(last.tables, report_meta(last))
    pdf = context.config.work_dir / "report.pdf"
    # As the worker renders it: inside a job, with the cycle collector paused. Each
    # render timed whole and in its two halves, which the note gives when it misses.
    pdf_timings, laying_out, writing = Timings(), Timings(), Timings()
    pages = 0
    with peak_memory() as memory, cycle_collector_paused():
        for _ in range(max(1, context.config.heavy_repeats)):
            started = time.perf_counter()
            laid_out = render.pdf_laid_out(document)
            laid = time.perf_counter()
            render.pdf_write(laid_out, pdf)
            written = time.perf_counter()
            laying_out.seconds.append(laid - started)
            writing.seconds.append(written - laid)
            pdf_timings.seconds.append(written - started)
            pages = len(laid_out.pages)
            del laid_out
    met = pdf_timings.p95 <= 5
    results.append(
        Result(
            measure="report",
            name=f"Report PDF render (WeasyPrint), {sizes[-1]} entities",
            target="≤ 5 s at 100 000",
            measured=spread(pdf_timings, secs),
            status=verdict(met) if sizes[-1] >= 100_000 else NO_TARGET,
            floor="n/a",
            ratio="n/a",
            memory=f"+{memory.growth_mib:.1f} MiB",
            note=f"{pdf.stat().st_size // 1024} KiB, {pages} pages"
            + (
                ""
                if met
                else f"; p50 parsed, styled and laid out {secs(laying_out.p50)}, "
                f"drawn and written {secs(writing.p50)}"
            ),
            figures={"p50": pdf_timings.p50},
        )
    )
    pdf.unlink(missing_ok=True)
    return results
