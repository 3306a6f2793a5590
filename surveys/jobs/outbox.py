"""Job requests, tasks and notifications go through the database before the broker.

A job row (export, import, report), a queued task row (a task with no job row of its
own) or a notification row is written in the transaction of the user's action, and
handed to the broker once that transaction commits. If the broker cannot be reached the
failure is logged and the action still succeeds: the row stays unsent (`sent_at` empty)
and the sweep (`surveys.jobs.tasks.resume_jobs`, run by beat every minute and when a
worker starts) sends it again. The runner's claim makes a job or a queued task run once
however many times it is sent; a notification is marked delivered in the transaction
that claims it.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string
from kombu.exceptions import OperationalError

from surveys.jobs.runner import job_is_orphaned
from surveys.models import (
    ExportJob,
    ImportJob,
    Job,
    Notification,
    QueuedTask,
    Release,
    Report,
)

logger = logging.getLogger(__name__)

# Every kind of job row, and the task that runs one, by its name, which is also its
# dotted path: imported when sent, so the runner depends on no feature.
JOB_TASKS: dict[type[Job], str] = {
    ExportJob: "surveys.exports.tasks.run_export",
    ImportJob: "surveys.imports.tasks.run_import",
    Report: "surveys.reports.tasks.compile_report",
    Release: "surveys.releases.tasks.accept_release",
}
NOTIFICATION_TASK = "surveys.review.tasks.deliver_notification"
# The task that runs a queued task's row (`surveys.jobs.runner.queued_task_run`).
QUEUED_TASK = "surveys.jobs.tasks.run_queued_task"
# Kinds whose mails another app writes when they are delivered: the function, by its
# dotted path, takes the notification and returns how many mails went out.
NOTIFICATION_WRITERS: dict[str, str] = {
    Notification.Kind.PASSWORD_REQUEST: "accounts.passwords.password_request_deliver",
}
# The wait after a failed delivery doubles from the first to the longest.
RETRY_FIRST_WAIT = datetime.timedelta(minutes=1)
RETRY_LONGEST_WAIT = datetime.timedelta(hours=2)


def job_send_on_commit(job: Job) -> None:
    """Send the job's task once the transaction that saved the row commits."""
    model, pk = type(job), job.pk
    transaction.on_commit(lambda: job_send(model, pk))


def job_send(model: type[Job], pk: int) -> bool:
    """Hand the job to the broker and record it; False (logged) if that failed."""
    if not _send(JOB_TASKS[model], pk, what=f"{model._meta.label} {pk}"):
        return False
    model._default_manager.filter(pk=pk).update(sent_at=timezone.now())
    return True


def notification_queue(
    *,
    kind: str,
    decision_id: int | None = None,
    state: str = "",
    subject: str = "",
    body: str = "",
    recipients: list[str] | None = None,
) -> Notification:
    """Write a notification in the current transaction; sent to the broker on commit."""
    notification = Notification.objects.create(
        kind=kind,
        decision_id=decision_id,
        state=state,
        subject=subject,
        body=body,
        recipients=recipients or [],
    )
    pk = notification.pk
    transaction.on_commit(lambda: notification_send(pk))
    return notification


def notification_send(pk: int) -> bool:
    """Hand the notification to the broker and record it; False (logged) if not."""
    # Marked before it is sent: a delivery that fails at once (the worker may be
    # quick, or the task run in-process) clears it for the sweep, and must not be
    # overwritten afterwards.
    now = timezone.now()
    Notification.objects.filter(pk=pk, delivered_at__isnull=True).update(sent_at=now)
    if not _send(NOTIFICATION_TASK, pk, what=f"notification {pk}"):
        Notification.objects.filter(pk=pk, sent_at=now).update(sent_at=None)
        return False
    return True


