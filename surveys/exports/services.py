"""Exports as job rows: asked for on a page or the API, written by a Celery worker.

A consultant or committee member exports their own country's validated records; staff
export any country and may include records not yet validated (every row then says its
state). The file is private: only its requester downloads it, through a view that
checks access again, until it expires.
"""

from __future__ import annotations

import datetime
import logging
import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countries.models import Country
from countries.names import country_name
from countries.selectors import AnyUser
from sse_mapping.exceptions import ApplicationError
from surveys import access
from surveys.display import display_value
from surveys.entities.filters import EntityFilter
from surveys.exports.rows import code_labels
from surveys.exports.writers.context import Checkpoint, ExportContext
from surveys.exports.writers.csv import write_csv, write_csv_copy
from surveys.exports.writers.geojson import write_geojson
from surveys.exports.writers.jsonld import write_jsonld
from surveys.exports.writers.xlsx import TooManyRows, write_xlsx
from surveys.jobs.outbox import job_send_on_commit
from surveys.jobs.runner import JobMessages, private_path, relative_path, run_job
from surveys.models import Entity, ExportJob, JobStatus

logger = logging.getLogger(__name__)

# Files are kept this long, then removed by the daily `expire_exports` task.
EXPORT_KEEP = datetime.timedelta(days=7)
# Unfinished exports one person may have at a time (each is a worker's whole minute).
MAX_WAITING_EXPORTS = 5
EXTENSIONS = {
    ExportJob.Format.CSV: "csv",
    ExportJob.Format.XLSX: "xlsx",
    ExportJob.Format.GEOJSON: "geojson",
    ExportJob.Format.JSONLD: "jsonld",
}
# The entity-list parameters that are not filters.
NOT_FILTERS = ("sort", "page")
EXPORT_STOPPED = JobMessages(
    gave_up=gettext_lazy(
        "The job was interrupted %(n)d times and has stopped. Please try again."
    ),
    too_long=gettext_lazy("The export took too long. Filter it, or export as CSV."),
    crashed=gettext_lazy(
        "The export failed because of an error on the server. It has been logged; "
        "please try again later."
    ),
)


class ExportRefused(Exception):
    """The export cannot be made as asked; the message says why."""


class ExportGone(Exception):
    """The export's file has expired."""


# --- Filters ---------------------------------------------------------------------------


def filter_names() -> list[str]:
    return [name for name in EntityFilter.base_filters if name not in NOT_FILTERS]


def export_filters_clean(
    *, country: Country, data: Mapping[str, Any]
) -> dict[str, str]:
    """The entity-list filters to keep with an export: known, valid and not empty."""
    filters = {
        name: str(data.get(name)).strip()
        for name in filter_names()
        if str(data.get(name) or "").strip()
    }
    entity_filter = EntityFilter(
        filters, queryset=Entity.objects.none(), country=country
    )
    if not entity_filter.is_valid():
        raise ApplicationError(
            _("These filters cannot be used for an export."),
            field_errors={
                name: [str(m) for m in messages]
                for name, messages in entity_filter.errors.items()
            },
        )
    return filters


def filters_described(
    *, country: Country, filters: dict[str, str]
) -> list[tuple[str, str]]:
    """(label, value as a person reads it) for each filter of an export."""
    if not filters:
        return []
    entity_filter = EntityFilter(
        filters, queryset=Entity.objects.none(), country=country
    )
    if not entity_filter.is_valid():
        return list(filters.items())
    described = []
    for name, raw in filters.items():
        field = entity_filter.form.fields[name]
        value = entity_filter.form.cleaned_data.get(name)
        described.append(
            (str(field.label), str(display_value(field, name, value, empty=raw)))
        )
    return described


# --- Asking for an export ----------------------------------------------------------------


