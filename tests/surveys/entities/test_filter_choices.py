"""The list's filter form reads its areas and legal forms once per country and
language, and shows a new one at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.factories import LegalFormFactory

pytestmark = pytest.mark.django_db

URL = reverse("entity-list", args=["KH"])


def list_queries(client: Client) -> list[str]:
    sqls: list[str] = []

    def logged(execute: Any, sql: str, *args: Any) -> Any:
        sqls.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(logged):
        client.get(URL)
    return sqls


def test_a_second_visit_does_not_read_the_areas_and_legal_forms_again(
    client: Client, kh_consultant: User
) -> None:
    cache.clear()
    client.force_login(kh_consultant)

    first = list_queries(client)
    second = list_queries(client)

    def reads_lists(sqls: list[str]) -> int:
        return sum(
            1
            for sql in sqls
            if sql.lstrip().upper().startswith("SELECT")
            and ("countries_legalform" in sql.split("WHERE")[0])
            + ("countries_adminarea" in sql.split("WHERE")[0])
        )

    assert reads_lists(second) < reads_lists(first)


def test_a_new_legal_form_is_offered_at_once(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    client.get(URL)

    LegalFormFactory(country_id="KH", code="NEWFORM", name_en="Brand-new form")

    assert "Brand-new form" in client.get(URL).content.decode()
