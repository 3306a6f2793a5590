from celery import shared_task
from celery.signals import worker_ready

from surveys.exports.tasks import run_export
from surveys.imports.tasks import run_import


@shared_task(name="surveys.jobs.tasks.resume_jobs")
def resume_jobs() -> int:
    """Send again the export and import jobs a dead worker left behind."""
    from surveys.jobs.runner import jobs_to_resume

    found = jobs_to_resume()
    for kind, pk in found:
        (run_export if kind == "export" else run_import).delay(pk)
    return len(found)


def _resume_jobs_when_ready(**kwargs: object) -> None:
    # A worker that starts after another was killed picks up its job at once, instead
    # of waiting for the broker's visibility timeout.
    resume_jobs.delay()


worker_ready.connect(_resume_jobs_when_ready, weak=False)
