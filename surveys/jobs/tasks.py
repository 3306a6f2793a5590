from celery import Task, shared_task
from celery.signals import worker_ready

from surveys.exports.tasks import run_export
from surveys.imports.tasks import run_import
from surveys.jobs.runner import jobs_to_resume
from surveys.models import ExportJob, ImportJob, Job, Report
from surveys.reports.tasks import compile_report

# Every kind of job row, and the task that runs one.
JOB_TASKS: dict[type[Job], Task] = {
    ExportJob: run_export,
    ImportJob: run_import,
    Report: compile_report,
}


@shared_task(name="surveys.jobs.tasks.resume_jobs")
def resume_jobs() -> int:
    """Send again the jobs a dead worker left behind; returns how many."""
    found = jobs_to_resume(JOB_TASKS)
    for model, pk in found:
        JOB_TASKS[model].delay(pk)
    return len(found)


def _resume_jobs_when_ready(**kwargs: object) -> None:
    # A worker that starts after another was killed picks up its job at once, instead
    # of waiting for the broker's visibility timeout.
    resume_jobs.delay()


worker_ready.connect(_resume_jobs_when_ready, weak=False)
