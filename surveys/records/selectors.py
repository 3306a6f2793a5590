"""Reading case studies, capacity gaps and national definitions, scoped to the user."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    Prefetch,
    QuerySet,
)
from django.shortcuts import get_object_or_404

from countries.models import (
    Country,
    NationalPriority,
)
from countries.selectors import (
    AnyUser,
)
from countries.vocabularies import Actor
from surveys.models import (
    CapacityGap,
    CaseStudy,
    NationalDefinition,
    Recommendation,
)


def case_study_list(
    *, user: AnyUser, country: Country | None = None
) -> QuerySet[CaseStudy]:
    records = CaseStudy.objects.visible_to(user)
    if country is not None:
        records = records.in_country(country)
    return records.select_related("area", "area__macro_region", "country")


def case_study_get(*, user: AnyUser, pk: int) -> CaseStudy:
    return get_object_or_404(
        case_study_list(user=user).prefetch_related("entities", "attachments"), pk=pk
    )


def capacity_gap_list(
    *, user: AnyUser, country: Country | None = None
) -> QuerySet[CapacityGap]:
    records = CapacityGap.objects.visible_to(user)
    if country is not None:
        records = records.in_country(country)
    return records.select_related("national_priority", "country")


def capacity_gap_get(*, user: AnyUser, pk: int) -> CapacityGap:
    return get_object_or_404(
        capacity_gap_list(user=user).prefetch_related(
            "affected_areas", "recommendations"
        ),
        pk=pk,
    )


def national_definition_list(
    *, user: AnyUser, country: Country | None = None
) -> QuerySet[NationalDefinition]:
    records = NationalDefinition.objects.visible_to(user)
    if country is not None:
        records = records.in_country(country)
    return records.select_related("country")


def national_definition_get(*, user: AnyUser, pk: int) -> NationalDefinition:
    return get_object_or_404(
        national_definition_list(user=user).prefetch_related("elements"), pk=pk
    )


def national_priorities_with_gaps(*, user: AnyUser, country: Country) -> dict[str, Any]:
    """The country's national priorities, each with the capacity gaps linked to it
    (`priority.gaps`, most severe first), and the gaps linked to none."""
    gaps = capacity_gap_list(user=user, country=country).order_by("-severity", "title")
    priorities = (
        NationalPriority.objects.filter(country=country)
        .order_by("code")
        .prefetch_related(Prefetch("capacity_gaps", queryset=gaps, to_attr="gaps"))
    )
    return {
        "priorities": priorities,
        "unlinked": gaps.filter(national_priority__isnull=True),
    }


def recommendations_by_actor(
    *, gap: CapacityGap
) -> list[tuple[str, list[Recommendation]]]:
    """The gap's recommendations grouped by the actor they address, actors in the
    order of the vocabulary; actors with none are left out."""
    grouped: dict[str, list[Recommendation]] = {code: [] for code in Actor.values}
    for recommendation in gap.recommendations.all():
        grouped.setdefault(recommendation.actor, []).append(recommendation)
    labels = dict(Actor.choices)
    return [
        (str(labels.get(code, code)), rows) for code, rows in grouped.items() if rows
    ]
