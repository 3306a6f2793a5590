"""The entity endpoints and every list: filters (the merged-area one included), cursor
paging, a fixed number of queries per page, stale updates, validation messages."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from rest_framework.test import APIClient

from countries.models import AdminArea, Country, IsicCode, LegalForm, NationalPriority
from surveys.entities import services as entities_services
from surveys.meetings import services as meetings_services
from surveys.models import CapacityGap, CaseStudy, Entity
from surveys.records import services as records_services
from surveys.review import workflow as review_workflow
from tests.api.helpers import area_of, make_entity, token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def th(th_consultant: User) -> APIClient:
    return token_client(th_consultant)


def ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def viet_nam_merger() -> tuple[AdminArea, AdminArea]:
    """A province of today's Viet Nam and one of the units merged into it in 2025."""
    old = AdminArea.objects.filter(country_id="VN", replaced_by__isnull=False).first()
    return old.replaced_by, old


# --- Filters ---------------------------------------------------------------------------


def test_the_area_filter_finds_entities_recorded_in_units_merged_into_it(
    make_persona: Callable[..., User],
) -> None:
    vn = make_persona("vn-consultant", "VN", "consultant")
    today, merged = viet_nam_merger()
    in_today = make_entity(vn, "VN", ready=False, name_en="Recorded after", area=today)
    # Recorded against the old province before the reform: the service refuses a
    # unit that no longer exists, so the row is moved there directly.
    before = make_entity(vn, "VN", ready=False, name_en="Recorded before")
    Entity.objects.filter(pk=before.pk).update(area=merged)
    other_area = (
        AdminArea.objects.current().filter(country_id="VN").exclude(pk=today.pk)
    )
    make_entity(vn, "VN", ready=False, name_en="Elsewhere", area=other_area.first())

    found = ids(token_client(vn).get("/api/v1/entities/", {"area": today.pk}))
    assert sorted(found) == sorted([in_today.pk, before.pk])


def test_an_area_that_no_longer_exists_finds_the_entities_recorded_in_it(
    make_persona: Callable[..., User],
) -> None:
    vn = make_persona("vn-consultant", "VN", "consultant")
    today, merged = viet_nam_merger()
    make_entity(vn, "VN", ready=False, name_en="Recorded after", area=today)
    before = make_entity(vn, "VN", ready=False, name_en="Recorded before")
    Entity.objects.filter(pk=before.pk).update(area=merged)

    assert ids(token_client(vn).get("/api/v1/entities/", {"area": merged.pk})) == [
        before.pk
    ]


def test_an_area_or_legal_form_that_does_not_exist_matches_no_entity(
    th: APIClient, th_consultant: User
) -> None:
    make_entity(th_consultant, name_en="Chiang Mai Weavers Cooperative")
    missing = AdminArea.objects.order_by("-pk").first().pk + 1

    assert ids(th.get("/api/v1/entities/", {"area": missing})) == []
    assert ids(th.get("/api/v1/entities/", {"legal_form": 10**9})) == []


