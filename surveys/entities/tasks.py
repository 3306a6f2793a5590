from celery import shared_task

from countries.models import Country
from surveys.entities.classification import country_reclassify


@shared_task(name="surveys.entities.tasks.reclassify_country")
def reclassify_country(country_code: str) -> int:
    """Re-classify a country's entities after its national definition's rule changed."""
    return country_reclassify(country=Country.objects.get(pk=country_code))
