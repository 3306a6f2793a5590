from celery import shared_task


@shared_task(
    name="surveys.exports.tasks.run_export", acks_late=True, reject_on_worker_lost=True
)
def run_export(job_id: int) -> None:
    from surveys.exports import export_run

    export_run(job_id=job_id)


@shared_task(name="surveys.exports.tasks.expire_exports")
def expire_exports() -> int:
    """Daily: remove expired export files."""
    from surveys.exports import export_expire

    return export_expire()