def test_each_entity_filter_narrows_the_list(
    th: APIClient, th_consultant: User, th_committee: User
) -> None:
    thai_forms = LegalForm.objects.filter(country_id="TH")
    coop = make_entity(
        th_consultant,
        name_en="Chiang Mai Weavers Cooperative",
        legal_form=thai_forms.first(),
    )
    mine = make_entity(
        th_consultant,
        ready=False,
        name_en="Mae Moh Miners Group",
        sse_type="SHG",
        registration_status="INFORMAL",
        main_activity=IsicCode.objects.get(pk="08"),
        legal_form=thai_forms.last(),
    )
    review_workflow.record_submit(record=coop, by=th_consultant)
    review_workflow.review_decide(record=coop, by=th_committee, decision="approve")
    everything = ids(th.get("/api/v1/entities/"))
    assert sorted(everything) == sorted([coop.pk, mine.pk])

    expectations: list[tuple[dict[str, Any], list[int]]] = [
        ({"country": "th"}, [mine.pk, coop.pk]),
        ({"country": "KH"}, []),
        ({"sse_type": "SHG"}, [mine.pk]),
        ({"legal_form": thai_forms.last().pk}, [mine.pk]),
        ({"registration_status": "INFORMAL"}, [mine.pk]),
        ({"sector": "ASM"}, [mine.pk]),
        ({"isic": "08"}, [mine.pk]),
        ({"isic": "B"}, [mine.pk]),
        ({"isic": "A01"}, [coop.pk]),
        ({"classification": "SSE"}, [coop.pk]),
        ({"classification": "UNASSESSED"}, [mine.pk]),
        ({"workflow_state": "validated"}, [coop.pk]),
        ({"women_led": "unknown"}, [mine.pk, coop.pk]),
        ({"flag": "MISSING_REQUIRED"}, [mine.pk]),
        ({"flag": "ANY"}, [mine.pk]),
        ({"search": "weavers"}, [coop.pk]),
        ({"search": "mae moh"}, [mine.pk]),
        ({"search": mine.code}, [mine.pk]),
    ]
    for query, expected in expectations:
        assert sorted(ids(th.get("/api/v1/entities/", query))) == sorted(expected), (
            query
        )


def test_updated_since_lists_only_what_changed_after_that_moment(
    th: APIClient, th_consultant: User
) -> None:
    old = make_entity(th_consultant, ready=False, name_en="Old")
    Entity.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=3)
    )
    new = make_entity(th_consultant, ready=False, name_en="New")
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert ids(th.get("/api/v1/entities/", {"updated_since": since})) == [new.pk]
    bad = th.get("/api/v1/entities/", {"updated_since": "yesterday"})
    assert bad.status_code == 400
    assert bad.json()["errors"]["updated_since"]
    # Offsets PostgreSQL would refuse are turned to UTC; a moment past year 9999 is not.
    far_east = th.get("/api/v1/entities/", {"updated_since": "2000-01-01T00:00+17:14"})
    assert sorted(ids(far_east)) == sorted([old.pk, new.pk])
    too_late = th.get(
        "/api/v1/entities/", {"updated_since": "9999-12-31T23:00:00-05:00"}
    )
    assert too_late.status_code == 400


def test_women_led_follows_the_latest_figures(
    th: APIClient, th_consultant: User
) -> None:
    led = make_entity(th_consultant, ready=False, name_en="Led by a woman")
    entities_services.figures_save(
        entity=led,
        by=th_consultant,
        reference_year=2024,
        data={"chair_sex": "F"},
        expected_version=None,
    )
    make_entity(th_consultant, ready=False, name_en="Not known")
    assert ids(th.get("/api/v1/entities/", {"women_led": "yes"})) == [led.pk]


def test_case_study_and_gap_filters_use_merged_areas_and_codes(
    make_persona: Callable[..., User],
) -> None:
    vn = make_persona("vn-consultant", "VN", "consultant")
    today, merged = viet_nam_merger()
    viet_nam = Country.objects.get(pk="VN")
    study = records_services.record_create(
        model=CaseStudy,
        country=viet_nam,
        by=vn,
        data={"title": "Before the reform", "priority_sector": "ASM"},
    )
    CaseStudy.objects.filter(pk=study.pk).update(area=merged)
    records_services.record_create(
        model=CaseStudy, country=viet_nam, by=vn, data={"title": "Other"}
    )
    gap = records_services.record_create(
        model=CapacityGap,
        country=viet_nam,
        by=vn,
        data={
            "title": "Mining permits",
            "category": "LEGAL_RECOGNITION",
            "severity": 3,
            "affected_sse_types": ["SE"],
            "affected_sectors": ["ASM"],
        },
    )
    records_services.record_create(
        model=CapacityGap,
        country=viet_nam,
        by=vn,
        data={"title": "Credit", "category": "FINANCE", "affected_sse_types": ["SCC"]},
    )
    client = token_client(vn)
    assert ids(client.get("/api/v1/case-studies/", {"area": today.pk})) == [study.pk]
    assert ids(client.get("/api/v1/case-studies/", {"priority_sector": "ASM"})) == [
        study.pk
    ]
    for query in (
        {"severity": 3},
        {"sse_type": "SE"},
        {"priority_sector": "ASM"},
        {"category": "LEGAL_RECOGNITION"},
        {"search": "permits"},
    ):
        assert ids(client.get("/api/v1/capacity-gaps/", query)) == [gap.pk], query


