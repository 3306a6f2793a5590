"""The sweep that sends again what never reached a worker, or whose worker died."""

from celery import shared_task
from celery.signals import worker_ready

from surveys.jobs.outbox import (
    JOB_TASKS,
    job_send,
    notification_send,
    notifications_to_send,
)
from surveys.jobs.runner import jobs_to_resume

__all__ = ["JOB_TASKS", "resume_jobs"]


@shared_task(name="surveys.jobs.tasks.resume_jobs")
def resume_jobs(stale_after: int | None = None) -> int:
    """Send the unsent job requests and notifications, and the jobs a dead worker left
    behind (no heartbeat for `stale_after` seconds, JOB_STALE_SECONDS by default);
    returns how many were sent."""
    sent = 0
    for model, pk in jobs_to_resume(JOB_TASKS, stale_after=stale_after):
        sent += job_send(model, pk)
    for pk in notifications_to_send():
        sent += notification_send(pk)
    return sent


def _resume_jobs_when_ready(**kwargs: object) -> None:
    # A worker that starts after another was killed picks up its job at once (whose
    # lock is free: nobody runs it), instead of waiting for its heartbeat to go stale
    # or for the broker's visibility timeout.
    resume_jobs.delay(stale_after=0)


worker_ready.connect(_resume_jobs_when_ready, weak=False)
