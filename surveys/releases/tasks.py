from celery import shared_task


@shared_task(
    name="surveys.releases.tasks.accept_release",
    acks_late=True,
    reject_on_worker_lost=True,
)
def accept_release(release_id: int) -> str:
    """Take the snapshot of a release staff accepted."""
    from surveys.releases.jobs import release_take

    return release_take(release_id=release_id)
