"""What the demo data says about itself agrees with the data: the numbers in its
sources' coverage notes and in its capacity gaps' evidence are counted from its
entities, and its sampling frame counts more than was mapped wherever it mapped."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from countries.models import AdminArea, MacroRegion
from countries.vocabularies import RegistrationStatus, SseType
from surveys.demo import DEMO_COUNTRIES
from surveys.demo.records import DemoCountry, country_load

pytestmark = pytest.mark.django_db

WORDS = {"six": 6, "seven": 7, "both": 2}


def number(text: str, pattern: str) -> int:
    found = re.search(pattern, text)
    assert found is not None, f"{pattern!r} not in {text!r}"
    value = found.group(1)
    return WORDS[value] if value in WORDS else int(value)


def survey_note(country: DemoCountry) -> str:
    return next(s.coverage_note for s in country.sources if s.kind == "SURVEY")


def areas(country: DemoCountry) -> set[str]:
    return {entity.area for entity in country.entities}


@pytest.mark.parametrize("code", DEMO_COUNTRIES)
def test_the_survey_note_counts_the_entities_mapped(code: str) -> None:
    country = country_load(code)
    assert number(survey_note(country), r"(\d+) entities") == len(country.entities)


def test_cambodia_states_its_provinces_and_its_informal_groups(
    reference_data: None,
) -> None:
    country = country_load("KH")
    assert number(survey_note(country), r"in (\d+) provinces") == len(areas(country))
    gap = next(g for g in country.gaps if "no legal form" in g.title)
    unregistered = {RegistrationStatus.INFORMAL, RegistrationStatus.RECOGNISED_LOCAL}
    assert number(gap.evidence, r"(\d+) are informal") == sum(
        e.registration_status in unregistered for e in country.entities
    )
    assert number(gap.evidence, r"Of the (\d+) entities") == len(country.entities)


def test_mongolia_states_its_aimags_and_the_capital(reference_data: None) -> None:
    country = country_load("MN")
    capital = AdminArea.objects.get(country_id="MN", name_en__icontains="Ulaanbaatar")
    aimags = areas(country) - {capital.code}
    assert capital.code in areas(country)
    assert number(survey_note(country), r"in (\d+) aimags") == len(aimags)


def test_kyrgyzstan_covers_all_its_regions_and_both_cities(
    reference_data: None,
) -> None:
    country = country_load("KG")
    current = AdminArea.objects.current().filter(country_id="KG", level=1)
    assert set(current.values_list("code", flat=True)) == areas(country)
    assert number(survey_note(country), r"all (\w+) regions") + number(
        survey_note(country), r"and (\w+) cities"
    ) == len(areas(country))


@pytest.mark.parametrize("code", ["TH", "VN"])
def test_thailand_and_viet_nam_cover_all_six_regions(
    reference_data: None, code: str
) -> None:
    country = country_load(code)
    regions = set(
        AdminArea.objects.filter(country_id=code, code__in=areas(country))
        .exclude(macro_region=None)
        .values_list("macro_region", flat=True)
    )
    stated = number(survey_note(country), r"all (\w+) regions")
    assert len(regions) == stated == MacroRegion.objects.filter(country_id=code).count()


def test_viet_nam_states_how_many_cooperatives_women_manage() -> None:
    country = country_load("VN")
    gap = next(g for g in country.gaps if "women" in g.title.lower())
    cooperatives = [e for e in country.entities if e.sse_type == SseType.COOP]
    assert number(gap.evidence, r"of the (\d+) cooperatives") == len(cooperatives)
    assert number(gap.evidence, r"Women manage (\d+)") == sum(
        e.manager_sex == "F" for e in cooperatives
    )


def test_phu_my_is_in_ho_chi_minh_city_since_the_2025_merger(
    reference_data: None,
) -> None:
    country = country_load("VN")
    phu_my = next(e for e in country.entities if e.locality == "Phú Mỹ")
    area = AdminArea.objects.get(code=phu_my.area)
    assert "Hồ Chí Minh" in area.name_local or "Ho Chi Minh" in area.name_en


@pytest.mark.parametrize("code", DEMO_COUNTRIES)
def test_the_frame_counts_more_than_was_mapped_wherever_entities_were_mapped(
    code: str,
) -> None:
    country = country_load(code)
    mapped = Counter((e.sse_type, e.area) for e in country.entities)
    registered = {
        (c.sse_type, c.area): c.registered_total for c in country.frame.counts
    }
    assert set(mapped) <= set(registered)
    assert all(registered[key] > n for key, n in mapped.items())
    assert {c.sse_type for c in country.frame.counts} <= set(country.frame.sources)
