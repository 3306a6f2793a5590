"""Who may do what through the API: role × own or other country × method, over every
endpoint. Another country's record is a 404; a role that may see a record but not act
on it is a 403; nobody logged in is a 401."""

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from countries.models import AdminArea, Country, LegalForm
from countries.vocabularies import WorkflowState
from surveys.meetings import services as meetings_services
from surveys.models import CapacityGap, CaseStudy, Entity
from surveys.records import services
from surveys.review import workflow as review_workflow
from tests.api.helpers import make_entity, token_client

pytestmark = pytest.mark.django_db

PERSONAS = ("th_consultant", "th_committee", "kh_consultant", "staff", "anonymous")


class World:
    """Thailand's records, made only when a case asks for them, and who asks."""

    def __init__(self, people: dict[str, User]) -> None:
        self.people = people
        self.thailand = Country.objects.get(pk="TH")
        self.made: dict[str, Any] = {}

    @property
    def consultant(self) -> User:
        return self.people["th_consultant"]

    @property
    def committee(self) -> User:
        return self.people["th_committee"]

    def _make(self, name: str) -> Any:
        if name == "entity":
            return make_entity(self.consultant)
        if name == "case_study":
            return services.record_create(
                model=CaseStudy,
                country=self.thailand,
                by=self.consultant,
                data={
                    "title": "Weavers",
                    "summary": "A summary.",
                    "gender_analysis": "Yes.",
                },
            )
        if name == "capacity_gap":
            return services.record_create(
                model=CapacityGap,
                country=self.thailand,
                by=self.consultant,
                data={
                    "title": "Credit",
                    "category": "FINANCE",
                    "evidence": "Interviews.",
                },
            )
        if name == "definition":
            return services.national_definition_create(
                country=self.thailand,
                by=self.consultant,
                data={"text_en": "The SSE in Thailand."},
            )
        if name == "meeting":
            return meetings_services.meeting_create(
                country=self.thailand, by=self.committee, data={"date": "2026-02-01"}
            )
        if name == "review":
            entity = make_entity(self.consultant, name_en="Reviewed cooperative")
            review_workflow.record_submit(record=entity, by=self.consultant)
            return review_workflow.review_decide(
                record=entity, by=self.committee, decision="return", comment="Why?"
            )
        if name == "area":
            return AdminArea.objects.filter(country_id="TH").first()
        if name == "legal_form":
            return LegalForm.objects.filter(country_id="TH").first()
        raise KeyError(name)

    def get(self, name: str) -> Any:
        if name not in self.made:
            self.made[name] = self._make(name)
        return self.made[name]

    def path(self, template: str) -> str:
        names = re.findall(r"{(\w+)}", template)
        return template.format(**{name: self.get(name).pk for name in names})

    def move_to(self, template: str, state: str) -> None:
        """Put the record a path names into the state the action needs."""
        for name in re.findall(r"{(\w+)}", template):
            record = self.get(name)
            if state in ("submitted", "validated"):
                review_workflow.record_submit(record=record, by=self.consultant)
            if state == "validated":
                review_workflow.review_decide(
                    record=record, by=self.committee, decision="approve"
                )


@pytest.fixture
def world(
    th_consultant: User, th_committee: User, kh_consultant: User, staff: User
) -> World:
    return World(
        {
            "th_consultant": th_consultant,
            "th_committee": th_committee,
            "kh_consultant": kh_consultant,
            "staff": staff,
        }
    )


def client(world: World, persona: str) -> APIClient:
    if persona == "anonymous":
        return APIClient()
    return token_client(world.people[persona])


# Expected status by persona, in the order of PERSONAS.
READ_OWN = (200, 200, 404, 200, 401)
READ_LIST = (200, 200, 200, 200, 401)
EDIT = (200, 403, 404, 403, 401)
# Another country's code in the body answers 404, as that country's records do.
CREATE = (201, 403, 404, 403, 401)
SUBMIT = (200, 403, 404, 403, 401)
DECIDE = (403, 200, 404, 403, 401)
REOPEN = (403, 403, 404, 200, 401)

