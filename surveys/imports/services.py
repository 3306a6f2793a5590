"""Imports as job rows: upload → check → (decide on duplicates) → confirm → commit.

The check and the commit run on the exports queue. The commit is one transaction,
the job row's last update included: a file either is imported whole, with its audit
events, or changes nothing.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from typing import Any

from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countries.models import Country
from countries.names import country_name
from countries.selectors import AnyUser
from sse_mapping.exceptions import ApplicationError
from surveys import access, audit
from surveys.entities import services as entities_services
from surveys.imports import kept as kept_rows
from surveys.imports import reading
from surveys.imports import writing as imports_writing
from surveys.imports.checking import check_moment, check_rows
from surveys.imports.duplicates import bulk_decision, undecided
from surveys.imports.files import problems_report_write
from surveys.imports.parsing import Problem
from surveys.imports.plans import CREATE, UNDECIDED, UPDATE, Outcome, Plan
from surveys.imports.reading import (
    MAX_UPLOAD_BYTES,
    FileRefused,
    Sheet,
    read_spreadsheet,
)
from surveys.imports.rows import SourceRow, mapped_rows, template_rows
from surveys.imports.survey import builtin_mapping, export_tool
from surveys.jobs.outbox import job_send_on_commit
from surveys.jobs.runner import (
    JobMessages,
    exclusive_lock,
    private_path,
    relative_path,
    run_job,
)
from surveys.models import ColumnMapping, Entity, ImportJob, JobStatus

logger = logging.getLogger(__name__)

# The page shows this many problems; the downloadable report has them all.
ERRORS_SHOWN = 200
ACCEPTED_EXTENSIONS = ("csv", "xlsx", "xls", "txt", "tsv")
IMPORT_STOPPED = JobMessages(
    gave_up=gettext_lazy(
        "The job was interrupted %(n)d times and has stopped. Please try again."
    ),
    too_long=gettext_lazy(
        "The import took longer than %(minutes)s minutes and was stopped: nothing was "
        "imported. Split the file and try again."
    ),
    crashed=gettext_lazy(
        "The import failed because of an error on the server. Nothing was imported. "
        "The error has been logged; please try again later."
    ),
)


# --- Starting and confirming ---------------------------------------------------------------


@transaction.atomic
def import_start(
    *,
    user: AnyUser,
    country: Country,
    file: UploadedFile,
    kind: str,
    mapping: ColumnMapping | None = None,
) -> ImportJob:
    """Keep the uploaded file and queue its check. Nothing is imported yet."""
    access.require(user, "import.start", country=country)
    name = (file.name or "upload").rsplit("/", 1)[-1][-200:]
    if kind not in ImportJob.Kind.values:
        raise ApplicationError(
            _("Choose what kind of file this is."),
            field_errors={"kind": [_("Unknown kind “%s”.") % kind]},
        )
    if (file.size or 0) > MAX_UPLOAD_BYTES:
        raise ApplicationError(
            _("The file is too large."),
            field_errors={
                "file": [
                    _(
                        "“%(name)s” is %(size).1f MB; files can be at most %(max)d MB. "
                        "Split it into several files."
                    )
                    % {
                        "name": name,
                        "size": (file.size or 0) / 1024 / 1024,
                        "max": MAX_UPLOAD_BYTES // 1024 // 1024,
                    }
                ]
            },
        )
    if kind == ImportJob.Kind.TEMPLATE:
        mapping = None
    elif mapping is not None and (
        mapping.country_id != country.code or mapping.tool != kind
    ):
        raise ApplicationError(
            _("Choose the column mapping of this survey."),
            field_errors={
                "mapping": [
                    _("Choose a saved %(tool)s mapping of %(country)s.")
                    % {
                        "tool": ColumnMapping.Tool(kind).label,
                        "country": country_name(country),
                    }
                ]
            },
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else "csv"
    if extension not in ACCEPTED_EXTENSIONS:
        extension = "bin"
    path = private_path(f"imports/{country.code}/{uuid.uuid4().hex}.{extension}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        for chunk in file.chunks():
            out.write(chunk)
    job = ImportJob.objects.create(
        country=country,
        kind=kind,
        mapping=mapping,
        original_filename=name,
        file_path=relative_path(path),
        requested_by=user,  # type: ignore[misc]
        requester_language=translation.get_language() or "",
    )
    job_send_on_commit(job)
    return job


@transaction.atomic
def import_confirm(
    *,
    user: AnyUser,
    job: ImportJob,
    decisions: dict[str, str],
    for_the_rest: str = "",
) -> ImportJob:
    """Commit a checked file, with a decision on each possible duplicate. A row left
    without one takes `for_the_rest` ("skip", "create" or "update"), where it can."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    access.require(user, "import.start", country=job.country)
    if job.stage in (ImportJob.Stage.COMMITTING, ImportJob.Stage.IMPORTED):
        # A second confirm (a double click, a retried request) of a commit already
        # under way or done changes nothing.
        return job
    if job.stage != ImportJob.Stage.READY or job.status != JobStatus.DONE:
        raise ApplicationError(
            _("This import is %(stage)s and cannot be confirmed.")
            % {"stage": job.get_stage_display()}
        )
    choices = {d["id"]: d["choices"] for d in job.duplicates}
    # The rows decided on other pages of the decision page, unless decided again.
    decisions = {
        **(job.duplicate_decisions or {}),
        **{key: value for key, value in decisions.items() if value},
    }
    decisions = {
        key: decisions.get(key) or bulk_decision(allowed, for_the_rest)
        for key, allowed in choices.items()
    }
    missing = [
        key for key, allowed in choices.items() if decisions.get(key) not in allowed
    ]
    if missing:
        rows = ", ".join(key.lstrip("r") for key in missing)
        raise ApplicationError(
            _("Decide what to do with each possible duplicate (rows %(rows)s).")
            % {"rows": rows},
            field_errors={key: [_("Choose one.")] for key in missing},
        )
    claimed = ImportJob.objects.filter(
        pk=job.pk, stage=ImportJob.Stage.READY, status=JobStatus.DONE
    ).update(
        duplicate_decisions={key: decisions[key] for key in choices},
        stage=ImportJob.Stage.COMMITTING,
        status=JobStatus.QUEUED,
        progress=0,
        attempts=0,
        error="",
        # A new request of the job: not sent yet (the check's sending is long past).
        sent_at=None,
    )
    job.refresh_from_db()
    if claimed:
        job_send_on_commit(job)
    return job


