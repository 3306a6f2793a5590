"""The task running a queued task's row, and the sweep that sends again what never
reached a worker, or whose worker died."""

from celery import shared_task
from celery.signals import worker_ready

from surveys.jobs.outbox import (
    JOB_TASKS,
    job_send,
    notification_send,
    notifications_to_send,
    queued_task_send,
    queued_tasks_to_send,
)
from surveys.jobs.runner import jobs_to_resume, queued_task_run

__all__ = ["JOB_TASKS", "resume_jobs", "run_queued_task"]


@shared_task(
    name="surveys.jobs.tasks.run_queued_task",
    acks_late=True,
    reject_on_worker_lost=True,
)
def run_queued_task(pk: int) -> bool:
    """Run a task written to the outbox (`surveys.jobs.outbox.task_queue`) once."""
    return queued_task_run(pk)


@shared_task(name="surveys.jobs.tasks.resume_jobs")
def resume_jobs(stale_after: int | None = None, lost_after: int = 600) -> int:
    """Send the unsent job requests, queued tasks and notifications, the jobs a dead
    worker left behind (no heartbeat for `stale_after` seconds, JOB_STALE_SECONDS by
    default), and the queued jobs and unfinished queued tasks sent more than
    `lost_after` seconds ago; returns how many."""
    sent = 0
    found = jobs_to_resume(JOB_TASKS, stale_after=stale_after, lost_after=lost_after)
    for model, pk in found:
        sent += job_send(model, pk)
    for pk in queued_tasks_to_send(lost_after=lost_after):
        sent += queued_task_send(pk)
    for pk in notifications_to_send():
        sent += notification_send(pk)
    return sent


def _resume_jobs_when_ready(**kwargs: object) -> None:
    # A worker that starts after another was killed picks up its job at once (whose
    # lock is free: nobody runs it), instead of waiting for its heartbeat to go stale
    # or for the broker's visibility timeout; and sends every queued job again, since
    # a killed worker may have taken its message with it (a job sent twice runs once).
    resume_jobs.delay(stale_after=0, lost_after=0)


worker_ready.connect(_resume_jobs_when_ready, weak=False)
