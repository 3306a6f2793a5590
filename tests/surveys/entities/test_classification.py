import datetime

import pytest

from countries.vocabularies import Classification, Rating, RegistrationStatus
from surveys.principles import CRITERIA, NationalRule, classify, principle_rating
from surveys.principles.reasons import reasons_text

MET, PARTIAL, NOT_MET, UNKNOWN = (
    Rating.MET,
    Rating.PARTIAL,
    Rating.NOT_MET,
    Rating.UNKNOWN,
)


def ratings(default: str = MET, **overrides: str) -> dict[str, str]:
    """All twelve criteria at `default`, with some changed: p3_1="NOT_MET" → P3.1."""
    result = {c.code: default for c in CRITERIA}
    for field, value in overrides.items():
        result[field.upper().replace("_", ".")] = value
    return result


def test_all_principles_met_is_sse() -> None:
    result = classify(ratings())
    assert result.classification == Classification.SSE
    assert result.principles == {"P1": MET, "P2": MET, "P3": MET, "P4": MET}


def test_partly_met_principles_still_count_as_sse() -> None:
    result = classify(ratings(p1_2=PARTIAL, p4_3=PARTIAL))
    assert result.classification == Classification.SSE
    assert result.principles["P1"] == PARTIAL


def test_autonomy_not_met_puts_an_entity_outside() -> None:
    result = classify(ratings(p3_1=NOT_MET))
    assert result.classification == Classification.OUTSIDE
    assert any("P3" in reason for reason in reasons_text(result.reasons))


def test_no_collective_purpose_puts_an_entity_outside() -> None:
    assert classify(ratings(p4_1=NOT_MET)).classification == Classification.OUTSIDE


def test_one_failed_surplus_or_asset_criterion_refers_to_the_committee() -> None:
    for overrides in ({"p4_2": NOT_MET}, {"p4_3": NOT_MET}):
        result = classify(ratings(**overrides))
        assert result.classification == Classification.BORDERLINE
        assert "committee decides" in reasons_text(result.reasons)[0]


def test_two_principles_not_met_put_an_entity_outside() -> None:
    result = classify(ratings(p1_1=NOT_MET, p2_2=NOT_MET))
    assert result.classification == Classification.OUTSIDE
    assert "P1, P2" in reasons_text(result.reasons)[0]


def test_one_governance_principle_not_met_is_borderline() -> None:
    result = classify(ratings(p2_2=NOT_MET))
    assert result.classification == Classification.BORDERLINE
    assert any("P2" in reason for reason in reasons_text(result.reasons))


def test_an_unknown_criterion_makes_it_borderline_and_says_which() -> None:
    result = classify(ratings(p1_3=UNKNOWN))
    assert result.classification == Classification.BORDERLINE
    assert any("P1" in r and "not known" in r for r in reasons_text(result.reasons))


def test_no_assessment_is_unassessed() -> None:
    assert classify(None).classification == Classification.UNASSESSED
    assert classify(ratings(UNKNOWN)).classification == Classification.UNASSESSED


def test_dependency_on_one_funder_is_a_flag_not_an_exclusion() -> None:
    result = classify(ratings(p3_3=NOT_MET))
    assert result.classification == Classification.SSE
    assert any("P3.3" in reason for reason in reasons_text(result.reasons))


def test_a_national_rule_requiring_registration_excludes_informal_groups() -> None:
    rule = NationalRule(version="VN-national-definition-v1", registration_required=True)
    result = classify(
        ratings(), registration_status=RegistrationStatus.INFORMAL, rule=rule
    )
    assert result.classification == Classification.OUTSIDE
    assert result.rule_version == "VN-national-definition-v1"
    assert any("requires registration" in r for r in reasons_text(result.reasons))


def test_a_registered_entity_passes_a_registration_rule() -> None:
    rule = NationalRule(registration_required=True)
    result = classify(
        ratings(), registration_status=RegistrationStatus.REG_SSE_LAW, rule=rule
    )
    assert result.classification == Classification.SSE


def test_a_rule_excluding_informal_groups_keeps_locally_recognised_ones() -> None:
    rule = NationalRule(informal_groups_allowed=False)
    informal = classify(
        ratings(), registration_status=RegistrationStatus.INFORMAL, rule=rule
    )
    local = classify(
        ratings(), registration_status=RegistrationStatus.RECOGNISED_LOCAL, rule=rule
    )
    assert informal.classification == Classification.OUTSIDE
    assert local.classification == Classification.SSE


def test_a_minimum_age_makes_a_young_entity_borderline() -> None:
    rule = NationalRule(minimum_years_operating=3)
    today = datetime.date(2026, 6, 1)
    young = classify(ratings(), year_established=2025, rule=rule, today=today)
    old = classify(ratings(), year_established=2019, rule=rule, today=today)
    assert young.classification == Classification.BORDERLINE
    assert old.classification == Classification.SSE


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ([MET, MET], MET),
        ([MET, PARTIAL], PARTIAL),
        ([MET, UNKNOWN], UNKNOWN),
        ([PARTIAL, NOT_MET], NOT_MET),
        ([], UNKNOWN),
    ],
)
def test_the_weakest_criterion_decides_a_principle(
    criteria: list[str], expected: str
) -> None:
    assert principle_rating(criteria) == expected