RECORD_PATHS = {
    "entity": "/api/v1/entities/{entity}/",
    "case_study": "/api/v1/case-studies/{case_study}/",
    "capacity_gap": "/api/v1/capacity-gaps/{capacity_gap}/",
    "definition": "/api/v1/national-definitions/{definition}/",
}
EDITS = {
    "entity": {"acronym": "KTC"},
    "case_study": {"lessons": "Start small."},
    "capacity_gap": {"severity": 3},
    "definition": {"text_local": "เศรษฐกิจสังคมและความเป็นปึกแผ่น"},
}
CREATES = {
    "/api/v1/entities/": {"country": "TH", "name_en": "New group", "sse_type": "CE"},
    "/api/v1/case-studies/": {"country": "TH", "title": "New study"},
    "/api/v1/capacity-gaps/": {"country": "TH", "title": "Gap", "category": "DIGITAL"},
    "/api/v1/national-definitions/": {"country": "TH", "text_en": "Version two."},
}

CASES: list[tuple[str, str, str, Any, str | None, tuple[int, ...]]] = [
    # (name, method, path, body, state the records are in, expected per persona)
    ("me", "get", "/api/v1/me/", None, None, READ_LIST),
    ("countries", "get", "/api/v1/countries/", None, None, READ_LIST),
    ("country", "get", "/api/v1/countries/TH/", None, None, READ_OWN),
    ("areas", "get", "/api/v1/areas/", None, None, READ_LIST),
    ("area", "get", "/api/v1/areas/{area}/", None, None, READ_OWN),
    ("legal forms", "get", "/api/v1/legal-forms/", None, None, READ_LIST),
    ("legal form", "get", "/api/v1/legal-forms/{legal_form}/", None, None, READ_OWN),
    ("priorities", "get", "/api/v1/national-priorities/", None, None, READ_LIST),
    ("vocabularies", "get", "/api/v1/vocabularies/", None, None, READ_LIST),
    ("vocabulary", "get", "/api/v1/vocabularies/sse_type/", None, None, READ_LIST),
    ("reviews", "get", "/api/v1/reviews/", None, None, READ_LIST),
    ("review", "get", "/api/v1/reviews/{review}/", None, None, READ_OWN),
    ("meetings", "get", "/api/v1/meetings/", None, None, READ_LIST),
    ("meeting", "get", "/api/v1/meetings/{meeting}/", None, None, READ_OWN),
    (
        "meeting create",
        "post",
        "/api/v1/meetings/",
        {"country": "TH", "date": "2026-04-01"},
        None,
        # The committee and staff record meetings, not the consultants.
        (403, 201, 404, 201, 401),
    ),
    (
        "figures",
        "get",
        "/api/v1/entities/{entity}/figures/",
        None,
        "draft",
        READ_OWN,
    ),
    (
        "figures year",
        "get",
        "/api/v1/entities/{entity}/figures/2024/",
        None,
        "draft",
        READ_OWN,
    ),
    (
        "figures add",
        "post",
        "/api/v1/entities/{entity}/figures/",
        {"reference_year": 2023, "members_total": 30},
        "draft",
        (201, 403, 404, 403, 401),
    ),
    (
        "figures replace",
        "put",
        "/api/v1/entities/{entity}/figures/2024/",
        {"members_total": 41},
        "draft",
        EDIT,
    ),
    (
        "figures delete",
        "delete",
        "/api/v1/entities/{entity}/figures/2024/",
        None,
        "draft",
        (204, 403, 404, 403, 401),
    ),
    (
        "assessment",
        "get",
        "/api/v1/entities/{entity}/assessment/",
        None,
        "draft",
        READ_OWN,
    ),
    (
        "assessment save",
        "put",
        "/api/v1/entities/{entity}/assessment/",
        {"p1_1": "PARTIAL"},
        "draft",
        EDIT,
    ),
]
for kind, path in RECORD_PATHS.items():
    listing = path.rsplit("{", 1)[0]
    CASES += [
        (f"{kind} list", "get", listing, None, "draft", READ_LIST),
        (f"{kind} detail", "get", path, None, "draft", READ_OWN),
        (f"{kind} edit", "patch", path, EDITS[kind], "draft", EDIT),
        (f"{kind} submit", "post", path + "submit/", None, "draft", SUBMIT),
        (
            f"{kind} decide",
            "post",
            path + "decide/",
            {"decision": "approve"},
            "submitted",
            DECIDE,
        ),
        (f"{kind} reopen", "post", path + "reopen/", {}, "validated", REOPEN),
    ]
