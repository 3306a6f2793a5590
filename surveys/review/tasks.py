import logging
import smtplib

from celery import Task, shared_task

from surveys.models import ReviewDecision

logger = logging.getLogger(__name__)


@shared_task(
    name="surveys.review.tasks.notify_decision",
    bind=True,
    # A mail server that is down or refuses for a while: try again later, spaced out.
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=8,
)
def notify_decision(self: Task, decision_id: int, state: str = "") -> int:
    """Mail a decision; `state` is the record's state the decision left it in."""
    # Imported here: notifications import the workflow, which imports this module.
    from surveys.review.notifications import decision_notify

    decision = ReviewDecision.objects.select_related("reviewer", "content_type").get(
        pk=decision_id
    )
    return decision_notify(decision=decision, state=state)


def decision_mail_queue(decision_id: int, state: str) -> None:
    """Queue the mail about a decision once it is saved. A mail that cannot be queued
    or sent is logged; the decision stands (the task retries what it can)."""
    try:
        notify_decision.delay(decision_id, state)
    except Exception:
        logger.exception(
            "The mail about review decision %s could not be sent.", decision_id
        )


@shared_task(name="surveys.review.tasks.send_review_digest")
def send_review_digest() -> int:
    # Imported here, as above: notifications import the workflow.
    from surveys.review.notifications import review_digest_send

    return review_digest_send()
