"""The public directory: no sign-in, read-only, cached. Every page renders as for a
signed-out visitor, so a proxy may serve it to anyone."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from countries.languages import LANGUAGE_CODES
from countries.models import AdminArea
from countries.vocabularies import Classification, PrioritySector, SseType
from surveys.maps.base import map_base
from surveys.public import changes, labels, opendata, selectors
from surveys.public.caching import etag, public
from surveys.public.fields import public_entity
from surveys.public.licences import licence_name, licence_url
from surveys.reports.jobs import stored_file

PAGE_SIZE = 25


def _render(
    request: HttpRequest, template: str, context: dict[str, Any]
) -> HttpResponse:
    # As for a signed-out visitor whoever asks: no menu, no messages, no CSRF token.
    return render(
        request,
        template,
        {"user": AnonymousUser(), "messages": [], "public_page": True, **context},
    )


def release_etag(request: HttpRequest, code: str, *args: Any, **kw: Any) -> str | None:
    release = selectors.published_releases().filter(country_id=code.upper()).first()
    if release is None:
        return None
    return etag(release.pk, release.published_at, request=request)


def _home_etag(request: HttpRequest) -> str:
    shown = [(r.pk, r.published_at) for r in selectors.latest_releases()]
    return etag(*shown, request=request)


@public(_home_etag)
def directory_home(request: HttpRequest) -> HttpResponse:
    return _render(
        request,
        "surveys/public/directory_home.html",
        {"releases": selectors.latest_releases()},
    )


def _points(rows: Any) -> list[list[Any]]:
    points = []
    for data in rows:
        entity = public_entity(data)
        if (
            entity
            and entity["latitude"] is not None
            and entity["longitude"] is not None
        ):
            name = entity["name_en"] or entity["name_local"] or entity["code"]
            points.append(
                [entity["latitude"], entity["longitude"], entity["code"], name]
            )
    return points


@public(release_etag)
def directory_country(request: HttpRequest, code: str) -> HttpResponse:
    release = selectors.country_release(code=code)
    filters = selectors.EntityFilters.from_query(request.GET)
    rows = selectors.entity_list(release=release, filters=filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    names = labels.Labels(release.country_id)
    entities = [
        names.summary(shown)
        for shown in (public_entity(row.data) for row in page.object_list)
        if shown is not None
    ]
    query = request.GET.copy()
    query.pop("page", None)
    areas = {a.code: a for a in AdminArea.objects.filter(country=release.country)}
    report = selectors.release_report(release=release)
    return _render(
        request,
        "surveys/public/directory_country.html",
        {
            "release": release,
            "country": release.country,
            "definition": selectors.national_definition(release=release),
            "report": report,
            "filters": filters,
            "page": page,
            "entities": entities,
            "query": query.urlencode(),
            "sse_types": SseType.choices,
            "classifications": [
                c for c in Classification.choices if c[0] != Classification.UNASSESSED
            ],
            "sectors": PrioritySector.choices,
            "areas": [
                (code, names.areas.get(code, code))
                for code in selectors.area_codes(release=release)
                if code in areas
            ],
            "licence_name": licence_name(release.licence),
            "licence_url": licence_url(release.licence),
            "map_config": _map_config(release, request),
        },
    )


def _map_config(release: Any, request: HttpRequest) -> dict[str, Any]:
    areas = AdminArea.objects.current().filter(country=release.country, level=1)
    return {
        "points": reverse("directory-points", args=[release.country_id])
        + (f"?{request.GET.urlencode()}" if request.GET else ""),
        "entity": reverse("directory-entity", args=[release.country_id, "CODE"]),
        "areas": [
            {
                "name": a.name_en,
                "lat": float(a.centroid_lat),
                "lon": float(a.centroid_lon),
            }
            for a in areas
            if a.centroid_lat is not None and a.centroid_lon is not None
        ],
        **map_base([release.country_id]),
        "labels": {
            "onMap": _("Entities on the map: %(n)s"),
            "failed": _("The map could not be loaded. Try again."),
        },
    }


@public(release_etag)
def directory_points(request: HttpRequest, code: str) -> JsonResponse:
    release = selectors.country_release(code=code)
    filters = selectors.EntityFilters.from_query(request.GET)
    rows = selectors.entity_list(release=release, filters=filters).values_list(
        "data", flat=True
    )
    return JsonResponse({"points": _points(rows.iterator(chunk_size=500))})


@public(release_etag)
def directory_entity(request: HttpRequest, code: str, entity_code: str) -> HttpResponse:
    release = selectors.country_release(code=code)
    entity = selectors.entity_get(release=release, code=entity_code)
    names = labels.Labels(release.country_id)
    years = [
        {
            "year": figures["reference_year"],
            "people": labels.figure_rows(figures),
            "turnover": labels.money(figures, "turnover"),
            "assets": labels.money(figures, "assets"),
            "source": figures.get("source"),
        }
        for figures in entity["figures"]
    ]
    return _render(
        request,
        "surveys/public/directory_entity.html",
        {
            "release": release,
            "country": release.country,
            "entity": entity,
            "rows": names.rows(entity),
            "years": years,
            "map_config": {
                **_map_config(release, request),
                "points": None,
                "point": [entity["latitude"], entity["longitude"]]
                if entity["latitude"] is not None
                else None,
            },
        },
    )


@public(release_etag)
def directory_report(request: HttpRequest, code: str) -> FileResponse:
    release = selectors.country_release(code=code)
    report = selectors.release_report(release=release)
    path = stored_file(report, "pdf") if report is not None else None
    if path is None:
        raise Http404("No published report")
    return FileResponse(
        path.open("rb"),
        as_attachment=False,
        filename=f"{release.label}-mapping-report.pdf",
        content_type="application/pdf",
    )


def _open_data_etag(
    request: HttpRequest, code: str, number: int, *args: Any, **kw: Any
) -> str | None:
    release = (
        selectors.published_releases()
        .filter(country_id=code.upper(), number=number)
        .first()
    )
    return etag(release.pk, release.published_at, *args) if release else None


def _changes_etag(request: HttpRequest, code: str, number: int) -> str | None:
    release = (
        selectors.published_releases()
        .filter(country_id=code.upper(), number=number)
        .first()
    )
    if release is None:
        return None
    # Withdrawing the release before this one changes what its changes are from;
    # publishing a newer one changes what its page says.
    previous = selectors.previous_release(release=release)
    latest = selectors.country_release(code=code)
    shown = (release.pk, release.published_at, previous and previous.pk, latest.pk)
    return etag(*shown, request=request)


@public(_changes_etag)
def directory_release(request: HttpRequest, code: str, number: int) -> HttpResponse:
    release = selectors.release_get(code=code, number=number)
    latest = selectors.country_release(code=code)
    return _render(
        request,
        "surveys/public/directory_release.html",
        {
            "release": release,
            "country": release.country,
            "latest": latest,
            "previous": selectors.previous_release(release=release),
            "licence_name": licence_name(release.licence),
            "licence_url": licence_url(release.licence),
        },
    )


@public(_open_data_etag)
def directory_open_data(
    request: HttpRequest, code: str, number: int, kind: str
) -> StreamingHttpResponse:
    release = selectors.release_get(code=code, number=number)
    if kind == "csv":
        stream = opendata.csv_stream(release)
        content_type = "text/csv; charset=utf-8"
    elif kind == "jsonld":
        stream = opendata.jsonld_stream(release, request.build_absolute_uri)
        content_type = "application/ld+json"
    else:
        raise Http404("No such file")
    response = StreamingHttpResponse(stream, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{release.label}-entities.{kind}"'
    )
    response["Link"] = f'<{licence_url(release.licence)}>; rel="license"'
    return response


@public(_changes_etag)
def directory_changes(
    request: HttpRequest, code: str, number: int
) -> StreamingHttpResponse:
    release = selectors.release_get(code=code, number=number)
    response = StreamingHttpResponse(
        changes.changes_stream(release), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{release.label}-changes.csv"'
    )
    response["Link"] = f'<{licence_url(release.licence)}>; rel="license"'
    return response


def catalogue_etag(request: HttpRequest, *args: Any) -> str:
    shown = selectors.published_releases().values_list("pk", "published_at")
    return etag(*shown, request.build_absolute_uri("/"), *args)


@public(catalogue_etag)
def directory_catalogue(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        opendata.catalogue(request.build_absolute_uri),
        content_type="application/ld+json",
        json_dumps_params={"ensure_ascii": False},
    )


def _dictionary_etag(request: HttpRequest) -> str:
    return etag("dictionary", request=request)


@public(_dictionary_etag)
def directory_dictionary(request: HttpRequest) -> HttpResponse:
    return _render(
        request,
        "surveys/public/data_dictionary.html",
        {
            "columns": opendata.data_dictionary(),
            "change_columns": opendata.data_dictionary(changes.CHANGE_COLUMNS),
        },
    )


@public(_dictionary_etag)
def directory_dictionary_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        opendata.data_dictionary_csv(changes.CHANGE_COLUMNS),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="data-dictionary.csv"'
    return response


@never_cache
def directory_language(request: HttpRequest) -> HttpResponse:
    """The directory's language switch: a link, so that its cached pages carry no
    form token. It only sets the visitor's own language cookie."""
    language = request.GET.get("language", "")
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("directory-home")
    response = HttpResponseRedirect(target)
    if language in LANGUAGE_CODES:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
    return response