def test_areas_carry_their_validity_and_the_crosswalk(
    make_persona: Callable[..., User],
) -> None:
    client = token_client(make_persona("vn-consultant", "VN", "consultant"))
    today, merged = viet_nam_merger()
    old = client.get(f"/api/v1/areas/{merged.pk}/").json()
    assert old["is_current"] is False
    assert old["valid_to"] == merged.valid_to.isoformat()
    assert old["replaced_by"] == today.pk
    assert old["current_successor"] == today.pk
    new = client.get(f"/api/v1/areas/{today.pk}/").json()
    assert merged.pk in new["predecessors"]
    crosswalk = client.get(
        "/api/v1/areas/", {"merged_into": today.pk, "page_size": 200}
    )
    assert merged.pk in ids(crosswalk)
    current = client.get("/api/v1/areas/", {"current": "true", "page_size": 200})
    assert current.json()["count"] == 34
    before = client.get("/api/v1/areas/", {"valid_on": "2024-01-01", "page_size": 200})
    assert before.json()["count"] == 63


def test_vocabularies_give_every_code_list_with_labels(th: APIClient) -> None:
    lists = {v["name"]: v["codes"] for v in th.get("/api/v1/vocabularies/").json()}
    assert {"code": "COOP", "label": "Cooperative"} in lists["sse_type"]
    assert "workflow_state" in lists and "currency" in lists
    one = th.get("/api/v1/vocabularies/rating/").json()
    assert [c["code"] for c in one["codes"]] == ["MET", "PARTIAL", "NOT_MET", "UNKNOWN"]
    assert th.get("/api/v1/vocabularies/nothing/").status_code == 404


# --- Cursor paging and queries ----------------------------------------------------------


def test_cursor_pages_walk_every_entity_once_newest_first(
    th: APIClient, th_consultant: User
) -> None:
    made = [
        make_entity(th_consultant, ready=False, name_en=f"Group {n}").pk
        for n in range(7)
    ]
    seen: list[int] = []
    response = th.get("/api/v1/entities/", {"page_size": 3})
    pages = 0
    while True:
        body = response.json()
        assert "count" not in body
        seen += [row["id"] for row in body["results"]]
        pages += 1
        if not body["next"]:
            break
        response = th.get(body["next"])
    assert pages == 3
    assert seen == list(reversed(made))
    assert th.get("/api/v1/entities/", {"cursor": "garbage"}).status_code == 404


def test_ordering_by_code_pages_in_code_order(
    th: APIClient, th_consultant: User
) -> None:
    made = [
        make_entity(th_consultant, ready=False, name_en=f"Group {n}").code
        for n in range(4)
    ]
    first = th.get("/api/v1/entities/", {"ordering": "code", "page_size": 2}).json()
    second = th.get(first["next"]).json()
    codes = [row["code"] for row in first["results"] + second["results"]]
    assert codes == sorted(made)


def test_an_entity_page_makes_no_count_query(
    th: APIClient, th_consultant: User, django_assert_max_num_queries: Any
) -> None:
    for n in range(3):
        make_entity(th_consultant, ready=False, name_en=f"Group {n}")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        th.get("/api/v1/entities/", {"page_size": 2})
    assert not [q for q in queries if "COUNT(" in q["sql"].upper()]


LIST_ENDPOINTS = (
    "/api/v1/entities/",
    "/api/v1/case-studies/",
    "/api/v1/capacity-gaps/",
    "/api/v1/national-definitions/",
    "/api/v1/reviews/",
    "/api/v1/meetings/",
    "/api/v1/areas/",
    "/api/v1/legal-forms/",
    "/api/v1/national-priorities/",
    "/api/v1/countries/",
    "/api/v1/vocabularies/",
)


