"""The entity map's cluster endpoint: the whole country, a region, and a town."""

from __future__ import annotations

from django.db.models import Max, Min
from django.test import Client
from django.urls import reverse

from benchmarks.harness import Context
from benchmarks.stats import Result
from benchmarks.timing import api_budget, measure_request, request_result
from countries.models import AdminArea

LIMIT = 0.100


def _views(context: Context) -> list[tuple[str, int, tuple[float, ...]]]:
    """(name, zoom, south-west-north-east) as a person pans in from the country."""
    areas = AdminArea.objects.current().filter(country=context.country, level=1)
    edges = areas.aggregate(
        south=Min("centroid_lat"),
        north=Max("centroid_lat"),
        west=Min("centroid_lon"),
        east=Max("centroid_lon"),
    )
    south, north = float(edges["south"]) - 1, float(edges["north"]) + 1
    west, east = float(edges["west"]) - 1, float(edges["east"]) + 1
    capital = areas.exclude(centroid_lat=None).order_by("code").first()
    assert capital is not None
    lat, lon = float(capital.centroid_lat), float(capital.centroid_lon)  # type: ignore[arg-type]
    return [
        ("whole country", 6, (south, west, north, east)),
        ("a region", 9, (lat - 1, lon - 1.5, lat + 1, lon + 1.5)),
        ("a town", 13, (lat - 0.06, lon - 0.1, lat + 0.06, lon + 0.1)),
    ]


def measure_map(context: Context) -> list[Result]:
    code = context.country.code
    api = Client()
    token = {"Authorization": f"Token {context.token}"}
    results = []
    with api_budget():
        for name, zoom, (south, west, north, east) in _views(context):
            url = (
                f"{reverse('api-entity-map-clusters')}?country={code}&zoom={zoom}"
                f"&south={south:.4f}&west={west:.4f}&north={north:.4f}&east={east:.4f}"
            )
            figures = measure_request(context, api, url, floor="all", headers=token)
            results.append(
                request_result(
                    "map",
                    f"API entity map clusters, {name} (country {code}, zoom {zoom})",
                    figures,
                    limit=LIMIT,
                    floor_label="its queries replayed as raw SQL",
                )
            )
    return results
