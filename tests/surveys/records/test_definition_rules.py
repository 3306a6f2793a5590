"""National definitions as rules: treatments, thresholds, the ILC's named cases, the
explanations, the provisional marker and the effect of a draft before validation."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from countries.models import AdminArea, Country, IsicCode
from countries.vocabularies import Classification, Rating, RegistrationStatus
from surveys.entities import classification
from surveys.entities import services as entities_services
from surveys.models import AuditEvent, Entity, NationalDefinition
from surveys.principles import (
    CRITERIA,
    EntityFacts,
    NationalRule,
    classify,
    rule_from_data,
    rules_errors,
)
from surveys.principles.reasons import reasons_text
from surveys.records import services as records_services
from surveys.review import workflow

MET, PARTIAL, NOT_MET, UNKNOWN = (
    Rating.MET,
    Rating.PARTIAL,
    Rating.NOT_MET,
    Rating.UNKNOWN,
)
SSE, BORDERLINE, OUTSIDE = (
    Classification.SSE,
    Classification.BORDERLINE,
    Classification.OUTSIDE,
)


def ratings(**overrides: str) -> dict[str, str]:
    result = {c.code: MET for c in CRITERIA}
    for name, value in overrides.items():
        result[name.upper().replace("_", ".")] = value
    return result


def thai_rule(**rules: Any) -> NationalRule:
    return rule_from_data(
        rules,
        version="TH-national-definition-v2",
        name="the national definition of Thailand (version 2)",
    )


# --- The ILC's named cases -------------------------------------------------------------


def test_a_savings_group_sharing_out_in_proportion_to_savings_is_sse_and_says_why() -> (
    None
):
    facts = EntityFacts(sse_type="SHG", surplus_rule="UNRESTRICTED")
    result = classify(ratings(p4_2=NOT_MET), facts=facts)
    assert result.classification == SSE
    assert any(
        r.startswith("P4.2 ") and "share-out returns members' own savings" in r
        for r in reasons_text(result.reasons)
    )


def test_without_the_savings_case_the_share_out_refers_the_group_to_the_committee() -> (
    None
):
    facts = EntityFacts(sse_type="SHG", surplus_rule="UNRESTRICTED")
    result = classify(ratings(), facts=facts, rule=thai_rule(cases=[]))
    assert result.classification == BORDERLINE
    assert any(
        "surplus distributed in proportion to capital" in r
        for r in reasons_text(result.reasons)
    )


def test_a_government_initiated_cooperative_is_referred_not_excluded() -> None:
    coop = classify(ratings(p3_1=NOT_MET), facts=EntityFacts(sse_type="COOP"))
    association = classify(ratings(p3_1=NOT_MET), facts=EntityFacts(sse_type="ASSOC"))
    assert coop.classification == BORDERLINE
    assert any("set up by government" in r for r in reasons_text(coop.reasons))
    assert association.classification == OUTSIDE
    assert (
        "requires it, so the entity is outside" in reasons_text(association.reasons)[1]
    )


def test_a_social_enterprise_with_one_owner_is_judged_without_member_democracy() -> (
    None
):
    one_owner = ratings(p1_3=NOT_MET, p2_1=NOT_MET, p2_2=NOT_MET)
    enterprise = classify(one_owner, facts=EntityFacts(sse_type="SE"))
    cooperative = classify(one_owner, facts=EntityFacts(sse_type="COOP"))
    assert enterprise.classification == SSE
    assert any(
        "social enterprise with one owner" in r
        for r in reasons_text(enterprise.reasons)
    )
    assert cooperative.classification == OUTSIDE


# --- Thresholds on both sides of their limit --------------------------------------------


@pytest.mark.parametrize(("cap", "expected"), [(30, SSE), (31, BORDERLINE)])
def test_the_dividend_ceiling(cap: int, expected: str) -> None:
    facts = EntityFacts(sse_type="SE", surplus_rule="CAPPED", surplus_cap_pct=cap)
    result = classify(
        ratings(), facts=facts, rule=thai_rule(max_surplus_on_capital_pct=30)
    )
    assert result.classification == expected


def test_a_failed_ceiling_excludes_when_the_definition_requires_p4_2() -> None:
    facts = EntityFacts(sse_type="SE", surplus_rule="CAPPED", surplus_cap_pct=45)
    rule = thai_rule(max_surplus_on_capital_pct=30, treatments={"P4.2": "REQUIRED"})
    result = classify(ratings(), facts=facts, rule=rule)
    assert result.classification == OUTSIDE
    assert reasons_text(result.reasons)[1] == (
        "P4.2 Surplus not distributed in proportion to capital: 45 % of surplus paid "
        "on capital; the national definition of Thailand (version 2) allows at most "
        "30 %; the national definition of Thailand (version 2) requires it, so the "
        "entity is outside."
    )


def test_the_explanation_names_the_criterion_the_value_and_the_rule() -> None:
    facts = EntityFacts(sse_type="CE", surplus_rule="CAPPED", surplus_cap_pct=45)
    result = classify(
        ratings(), facts=facts, rule=thai_rule(max_surplus_on_capital_pct=30)
    )
    assert reasons_text(result.reasons) == [
        "Borderline under the national definition of Thailand (version 2): the "
        "committee decides.",
        "P4.2 Surplus not distributed in proportion to capital: 45 % of surplus paid "
        "on capital; the national definition of Thailand (version 2) allows at most "
        "30 %; under the national definition of Thailand (version 2) it does not "
        "meet principle P4.",
    ]


@pytest.mark.parametrize(("share", "flagged"), [(50, False), (51, True)])
def test_the_single_funder_share_flags_above_its_limit(
    share: int, flagged: bool
) -> None:
    facts = EntityFacts(income_share_largest_funder=share)
    result = classify(ratings(), facts=facts)
    assert result.classification == SSE
    assert (
        any(
            r.startswith("Flag, not deciding: P3.3")
            for r in reasons_text(result.reasons)
        )
        is flagged
    )


@pytest.mark.parametrize(("members", "expected"), [(10, SSE), (9, BORDERLINE)])
def test_the_minimum_members(members: int, expected: str) -> None:
    facts = EntityFacts(sse_type="COOP", members=members)
    result = classify(ratings(), facts=facts, rule=thai_rule(minimum_members=10))
    assert result.classification == expected


def test_a_foundation_has_no_minimum_members() -> None:
    facts = EntityFacts(sse_type="FOUND", members=0)
    result = classify(ratings(), facts=facts, rule=thai_rule(minimum_members=10))
    assert result.classification == SSE


@pytest.mark.parametrize(
    ("sse_type", "status", "expected"),
    [
        ("COOP", RegistrationStatus.INFORMAL, OUTSIDE),
        ("COOP", RegistrationStatus.REG_SSE_LAW, SSE),
        ("CE", RegistrationStatus.INFORMAL, SSE),
    ],
)
def test_registration_required_per_type(
    sse_type: str, status: str, expected: str
) -> None:
    facts = EntityFacts(sse_type=sse_type, registration_status=status)
    rule = thai_rule(registration_required_types=["COOP"])
    assert classify(ratings(), facts=facts, rule=rule).classification == expected


def test_a_criterion_not_used_does_not_decide() -> None:
    rule = thai_rule(treatments={"P2.2": "NOT_USED"})
    assert classify(ratings(p2_2=NOT_MET), rule=rule).classification == SSE


def test_the_stored_rules_are_checked() -> None:
    assert rules_errors({"treatments": {"P4.2": "REQUIRED"}}) == []
    assert rules_errors({"treatments": {"P9.9": "COUNTS"}})
    assert rules_errors({"max_surplus_on_capital_pct": 101})
    assert rules_errors({"colour": "red"})


# --- Explanations agree with each other ------------------------------------------------


def test_a_registration_rule_never_follows_a_sentence_saying_it_is_sse() -> None:
    rule = NationalRule(registration_required=True)
    result = classify(
        ratings(), registration_status=RegistrationStatus.INFORMAL, rule=rule
    )
    assert result.classification == OUTSIDE
    assert reasons_text(result.reasons)[0].startswith("Outside the SSE")
    assert not any("every principle is met" in r for r in reasons_text(result.reasons))


# --- Structured fields and ratings ---------------------------------------------------------


def test_a_field_answering_a_criterion_decides_and_a_contradiction_is_flagged() -> None:
    unknown_lock = classify(ratings(), facts=EntityFacts(asset_lock="UNK"))
    assert unknown_lock.mismatches == [
        "P4.3 is rated “Met” but the asset lock field says unknown."
    ]
    no_lock = classify(ratings(), facts=EntityFacts(asset_lock="N"))
    assert no_lock.classification == BORDERLINE
    assert no_lock.mismatches


# --- Provisional, draft effect and validation against the database --------------------


def thai_entity(by: User, name: str, **data: Any) -> Entity:
    entity = entities_services.entity_create(
        country=Country.objects.get(pk="TH"),
        by=by,
        data={
            "name_en": name,
            "area": AdminArea.objects.get(code="TH-10"),
            "sse_type": "SE",
            "registration_status": "REG_SSE_LAW",
            "main_activity": IsicCode.objects.get(pk="01"),
            "year_established": 2015,
            **data,
        },
    )
    entities_services.assessment_save(
        entity=entity,
        by=by,
        data={c.field: MET for c in CRITERIA},
        expected_version=entity.version,
    )
    entity.refresh_from_db()
    return entity


def validate(definition: NationalDefinition, consultant: User, committee: User) -> None:
    definition.refresh_from_db()
    workflow.record_submit(record=definition, by=consultant)
    workflow.review_decide(record=definition, by=committee, decision="approve")


def new_definition(by: User, ceiling: int) -> NationalDefinition:
    definition = records_services.national_definition_create(
        country=Country.objects.get(pk="TH"), by=by, data={}
    )
    return records_services.national_definition_update(
        definition=definition,
        by=by,
        data={
            "text_en": "The SSE in Thailand…",
            "rules": {"max_surplus_on_capital_pct": ceiling},
        },
        elements={},
        expected_version=definition.version,
    )


@pytest.mark.django_db
def test_classifications_are_provisional_until_a_definition_is_validated(
    th_consultant: User, th_committee: User, django_capture_on_commit_callbacks: Any
) -> None:
    entity = thai_entity(
        th_consultant, "Ban Suan", surplus_rule="CAPPED", surplus_cap_pct=20
    )
    assert entity.classification_rule_version == "ILC-2022-default-v1"
    assert reasons_text(entity.classification_reasons)[-1].startswith("Provisional:")
    definition = new_definition(th_consultant, 30)
    assert classification.national_rule(definition.country).provisional
    with django_capture_on_commit_callbacks(execute=True):
        validate(definition, th_consultant, th_committee)
    entity.refresh_from_db()
    assert entity.classification_rule_version == "TH-national-definition-v1"
    assert not any(
        r.startswith("Provisional") for r in reasons_text(entity.classification_reasons)
    )
    assert not classification.national_rule(definition.country).provisional


@pytest.mark.django_db
def test_raising_the_thai_dividend_ceiling_shows_who_would_move_then_moves_them(
    th_consultant: User,
    th_committee: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # A hand-made fixture: 45 % and 40 % dividends (between the two ceilings), one at
    # 20 % (under both), one at 60 % (over both), one SHG share-out.
    between = [
        thai_entity(
            th_consultant, "Weavers", surplus_rule="CAPPED", surplus_cap_pct=45
        ),
        thai_entity(
            th_consultant, "Potters", surplus_rule="CAPPED", surplus_cap_pct=40
        ),
    ]
    under = thai_entity(
        th_consultant, "Farmers", surplus_rule="CAPPED", surplus_cap_pct=20
    )
    over = thai_entity(
        th_consultant, "Traders", surplus_rule="CAPPED", surplus_cap_pct=60
    )
    savings = thai_entity(
        th_consultant, "Savings group", sse_type="SHG", surplus_rule="UNRESTRICTED"
    )
    with django_capture_on_commit_callbacks(execute=True):
        first = new_definition(th_consultant, 30)
    first.refresh_from_db()
    assert first.draft_effect["moving"] == 3
    assert first.draft_effect["moves"] == {"SSE>BORDERLINE": 3}
    with django_capture_on_commit_callbacks(execute=True):
        validate(first, th_consultant, th_committee)
    for entity in (*between, over):
        entity.refresh_from_db()
        assert entity.classification == BORDERLINE
    under.refresh_from_db()
    savings.refresh_from_db()
    assert (under.classification, savings.classification) == (SSE, SSE)
    assert any("share-out" in r for r in reasons_text(savings.classification_reasons))

    with django_capture_on_commit_callbacks(execute=True):
        second = new_definition(th_consultant, 50)
    second.refresh_from_db()
    assert second.draft_effect["moving"] == 2
    assert second.draft_effect["moves"] == {"BORDERLINE>SSE": 2}
    assert {row["name"] for row in second.draft_effect["moved"]} == {
        "Weavers",
        "Potters",
    }
    assert classification.effect_summary(second.draft_effect) == (
        "2 entities would move: 2 from borderline to sse."
    )
    # Nothing moved yet: the draft is not in force.
    between[0].refresh_from_db()
    assert between[0].classification == BORDERLINE

    with django_capture_on_commit_callbacks(execute=True):
        validate(second, th_consultant, th_committee)
    for entity in between:
        entity.refresh_from_db()
        assert entity.classification == SSE
        assert entity.classification_rule_version == "TH-national-definition-v2"
        event = AuditEvent.objects.filter(
            object_id=entity.pk, action="reclassified"
        ).latest("pk")
        assert event.changes == {"classification": [BORDERLINE, SSE]}
        assert event.actor == th_committee
    over.refresh_from_db()
    assert over.classification == BORDERLINE
    assert any(
        "allows at most 50 %" in r for r in reasons_text(over.classification_reasons)
    )


@pytest.mark.django_db
def test_the_definition_pages_show_the_rules_the_effect_and_the_comparison(
    client: Client,
    th_consultant: User,
    staff: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    thai_entity(th_consultant, "Weavers", surplus_rule="CAPPED", surplus_cap_pct=45)
    with django_capture_on_commit_callbacks(execute=True):
        definition = new_definition(th_consultant, 30)
    client.force_login(th_consultant)
    page = client.get(
        reverse("definition-detail", args=[definition.pk])
    ).content.decode()
    assert "At most 30 % of surplus paid on capital (P4.2)." in page
    assert "1 entity would move: 1 from sse to borderline." in page
    assert "Weavers" in page
    assert "classifications are provisional" in page

    form = client.get(reverse("definition-edit", args=[definition.pk])).content.decode()
    assert (
        'name="treatment_P4_2"' in form and 'name="max_surplus_on_capital_pct"' in form
    )

    client.force_login(staff)
    compare = client.get(reverse("definition-compare")).content.decode()
    assert "ILC 2022" in compare and "Thailand v1" in compare
    assert compare.index("primacy of people") < compare.index("The SSE in Thailand")


@pytest.mark.django_db
def test_an_asset_lock_unknown_but_rated_met_is_flagged_on_the_entity(
    th_consultant: User,
) -> None:
    entity = thai_entity(th_consultant, "Weavers", asset_lock="UNK")
    assert (
        "To check before submission: P4.3 is rated “Met” but the asset lock field "
        "says unknown." in reasons_text(entity.classification_reasons)
    )
    entities_services.entity_update(
        entity=entity,
        by=th_consultant,
        data={"asset_lock": "Y"},
        expected_version=entity.version,
    )
    entity.refresh_from_db()
    assert not any("To check" in r for r in reasons_text(entity.classification_reasons))


def test_both_surplus_and_asset_criteria_failing_put_an_entity_outside() -> None:
    result = classify(ratings(p4_2=NOT_MET, p4_3=NOT_MET))
    assert result.classification == OUTSIDE
    assert reasons_text(result.reasons)[0] == (
        "Outside the SSE under the ILC 2022 default rule: principle P4 fails on two "
        "or more criteria."
    )
    assert [r[:4] for r in reasons_text(result.reasons)[1:3]] == ["P4.2", "P4.3"]


def test_the_example_rules_of_the_demo_are_valid() -> None:
    from surveys.demo.definition_rules import EXAMPLE_RULES

    assert all(rules_errors(rules) == [] for rules in EXAMPLE_RULES.values())
    assert thai_rule(**EXAMPLE_RULES["TH"]).max_surplus_on_capital_pct == 30


@pytest.mark.django_db
def test_the_entity_page_and_the_api_mark_a_provisional_classification(
    client: Client,
    th_consultant: User,
    th_committee: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    entity = thai_entity(
        th_consultant, "Savings group", sse_type="SHG", surplus_rule="UNRESTRICTED"
    )
    client.force_login(th_consultant)
    url = reverse("entity-detail", args=[entity.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="detail-provisional"' in page
    assert "share-out returns members&#x27; own savings" in page
    listing = client.get(reverse("entity-list", args=["TH"])).content.decode()
    assert 'data-testid="provisional-note"' in listing
    api = client.get(f"/api/v1/entities/{entity.pk}/").json()
    assert api["classification_provisional"] is True
    assert api["classification"] == SSE
    with django_capture_on_commit_callbacks(execute=True):
        validate(new_definition(th_consultant, 30), th_consultant, th_committee)
    page = client.get(url).content.decode()
    assert 'data-testid="detail-provisional"' not in page
    assert (
        client.get(f"/api/v1/entities/{entity.pk}/").json()[
            "classification_provisional"
        ]
        is False
    )


@pytest.mark.django_db
def test_saving_the_form_unchanged_changes_nothing(
    client: Client, th_consultant: User
) -> None:
    definition = records_services.national_definition_create(
        country=Country.objects.get(pk="TH"), by=th_consultant, data={}
    )
    client.force_login(th_consultant)
    url = reverse("definition-edit", args=[definition.pk])
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in {
            **form.initial,
            **{n: f.initial for n, f in form.fields.items() if n not in form.initial},
        }.items()
        if value is not None
    }
    data["rules_posted"] = "on"
    data["version"] = definition.version
    for name in ("informal_groups_allowed", "registration_required"):
        if not data.get(name):
            data.pop(name, None)
    for element in definition.elements.all():
        data[f"element-{element.element}-treatment"] = element.treatment
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    definition.refresh_from_db()
    assert definition.version == 1
    assert definition.rules == {}
    data["max_surplus_on_capital_pct"] = 50
    data["treatment_P4_3"] = "REQUIRED"
    data["version"] = definition.version
    assert client.post(url, data).status_code == 302
    definition.refresh_from_db()
    rule = classification.definition_rule(definition)
    assert rule.max_surplus_on_capital_pct == 50
    assert rule.treatments["P4.3"] == "REQUIRED"
    assert rule.cases == frozenset(
        {"SAVINGS_SHARE_OUT", "GOVERNMENT_INITIATED_COOP", "SE_ONE_OWNER"}
    )


def test_a_named_case_never_makes_a_national_treatment_stricter() -> None:
    rule = thai_rule(treatments={"P3.1": "FLAG"})
    result = classify(
        ratings(p3_1=NOT_MET), facts=EntityFacts(sse_type="COOP"), rule=rule
    )
    assert result.classification == SSE
    assert rule.treatment("P3.1", "COOP") == ("FLAG", "")


def test_a_principle_with_no_criterion_in_use_decides_nothing() -> None:
    rule = thai_rule(
        treatments={"P2.1": "NOT_USED", "P2.2": "NOT_USED", "P2.3": "FLAG"}
    )
    assert classify(ratings(p2_2=NOT_MET), rule=rule).classification == SSE


@pytest.mark.django_db
def test_the_list_and_the_api_filter_provisional_classifications(
    client: Client,
    th_consultant: User,
    th_committee: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    before = thai_entity(
        th_consultant, "Classified before", surplus_rule="CAPPED", surplus_cap_pct=20
    )
    with django_capture_on_commit_callbacks(execute=True):
        validate(new_definition(th_consultant, 30), th_consultant, th_committee)
    Entity.objects.filter(pk=before.pk).update(classification_rule_version="")
    after = thai_entity(
        th_consultant, "Classified after", surplus_rule="CAPPED", surplus_cap_pct=20
    )
    assert not after.classification_provisional
    client.force_login(th_consultant)

    def listed(provisional: str) -> set[str]:
        page = client.get(
            reverse("entity-list", args=["TH"]), {"provisional": provisional}
        ).content.decode()
        return {e.code for e in (before, after) if e.code in page}

    assert listed("yes") == {before.code}
    assert listed("no") == {after.code}
    api = client.get("/api/v1/entities/", {"provisional": "yes"}).json()
    assert [row["id"] for row in api["results"]] == [before.pk]


def test_an_sse_outcome_names_the_ceiling_it_is_within() -> None:
    facts = EntityFacts(sse_type="CE", surplus_rule="CAPPED", surplus_cap_pct=45)
    result = classify(
        ratings(), facts=facts, rule=thai_rule(max_surplus_on_capital_pct=50)
    )
    assert result.classification == "SSE"
    assert reasons_text(result.reasons)[1] == (
        "P4.2 Surplus not distributed in proportion to capital: 45 % of surplus paid "
        "on capital; the national definition of Thailand (version 2) allows at most "
        "50 %; within the limit."
    )