@transaction.atomic
def import_decisions_save(
    *, user: AnyUser, job: ImportJob, decisions: dict[str, str]
) -> ImportJob:
    """Keep decisions on some possible duplicates (one page of them) until the import
    is confirmed; a row's decision replaces the one it had."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    access.require(user, "import.start", country=job.country)
    if job.stage != ImportJob.Stage.READY or job.status != JobStatus.DONE:
        raise ApplicationError(
            _("This import is %(stage)s: its decisions can no longer change.")
            % {"stage": job.get_stage_display()}
        )
    choices = {d["id"]: d["choices"] for d in job.duplicates}
    refused = [
        key for key, value in decisions.items() if value not in choices.get(key, ())
    ]
    if refused:
        raise ApplicationError(
            _(
                "Some decisions are not among the choices of their rows. Reload the page."
            )
        )
    job.duplicate_decisions = {**(job.duplicate_decisions or {}), **decisions}
    job.save(update_fields=["duplicate_decisions"])
    return job


# --- Reading jobs ---------------------------------------------------------------------------


def import_job_list(*, user: AnyUser, country: Country) -> QuerySet[ImportJob]:
    return (
        ImportJob.objects.visible_to(user)
        .in_country(country)
        .filter(requested_by=user)  # type: ignore[misc]
        .select_related("mapping")
    )


def import_job_get(*, user: AnyUser, pk: int) -> ImportJob:
    """One of the user's imports, in a country they still belong to; else 404."""
    return get_object_or_404(
        ImportJob.objects.visible_to(user)
        .filter(requested_by=user)  # type: ignore[misc]
        .select_related("country", "mapping"),
        pk=pk,
    )


