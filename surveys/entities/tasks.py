from typing import Any

from celery import shared_task
from django.contrib.auth import get_user_model

from countries.models import Country
from surveys.entities.classification import country_reclassify, draft_effect_compute
from surveys.models import NationalDefinition


@shared_task(name="surveys.entities.tasks.reclassify_country")
def reclassify_country(country_code: str, by_id: int | None = None) -> int:
    """Re-classify a country's entities after the rule in force changed."""
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    return country_reclassify(country=Country.objects.get(pk=country_code), by=by)


@shared_task(name="surveys.entities.tasks.compute_draft_effect")
def compute_draft_effect(definition_id: int) -> dict[str, Any] | None:
    """Classify the country's entities under a draft definition, saving only the
    summary on the definition."""
    definition = (
        NationalDefinition.objects.select_related("country")
        .filter(pk=definition_id)
        .first()
    )
    if definition is None:
        return None
    return draft_effect_compute(definition)
