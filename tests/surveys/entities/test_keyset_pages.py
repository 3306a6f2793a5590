"""The entity list pages by key: each page starts from the row before it, so rows
written meanwhile neither repeat nor push rows out of sight, and a page far down the
list costs the queries of the first."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys.entities import views
from surveys.models import Entity
from surveys.paging import FROM_THE_END, KeysetPage
from tests.surveys.factories import EntityFactory

pytestmark = pytest.mark.django_db

URL = reverse("entity-list", args=["KH"])


def codes(response: Any) -> list[str]:
    return [entity.code for entity in response.context["page"].object_list]


def walk(client: Client, query: dict[str, str], between: Any = None) -> list[str]:
    """Every code, following "Next" from the first page; `between(n)` runs after
    page n is read."""
    seen: list[str] = []
    response = client.get(URL, query)
    number = 1
    while True:
        seen += codes(response)
        if between is not None:
            between(number)
        page = response.context["page"]
        if not page.has_next:
            return seen
        response = client.get(URL, {**query, "after": page.next_key})
        number += 1


@pytest.mark.parametrize(
    "sort", ["", "name", "-name", "code", "established", "-established"]
)
def test_following_next_lists_every_entity_once_in_the_lists_order(
    client: Client, kh_consultant: User, monkeypatch: Any, sort: str
) -> None:
    for n in range(23):
        EntityFactory(
            created_by=kh_consultant,
            name_en=f"Group {n % 4}",  # names tie: the id breaks them
            year_established=None if n % 3 == 0 else 2000 + n % 5,
        )
    client.force_login(kh_consultant)
    monkeypatch.setattr(views, "ENTITY_PAGE_SIZE", 5)
    query = {"sort": sort} if sort else {}

    walked = walk(client, query)

    whole = client.get(URL, query).context["filter"].qs

    assert walked == [entity.code for entity in whole]


def test_entities_written_while_paging_neither_repeat_nor_hide_others(
    client: Client, kh_consultant: User, monkeypatch: Any
) -> None:
    monkeypatch.setattr(views, "ENTITY_PAGE_SIZE", 5)
    before = [EntityFactory(created_by=kh_consultant) for _ in range(12)]
    client.force_login(kh_consultant)

    def someone_writes(_number: int) -> None:
        EntityFactory(created_by=kh_consultant)  # newest: at the top, above us

    walked = walk(client, {}, between=someone_writes)

    assert len(walked) == len(set(walked))
    assert set(walked) == {entity.code for entity in before}


def test_previous_and_last_pages_hold_the_rows_next_showed(
    kh_consultant: User,
) -> None:
    for _ in range(11):
        EntityFactory(created_by=kh_consultant)
    rows = Entity.objects.filter(country_id="KH").order_by("-updated_at", "-id")
    first = KeysetPage(rows, 4)
    second = KeysetPage(rows, 4, after=first.next_key)
    back = KeysetPage(rows, 4, before=second.previous_key)
    last = KeysetPage(rows, 4, before=FROM_THE_END)

    assert back.object_list == first.object_list
    assert not back.has_previous and back.has_next
    assert last.object_list == list(rows)[-4:]
    assert last.has_previous and not last.has_next


def test_a_damaged_link_shows_the_first_page(
    client: Client, kh_consultant: User
) -> None:
    EntityFactory(created_by=kh_consultant, year_established=1999)
    client.force_login(kh_consultant)

    for after in ("not-a-key", "WyJ4IiwgInkiXQ", "WyJ4IiwgMV0"):
        response = client.get(URL, {"sort": "established", "after": after})
        assert response.status_code == 200
        assert len(codes(response)) == 1


def queries_of(client: Client, query: dict[str, str]) -> int:
    count = 0

    def counted(execute: Any, *args: Any) -> Any:
        nonlocal count
        count += 1
        return execute(*args)

    with connection.execute_wrapper(counted):
        client.get(URL, query)
    return count


def test_a_deep_page_costs_the_queries_of_the_first(
    client: Client, kh_consultant: User, django_assert_max_num_queries: Any
) -> None:
    for _ in range(160):
        EntityFactory(created_by=kh_consultant)
    client.force_login(kh_consultant)
    query = {"sse_type": ""}
    response = client.get(URL, query)
    first = queries_of(client, query)
    for _ in range(2):
        response = client.get(
            URL, {**query, "after": response.context["page"].next_key}
        )
    deep_query = {**query, "after": response.context["page"].next_key}

    with django_assert_max_num_queries(first):
        deep = client.get(URL, deep_query)

    assert codes(deep) == [
        e.code for e in Entity.objects.filter(country_id="KH")[150:160]
    ]
    assert queries_of(client, deep_query) == first


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's plans; SQLite has none"
)
@pytest.mark.parametrize(
    "sort", ["", "name", "-name", "code", "-code", "established", "-established"]
)
def test_a_sorted_page_is_read_from_an_index_in_the_lists_order(
    client: Client, kh_consultant: User, sort: str
) -> None:
    """However the list is sorted, its page is the first rows of an index: a country
    of 100 000 entities is not sorted for each page."""
    for n in range(12):
        EntityFactory(
            created_by=kh_consultant,
            name_en=f"Group {n % 4}",
            year_established=None if n % 3 == 0 else 2000 + n,
        )
    client.force_login(kh_consultant)
    with CaptureQueriesContext(connection) as captured:
        client.get(URL, {"sort": sort} if sort else {})
    (rows,) = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith('SELECT "surveys_entity"."id"')
        and "ORDER BY" in q["sql"]
    ]

    with transaction.atomic(), connection.cursor() as cursor:
        # A sort stays possible, at a prohibitive cost: chosen only when no index
        # gives the order.
        cursor.execute("SET LOCAL enable_sort = off; SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {rows}")
        plan = "\n".join(line for (line,) in cursor.fetchall())

    assert "Index" in plan
    assert "Sort" not in plan, plan
