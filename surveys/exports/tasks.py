from celery import shared_task

from surveys.exports import export_expire, export_run


@shared_task(
    name="surveys.exports.tasks.run_export", acks_late=True, reject_on_worker_lost=True
)
def run_export(job_id: int) -> None:
    export_run(job_id=job_id)


@shared_task(name="surveys.exports.tasks.expire_exports")
def expire_exports() -> int:
    """Daily: remove expired export files."""
    return export_expire()