def many_records(consultant: User, committee: User, n: int) -> None:
    thailand = Country.objects.get(pk="TH")
    for i in range(n):
        NationalPriority.objects.create(
            country=thailand, code=f"NP{i}", title=f"Priority {i}"
        )
        entity = make_entity(consultant, name_en=f"Cooperative {i}")
        review_workflow.record_submit(record=entity, by=consultant)
        review_workflow.review_decide(
            record=entity, by=committee, decision="return", comment="More detail."
        )
        records_services.record_create(
            model=CaseStudy,
            country=thailand,
            by=consultant,
            data={"title": f"Study {i}", "entities": [entity]},
        )
        records_services.record_create(
            model=CapacityGap,
            country=thailand,
            by=consultant,
            data={
                "title": f"Gap {i}",
                "category": "FINANCE",
                "affected_areas": [area_of("TH")],
            },
        )
        records_services.national_definition_create(
            country=thailand, by=consultant, data={"title": f"Version {i}"}
        )
        meetings_services.meeting_create(
            country=thailand,
            by=committee,
            data={"date": f"2026-01-{i + 1:02d}"},
            agenda=[entity],
        )


@pytest.mark.parametrize("path", LIST_ENDPOINTS)
def test_a_list_runs_the_same_few_queries_whatever_the_page_size(
    path: str,
    th_consultant: User,
    th_committee: User,
    django_assert_max_num_queries: Any,
) -> None:
    many_records(th_consultant, th_committee, 6)
    client = token_client(th_consultant)
    client.get("/api/v1/me/")  # the token's first use is recorded once
    with django_assert_max_num_queries(12) as small:
        assert client.get(path, {"page_size": 2}).status_code == 200
    with django_assert_max_num_queries(12) as large:
        response = client.get(path, {"page_size": 100})
        assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    rows = response.json()
    rows = rows if isinstance(rows, list) else rows["results"]
    assert len(rows) >= (1 if path == "/api/v1/countries/" else 6)


def test_an_entity_with_every_year_reads_in_a_fixed_number_of_queries(
    th: APIClient, th_consultant: User, django_assert_max_num_queries: Any
) -> None:
    entity = make_entity(th_consultant)
    for year in (2019, 2020, 2021, 2022):
        entities_services.figures_save(
            entity=entity,
            by=th_consultant,
            reference_year=year,
            data={"members_total": year - 1990},
            expected_version=None,
        )
    with django_assert_max_num_queries(12):
        body = th.get(f"/api/v1/entities/{entity.pk}/").json()
    assert [f["reference_year"] for f in body["figures"]] == [
        2024,
        2022,
        2021,
        2020,
        2019,
    ]


# --- Writes: conflicts, validation, figures, assessment -----------------------------------


