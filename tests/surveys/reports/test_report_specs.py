"""The report engine and its named measures, tested directly."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import F
from django.utils import timezone

from countries.models import Country
from countries.vocabularies import Classification, WorkflowState
from surveys.entities import services
from surveys.models import Entity
from surveys.reports.context import report_context
from surveys.reports.dimensions import ALL, SSE_TYPE
from surveys.reports.measures import (
    BY_TYPE,
    ENTITIES,
    INFORMAL,
    INFORMAL_OR_LOCAL,
    MEDIAN_MEMBERS,
    REGISTERED,
)
from surveys.reports.spec import (
    ENTITY_RECORDS,
    LATEST_FIGURES,
    Grouping,
    medians,
    run,
)

pytestmark = pytest.mark.django_db


def validated_entity(user: User, **data: Any) -> Entity:
    entity = services.entity_create(
        country=Country.objects.get(pk="TH"),
        by=user,
        data={"name_en": "Entity", "sse_type": "COOP", **data},
    )
    Entity.objects.filter(pk=entity.pk).update(
        workflow_state=WorkflowState.VALIDATED, classification=Classification.SSE
    )
    return entity


def test_groupings_of_one_source_and_dimension_run_as_one_query(
    th_consultant: User, django_assert_num_queries: Any
) -> None:
    validated_entity(th_consultant, sse_type="COOP", registration_status="INFORMAL")
    validated_entity(th_consultant, sse_type="SHG", registration_status="REG_GENERAL")
    with (
        report_context(
            [Country.objects.get(pk="TH")], timezone.now(), records_source="test"
        ) as context,
        django_assert_num_queries(1),
    ):
        results = run(
            [
                Grouping(ENTITY_RECORDS, SSE_TYPE, (ENTITIES, *BY_TYPE)),
                Grouping(ENTITY_RECORDS, SSE_TYPE, (ENTITIES, REGISTERED, INFORMAL)),
            ],
            context,
        )
    grouped = results.of(ENTITY_RECORDS, SSE_TYPE)
    assert [g["sse_type"] for g in grouped.rows] == ["COOP", "SHG"]
    assert grouped.sum("n") == 2
    assert grouped.sum("t_SHG") == 1
    assert grouped.sum("registered") == 1
    assert grouped.sum("informal") == 1


def test_informal_is_never_an_entity_recognised_only_locally(
    th_consultant: User,
) -> None:
    validated_entity(th_consultant, registration_status="INFORMAL")
    validated_entity(th_consultant, registration_status="RECOGNISED_LOCAL")
    validated_entity(th_consultant, registration_status="REG_SSE_LAW")
    with report_context(
        [Country.objects.get(pk="TH")], timezone.now(), records_source="test"
    ) as context:
        results = run(
            [Grouping(ENTITY_RECORDS, ALL, (ENTITIES, INFORMAL, INFORMAL_OR_LOCAL))],
            context,
        )
    (everything,) = results.of(ENTITY_RECORDS, ALL).rows
    assert everything == {"n": 3, "informal": 1, "informal_or_local": 2}


def _temporary_tables() -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname LIKE 'pg_temp%%'"
            )
        else:
            cursor.execute("SELECT name FROM sqlite_temp_master WHERE type = 'table'")
        return [row[0] for row in cursor.fetchall()]


def test_a_compile_counts_each_entitys_latest_figures_and_leaves_no_table_behind(
    th_consultant: User,
) -> None:
    two_years = validated_entity(th_consultant)
    for year, members in ((2022, 10), (2024, 14)):
        services.figures_save(
            entity=two_years,
            by=th_consultant,
            reference_year=year,
            data={"members_total": members},
            expected_version=None,
        )
    Entity.objects.filter(pk=two_years.pk).update(
        workflow_state=WorkflowState.VALIDATED
    )
    validated_entity(th_consultant)
    before = _temporary_tables()

    with report_context(
        [Country.objects.get(pk="TH")], timezone.now(), records_source="test"
    ) as context:
        latest = list(context.figures.values_list("entity", "reference_year"))
        assert len(_temporary_tables()) == len(before) + 1

    assert latest == [(two_years.pk, 2024)]
    assert _temporary_tables() == before


def test_a_compile_that_fails_leaves_no_table_behind_for_the_next(
    th_consultant: User,
) -> None:
    validated_entity(th_consultant)
    before = _temporary_tables()
    country = Country.objects.get(pk="TH")

    with (
        pytest.raises(ZeroDivisionError),
        report_context([country], timezone.now(), records_source="test"),
    ):
        _ = 1 / 0

    assert _temporary_tables() == before
    with report_context([country], timezone.now(), records_source="test") as context:
        grouped = run([Grouping(ENTITY_RECORDS, ALL, (ENTITIES,))], context)
    assert grouped.of(ENTITY_RECORDS, ALL).rows == [{"n": 1}]


def test_medians_of_each_group_whatever_the_database(th_consultant: User) -> None:
    members = {"COOP": (3, 13, 5, 8), "SHG": (7, None, 2)}
    for sse_type, counts in members.items():
        for count in counts:
            entity = validated_entity(th_consultant, sse_type=sse_type)
            services.figures_save(
                entity=entity,
                by=th_consultant,
                reference_year=2024,
                data={"members_total": count},
                expected_version=None,
            )
            Entity.objects.filter(pk=entity.pk).update(
                workflow_state=WorkflowState.VALIDATED,
                classification=Classification.SSE,
            )

    with report_context(
        [Country.objects.get(pk="TH")], timezone.now(), records_source="test"
    ) as context:
        grouped = run(
            [Grouping(LATEST_FIGURES, SSE_TYPE, (ENTITIES, MEDIAN_MEMBERS))], context
        ).of(LATEST_FIGURES, SSE_TYPE)
        windowed = medians(
            LATEST_FIGURES.rows(context), "members_total", g_type=F("sse_type")
        )

    # The middle value, or the mean of the two middle values; unknown left out.
    assert [(g["sse_type"], g["members_median"]) for g in grouped.rows] == [
        ("COOP", 6.5),
        ("SHG", 4.5),
    ]
    assert windowed == {("COOP",): 6.5, ("SHG",): 4.5}