def notification_deliver(*, pk: int, send: Callable[[Notification], int]) -> int:
    """Send the notification once: claimed and marked delivered in one transaction.

    The row stays locked while `send` talks to the mail server and is marked delivered
    in the same transaction, so a second delivery of the same task sends nothing. If the
    process dies after the mail server accepted the mail and before the commit, the
    mail is sent again by the next delivery: at least once, in that rare case.

    A delivery that fails is counted with its error and tried again by the sweep
    after a wait that doubles each time, up to NOTIFICATION_MAX_ATTEMPTS; then the row
    is marked failed for staff to see. `send` records each address it mailed in
    `delivered_to`, and skips those already there.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .filter(pk=pk, delivered_at__isnull=True, failed_at__isnull=True)
            .first()
        )
        if notification is None:
            return 0
        if notification.next_attempt_at and notification.next_attempt_at > (
            timezone.now()
        ):
            return 0
        try:
            # A savepoint: a database error inside `send` leaves the row writable.
            with transaction.atomic():
                sent = send(notification)
        except Exception as error:  # noqa: BLE001 - any failure is retried, not lost
            _delivery_failed(notification, error)
            return 0
        notification.mark_delivered()
        notification.save()
        return sent


def _delivery_failed(notification: Notification, error: Exception) -> None:
    limit = settings.NOTIFICATION_MAX_ATTEMPTS
    wait = min(RETRY_FIRST_WAIT * 2**notification.attempts, RETRY_LONGEST_WAIT)
    notification.mark_attempt_failed(
        f"{type(error).__name__}: {error}"[:2000], limit=limit, wait=wait
    )
    notification.save()
    if notification.failed_at:
        logger.error(
            "notification %s given up after %d attempts: %s",
            notification.pk,
            notification.attempts,
            notification.error,
        )
    else:
        logger.warning(
            "notification %s not delivered (attempt %d of %d), tried again after %s: %s",
            notification.pk,
            notification.attempts,
            limit,
            notification.next_attempt_at,
            notification.error,
        )


def notification_retry(*, notification: Notification) -> bool:
    """Try a given-up notification again from the start; whether it will be. A mail
    whose secret was forgotten (a password link) cannot be: a new one is asked for."""
    if notification.failed_at is None or notification.delivered_at is not None:
        return False
    if notification.kind in Notification.SECRET_KINDS:
        return False
    Notification.objects.filter(pk=notification.pk).update(
        failed_at=None, next_attempt_at=None, sent_at=None, attempts=0
    )
    pk = notification.pk
    transaction.on_commit(lambda: notification_send(pk))
    return True


def notifications_failed() -> QuerySet[Notification]:
    return Notification.objects.filter(
        failed_at__isnull=False, delivered_at__isnull=True
    ).order_by("-failed_at")


def mail_once(
    notification: Notification,
    address: str,
    subject: str,
    body: str,
    *,
    key: str = "",
) -> int:
    """Mail one address unless this notification already reached it (or the
    recipient `key` names, when one address serves several accounts)."""
    mark = f"{address}#{key}" if key else address
    if mark in notification.delivered_to:
        return 0
    sent = send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    notification.delivered_to.append(mark)
    return sent


def notifications_to_send(
    *, unsent_after: int = 10, lost_after: int = 600
) -> list[int]:
    """Notifications never handed to the broker (or failed and due again), or handed
    long ago and not delivered; none that was given up."""
    now = timezone.now()
    return list(
        Notification.objects.filter(delivered_at__isnull=True, failed_at__isnull=True)
        .filter(
            Q(
                sent_at__isnull=True,
                created_at__lt=now - datetime.timedelta(seconds=unsent_after),
            )
            & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            | Q(sent_at__lt=now - datetime.timedelta(seconds=lost_after))
        )
        .values_list("pk", flat=True)
    )


def task_queue(task_name: str, *args: object) -> QueuedTask:
    """Write a task that has no job row of its own (`task_name` is its dotted path,
    `args` JSON) in the current transaction; sent to the broker on commit, and by the
    sweep until it has run."""
    queued = QueuedTask.objects.create(task=task_name, args=list(args))
    pk = queued.pk
    transaction.on_commit(lambda: queued_task_send(pk))
    return queued


def queued_task_send(pk: int) -> bool:
    """Hand the queued task to the broker and record it; False (logged) if not."""
    if not _send(QUEUED_TASK, pk, what=f"queued task {pk}"):
        return False
    QueuedTask.objects.filter(pk=pk, finished_at__isnull=True).update(
        sent_at=timezone.now()
    )
    return True


def queued_tasks_to_send(*, unsent_after: int = 10, lost_after: int = 600) -> list[int]:
    """Queued tasks never handed to the broker, or handed long ago and not finished
    (the broker lost the message, the worker died or the task failed) and run by no
    worker now."""
    now = timezone.now()
    found = (
        QueuedTask.objects.filter(finished_at__isnull=True)
        .filter(
            Q(
                sent_at__isnull=True,
                created_at__lt=now - datetime.timedelta(seconds=unsent_after),
            )
            | Q(sent_at__lt=now - datetime.timedelta(seconds=lost_after))
        )
        .values_list("pk", flat=True)
    )
    return [pk for pk in found if job_is_orphaned(QueuedTask, pk)]


def _send(task_name: str, *args: object, what: str) -> bool:
    try:
        import_string(task_name).apply_async(args=list(args))
    except (OperationalError, OSError):
        # The action that asked for it is saved; the sweep sends it when the broker is
        # back. Never fail the user's request for it.
        logger.warning("could not send %s to the broker; the sweep will", what)
        return False
    return True