def test_a_stale_version_is_refused_with_409_and_the_record_as_saved_now(
    th: APIClient, th_consultant: User
) -> None:
    entity = make_entity(th_consultant, ready=False)
    read = th.get(f"/api/v1/entities/{entity.pk}/")
    etag = read["ETag"]
    first = th.patch(
        f"/api/v1/entities/{entity.pk}/",
        {"acronym": "KTC"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert first.status_code == 200
    assert first["ETag"] != etag

    stale = th.patch(
        f"/api/v1/entities/{entity.pk}/",
        {"acronym": "OLD"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert stale.status_code == 409
    assert "Someone else saved this record" in stale.json()["detail"]
    assert stale.json()["current"]["acronym"] == "KTC"
    assert stale.json()["current"]["version"] == entity.version + 1

    in_body = th.patch(
        f"/api/v1/entities/{entity.pk}/",
        {"acronym": "OLD", "version": entity.version},
        format="json",
    )
    assert in_body.status_code == 409
    assert Entity.objects.get(pk=entity.pk).acronym == "KTC"

    garbled = th.patch(
        f"/api/v1/entities/{entity.pk}/",
        {"acronym": "X"},
        format="json",
        HTTP_IF_MATCH="yesterday",
    )
    assert garbled.status_code == 400
    assert garbled.json()["errors"]["If-Match"]


def test_a_stale_figures_save_is_refused_too(
    th: APIClient, th_consultant: User
) -> None:
    entity = make_entity(th_consultant)
    response = th.put(
        f"/api/v1/entities/{entity.pk}/figures/2024/",
        {"members_total": 50, "version": entity.version - 1},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["current"]["figures"][0]["members_total"] == 40


def test_figures_that_break_a_rule_get_the_same_message_as_on_the_page(
    th: APIClient, th_consultant: User
) -> None:
    entity = make_entity(th_consultant)
    response = th.put(
        f"/api/v1/entities/{entity.pk}/figures/2023/",
        {"members_total": 10, "members_women": 8, "members_men": 5},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Please correct the figures marked below."
    assert body["errors"]["members_total"] == [
        "Members: women (8) and men (5) add up to more than the total (10)."
    ]
    before = th.put(
        f"/api/v1/entities/{entity.pk}/figures/1999/",
        {"members_total": 10},
        format="json",
    )
    assert (
        "before the year the entity was established"
        in (before.json()["errors"]["reference_year"][0])
    )
    out_of_range = th.put(
        f"/api/v1/entities/{entity.pk}/figures/1500/", {}, format="json"
    )
    assert out_of_range.status_code == 400
    assert out_of_range.json()["errors"]["reference_year"]


def test_entity_input_errors_name_the_fields(th: APIClient) -> None:
    kh_area = area_of("KH")
    response = th.post(
        "/api/v1/entities/",
        {
            "country": "TH",
            "name_en": "Wrong place",
            "area": kh_area.pk,
            "other_activities": ["00", "ZZ"],
        },
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["area"] == ["Choose an area of Thailand."]
    assert errors["other_activities"] == ["Unknown ISIC Rev.4 codes: 00, ZZ."]

    typed = th.post(
        "/api/v1/entities/",
        {"country": "TH", "sse_type": "BANK", "year_established": "soon"},
        format="json",
    )
    assert set(typed.json()["errors"]) == {"sse_type", "year_established"}
    assert typed.json()["detail"] == "Please correct the fields marked below."

    broken = th.post("/api/v1/entities/", "{not json", content_type="application/json")
    assert broken.status_code == 400
    assert "JSON" in broken.json()["detail"]


def test_figures_years_are_added_read_replaced_and_deleted(
    th: APIClient, th_consultant: User
) -> None:
    entity = make_entity(th_consultant)
    base = f"/api/v1/entities/{entity.pk}/figures/"
    added = th.post(
        base,
        {"reference_year": 2023, "members_total": 30, "members_women": 20},
        format="json",
    )
    assert added.status_code == 201
    assert added.json()["not_disaggregated"]["members"] == 10
    twice = th.post(base, {"reference_year": 2023}, format="json")
    assert twice.status_code == 400
    assert "already recorded" in twice.json()["errors"]["reference_year"][0]

    assert [f["reference_year"] for f in th.get(base).json()] == [2024, 2023]
    replaced = th.put(f"{base}2023/", {"employees_total": 4}, format="json")
    assert replaced.json()["members_total"] is None
    assert replaced.json()["employees_total"] == 4
    assert th.delete(f"{base}2023/").status_code == 204
    assert th.get(f"{base}2023/").status_code == 404
    assert th.delete(f"{base}2023/").status_code == 404


def test_saving_the_assessment_whole_reclassifies_the_entity(
    th: APIClient, th_consultant: User
) -> None:
    entity = make_entity(th_consultant)
    assert entity.classification == "SSE"
    response = th.put(
        f"/api/v1/entities/{entity.pk}/assessment/",
        {"p3_2": "NOT_MET", "p3_2_evidence": "BYLAWS"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["p1_1"] == "UNKNOWN"  # left out: not known
    detail = th.get(f"/api/v1/entities/{entity.pk}/").json()
    assert detail["classification"] == "OUTSIDE"
    assert detail["classification_reasons"]


def test_a_submitted_entity_cannot_be_changed_until_the_review_ends(
    th: APIClient, th_consultant: User
) -> None:
    entity = make_entity(th_consultant)
    review_workflow.record_submit(record=entity, by=th_consultant)
    response = th.patch(
        f"/api/v1/entities/{entity.pk}/", {"acronym": "X"}, format="json"
    )
    assert response.status_code == 400
    assert "cannot be changed until the review ends" in response.json()["detail"]


def test_a_national_definition_change_carries_its_element_treatments(
    th: APIClient,
) -> None:
    created = th.post(
        "/api/v1/national-definitions/",
        {"country": "TH", "text_en": "Thai SSE.", "registration_required": True},
        format="json",
    ).json()
    assert created["number"] == 1
    assert len(created["elements"]) == 14
    changed = th.patch(
        f"/api/v1/national-definitions/{created['id']}/",
        {
            "version": created["version"],
            "elements": [
                {
                    "element": "P3",
                    "treatment": "ADAPTED",
                    "rationale": "Village funds are state-initiated.",
                }
            ],
        },
        format="json",
    )
    assert changed.status_code == 200, changed.content
    p3 = next(e for e in changed.json()["elements"] if e["element"] == "P3")
    assert p3["treatment"] == "ADAPTED"
    assert changed.json()["version"] == created["version"] + 1


def test_text_a_database_cannot_store_is_refused_not_a_server_error(
    th: APIClient,
) -> None:
    for body in (
        '{"country": "TH", "name_en": "\\ud800"}',
        '{"country": "TH", "notes": "a\\u0000b"}',
    ):
        response = th.post("/api/v1/entities/", body, content_type="application/json")
        assert response.status_code == 400, body
        assert "not valid Unicode" in response.json()["detail"]
    assert not Entity.objects.exists()


def test_a_national_definitions_rules_are_written_and_checked_through_the_api(
    th: APIClient,
) -> None:
    created = th.post(
        "/api/v1/national-definitions/",
        {"country": "TH", "rules": {"max_surplus_on_capital_pct": 30}},
        format="json",
    ).json()
    assert created["rules"] == {"max_surplus_on_capital_pct": 30}
    refused = th.patch(
        f"/api/v1/national-definitions/{created['id']}/",
        {"version": created["version"], "rules": {"max_surplus_on_capital_pct": 130}},
        format="json",
    )
    assert refused.status_code == 400
    assert "percentage" in str(refused.json())
    detail = th.get(f"/api/v1/national-definitions/{created['id']}/").json()
    assert "draft_effect" in detail


def test_a_legal_form_change_is_recorded_and_listed_with_the_entity(
    th: APIClient, th_consultant: User
) -> None:
    entity = make_entity(th_consultant)
    forms = list(LegalForm.objects.filter(country="TH").order_by("code")[:2])
    base = f"/api/v1/entities/{entity.pk}/"
    added = th.post(
        f"{base}legal-form-changes/",
        {"from_form": forms[0].code, "to_form": forms[1].code, "year": 2021},
        format="json",
    )
    assert added.status_code == 201, added.content
    detail = th.get(base).json()
    assert detail["legal_form_history"] == [
        {
            "id": added.json()["id"],
            "from_form": forms[0].code,
            "to_form": forms[1].code,
            "year": 2021,
        }
    ]
    assert detail["former_legal_form"] == forms[0].pk


def test_a_legal_form_of_another_country_is_refused_in_a_change(
    th: APIClient, th_consultant: User
) -> None:
    entity = make_entity(th_consultant)
    thai = LegalForm.objects.filter(country="TH").first()
    khmer = LegalForm.objects.filter(country="KH").first()
    assert thai is not None and khmer is not None
    refused = th.post(
        f"/api/v1/entities/{entity.pk}/legal-form-changes/",
        {"from_form": khmer.code, "to_form": thai.code},
        format="json",
    )
    assert refused.status_code == 400
    assert "from_form" in refused.json()["errors"]


def test_the_division_filter_finds_an_entity_coded_by_class(
    th: APIClient, th_consultant: User
) -> None:
    coded = make_entity(th_consultant, main_activity=IsicCode.objects.get(pk="0112"))
    response = th.get("/api/v1/entities/", {"isic": "01"})
    assert coded.pk in ids(response)
    assert coded.pk not in ids(th.get("/api/v1/entities/", {"isic": "02"}))
