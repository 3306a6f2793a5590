"""The migration that turns a capacity gap's single recommendation into one
recommendation addressed to all actors, and back."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("surveys", "0012_review_round_and_form_submissions")]
AFTER = [("surveys", "0014_remove_capacitygap_recommendation")]


def migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_each_written_recommendation_becomes_one_for_all_actors(
    kh_consultant: User,
) -> None:
    latest = list(MigrationExecutor(connection).loader.graph.leaf_nodes())
    try:
        old = migrate(BEFORE).loader.project_state(BEFORE).apps
        gap_model = old.get_model("surveys", "CapacityGap")
        written = gap_model.objects.create(
            country_id="KH",
            title="No harvest credit",
            category="FINANCE",
            recommendation="  A harvest credit line.  ",
            created_by_id=kh_consultant.pk,
            updated_by_id=kh_consultant.pk,
        )
        gap_model.objects.create(
            country_id="KH",
            title="Blank",
            category="FINANCE",
            recommendation="  ",
            created_by_id=kh_consultant.pk,
            updated_by_id=kh_consultant.pk,
        )
        new = migrate(AFTER).loader.project_state(AFTER).apps
        recommendation = new.get_model("surveys", "Recommendation")
        rows = list(
            recommendation.objects.values_list("capacity_gap_id", "actor", "text")
        )
        assert rows == [(written.pk, "ALL", "A harvest credit line.")]

        back = migrate(BEFORE).loader.project_state(BEFORE).apps
        restored = back.get_model("surveys", "CapacityGap").objects.get(pk=written.pk)
        assert restored.recommendation == "A harvest credit line."
    finally:
        migrate(latest)
