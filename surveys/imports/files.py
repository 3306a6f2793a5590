"""The files an import keeps beside its job row: the uploaded file, the rows its check
parsed, and the report of the problems found; and their removal after a while."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

from django.utils import timezone

from surveys.imports import kept as kept_rows
from surveys.imports.parsing import Problem
from surveys.jobs.runner import private_path
from surveys.models import ImportJob
from surveys.spreadsheet import neutralised

REPORT_HEADER = ("row", "column", "value", "problem", "allowed")


def import_report_path(job: ImportJob) -> Path | None:
    if not job.report_path:
        return None
    path = private_path(job.report_path)
    return path if path.exists() else None


def problems_report_write(job: ImportJob, problems: list[Problem]) -> Path | None:
    """Every problem as a CSV a consultant can sort and filter beside their file."""
    path = private_path(f"imports/{job.country_id}/import-{job.pk}-problems.csv")
    if not problems:
        path.unlink(missing_ok=True)
        return None
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(REPORT_HEADER)
    for problem in problems:
        writer.writerow(
            [
                "" if problem.row is None else problem.row,
                problem.column,
                neutralised(problem.value),
                problem.message,
                problem.allowed,
            ]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_bytes(("\ufeff" + output.getvalue()).encode())
    part.replace(path)
    return path


# Uploaded files and problem reports are kept this long.
IMPORT_FILES_KEEP = datetime.timedelta(days=30)


def import_files_expire(*, now: datetime.datetime | None = None) -> int:
    """Remove old uploads and reports; the job rows stay as the record of the import."""
    now = now or timezone.now()
    removed = 0
    old = ImportJob.objects.filter(created_at__lt=now - IMPORT_FILES_KEEP).exclude(
        stage__in=(ImportJob.Stage.VALIDATING, ImportJob.Stage.COMMITTING)
    )
    for job in old.only("pk", "file_path", "report_path"):
        kept_rows.rows_forget(job)
        for relative in (job.file_path, job.report_path):
            if relative:
                path = private_path(relative)
                if path.exists():
                    path.unlink()
                    removed += 1
    return removed
