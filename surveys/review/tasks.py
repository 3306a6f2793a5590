from celery import shared_task


@shared_task(name="surveys.review.tasks.deliver_notification")
def deliver_notification(notification_id: int) -> int:
    """Send one notification (a decision's mail, a digest's) unless already sent."""
    # Imported here: notifications import the workflow, which imports the outbox.
    from surveys.review.notifications import notification_deliver_mail

    return notification_deliver_mail(notification_id=notification_id)


@shared_task(name="surveys.review.tasks.send_review_digest")
def send_review_digest() -> int:
    """Daily: queue one digest per committee member; returns how many."""
    from surveys.review.notifications import review_digest_send

    return review_digest_send()
