from celery import shared_task

from surveys.models import ReviewDecision


@shared_task(name="surveys.review.tasks.notify_decision")
def notify_decision(decision_id: int, state: str = "") -> int:
    """Mail a decision; `state` is the record's state the decision left it in."""
    # Imported here: notifications import the workflow, which imports this module.
    from surveys.review.notifications import decision_notify

    decision = ReviewDecision.objects.select_related("reviewer", "content_type").get(
        pk=decision_id
    )
    return decision_notify(decision=decision, state=state)


@shared_task(name="surveys.review.tasks.send_review_digest")
def send_review_digest() -> int:
    # Imported here, as above: notifications import the workflow.
    from surveys.review.notifications import review_digest_send

    return review_digest_send()
