from celery import shared_task

from surveys.exports import export_expire, export_run
from surveys.imports import import_files_expire


@shared_task(
    name="surveys.exports.tasks.run_export", acks_late=True, reject_on_worker_lost=True
)
def run_export(job_id: int) -> None:
    export_run(job_id=job_id)


@shared_task(name="surveys.exports.tasks.expire_exports")
def expire_exports() -> int:
    """Daily: remove expired export files and old import uploads."""
    return export_expire() + import_files_expire()
