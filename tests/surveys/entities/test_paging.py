"""Paging by ids first gives the same pages as paging the rows themselves."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.paginator import Paginator

from surveys.models import Entity
from surveys.paging import IdsFirstPaginator
from tests.surveys.factories import EntityFactory

pytestmark = pytest.mark.django_db


def test_each_page_holds_the_same_rows_in_the_same_order(kh_consultant: User) -> None:
    for i in range(22):
        EntityFactory(country_id="KH", created_by=kh_consultant, name_en=f"E{i % 7}")
    rows = Entity.objects.filter(country_id="KH").order_by("name_en", "-id")

    by_ids = IdsFirstPaginator(rows, 5, orphans=2)
    plain = Paginator(rows, 5, orphans=2)

    assert by_ids.num_pages == plain.num_pages == 4
    for number in by_ids.page_range:
        assert list(by_ids.page(number)) == list(plain.page(number))
    assert len(by_ids.page(4)) == 7  # the orphans join the last page
