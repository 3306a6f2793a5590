from celery import shared_task

from surveys.imports import import_run


@shared_task(
    name="surveys.imports.tasks.run_import", acks_late=True, reject_on_worker_lost=True
)
def run_import(job_id: int) -> None:
    import_run(job_id=job_id)


@shared_task(name="surveys.imports.tasks.expire_import_files")
def expire_import_files() -> int:
    """Daily: remove old import uploads and problem reports."""
    from surveys.imports import import_files_expire

    return import_files_expire()
