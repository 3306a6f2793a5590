"""The sweep that sends again the jobs a dead worker left behind."""

from celery import shared_task
from celery.signals import worker_ready
from django.utils.module_loading import import_string

from surveys.jobs.runner import jobs_to_resume
from surveys.models import ExportJob, ImportJob, Job, Report

# Every kind of job row, and the task that runs one, by its name, which is also its
# dotted path: imported when the sweep runs, so the runner depends on no feature.
JOB_TASKS: dict[type[Job], str] = {
    ExportJob: "surveys.exports.tasks.run_export",
    ImportJob: "surveys.imports.tasks.run_import",
    Report: "surveys.reports.tasks.compile_report",
}


@shared_task(name="surveys.jobs.tasks.resume_jobs")
def resume_jobs() -> int:
    """Send again the jobs a dead worker left behind; returns how many."""
    found = jobs_to_resume(JOB_TASKS)
    for model, pk in found:
        import_string(JOB_TASKS[model]).delay(pk)
    return len(found)


def _resume_jobs_when_ready(**kwargs: object) -> None:
    # A worker that starts after another was killed picks up its job at once, instead
    # of waiting for the broker's visibility timeout.
    resume_jobs.delay()


worker_ready.connect(_resume_jobs_when_ready, weak=False)