for path, body in CREATES.items():
    CASES.append((f"create {path}", "post", path, body, None, CREATE))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("method", "path", "body", "state", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_endpoint_answers_each_role_as_the_rules_say(
    world: World,
    persona: str,
    method: str,
    path: str,
    body: Any,
    state: str | None,
    expected: tuple[int, ...],
) -> None:
    if state is not None:
        world.move_to(path, state)
    response = getattr(client(world, persona), method)(
        world.path(path), body, format="json"
    )
    wanted = expected[PERSONAS.index(persona)]
    assert response.status_code == wanted, (persona, response.content[:300])
    if wanted >= 400:
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"]


@pytest.mark.parametrize(
    "path",
    [
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
    ],
)
def test_lists_hold_nothing_of_another_country_even_when_filtered_for_it(
    world: World, path: str
) -> None:
    for name in ("entity", "case_study", "capacity_gap", "definition", "meeting"):
        world.get(name)
    world.get("review")
    kh = client(world, "kh_consultant")
    for query in ({}, {"country": "TH"}, {"search": "a"}):
        response = kh.get(path, query)
        assert response.status_code == 200, response.content
        rows = response.json()["results"]
        countries = {row.get("country", row.get("code")) for row in rows}
        assert "TH" not in countries


def test_a_record_of_another_country_cannot_be_linked_by_its_id(
    world: World, kh_consultant: User
) -> None:
    response = client(world, "kh_consultant").post(
        "/api/v1/case-studies/",
        {"country": "KH", "title": "Study", "entities": [world.get("entity").pk]},
        format="json",
    )
    assert response.status_code == 400
    missing = client(world, "kh_consultant").post(
        "/api/v1/case-studies/",
        {"country": "KH", "title": "Study", "entities": [999999]},
        format="json",
    )
    # The same answer as for an id that does not exist: nothing leaks.
    assert response.json()["errors"] == {
        "entities": [
            message.replace("999999", str(world.get("entity").pk))
            for message in missing.json()["errors"]["entities"]
        ]
    }


def test_a_committee_member_never_reviews_a_record_they_edited(
    world: World, make_persona: Any
) -> None:
    both = make_persona("th-both", "TH", "consultant")
    both.memberships.create(country_id="TH", role="committee")
    entity = make_entity(both, name_en="Their own")
    review_workflow.record_submit(record=entity, by=both)
    response = token_client(both).post(
        f"/api/v1/entities/{entity.pk}/decide/", {"decision": "approve"}, format="json"
    )
    assert response.status_code == 400
    assert "cannot review it" in response.json()["detail"]
    assert Entity.objects.get(pk=entity.pk).workflow_state == WorkflowState.SUBMITTED


def test_the_browser_session_works_for_reads_and_needs_the_csrf_token_for_writes(
    world: World, th_consultant: User
) -> None:
    entity = world.get("entity")
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(th_consultant)
    assert browser.get(f"/api/v1/entities/{entity.pk}/").status_code == 200
    refused = browser.patch(
        f"/api/v1/entities/{entity.pk}/", {"acronym": "X"}, format="json"
    )
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]

    browser.get("/account/tokens/")  # any page sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    accepted = browser.patch(
        f"/api/v1/entities/{entity.pk}/",
        {"acronym": "X"},
        format="json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert accepted.status_code == 200, accepted.content


def test_unknown_addresses_under_the_api_answer_json_404(world: World) -> None:
    th = client(world, "th_consultant")
    for path in (
        "/api/v1/nothing-here/",
        "/api/v1/entities/not-a-number/",
        "/api/v1/entities/99999999999999999999999/",
        "/api/v1/entities/1/figures/abc/",
    ):
        response = th.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "Not found."}


def test_unknown_addresses_answer_json_404_to_any_method_without_a_csrf_token(
    world: World,
) -> None:
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(world.people["th_consultant"])
    for method in ("post", "put", "patch", "delete"):
        response = getattr(browser, method)("/api/v1/entities/1/figures/abc/")
        assert response.status_code == 404, method
        assert response.json() == {"detail": "Not found."}
