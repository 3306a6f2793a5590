"""Compile one report version: the job behind `surveys.reports.tasks.compile_report`.

It runs through `surveys.jobs.runner.run_job`, like exports and imports: a worker
killed mid-compile has its job handed to the next worker (acks_late and
reject_on_worker_lost) or sent again by the resume sweep, so compiling is safe to run
again:
- a finished row (done or failed), or one another runner holds, is left alone;
- a row found running without a runner belongs to a worker that was lost, so the new
  attempt takes over; after the runner's `MAX_ATTEMPTS` it gives up;
- files are written under a temporary folder and moved to their final names, and the
  row is flipped to done in the same locked transaction, so nobody ever sees a report
  with one or two of its three files.
"""

from __future__ import annotations

import datetime
import os
import shutil
import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countries.languages import local_language
from countries.models import Country
from countries.names import country_name
from sse_mapping.exceptions import ApplicationError
from surveys.jobs.runner import JobMessages, run_job
from surveys.models import JobStatus, ReleaseTables, Report

FILE_KINDS = ("pdf", "xlsx", "html")
# Only for the test that kills a worker mid-compile: while this file exists, a compile
# that has written its files waits before publishing them.
HOLD_FILE_VARIABLE = "SSE_REPORT_TEST_HOLD_FILE"


def reports_root() -> Path:
    return Path(settings.PRIVATE_FILES_ROOT) / "reports"


def report_folder(report: Report) -> Path:
    return reports_root() / (report.country_id or "regional") / str(report.pk)


def file_name(report: Report, kind: str) -> str:
    if report.kind == Report.Kind.REGIONAL:
        return f"regional-comparison-v{report.number}.{kind}"
    return f"{report.country_id}-mapping-report-v{report.number}.{kind}"


def stored_file(report: Report, kind: str) -> Path | None:
    """The file of a finished report, or None (not done, unknown kind, or gone)."""
    if report.status != JobStatus.DONE or kind not in FILE_KINDS:
        return None
    relative = getattr(report, f"{kind}_path")
    if not relative:
        return None
    root = Path(settings.PRIVATE_FILES_ROOT).resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


REPORT_STOPPED = JobMessages(
    gave_up=gettext_lazy(
        "The report could not be compiled: the worker stopped %(n)s times while "
        "compiling it. Try again, or ask an administrator to look at the worker's logs."
    ),
    too_long=gettext_lazy(
        "The report took longer than %(minutes)s minutes to compile and was stopped."
    ),
    crashed=gettext_lazy(
        "The report could not be compiled because of an unexpected error "
        "(%(error)s). The error is in the worker's log; compiling again may work once "
        "it is fixed."
    ),
)


def report_compile(*, report_id: int) -> str:
    """Compile the report version `report_id`; returns its status afterwards."""
    run_job(
        Report, report_id, _compile, messages=REPORT_STOPPED, cleanup=_remove_scratch
    )
    return Report.objects.values_list("status", flat=True).get(pk=report_id)


