"""The demo data files: each country's file reads into keyword records, and a code the
platform does not know stops the seeding with the country and the field it is in."""

import pytest

from surveys.demo import DEMO_COUNTRIES
from surveys.demo.codes import DemoDataError, References
from surveys.demo.records import DemoEntity, country_load, record_read

ENTITY = {
    "name_local": "Samaki",
    "name_en": "Samaki Cooperative",
    "area": "KH-21",
    "locality": "Tram Kak district",
    "urban_rural": "RURAL",
    "geo_precision": "VILLAGE",
    "sse_type": "COOP",
    "coop_member_type": "PRODUCER",
    "legal_form": "KH_AC",
    "registration_status": "REG_SSE_LAW",
    "main_activity": "01",
    "year_established": 2012,
    "members": 246,
    "women_pct": 58,
    "chair_sex": "M",
    "manager_sex": "F",
}


@pytest.mark.parametrize("code", DEMO_COUNTRIES)
def test_each_country_file_reads_into_records(code: str) -> None:
    country = country_load(code)
    assert country.code == code
    assert len(country.entities) >= 30
    assert all(isinstance(entity, DemoEntity) for entity in country.entities)
    named = {entity.name_en for entity in country.entities}
    for study in country.case_studies:
        assert set(study.entities) <= named
    priorities = {priority.code for priority in country.priorities}
    assert {gap.priority for gap in country.gaps} <= priorities


def test_an_entity_record_reads_with_its_defaults() -> None:
    entity = record_read(DemoEntity, {**ENTITY, "other_activities": ["10"]}, where="KH")
    assert entity.other_activities == ("10",)
    assert entity.state == "validated"
    assert entity.profile == "SSE"
    assert entity.field_comments == {}


def test_it_refuses_a_code_outside_the_vocabulary() -> None:
    with pytest.raises(
        DemoDataError, match=r"KH, sse_type: unknown code 'COOPERATIVE'"
    ):
        record_read(DemoEntity, {**ENTITY, "sse_type": "COOPERATIVE"}, where="KH")


def test_it_refuses_an_unknown_code_in_a_list() -> None:
    with pytest.raises(DemoDataError, match="target_groups: unknown code 'KIDS'"):
        record_read(
            DemoEntity, {**ENTITY, "target_groups": ["WOMEN", "KIDS"]}, where="KH"
        )


def test_it_refuses_unknown_and_missing_fields() -> None:
    with pytest.raises(DemoDataError, match="unknown field 'members_2024'"):
        record_read(DemoEntity, {**ENTITY, "members_2024": 3}, where="KH")
    without_area = {key: value for key, value in ENTITY.items() if key != "area"}
    with pytest.raises(DemoDataError, match="missing field 'area'"):
        record_read(DemoEntity, without_area, where="KH")


def test_it_refuses_an_area_or_legal_form_missing_from_the_reference_data(
    reference_data: None,
) -> None:
    references = References.load("KH")
    assert references.area("KH-21").code == "KH-21"
    assert references.legal_form("") is None
    with pytest.raises(DemoDataError, match="KH: no admin area with the code 'KH-99'"):
        references.area("KH-99")
    with pytest.raises(DemoDataError, match="no legal form with the code 'TH_SE'"):
        references.legal_form("TH_SE")