def import_progress(job: ImportJob) -> int:
    """Progress of a commit lives in the cache (Redis, or files every process reads):
    the row itself is inside the commit's transaction, invisible to others until it
    ends, and on SQLite not writable by any other connection meanwhile."""
    if job.stage == ImportJob.Stage.COMMITTING and job.status == JobStatus.RUNNING:
        return int(cache.get(_progress_key(job.pk), job.progress))
    return job.progress


def _progress_key(pk: int) -> str:
    return f"import-progress:{pk}"


# --- Running --------------------------------------------------------------------------------


def import_run(*, job_id: int) -> None:
    """Check a file, or commit it: whichever stage the job is in. Safe to run again."""
    run_job(ImportJob, job_id, _run_stage, messages=IMPORT_STOPPED)


def _run_stage(job: ImportJob) -> None:
    if job.stage == ImportJob.Stage.VALIDATING:
        _validate(job)
    elif job.stage == ImportJob.Stage.COMMITTING:
        _commit(job)
    else:
        ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.DONE)


def _check(
    job: ImportJob,
    *,
    decisions: dict[str, str] | None,
    known_duplicates: list[dict[str, Any]] | None = None,
    written_since: datetime.datetime | None = None,
) -> Outcome:
    # The commit of a file its check kept starts from the rows as checked.
    kept = kept_rows.rows_kept(job) if decisions is not None else None
    rows: list[SourceRow] = []
    if not kept:
        rows, refused = _file_rows(job)
        if refused is not None:
            return refused
    total = len(rows)
    return check_rows(
        country=job.country,
        kind=job.kind,
        rows=rows,
        parsed=kept or None,
        decisions=decisions,
        known_duplicates=known_duplicates,
        written_since=written_since,
        progress=lambda done: job.mark_progress(done, total),
    )


def _file_rows(job: ImportJob) -> tuple[list[SourceRow], Outcome | None]:
    """The file's rows in the template's columns, or the outcome that refuses it. The
    sheet as read is let go here: the check keeps only the rows."""
    try:
        sheet = read_spreadsheet(private_path(job.file_path), max_rows=reading.MAX_ROWS)
    except FileRefused as refusal:
        return [], Outcome(problems=[Problem(None, "", "", refusal.message)])
    except FileNotFoundError:
        return [], Outcome(
            problems=[
                Problem(
                    None,
                    "",
                    "",
                    _("The uploaded file is no longer kept. Upload it again."),
                )
            ]
        )
    rows, problems = _source_rows(job, sheet)
    if problems:
        return [], Outcome(problems=problems, row_count=len(sheet.rows))
    if not rows:
        return [], Outcome(
            problems=[
                Problem(None, "", "", _("The file has column names but no data rows."))
            ]
        )
    return rows, None


def _source_rows(job: ImportJob, sheet: Sheet) -> tuple[list[SourceRow], list[Problem]]:
    """The file's rows in the template's columns: read as the template, through the
    job's mapping, or, for an export of the platform's XLSForm, through the mapping
    its question names make."""
    if job.mapping is not None:
        return mapped_rows(sheet, job.mapping)
    tool = export_tool(sheet.headers)
    if job.kind == ImportJob.Kind.TEMPLATE and tool is None:
        return template_rows(sheet)
    columns = builtin_mapping(tool or job.kind, sheet.headers)
    if columns is None:
        return [], [
            Problem(
                None,
                "",
                "",
                _(
                    "This file is not an export of the platform's form (XLSForm): "
                    "its questions do not have the platform's names. Choose the "
                    "column mapping of this survey, or make one under Survey "
                    "mappings."
                ),
            )
        ]
    if tool is not None and job.kind != tool:
        # Re-imports of the same submissions find the entities they created.
        ImportJob.objects.filter(pk=job.pk).update(kind=tool)
        job.kind = tool
    return mapped_rows(sheet, ColumnMapping(tool=job.kind, columns=columns))


