"""The list and detail pages and their API calls, each against its raw SQL."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse
from rest_framework.pagination import Cursor

from benchmarks.harness import Context
from benchmarks.seed import country_entities
from benchmarks.stats import Result, verdict
from benchmarks.timing import api_budget, client_for, measure_request, request_result
from countries.vocabularies import PrioritySector, WorkflowState
from surveys.api.pagination import EntityCursorPagination
from surveys.entities.filters import ANY_FLAG
from surveys.paging import position_key

LIST_FILTER = {"sse_type": "COOP"}
# Filters on columns of their own, the search, and the sorts the list offers, each
# on its page: (what the list shows, the query).
OTHER_FILTERS = (
    ("a priority sector", f"sector={PrioritySector.FARM_SMALL}"),
    ("flagged for a second look", f"flag={ANY_FLAG}"),
    ("searched for a word of the names", "q=coop"),
    ("sorted by name", "sort=name"),
    ("sorted by code, descending", "sort=-code"),
    ("sorted by year established, newest first", "sort=-established"),
)


def _depth(context: Context) -> int:
    """Half-way through the filtered list: a page a person reaches by paging far."""
    count = country_entities(context).filter(**LIST_FILTER).count()
    return max(0, count // 2)


def _deep_cursor(url: str, position: str) -> str:
    paginator = EntityCursorPagination()
    paginator.base_url = f"http://testserver{url}"
    encoded = paginator.encode_cursor(
        # DRF keeps the position as text; the stubs say int.
        Cursor(offset=0, reverse=False, position=position)  # type: ignore[arg-type]
    )
    parts = urlsplit(encoded)
    return f"{parts.path}?{parts.query}"


def measure_lists(context: Context) -> list[Result]:
    code = context.country.code
    query = "&".join(f"{k}={v}" for k, v in LIST_FILTER.items())
    depth = _depth(context)
    page_url = f"{reverse('entity-list', args=[code])}?{query}"
    # The link "Next" gives after `depth` rows: the key of the last row seen.
    seen_last = (
        country_entities(context)
        .filter(**LIST_FILTER)
        .order_by("-updated_at", "-id")[max(depth - 1, 0)]
    )
    after = position_key(seen_last, ["updated_at", "id"])
    deep_page_url = f"{page_url}&after={after}"
    api_url = f"{reverse('api-entity-list')}?country={code}&{query}"
    # The cursor a client holds after paging `depth` rows in: it points just past
    # the last entity it has seen (the API orders by -updated_at, -id).
    boundary = (
        country_entities(context)
        .filter(**LIST_FILTER)
        .order_by("-updated_at", "-id")
        .values_list("updated_at", flat=True)[max(depth - 1, 0)]
    )
    deep_api_url = _deep_cursor(api_url, str(boundary))
    client = client_for(context.consultant)
    api = Client()
    token = {"Authorization": f"Token {context.token}"}
    with api_budget():
        cases = [
            ("Entity list page, first page", client, page_url, query, {}, 0.150),
            (
                f"Entity list page, deep page (row {depth})",
                client,
                deep_page_url,
                query,
                {},
                0.150,
            ),
            ("API entity list, first page", api, api_url, query, token, 0.050),
            (
                f"API entity list, deep cursor (row {depth})",
                api,
                deep_api_url,
                query,
                token,
                0.050,
            ),
            *(
                (
                    f"Entity list page, {name}",
                    client,
                    f"{reverse('entity-list', args=[code])}?{filtered}",
                    filtered,
                    {},
                    0.150,
                )
                for name, filtered in OTHER_FILTERS
            ),
        ]
        measured = [
            (
                f"{name} (country {code}, {shown}, 50 a page)",
                limit,
                measure_request(context, c, url, floor="page rows", headers=headers),
            )
            for name, c, url, shown, headers, limit in cases
        ]
    results = [
        request_result(
            "list",
            name,
            figures,
            limit=limit,
            floor_label="raw SQL of the page's rows",
        )
        for name, limit, figures in measured
    ]
    # Constant: the first and the deep page make the same number of queries.
    for first, deep in ((results[0], results[1]), (results[2], results[3])):
        if first.queries != deep.queries:
            first.status = deep.status = verdict(False)
            deep.note = f"query count differs from the first page ({first.queries})"
    return results


def measure_details(context: Context) -> list[Result]:
    entity = (
        country_entities(context)
        .filter(workflow_state=WorkflowState.VALIDATED)
        .order_by("-updated_at", "-id")[_depth(context)]
    )
    client = client_for(context.consultant)
    api = Client()
    token = {"Authorization": f"Token {context.token}"}
    page = measure_request(
        context, client, reverse("entity-detail", args=[entity.pk]), floor="all"
    )
    detail = measure_request(
        context,
        api,
        reverse("api-entity-detail", args=[entity.pk]),
        floor="all",
        headers=token,
    )
    label = "its queries replayed as raw SQL"
    return [
        request_result(
            "detail",
            f"Entity detail page ({entity.code})",
            page,
            limit=0.150,
            floor_label=label,
        ),
        request_result(
            "detail",
            f"API entity detail ({entity.code})",
            detail,
            limit=0.050,
            floor_label=label,
        ),
    ]
