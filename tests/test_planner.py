"""An entity is read with its references in the ORM's order of joins, and the
planner's setting ends with that read: no later query of the request is planned
under it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.http import Http404

from sse_mapping.planner import joins_in_written_order
from surveys.entities.selectors import entity_get
from tests.surveys.factories.entities import EntityFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a setting of PostgreSQL's planner"
    ),
    pytest.mark.django_db(transaction=True),
]


def _join_collapse_limit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW join_collapse_limit")
        (value,) = cursor.fetchone()
    return str(value)


def test_the_written_order_holds_in_the_block_only() -> None:
    default = _join_collapse_limit()
    with joins_in_written_order():
        assert _join_collapse_limit() == "1"
    assert _join_collapse_limit() == default != "1"


def test_reading_an_entity_leaves_the_planner_as_it_was(
    kh_consultant: User, th_consultant: User
) -> None:
    default = _join_collapse_limit()
    mine = EntityFactory(country_id="KH", created_by=kh_consultant)
    theirs = EntityFactory(country_id="TH", created_by=th_consultant)
    assert entity_get(user=kh_consultant, pk=mine.pk).area == mine.area
    assert _join_collapse_limit() == default
    with pytest.raises(Http404):
        entity_get(user=kh_consultant, pk=theirs.pk)
    assert _join_collapse_limit() == default
    # Inside a transaction already open, the setting would outlast the read.
    with transaction.atomic():
        entity_get(user=kh_consultant, pk=mine.pk)
        assert _join_collapse_limit() == default
