"""Reading entities, scoped to the user."""

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
    country_list,
)
from surveys.models import (
    Entity,
    EntityFigures,
)


def entity_list(*, user: AnyUser, country: Country | None = None) -> QuerySet[Entity]:
    entities = Entity.objects.visible_to(user)
    if country is not None:
        entities = entities.in_country(country)
    return entities.select_related("area", "legal_form", "main_activity", "country")


def entity_get(*, user: AnyUser, pk: int) -> Entity:
    return get_object_or_404(
        entity_list(user=user)
        .select_related("former_legal_form", "assessment")
        .prefetch_related(
            "other_areas",
            Prefetch(
                "figures",
                queryset=EntityFigures.objects.select_related("source").order_by(
                    "-reference_year"
                ),
            ),
        ),
        pk=pk,
    )


def entity_list_in_country(*, user: AnyUser, country: Country) -> QuerySet[Entity]:
    """One country's entities for a list page, scoped to the user like entity_list.

    The scope is a subquery on the countries the user may read, rather than
    visible_to's membership join and DISTINCT: at 100 000 entities a DISTINCT over
    whole rows costs about half a second a page on PostgreSQL, while this walks the
    (country, -updated_at, -id) index and answers in milliseconds.
    """
    from countries.selectors import country_list

    return (
        Entity.objects.filter(country__in=country_list(user=user))
        .in_country(country)
        .select_related("area", "legal_form", "main_activity", "country")
    )


# --- Reads for the REST API (appended for issue 5) ----------------------------------------


def entity_list_for_api(*, user: AnyUser) -> QuerySet[Entity]:
    """Entities of every country the user reads, for the API's cursor-paged list.

    Scoped like entity_list, but by the user's country codes written into the query
    rather than visible_to's membership join and DISTINCT: for one country a page is
    then a backward walk of the (country, -updated_at, -id) index, a few milliseconds
    at 500 000 rows, where a join or a subquery makes PostgreSQL sort the country.
    """
    from countries.selectors import has_all_countries

    entities = Entity.objects.all()
    if not has_all_countries(user):
        codes = list(country_list(user=user).values_list("code", flat=True))
        entities = entities.filter(country_id__in=codes)
    return entities.select_related("area", "legal_form", "main_activity", "country")