def _remove_scratch(report: Report) -> None:
    """Remove the scratch folders of attempts whose worker was killed."""
    for stale in report_folder(report).glob("tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _compile(report: Report) -> None:
    # Every heading, label, chart and method note in the report's language, whoever's
    # worker compiles it.
    with translation.override(report.language or "en"):
        _compile_in_language(report)


def _compile_in_language(report: Report) -> None:
    from surveys.reports import charts, country, regional, render

    report.mark_progress(5)
    started = time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        if report.kind == Report.Kind.REGIONAL:
            countries = list(Country.objects.filter(pk__in=report.countries))
            if len(countries) != len(report.countries):
                raise ApplicationError(
                    _("A country of this comparison no longer exists.")
                )
            tables = regional.regional_tables(countries, report.cutoff_at)
        elif report.release_id is not None:
            tables = release_tables(report)
        else:
            assert report.country is not None
            tables = country.country_tables(
                country.Scope(report.country, report.cutoff_at)
            )
    aggregation_seconds = time.monotonic() - started
    query_count = len(queries)
    report.mark_progress(50)

    started = time.monotonic()
    tables["charts"] = (
        regional.regional_charts(tables)
        if report.kind == Report.Kind.REGIONAL
        else charts.country_charts(tables)
    )
    meta = report_meta(report)
    folder = report_folder(report)
    folder.mkdir(parents=True, exist_ok=True)
    scratch = folder / f"tmp-{report.attempts}-{uuid.uuid4().hex[:8]}"
    scratch.mkdir()
    try:
        written = {kind: scratch / file_name(report, kind) for kind in FILE_KINDS}
        document = render.html_document(tables, meta)
        written["html"].write_text(document, encoding="utf-8")
        report.mark_progress(60)
        render.write_pdf(document, written["pdf"])
        report.mark_progress(85)
        render.write_xlsx(tables, meta, written["xlsx"])
        report.mark_progress(95)
        render_seconds = time.monotonic() - started
        _hold_for_tests()
        _publish(
            report.pk,
            written,
            tables=tables,
            aggregation_seconds=aggregation_seconds,
            render_seconds=render_seconds,
            query_count=query_count,
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def release_tables(report: Report) -> dict[str, Any]:
    """The tables frozen when the report's release was accepted, in its language."""
    frozen = ReleaseTables.objects.filter(
        release=report.release, language=report.language or "en"
    ).first()
    if frozen is None:
        raise ApplicationError(
            _("The release has no tables in this language: compile it in English.")
        )
    return dict(frozen.tables)


def _publish(
    report_id: int,
    written: dict[str, Path],
    *,
    tables: dict[str, Any],
    aggregation_seconds: float,
    render_seconds: float,
    query_count: int,
) -> None:
    """Move the three files to their final names and mark the row done, atomically for
    anyone reading the row: the row says done only once all three are in place."""
    root = Path(settings.PRIVATE_FILES_ROOT)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.is_finished:
            return
        folder = report_folder(report)
        for kind, path in written.items():
            final = folder / path.name
            os.replace(path, final)
            setattr(report, f"{kind}_path", str(final.relative_to(root)))
        report.mark_done(
            tables=tables,
            aggregation_seconds=round(aggregation_seconds, 3),
            render_seconds=round(render_seconds, 3),
            query_count=query_count,
        )


def _hold_for_tests() -> None:
    hold = os.environ.get(HOLD_FILE_VARIABLE)
    while hold and os.path.exists(hold):
        time.sleep(0.2)


def _utc(moment: datetime.datetime) -> str:
    return (
        date_format(timezone.localtime(moment, datetime.UTC), "DATETIME_FORMAT")
        + " UTC"
    )


def report_meta(
    report: Report, *, compiled_at: datetime.datetime | None = None
) -> dict[str, Any]:
    """What the cover, the page header and the workbook's first sheet say."""
    if report.kind == Report.Kind.REGIONAL:
        names = ", ".join(
            country_name(country)
            for country in Country.objects.filter(pk__in=report.countries).order_by(
                "pk"
            )
        )
        title = _("Regional comparison: %(countries)s") % {"countries": names}
        subtitle = ""
    else:
        assert report.country is not None
        title = _("Country mapping report: %(country)s") % {
            "country": country_name(report.country)
        }
        # The local name under the title, unless the title already gives it.
        subtitle = report.country.name_local
        if subtitle == country_name(report.country):
            subtitle = ""
    return {
        "language": report.language or "en",
        "subtitle_language": local_language(report.country_id),
        "title": title,
        "subtitle": subtitle,
        "version": report.number,
        "cutoff_label": _utc(report.cutoff_at),
        "compiled_label": _utc(compiled_at or timezone.now()),
        "requested_by": report.requested_by.get_username(),
        "built_from": _(
            "Built only from findings validated by the national advisory "
            "committees and unchanged since the data cut-off."
        ),
        **_release_meta(report),
    }


def _release_meta(report: Report) -> dict[str, Any]:
    """What the cover says of the release a country report was compiled from, or
    that it is a working draft."""
    if report.kind != Report.Kind.COUNTRY:
        return {}
    release = report.release
    if release is None:
        return {"draft": True, "release_label": _("Draft, not released")}
    date = date_format(
        timezone.localtime(release.accepted_at, datetime.UTC), "DATE_FORMAT"
    )
    return {
        "draft": False,
        "release_label": release.label,
        "release_date": date,
        "built_from": _(
            "Built from release %(label)s: the findings validated by the national "
            "advisory committee and accepted by staff on %(date)s. The same release "
            "always gives the same numbers."
        )
        % {"label": release.label, "date": date},
    }
