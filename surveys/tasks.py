"""Celery doors to the services: each task takes ids, loads, and calls one service."""

from celery import shared_task

from countries.models import Country
from surveys.models import ReviewDecision
from surveys.services import country_reclassify


@shared_task(name="surveys.tasks.reclassify_country")
def reclassify_country(country_code: str) -> int:
    """Re-classify a country's entities after its national definition's rule changed."""
    return country_reclassify(country=Country.objects.get(pk=country_code))


@shared_task(name="surveys.tasks.notify_decision")
def notify_decision(decision_id: int) -> int:
    from surveys.notifications import decision_notify

    decision = ReviewDecision.objects.select_related("reviewer", "content_type").get(
        pk=decision_id
    )
    return decision_notify(decision=decision)


@shared_task(name="surveys.tasks.send_review_digest")
def send_review_digest() -> int:
    from surveys.notifications import review_digest_send

    return review_digest_send()