@transaction.atomic
def export_request(
    *,
    user: AnyUser,
    country: Country,
    format: str,
    filters: Mapping[str, Any] | None = None,
    include_unvalidated: bool = False,
    per_year: bool = False,
    values: str = ExportJob.Values.CODES,
) -> ExportJob:
    """Queue an export of a country's entities, as filtered on the entity list.

    With `values` "labels", coded columns are written as their labels in the language
    active now (the requester's), for CSV and XLSX."""
    access.require(user, "export.request", country=country)
    if include_unvalidated:
        access.require(user, "export.unvalidated")
    if format not in ExportJob.Format.values:
        raise ApplicationError(
            _("Choose one of the formats: %(formats)s.")
            % {"formats": ", ".join(ExportJob.Format.labels)},
            field_errors={"format": [_("Unknown format “%s”.") % format]},
        )
    if values not in ExportJob.Values.values:
        raise ApplicationError(
            _("Choose codes or labels for the coded columns."),
            field_errors={"values": [_("Unknown choice “%s”.") % values]},
        )
    cleaned = export_filters_clean(country=country, data=filters or {})
    waiting = ExportJob.objects.filter(
        requested_by=user,  # type: ignore[misc]
        status__in=(JobStatus.QUEUED, JobStatus.RUNNING),
    ).count()
    if waiting >= MAX_WAITING_EXPORTS:
        raise ApplicationError(
            _(
                "You already have %(n)d exports waiting. Please wait until one of "
                "them is done."
            )
            % {"n": waiting}
        )
    job = ExportJob.objects.create(
        country=country,
        format=format,
        filters=cleaned,
        include_unvalidated=include_unvalidated,
        per_year=per_year,
        values=values,
        language=translation.get_language() or "",
        requested_by=user,  # type: ignore[misc]
        requester_language=translation.get_language() or "",
    )
    job_send_on_commit(job)
    return job


# --- Reading jobs ----------------------------------------------------------------------


def export_job_list(*, user: AnyUser, country: Country) -> QuerySet[ExportJob]:
    """The user's own exports of one country, newest first."""
    return (
        ExportJob.objects.visible_to(user)
        .in_country(country)
        .filter(requested_by=user)  # type: ignore[misc]
        .select_related("country", "requested_by")
    )


def export_job_get(*, user: AnyUser, pk: int) -> ExportJob:
    """One of the user's exports, in a country they still belong to; else 404."""
    return get_object_or_404(
        ExportJob.objects.visible_to(user)
        .filter(requested_by=user)  # type: ignore[misc]
        .select_related("country"),
        pk=pk,
    )


def export_file(job: ExportJob) -> tuple[Path, str]:
    """The file of a finished export and the name to download it under."""
    now = timezone.now()
    if job.status != JobStatus.DONE:
        raise ExportRefused(_("This export is not ready."))
    if not job.file_path or (job.expires_at and job.expires_at <= now):
        raise ExportGone
    path = private_path(job.file_path)
    if not path.exists():
        raise ExportGone
    return path, export_filename(job)


def export_filename(job: ExportJob) -> str:
    return (
        f"{job.country_id}-entities-{job.created_at:%Y%m%d}-{job.pk}."
        f"{EXTENSIONS[ExportJob.Format(job.format)]}"
    )


# --- Running ---------------------------------------------------------------------------


def export_entities(job: ExportJob) -> QuerySet[Entity]:
    """What the export holds, scoped again to what its requester may read now."""
    user = job.requested_by
    if not access.can(user, "export.request", country=job.country):
        raise ExportRefused(
            _("%(user)s can no longer export the records of %(country)s.")
            % {"user": user.get_username(), "country": country_name(job.country)}
        )
    entities = Entity.objects.visible_to(user).in_country(job.country)
    if not (job.include_unvalidated and access.can(user, "export.unvalidated")):
        entities = entities.validated()
    entity_filter = EntityFilter(
        job.filters or None, queryset=entities, country=job.country
    )
    if job.filters and not entity_filter.is_valid():
        raise ExportRefused(
            _("The filters of this export are no longer valid: %(errors)s")
            % {"errors": entity_filter.errors.as_text()}
        )
    return entity_filter.qs


def export_path(job: ExportJob) -> Path:
    extension = EXTENSIONS[ExportJob.Format(job.format)]
    return private_path(f"exports/{job.country_id}/export-{job.pk}.{extension}")


def export_run(*, job_id: int) -> None:
    """Write an export's file. Safe to run twice, or after a worker died mid-way: the
    file is written under a temporary name and renamed when complete. A CSV written in
    Python goes on after the last entity an interrupted attempt wrote; the other
    formats start again."""
    run_job(
        ExportJob, job_id, _export, messages=EXPORT_STOPPED, cleanup=_remove_scratch
    )


def _part_path(job: ExportJob) -> Path:
    final = export_path(job)
    return final.with_name(f"{final.stem}.part{final.suffix}")


def _remove_scratch(job: ExportJob) -> None:
    """Before an attempt and when the export fails: remove what an attempt left (the
    half-written file, the workbook's scratch folder), except a CSV the next attempt
    goes on writing."""
    part = _part_path(job)
    if job.status != JobStatus.FAILED and _resume_point(job, part) is not None:
        return
    part.unlink(missing_ok=True)
    shutil.rmtree(part.with_name(f"{part.stem}.tmp"), ignore_errors=True)
    if job.checkpoint:
        job.checkpoint = {}
        ExportJob.objects.filter(pk=job.pk).update(checkpoint={})


