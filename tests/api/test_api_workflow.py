"""The issue's journey through the API: a consultant's script records an entity with
figures and an assessment and submits it; the committee decides on it; another
country's consultant cannot see it."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from countries.models import AdminArea
from countries.vocabularies import Rating
from surveys.models import Entity
from surveys.principles import CRITERIA

pytestmark = pytest.mark.django_db

Client = Callable[[User], APIClient]


def new_entity_body() -> dict[str, Any]:
    bangkok = AdminArea.objects.current().get(country_id="TH", iso_3166_2="TH-10")
    return {
        "country": "TH",
        "name_local": "สหกรณ์ออมทรัพย์ชุมชนคลองเตย",
        "name_en": "Khlong Toei Community Savings Cooperative",
        "area": bangkok.pk,
        "sse_type": "SCC",
        "registration_status": "REG_SSE_LAW",
        "main_activity": "64",
        "year_established": 2012,
        "target_groups": ["WOMEN", "INFORMAL_WORKERS"],
    }


def test_a_consultant_script_records_and_submits_and_the_committee_validates(
    client_for: Client,
    th_consultant: User,
    th_committee: User,
    kh_consultant: User,
) -> None:
    script = client_for(th_consultant)

    created = script.post("/api/v1/entities/", new_entity_body(), format="json")
    assert created.status_code == 201, created.json()
    entity = created.json()
    assert entity["code"] == "TH-000001"
    assert entity["workflow_state"] == "draft"
    assert created["ETag"] == '"1"'

    figures = script.post(
        f"/api/v1/entities/{entity['id']}/figures/",
        {
            "reference_year": 2024,
            "members_total": 320,
            "members_women": 250,
            "members_men": 70,
            "board_total": 9,
            "board_women": 6,
            "board_men": 3,
            "chair_sex": "F",
        },
        format="json",
    )
    assert figures.status_code == 201, figures.json()
    assert figures.json()["not_disaggregated"]["members"] == 0

    assessment = script.put(
        f"/api/v1/entities/{entity['id']}/assessment/",
        {c.field: Rating.MET for c in CRITERIA},
        format="json",
    )
    assert assessment.status_code == 200, assessment.json()

    detail = script.get(f"/api/v1/entities/{entity['id']}/").json()
    assert detail["classification"] == "SSE"
    assert detail["women_led"] is True
    assert detail["figures"][0]["members_women"] == 250
    assert detail["assessment"]["p1_1"] == "MET"

    submitted = script.post(f"/api/v1/entities/{entity['id']}/submit/")
    assert submitted.status_code == 200, submitted.json()
    assert submitted.json()["workflow_state"] == "submitted"

    committee = client_for(th_committee)
    decided = committee.post(
        f"/api/v1/entities/{entity['id']}/decide/",
        {"decision": "approve", "comment": "Checked against the register."},
        format="json",
    )
    assert decided.status_code == 200, decided.json()
    assert decided.json()["workflow_state"] == "validated"
    assert decided.json()["review"]["reviewer"] == "th-committee"
    assert Entity.objects.get(pk=entity["id"]).workflow_state == "validated"

    outsider = client_for(kh_consultant)
    assert outsider.get(f"/api/v1/entities/{entity['id']}/").status_code == 404
    listed = outsider.get("/api/v1/entities/").json()["results"]
    assert entity["id"] not in [row["id"] for row in listed]


def test_an_incomplete_entity_cannot_be_submitted_and_the_message_says_why(
    client_for: Client, th_consultant: User, entity_maker: Callable[..., Entity]
) -> None:
    entity = entity_maker(th_consultant, ready=False)
    response = client_for(th_consultant).post(f"/api/v1/entities/{entity.pk}/submit/")
    assert response.status_code == 400
    assert "Still missing" in response.json()["detail"]
    assert "principles assessment" in response.json()["detail"]


def test_returning_needs_a_comment_and_the_consultant_sees_the_returned_state(
    client_for: Client,
    th_consultant: User,
    th_committee: User,
    entity_maker: Callable[..., Entity],
) -> None:
    entity = entity_maker(th_consultant)
    client_for(th_consultant).post(f"/api/v1/entities/{entity.pk}/submit/")
    committee = client_for(th_committee)

    silent = committee.post(
        f"/api/v1/entities/{entity.pk}/decide/", {"decision": "return"}, format="json"
    )
    assert silent.status_code == 400
    assert silent.json()["errors"]["comment"] == [
        "A comment is required to return or reject."
    ]

    returned = committee.post(
        f"/api/v1/entities/{entity.pk}/decide/",
        {"decision": "return", "field_comments": {"area": "Wrong province."}},
        format="json",
    )
    assert returned.json()["workflow_state"] == "returned"
    reviews = client_for(th_consultant).get(
        "/api/v1/reviews/", {"record_type": "entity", "record_id": entity.pk}
    )
    assert reviews.json()["results"][0]["field_comments"] == {"area": "Wrong province."}


def test_staff_reopen_a_validated_entity_and_others_may_not(
    client_for: Client,
    th_consultant: User,
    th_committee: User,
    staff: User,
    entity_maker: Callable[..., Entity],
) -> None:
    entity = entity_maker(th_consultant)
    client_for(th_consultant).post(f"/api/v1/entities/{entity.pk}/submit/")
    client_for(th_committee).post(
        f"/api/v1/entities/{entity.pk}/decide/", {"decision": "approve"}, format="json"
    )

    refused = client_for(th_consultant).post(f"/api/v1/entities/{entity.pk}/reopen/")
    assert refused.status_code == 403

    reopened = client_for(staff).post(
        f"/api/v1/entities/{entity.pk}/reopen/",
        {"reason": "New register data."},
        format="json",
    )
    assert reopened.status_code == 200
    assert reopened.json()["workflow_state"] == "draft"


def test_a_case_study_goes_through_the_same_workflow(
    client_for: Client, th_consultant: User, th_committee: User
) -> None:
    script = client_for(th_consultant)
    created = script.post(
        "/api/v1/case-studies/",
        {
            "country": "th",
            "title": "Women-led savings in Khlong Toei",
            "summary": "A savings group that became a cooperative.",
            "gender_analysis": "Women hold six of nine board seats.",
            "priority_sector": "CONSTRUCTION",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert script.post(f"/api/v1/case-studies/{pk}/submit/").status_code == 200
    decided = client_for(th_committee).post(
        f"/api/v1/case-studies/{pk}/decide/",
        {"decision": "reject", "comment": "Out of scope."},
        format="json",
    )
    assert decided.json()["workflow_state"] == "rejected"
