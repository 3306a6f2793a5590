"""The map pages: entities on a map (a country's, or all for staff) and coverage."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from countries.models import AdminArea, Country
from countries.selectors import country_get
from surveys.dashboard import selectors as dashboard_selectors
from surveys.dashboard.views import coverage_context
from surveys.entities import selectors as entities_selectors
from surveys.entities.filters import EntityFilter
from surveys.form_helpers import page_require
from surveys.maps.base import map_base
from surveys.maps.coverage import area_coverage
from surveys.view_errors import errors_as_pages


def map_config(
    request: HttpRequest, country: Country | None, **extra: Any
) -> dict[str, Any]:
    """What a page's map script reads: where to ask, the areas' centres, the base
    layer."""
    found = AdminArea.objects.visible_to(request.user).current().filter(level=1)
    if country is not None:
        found = found.filter(country=country)
    areas = list(found.order_by("name_en"))
    return {
        "country": country.code if country else "",
        "areas": [
            {"name": area.name_en, "lat": float(lat), "lon": float(lon)}
            for area, lat, lon in (
                (area, area.centroid_lat, area.centroid_lon) for area in areas
            )
            if lat is not None and lon is not None
        ],
        **map_base(area.country_id for area in areas),
        "labels": {
            "inView": _("%(n)s entities on the map in this view"),
            "withoutCoordinates": _("%(n)s without coordinates, not on the map"),
            "open": _("Open"),
            "type": _("SSE type"),
            "classification": _("Classification"),
            "state": _("Workflow state"),
            "failed": _("The map could not be loaded. Try again."),
            "entities": _("entities"),
        },
        **extra,
    }


def _map_page(
    request: HttpRequest, country: Country | None, clear_url: str
) -> HttpResponse:
    entities = entities_selectors.entity_list(user=request.user, country=country)
    entity_filter = EntityFilter(
        request.GET or None, queryset=entities, country=country
    )
    filtering = any(
        request.GET.get(name) for name in entity_filter.filters if name != "sort"
    )
    return render(
        request,
        "surveys/maps/entity_map.html",
        {
            "country": country,
            "filter": entity_filter,
            "filtering": filtering,
            "clear_url": clear_url,
            "count": entity_filter.qs.count(),
            "map_config": map_config(
                request, country, api=reverse("api-entity-map-clusters")
            ),
        },
    )


@login_required
@errors_as_pages
@require_GET
def entity_map_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    return _map_page(request, country, reverse("entity-map", args=[country.code]))


@login_required
@errors_as_pages
@require_GET
def entity_map_all_view(request: HttpRequest) -> HttpResponse:
    page_require(request, "map.all")
    return _map_page(request, None, reverse("entity-map-all"))


@login_required
@errors_as_pages
@require_GET
def coverage_map_view(request: HttpRequest, code: str) -> HttpResponse:
    """Entities per first-level area as circles at the areas' centres, beside the
    case-selection coverage matrix: regions and sectors with no case stand out."""
    country = country_get(user=request.user, code=code)
    areas = area_coverage(
        entities=entities_selectors.entity_list(user=request.user, country=country),
        user=request.user,
        country_code=country.code,
    )
    list_url = reverse("entity-list", args=[country.code])
    for area in areas:
        area["url"] = f"{list_url}?area={area['pk']}"
    return render(
        request,
        "surveys/maps/coverage_map.html",
        {
            "country": country,
            "areas": areas,
            "coverage": coverage_context(
                country, dashboard_selectors.coverage_matrix(country=country)
            ),
            "map_config": map_config(request, country, coverage=areas),
        },
    )
