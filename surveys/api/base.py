"""What every API viewset shares: ids and versions from the request, 404 for what is not there."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.filters import SearchFilter
from rest_framework.pagination import BasePagination
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from surveys.api import filters
from surveys.api.pagination import ApiPagination
from surveys.api.parsers import StrictJSONParser
from surveys.api.schema import ApiAutoSchema
from surveys.api.strict import StrictFilterBackend
from surveys.api.throttles import CostlyRateThrottle, WriteRateThrottle

J = TypeVar("J", bound=Model)

MAX_ID = 2**63 - 1
ID_PATTERN = "[0-9]{1,19}"
# A record's ETag as the API sends it ("3"), weak or bare also understood.
ETAG_PATTERN = '(?:W/)?"([0-9]{1,9})"|([0-9]{1,9})'


def record_id(value: Any) -> int:
    """A path id as a number; one no row can have answers 404 like a missing row."""
    text = str(value)
    if not re.fullmatch(ID_PATTERN, text) or int(text) > MAX_ID:
        raise NotFound
    return int(text)


def expected_version(request: Request, body_version: int | None) -> int | None:
    """The version the caller read: the body's `version`, else the If-Match ETag."""
    if body_version is not None:
        return body_version
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    tag = re.fullmatch(ETAG_PATTERN, header)
    if tag is None:
        raise ValidationError(
            {"If-Match": [_('Send the ETag you read, e.g. "3".')]}, code="invalid"
        )
    return int(tag[1] or tag[2])


def _default(model: type[Model], name: str) -> Any:
    """What a field holds when nothing is given: a whole replacement clears it."""
    field = model._meta.get_field(name)
    return field.get_default()  # type: ignore[union-attr]


def absolute_url(request: Request | None, url: str) -> str:
    """`url` made absolute for the request's host; as it is without a request."""
    return request.build_absolute_uri(url) if request else url


def own_jobs(request: Request, jobs: QuerySet[J]) -> QuerySet[J]:
    """The caller's own jobs among `jobs`, of the `country` query parameter if any."""
    jobs = jobs.filter(requested_by=request.user)  # type: ignore[misc]
    country = request.query_params.get("country")
    if country:
        jobs = jobs.filter(country_id=country.upper())
    return jobs


@csrf_exempt  # it changes nothing, and must answer JSON to any method
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any other address under /api/v1/: a JSON 404, like every API error."""
    return JsonResponse({"detail": _("Not found.")}, status=404)


class ApiViewSet(viewsets.GenericViewSet):
    schema = ApiAutoSchema()
    parser_classes = [StrictJSONParser]
    renderer_classes = [JSONRenderer]
    throttle_classes = [WriteRateThrottle, CostlyRateThrottle]
    filter_backends = [StrictFilterBackend, SearchFilter, filters.OrderingFilter]
    pagination_class: type[BasePagination] | None = ApiPagination
    lookup_value_regex = ID_PATTERN
    # OPTIONS answers 405: the schema at /api/schema/ describes every operation.
    metadata_class = None
    # Actions throttled as costly (CostlyRateThrottle).
    costly_actions: tuple[str, ...] = ()
