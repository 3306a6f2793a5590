"""The entity map's cluster endpoint: the whole country, a region, and a town; the
borderline entities of the country; and, for staff, every country at once, all of
them and the borderline ones."""

from __future__ import annotations

from django.db.models import Max, Min
from django.test import Client
from django.urls import reverse

from benchmarks.harness import Context
from benchmarks.stats import Result
from benchmarks.timing import api_budget, measure_request, request_result
from countries.authentication import api_token_create
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


# Every study country in one view, as the staff map opens: (south, west, north, east).
ALL_COUNTRIES = (4.0, 68.0, 54.0, 121.0)
ALL_COUNTRIES_ZOOM = 4


def _url(zoom: int, box: tuple[float, ...], **params: str) -> str:
    south, west, north, east = box
    query = "".join(f"{name}={value}&" for name, value in params.items())
    return (
        f"{reverse('api-entity-map-clusters')}?{query}zoom={zoom}"
        f"&south={south:.4f}&west={west:.4f}&north={north:.4f}&east={east:.4f}"
    )


def measure_map(context: Context) -> list[Result]:
    code = context.country.code
    api = Client()
    _, staff_token = api_token_create(user=context.staff, name="benchmark harness")
    consultant = {"Authorization": f"Token {context.token}"}
    staff = {"Authorization": f"Token {staff_token}"}
    views = _views(context)
    whole_country = views[0]
    requests = [
        (
            f"{name} (country {code}, zoom {zoom})",
            _url(zoom, box, country=code),
            consultant,
        )
        for name, zoom, box in views
    ]
    requests += [
        (
            f"borderline only, whole country (country {code}, zoom {whole_country[1]})",
            _url(
                whole_country[1],
                whole_country[2],
                country=code,
                classification="BORDERLINE",
            ),
            consultant,
        ),
        (
            f"all countries for staff (zoom {ALL_COUNTRIES_ZOOM})",
            _url(ALL_COUNTRIES_ZOOM, ALL_COUNTRIES),
            staff,
        ),
        (
            f"all countries for staff, borderline only (zoom {ALL_COUNTRIES_ZOOM})",
            _url(ALL_COUNTRIES_ZOOM, ALL_COUNTRIES, classification="BORDERLINE"),
            staff,
        ),
    ]
    results = []
    with api_budget():
        for name, url, token in requests:
            figures = measure_request(context, api, url, floor="all", headers=token)
            results.append(
                request_result(
                    "map",
                    f"API entity map clusters, {name}",
                    figures,
                    limit=LIMIT,
                    floor_label="its queries replayed as raw SQL",
                )
            )
    return results
