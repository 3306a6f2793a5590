"""Reading entities and the sources of their figures, scoped to the user."""

from __future__ import annotations

from django.db.models import (
    Prefetch,
    QuerySet,
)
from django.shortcuts import get_object_or_404

from countries.models import (
    Country,
)
from countries.selectors import (
    AnyUser,
)
from sse_mapping.planner import joins_in_written_order
from surveys.models import (
    Affiliation,
    Entity,
    EntityFigures,
    LegalFormChange,
    Source,
)


def entity_list(*, user: AnyUser, country: Country | None = None) -> QuerySet[Entity]:
    """The entities the user may read, of one country or of all theirs."""
    entities = Entity.objects.visible_to(user)
    if country is not None:
        entities = entities.in_country(country)
    return entities.select_related("area", "legal_form", "main_activity", "country")


def entity_get(*, user: AnyUser, pk: int) -> Entity:
    with joins_in_written_order():
        return _entity_get(user=user, pk=pk)


def _entity_get(*, user: AnyUser, pk: int) -> Entity:
    return get_object_or_404(
        entity_list(user=user)
        .select_related(
            "former_legal_form",
            "assessment",
            # Whom the page and the answer name: its author, its last editor, the
            # assessor.
            "created_by",
            "updated_by",
            "assessment__assessed_by",
        )
        .prefetch_related(
            "other_areas",
            Prefetch(
                "legal_form_changes",
                queryset=LegalFormChange.objects.select_related("from_form", "to_form"),
            ),
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.select_related("federation"),
            ),
            Prefetch(
                "figures",
                queryset=EntityFigures.objects.select_related("source").order_by(
                    "-reference_year"
                ),
            ),
        ),
        pk=pk,
    )


def source_list(*, user: AnyUser, country: Country) -> QuerySet[Source]:
    return Source.objects.visible_to(user).in_country(country)