def _validate(job: ImportJob) -> None:
    checked_from = check_moment(job.country)
    outcome = _check(job, decisions=None)
    if outcome.problems:
        kept_rows.rows_forget(job)
    else:
        kept_rows.rows_keep(job, outcome.parsed)
    ImportJob.objects.filter(pk=job.pk).update(checked_from=checked_from)
    _record_check(job, outcome, stage_if_fine=ImportJob.Stage.READY)


def _record_check(job: ImportJob, outcome: Outcome, *, stage_if_fine: str) -> None:
    report = problems_report_write(job, outcome.problems)
    counts = outcome.counts(job.duplicate_decisions or {})
    created, updated = counts.get(CREATE, 0), counts.get(UPDATE, 0)
    # Rows waiting for a decision on a possible duplicate are in none of the three.
    waiting = counts.get(UNDECIDED, 0)
    with transaction.atomic():
        _locked(job).mark_done(
            row_count=outcome.row_count,
            error_count=len(outcome.problems),
            errors=[p.as_dict() for p in outcome.problems[:ERRORS_SHOWN]],
            notes=[note.as_dict() for note in outcome.notes[:ERRORS_SHOWN]],
            report_path=relative_path(report) if report else "",
            duplicates=outcome.duplicates,
            stage=ImportJob.Stage.INVALID if outcome.problems else stage_if_fine,
            # Before the commit these say what it will do.
            created_count=created,
            updated_count=updated,
            skipped_count=len(outcome.plans) - created - updated - waiting,
        )
    job.refresh_from_db()


def _locked(job: ImportJob) -> ImportJob:
    """The job's row, locked, without its look-alikes and decisions: as large as the
    file, and not what is written at the end."""
    return (
        ImportJob.objects.select_for_update()
        .defer("duplicates", "duplicate_decisions")
        .get(pk=job.pk)
    )


def _commit(job: ImportJob) -> None:
    # One commit at a time per country: the check below then sees every entity an
    # earlier commit wrote, and asks about look-alikes instead of duplicating them.
    with exclusive_lock("import-commit", job.country_id):
        _commit_locked(job)


def _commit_locked(job: ImportJob) -> None:
    decisions = dict(job.duplicate_decisions or {})
    checked_from = check_moment(job.country)
    outcome = _check(
        job,
        decisions=decisions,
        known_duplicates=_stored_duplicates(job),
        written_since=job.checked_from,
    )
    if outcome.problems:
        _record_check(job, outcome, stage_if_fine=ImportJob.Stage.READY)
        return
    waiting = undecided(outcome, decisions)
    if waiting:
        # The database changed since the check: new look-alikes need a decision.
        ImportJob.objects.filter(pk=job.pk).update(checked_from=checked_from)
        _record_check(job, outcome, stage_if_fine=ImportJob.Stage.READY)
        ImportJob.objects.filter(pk=job.pk).update(
            error=_(
                "New possible duplicates appeared since the file was checked. Decide "
                "on them and confirm again."
            )
        )
        return
    outcome.keep_only_what_is_written()
    try:
        with transaction.atomic():
            counts = _apply(job, outcome.plans)
            _locked(job).mark_done(
                stage=ImportJob.Stage.IMPORTED,
                created_count=counts[CREATE],
                updated_count=counts[UPDATE],
                skipped_count=counts["skipped"],
                error_count=0,
                errors=[],
                notes=[note.as_dict() for note in outcome.notes[:ERRORS_SHOWN]],
            )
        kept_rows.rows_forget(job)
    except _PlanRefused as refused:
        # A rule the check did not foresee: the transaction wrote nothing.
        error = refused.error
        problem = Problem(
            refused.row,
            ", ".join(error.field_errors),
            "",
            "; ".join(
                [error.message]
                + [m for messages in error.field_errors.values() for m in messages]
            ),
        )
        _record_check(
            job,
            Outcome(problems=[problem], row_count=outcome.row_count),
            stage_if_fine=ImportJob.Stage.READY,
        )
    finally:
        cache.delete(_progress_key(job.pk))


