"""The API's entity list pages by cursor: entities written while a client pages are
neither repeated nor skipped, and a deep page costs the queries of the first."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from rest_framework.test import APIClient

from tests.api.helpers import make_entity, token_client
from tests.surveys.factories import EntityFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/entities/"


def queries_of(client: APIClient, url: str, query: dict[str, Any]) -> int:
    count = 0

    def counted(execute: Any, *args: Any) -> Any:
        nonlocal count
        count += 1
        return execute(*args)

    with connection.execute_wrapper(counted):
        assert client.get(url, query).status_code == 200
    return count


@pytest.mark.parametrize("ordering", ["", "code", "-code", "updated_at"])
def test_entities_written_while_paging_neither_repeat_nor_hide_others(
    th_consultant: User, ordering: str
) -> None:
    client = token_client(th_consultant)
    before = {
        EntityFactory(country_id="TH", created_by=th_consultant).pk for _ in range(9)
    }
    query: dict[str, Any] = {
        "page_size": 2,
        **({"ordering": ordering} if ordering else {}),
    }
    seen: list[int] = []
    response = client.get(URL, query)
    while True:
        body = response.json()
        seen += [row["id"] for row in body["results"]]
        make_entity(th_consultant, ready=False, name_en="Written meanwhile")
        if not body["next"]:
            break
        response = client.get(body["next"])

    assert len(seen) == len(set(seen))
    assert before <= set(seen)


def test_a_deep_cursor_page_costs_the_queries_of_the_first(
    th_consultant: User, django_assert_max_num_queries: Any
) -> None:
    client = token_client(th_consultant)
    for _ in range(30):
        EntityFactory(country_id="TH", created_by=th_consultant)
    query = {"page_size": 3}
    first = queries_of(client, URL, query)
    body = client.get(URL, query).json()
    for _ in range(6):
        body = client.get(body["next"]).json()

    with django_assert_max_num_queries(first):
        client.get(body["next"])

    assert queries_of(client, body["next"], {}) <= first
