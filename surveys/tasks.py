"""Celery doors to the services: each task takes ids, loads, and calls one service."""

from celery import shared_task

from countries.models import Country
from surveys.services import country_reclassify


@shared_task(name="surveys.tasks.reclassify_country")
def reclassify_country(country_code: str) -> int:
    """Re-classify a country's entities after its national definition's rule changed."""
    return country_reclassify(country=Country.objects.get(pk=country_code))