def _resume_point(job: ExportJob, part: Path) -> Checkpoint | None:
    """Where an interrupted attempt stopped, if this attempt can go on from there: a
    CSV written in Python whose file holds at least what the checkpoint says."""
    checkpoint = job.checkpoint
    if not checkpoint or job.format != ExportJob.Format.CSV or _csv_by_copy(job):
        return None
    if not part.exists() or part.stat().st_size < int(checkpoint["bytes"]):
        return None
    return Checkpoint(
        after=str(checkpoint["after"]),
        entities=int(checkpoint["entities"]),
        rows=int(checkpoint["rows"]),
        bytes=int(checkpoint["bytes"]),
    )


def _csv_by_copy(job: ExportJob) -> bool:
    """A CSV of codes on PostgreSQL is written by COPY, in one statement."""
    return connection.vendor == "postgresql" and job.values != ExportJob.Values.LABELS


def _export(job: ExportJob) -> None:
    final = export_path(job)
    part = _part_path(job)
    try:
        rows, entity_count = _write(job, part)
        os.replace(part, final)
    except ExportRefused as refusal:
        raise ApplicationError(str(refusal)) from refusal
    except TooManyRows as error:
        raise ApplicationError(
            _(
                "Too many rows for one XLSX sheet (at most 1 048 575). Export as "
                "CSV, or filter the entities."
            )
        ) from error
    with transaction.atomic():
        ExportJob.objects.select_for_update().get(pk=job.pk).mark_done(
            row_count=rows,
            file_path=relative_path(final),
            file_size=final.stat().st_size,
            expires_at=timezone.now() + EXPORT_KEEP,
            checkpoint={},
        )
    logger.info("export %s: %s rows of %s entities", job.pk, rows, entity_count)


def _write(job: ExportJob, part: Path) -> tuple[int, int]:
    with translation.override(job.language or None):
        return _write_in_language(job, part)


def _write_in_language(job: ExportJob, part: Path) -> tuple[int, int]:
    entities = export_entities(job)
    total = entities.count()
    labels = (
        code_labels(job.country)
        if job.values == ExportJob.Values.LABELS
        and job.format in (ExportJob.Format.CSV, ExportJob.Format.XLSX)
        else None
    )
    context = ExportContext(
        country=job.country,
        requested_by=job.requested_by.get_username(),
        requested_at=job.created_at,
        filters=filters_described(country=job.country, filters=job.filters),
        include_unvalidated=job.include_unvalidated,
        per_year=job.per_year,
        entity_count=total,
        progress=lambda done: job.mark_progress(done, total),
        labels=labels,
    )
    part.parent.mkdir(parents=True, exist_ok=True)
    if job.format == ExportJob.Format.XLSX:
        # The workbook's rows wait in temporary files; under a name of this job's own,
        # so that a run after a killed one clears what it left.
        scratch = part.with_name(f"{part.stem}.tmp")
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir()
        try:
            rows = write_xlsx(entities, part, context, scratch=scratch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return rows, total
    writer = {
        ExportJob.Format.CSV: write_csv_copy if _csv_by_copy(job) else write_csv,
        ExportJob.Format.GEOJSON: write_geojson,
        ExportJob.Format.JSONLD: write_jsonld,
    }[ExportJob.Format(job.format)]
    if writer is write_csv:
        context.resume = _resume_point(job, part)
        context.checkpoint = job.mark_checkpoint
    with part.open("r+b" if context.resume else "wb") as out:
        return writer(entities, out, context), total


# --- Expiry ----------------------------------------------------------------------------


def export_expire(*, now: datetime.datetime | None = None) -> int:
    """Remove the files of expired exports (and any a dead worker left half-written).
    Returns how many exports expired."""
    now = now or timezone.now()
    expired = 0
    for job in ExportJob.objects.filter(expires_at__lte=now).exclude(file_path=""):
        private_path(job.file_path).unlink(missing_ok=True)
        ExportJob.objects.filter(pk=job.pk).update(file_path="")
        expired += 1
    exports = private_path("exports")
    day_ago = (now - datetime.timedelta(days=1)).timestamp()
    if exports.exists():
        for leftover in exports.glob("*/*.part.*"):
            if leftover.stat().st_mtime < day_ago:
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)
    return expired