def _stored_duplicates(job: ImportJob) -> list[dict[str, Any]]:
    """The look-alikes the check found, read for the commit's check alone (the runner
    does not load them with the job: `ImportJob.read_apart`)."""
    return list(
        ImportJob.objects.filter(pk=job.pk).values_list("duplicates", flat=True).get()
    )


def _apply(job: ImportJob, plans: list[Plan]) -> dict[str, int]:
    """Write every plan through the services, so that derived fields, versions and
    audit events are exactly those of the same change made on the pages."""
    by = job.requested_by
    country = job.country
    note = _("Imported from “%(file)s” (import %(pk)d).") % {
        "file": job.original_filename,
        "pk": job.pk,
    }
    total = len(plans) or 1

    reported = -1

    def progress(done: int) -> None:
        nonlocal reported
        percent = min(99, int(done * 100 / total))
        if percent != reported:
            reported = percent
            cache.set(_progress_key(job.pk), percent, 3600)

    counts = {CREATE: 0, UPDATE: 0, "skipped": 0}
    new: list[imports_writing.NewEntity] = []
    rows: list[int] = []
    for done, plan in enumerate(plans, start=1):
        progress(done)
        if plan.action == CREATE:
            new.append(
                imports_writing.NewEntity(
                    data=plan.data,
                    figures={year: plan.years[year][1] for year in plan.changed_years},
                    external_source=job.kind if plan.external_id else "",
                    external_id=plan.external_id,
                    alike_recorded=plan.alike_recorded,
                    checked=True,
                )
            )
            rows.append(plan.first_row)
        elif plan.action == UPDATE:
            try:
                _update(job, plan, by=by, note=note)
            except ApplicationError as error:
                raise _PlanRefused(plan.first_row, error) from error
            counts[UPDATE] += 1
        else:
            counts["skipped"] += 1
    created = 0

    def progress_creating(done: int) -> None:
        nonlocal created
        created = done
        progress(total - len(new) + done)

    try:
        imports_writing.entities_import_create(
            country=country,
            by=by,
            entities=new,
            note=note,
            progress=progress_creating,
            checked_from=job.checked_from,
        )
    except ApplicationError as error:
        # The entity after the last one created is the one refused.
        raise _PlanRefused(rows[min(created, len(rows) - 1)], error) from error
    counts[CREATE] = len(new)
    return counts


class _PlanRefused(Exception):
    def __init__(self, row: int, error: ApplicationError) -> None:
        super().__init__(error.message)
        self.row = row
        self.error = error


def _update(job: ImportJob, plan: Plan, *, by: Any, note: str) -> Entity:
    assert plan.existing is not None
    entity = plan.existing
    if plan.entity_changed:
        entity = entities_services.entity_update(
            entity=entity, by=by, data=plan.data, expected_version=None
        )
    if plan.external_id and entity.external_id != plan.external_id:
        Entity.objects.filter(pk=entity.pk).update(
            external_source=job.kind, external_id=plan.external_id
        )
    for year in plan.changed_years:
        _row, figures = plan.years[year]
        entities_services.figures_save(
            entity=entity,
            by=by,
            reference_year=year,
            data=figures,
            expected_version=None,
        )
    audit.audit(record=entity, by=by, action="imported", note=note)
    return entity
