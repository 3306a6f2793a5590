"""What a release keeps of each record."""

from __future__ import annotations

import pytest
from django.utils import timezone

from countries.models import Country
from surveys.releases.snapshot import snapshot_of, snapshots
from tests.surveys.factories.entities import (
    EntityFactory,
    EntityFiguresFactory,
    PrinciplesAssessmentFactory,
)
from tests.surveys.factories.records import CapacityGapFactory

pytestmark = pytest.mark.django_db


def test_an_entity_snapshot_holds_its_names_place_figures_by_sex_and_assessment(
    reference_data: None,
) -> None:
    entity = EntityFactory(
        country_id="TH", validated=True, name_local="วิสาหกิจ", latitude="13.75"
    )
    EntityFiguresFactory(
        entity=entity,
        reference_year=2023,
        members_total=30,
        members_women=25,
        members_men=5,
    )
    PrinciplesAssessmentFactory(entity=entity, sse=True)

    data = snapshot_of(entity)

    assert data["name_local"] == "วิสาหกิจ"
    assert data["code"] == entity.code
    assert data["latitude"] == "13.75"
    assert data["figures"]["2023"]["members_total"] == 30
    assert data["figures"]["2023"]["members_women"] == 25
    assert set(data["assessment"].values()) >= {"MET"}
    assert "created_by" not in data
    assert "workflow_state" not in data


def test_the_stream_reads_only_the_countrys_validated_records(
    reference_data: None,
) -> None:
    thai = EntityFactory(country_id="TH", validated=True)
    EntityFactory(country_id="TH")
    EntityFactory(country_id="KH", validated=True)
    CapacityGapFactory(country_id="TH", validated=True)

    found = list(
        snapshots("entity", country=Country.objects.get(pk="TH"), cutoff=timezone.now())
    )

    assert [record.pk for record, _data in found] == [thai.pk]
