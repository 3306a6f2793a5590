"""The consultants' entity pages, through the test client: who may open what, what
the forms say when something is wrong, and that the list finds what it should."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from countries.models import AdminArea, LegalForm
from countries.vocabularies import (
    Classification,
    Rating,
    RegistrationStatus,
    SseType,
    WorkflowState,
)
from surveys.entities import services
from surveys.models import AuditEvent, Entity, EntityFigures, Source
from surveys.principles import CRITERIA, VALUES
from tests.surveys.factories import (
    EntityFactory,
    EntityFiguresFactory,
    PrinciplesAssessmentFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def area(code: str) -> AdminArea:
    return AdminArea.objects.get(code=code)


def logged_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def listed_codes(response: Any) -> list[str]:
    return [entity.code for entity in response.context["page"].object_list]


def all_met(**overrides: str) -> dict[str, str]:
    ratings = {c.field: Rating.MET for c in (*CRITERIA, *VALUES)}
    ratings.update(overrides)
    return ratings


@pytest.fixture
def kh_entity(kh_consultant: User) -> Entity:
    return EntityFactory(
        country_id="KH",
        name_en="Battambang Rice Cooperative",
        name_local="សហគមន៍កសិកម្មបាត់ដំបង",
        area=area("KH-2"),
        created_by=kh_consultant,
    )


@pytest.fixture
def th_entity(th_consultant: User) -> Entity:
    return EntityFactory(
        country_id="TH", name_en="Chiang Mai Weavers", created_by=th_consultant
    )


# --- Who may open what ------------------------------------------------------------------

PAGES = ("list", "detail", "create", "edit", "figures", "assessment", "preview")


def open_page(client: Client, page: str, entity: Entity) -> Any:
    code = entity.country_id
    if page == "list":
        return client.get(reverse("entity-list", args=[code]))
    if page == "create":
        return client.get(reverse("entity-create", args=[code]))
    if page == "preview":
        return client.post(reverse("classification-preview", args=[code]), all_met())
    name = {
        "detail": "entity-detail",
        "edit": "entity-edit",
        "figures": "entity-figures",
        "assessment": "entity-assessment",
    }[page]
    return client.get(reverse(name, args=[entity.pk]))


READ_ONLY = {
    "list": 200,
    "detail": 200,
    "create": 403,
    "edit": 403,
    "figures": 403,
    "assessment": 403,
    "preview": 403,
}
HIDDEN = dict.fromkeys(PAGES, 404)
CONSULTANT = dict.fromkeys(PAGES, 200)

MATRIX = [
    ("kh_consultant", "own", CONSULTANT),
    ("kh_consultant", "other", HIDDEN),
    ("kh_committee", "own", READ_ONLY),
    ("kh_committee", "other", HIDDEN),
    # Staff read every country and write in none.
    ("staff", "own", READ_ONLY),
    ("staff", "other", READ_ONLY),
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("persona", "whose", "expected"), MATRIX)
def test_each_role_gets_the_page_its_country_and_role_allow(
    client: Client,
    request: pytest.FixtureRequest,
    kh_entity: Entity,
    th_entity: Entity,
    persona: str,
    whose: str,
    expected: dict[str, int],
    page: str,
) -> None:
    logged_in(client, request.getfixturevalue(persona))
    entity = kh_entity if whose == "own" else th_entity

    response = open_page(client, page, entity)

    assert response.status_code == expected[page]


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login_page(
    client: Client, kh_entity: Entity
) -> None:
    response = client.get(reverse("entity-list", args=["KH"]))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_another_countrys_entity_page_says_page_not_found(
    client: Client, kh_consultant: User, th_entity: Entity
) -> None:
    logged_in(client, kh_consultant)

    response = client.get(reverse("entity-detail", args=[th_entity.pk]))

    assert response.status_code == 404
    assert "Chiang Mai Weavers" not in response.content.decode()


def test_the_detail_page_offers_editing_only_to_a_consultant_of_an_editable_entity(
    client: Client, kh_consultant: User, kh_committee: User, kh_entity: Entity
) -> None:
    edit_url = reverse("entity-edit", args=[kh_entity.pk])

    as_consultant = logged_in(client, kh_consultant).get(
        reverse("entity-detail", args=[kh_entity.pk])
    )
    assert edit_url in as_consultant.content.decode()

    Entity.objects.filter(pk=kh_entity.pk).update(
        workflow_state=WorkflowState.SUBMITTED
    )
    submitted = client.get(reverse("entity-detail", args=[kh_entity.pk]))
    assert edit_url not in submitted.content.decode()

    as_committee = logged_in(Client(), kh_committee).get(
        reverse("entity-detail", args=[kh_entity.pk])
    )
    assert edit_url not in as_committee.content.decode()


def test_a_submitted_entity_cannot_be_edited_and_says_why(
    client: Client, kh_consultant: User, kh_entity: Entity
) -> None:
    Entity.objects.filter(pk=kh_entity.pk).update(
        workflow_state=WorkflowState.SUBMITTED
    )
    logged_in(client, kh_consultant)

    response = client.get(reverse("entity-edit", args=[kh_entity.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "entity-detail", args=[kh_entity.pk]
    )
    assert "cannot be changed until the review ends" in response.content.decode()


# --- Creating and editing ----------------------------------------------------------------


def entity_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "name_local": "សហករណ៍កសិកម្មថ្មី",
        "name_en": "New Farmers Cooperative",
        "area": area("KH-17").pk,
        "sse_type": SseType.COOP,
        "legal_form": LegalForm.objects.get(code="KH_AC").pk,
        "registration_status": RegistrationStatus.REG_SSE_LAW,
        "main_activity": "01",
        "activity_status": "ACTIVE",
        "visibility": "AGGREGATE_ONLY",
        "consent_level": "NONE",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_consultant_saves_a_draft_with_gaps_and_sees_what_is_still_needed(
    client: Client, kh_consultant: User
) -> None:
    logged_in(client, kh_consultant)

    response = client.post(
        reverse("entity-create", args=["KH"]),
        entity_post(registration_status="", year_established=""),
        follow=True,
    )

    entity = Entity.objects.get(name_en="New Farmers Cooperative")
    assert entity.country_id == "KH"
    assert entity.workflow_state == WorkflowState.DRAFT
    assert entity.sector_farm_small is True
    missing = response.content.decode()
    assert "Still needed before this entity can be submitted" in missing
    for still_needed in ("Registration status", "Year established"):
        assert still_needed in missing


def test_the_detail_page_asks_for_members_from_the_figures_it_shows(
    client: Client, kh_consultant: User
) -> None:
    logged_in(client, kh_consultant)
    entity = EntityFactory(country_id="KH", created_by=kh_consultant)
    EntityFiguresFactory(
        entity=entity,
        reference_year=2023,
        members_total=None,
        members_women=None,
        members_men=None,
    )
    needed = "Figures with the number of members for at least one year"
    url = reverse("entity-detail", args=[entity.pk])

    with CaptureQueriesContext(connection) as queries:
        assert needed in client.get(url).content.decode()
    # The figures are read once, for the page's table and for what is still needed.
    figures = [
        q for q in queries.captured_queries if '"surveys_entityfigures"' in q["sql"]
    ]
    assert len(figures) == 1

    EntityFiguresFactory(entity=entity, reference_year=2024, members_total=40)
    assert needed not in client.get(url).content.decode()


def test_the_form_offers_only_the_countrys_current_areas_and_legal_forms(
    client: Client, kh_consultant: User
) -> None:
    logged_in(client, kh_consultant)

    form = client.get(reverse("entity-create", args=["KH"])).context["form"]

    areas = form.fields["area"].queryset
    assert set(areas.values_list("country", flat=True)) == {"KH"}
    assert areas.count() == 25
    assert set(
        form.fields["legal_form"].queryset.values_list("country", flat=True)
    ) == {"KH"}


def test_an_area_of_another_country_is_refused(
    client: Client, kh_consultant: User
) -> None:
    logged_in(client, kh_consultant)

    response = client.post(
        reverse("entity-create", args=["KH"]), entity_post(area=area("TH-10").pk)
    )

    assert response.status_code == 400
    assert "area" in response.context["form"].errors
    assert not Entity.objects.exists()


def test_a_form_error_keeps_what_the_user_typed(
    client: Client, kh_consultant: User
) -> None:
    logged_in(client, kh_consultant)

    response = client.post(
        reverse("entity-create", args=["KH"]),
        entity_post(latitude="200", locality="Phum Thmei"),
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="New Farmers Cooperative"' in page
    assert 'value="សហករណ៍កសិកម្មថ្មី"' in page
    assert 'value="Phum Thmei"' in page
    assert 'data-field-error="latitude"' in page
    assert not Entity.objects.exists()


def test_a_future_year_established_is_named_next_to_its_field(
    client: Client, kh_consultant: User
) -> None:
    logged_in(client, kh_consultant)

    response = client.post(
        reverse("entity-create", args=["KH"]),
        entity_post(year_established=THIS_YEAR + 1),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["year_established"] == [
        "The year established cannot be in the future."
    ]
    assert 'value="New Farmers Cooperative"' in response.content.decode()


def test_a_possible_duplicate_is_shown_before_anything_is_created(
    client: Client, kh_consultant: User
) -> None:
    existing = EntityFactory(
        name_en="Siem Reap Weavers Group", area=area("KH-17"), created_by=kh_consultant
    )
    logged_in(client, kh_consultant)
    typed = entity_post(name_en="Siem Reap Weavers Group.", name_local="")

    warned = client.post(reverse("entity-create", args=["KH"]), typed)

    page = warned.content.decode()
    assert warned.status_code == 200
    assert "This may already be recorded" in page
    assert reverse("entity-detail", args=[existing.pk]) in page
    assert "This is a different entity, create it anyway" in page
    assert Entity.objects.count() == 1

    created = client.post(
        reverse("entity-create", args=["KH"]), {**typed, "confirm_different": "on"}
    )

    assert created.status_code == 302
    assert Entity.objects.count() == 2
    new = Entity.objects.exclude(pk=existing.pk).get()
    assert created["Location"] == reverse("entity-detail", args=[new.pk])
    assert new.flag_possible_duplicate is True


def test_an_edit_saves_and_is_kept_in_the_history_as_old_and_new(
    client: Client, kh_consultant: User, kh_entity: Entity
) -> None:
    logged_in(client, kh_consultant)
    form = client.get(reverse("entity-edit", args=[kh_entity.pk])).context["form"]
    data = {**entity_post(), **{k: v for k, v in form.initial.items() if v}}
    data.update(name_en="Battambang Rice Growers", version=kh_entity.version)

    response = client.post(
        reverse("entity-edit", args=[kh_entity.pk]), data, follow=True
    )

    kh_entity.refresh_from_db()
    assert kh_entity.name_en == "Battambang Rice Growers"
    assert kh_entity.version == 2
    history = response.content.decode()
    assert "Battambang Rice Cooperative" in history
    assert "Battambang Rice Growers" in history


def test_a_stale_edit_answers_409_with_both_versions_and_saving_again_works(
    client: Client,
    kh_consultant: User,
    make_persona: Callable[..., User],
    kh_entity: Entity,
) -> None:
    colleague = make_persona("kh-consultant-2", "KH", "consultant")
    logged_in(client, kh_consultant)
    loaded_version = kh_entity.version
    services.entity_update(
        entity=kh_entity,
        by=colleague,
        data={"name_en": "Their name", "locality": "Their village"},
        expected_version=loaded_version,
    )
    mine = entity_post(
        name_en="My name",
        locality="",
        area=area("KH-2").pk,
        name_local=kh_entity.name_local,
        version=loaded_version,
    )

    response = client.post(reverse("entity-edit", args=[kh_entity.pk]), mine)

    page = response.content.decode()
    assert response.status_code == 409
    rows = {
        label: (yours, theirs)
        for label, yours, theirs in response.context["conflict"]["rows"]
    }
    assert rows["Name (English)"] == ("My name", "Their name")
    assert rows["Locality"] == (None, "Their village")
    assert 'value="My name"' in page
    assert re.search(r'name="version" value="2"', page)
    kh_entity.refresh_from_db()
    assert kh_entity.name_en == "Their name"

    again = client.post(
        reverse("entity-edit", args=[kh_entity.pk]), {**mine, "version": 2}
    )

    assert again.status_code == 302
    kh_entity.refresh_from_db()
    assert kh_entity.name_en == "My name"
    assert kh_entity.version == 3


def test_an_entity_recorded_against_a_former_area_keeps_it_in_the_edit_form(
    client: Client, make_persona: Callable[..., User]
) -> None:
    consultant = make_persona("vn-consultant", "VN", "consultant")
    entity = EntityFactory(country_id="VN", area=area("VN-03"), created_by=consultant)
    logged_in(client, consultant)

    form = client.get(reverse("entity-edit", args=[entity.pk])).context["form"]

    assert area("VN-03") in form.fields["area"].queryset
    assert form.fields["area"].queryset.filter(valid_to__isnull=False).count() == 1
    detail = client.get(reverse("entity-detail", args=[entity.pk])).content.decode()
    assert "former unit, now part of Tuyen Quang" in detail


# --- Figures ----------------------------------------------------------------------------


def figures_post(entity: Entity, **overrides: Any) -> dict[str, Any]:
    data = {
        "reference_year": 2024,
        "members_total": 40,
        "members_women": 25,
        "members_men": 10,
        "board_total": 5,
        "board_women": 3,
        "board_men": 2,
        "chair_sex": "F",
        "version": entity.version,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_figures_are_saved_for_a_year_and_shown_with_the_people_not_disaggregated(
    client: Client, kh_consultant: User, kh_entity: Entity
) -> None:
    source = SourceFactory(country_id="KH", title="Provincial cooperative register")
    logged_in(client, kh_consultant)

    response = client.post(
        reverse("entity-figures", args=[kh_entity.pk]),
        figures_post(kh_entity, source=source.pk),
        follow=True,
    )

    figures = EntityFigures.objects.get(entity=kh_entity, reference_year=2024)
    assert figures.source == source
    assert figures.not_disaggregated("members") == 5
    year = response.context["figures_by_year"][0]
    assert year["women_led"] is True
    assert year["share_not_disaggregated"] == pytest.approx(5 / 45, abs=1e-4)
    assert "Provincial cooperative register" in response.content.decode()


def test_women_and_men_above_the_total_are_named_next_to_the_group(
    client: Client, kh_consultant: User, kh_entity: Entity
) -> None:
    logged_in(client, kh_consultant)

    response = client.post(
        reverse("entity-figures", args=[kh_entity.pk]),
        figures_post(kh_entity, members_total=10, members_women=8, members_men=5),
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert (
        'data-field-error="members">Members: women (8) and men (5) add up to more '
        "than the total (10).</div>" in page
    )
    assert not EntityFigures.objects.exists()


def test_a_reference_year_in_the_future_is_refused(
    client: Client, kh_consultant: User, kh_entity: Entity
) -> None:
    logged_in(client, kh_consultant)

    response = client.post(
        reverse("entity-figures", args=[kh_entity.pk]),
        figures_post(kh_entity, reference_year=THIS_YEAR + 1),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["reference_year"] == [
        "The reference year cannot be in the future."
    ]


def test_a_reference_year_before_the_entity_was_established_is_refused(
    client: Client, kh_consultant: User, kh_entity: Entity
) -> None:
    Entity.objects.filter(pk=kh_entity.pk).update(year_established=2015)
    logged_in(client, kh_consultant)

    response = client.post(
        reverse("entity-figures", args=[kh_entity.pk]),
        figures_post(kh_entity, reference_year=2010),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["reference_year"] == [
        "The reference year (2010) is before the year the entity was established (2015)."
    ]


def test_a_year_already_recorded_is_edited_on_its_own_page_not_overwritten(
    client: Client, kh_consultant: User, kh_entity: Entity
) -> None:
    EntityFiguresFactory(
        entity=kh_entity,
        reference_year=2023,
        members_total=12,
        members_women=None,
        members_men=None,
    )
    logged_in(client, kh_consultant)

    duplicate_year = client.post(
        reverse("entity-figures", args=[kh_entity.pk]),
        figures_post(kh_entity, reference_year=2023),
    )
    assert duplicate_year.status_code == 400
    assert "already recorded" in duplicate_year.content.decode()

    edited = client.post(
        reverse("entity-figures", args=[kh_entity.pk, 2023]),
        figures_post(
            kh_entity,
            reference_year=1999,
            members_total=14,
            members_women=8,
            members_men=6,
        ),
    )

    assert edited.status_code == 302
    figures = EntityFigures.objects.get(entity=kh_entity)
    assert (figures.reference_year, figures.members_total) == (2023, 14)


def test_a_year_of_figures_can_be_deleted(
    client: Client, kh_consultant: User, kh_entity: Entity
) -> None:
    EntityFiguresFactory(entity=kh_entity, reference_year=2023)
    logged_in(client, kh_consultant)

    response = client.post(
        reverse("entity-figures-delete", args=[kh_entity.pk, 2023]),
        {"version": kh_entity.version},
    )

    assert response.status_code == 302
    assert not EntityFigures.objects.filter(entity=kh_entity).exists()
    assert AuditEvent.objects.filter(
        object_id=kh_entity.pk, action="figures deleted"
    ).exists()


def test_a_committee_member_cannot_delete_figures(
    client: Client, kh_committee: User, kh_entity: Entity
) -> None:
    EntityFiguresFactory(entity=kh_entity, reference_year=2023)
    logged_in(client, kh_committee)

    response = client.post(
        reverse("entity-figures-delete", args=[kh_entity.pk, 2023]),
        {"version": kh_entity.version},
    )

    assert response.status_code == 403
    assert EntityFigures.objects.filter(entity=kh_entity).exists()


# --- Sources ----------------------------------------------------------------------------


def test_a_consultant_adds_a_source_and_it_is_audited(
    client: Client, kh_consultant: User
) -> None:
    logged_in(client, kh_consultant)

    response = client.post(
        reverse("source-list", args=["KH"]),
        {"kind": "REGISTER", "title": "Cooperative register 2024", "year": 2024},
        follow=True,
    )

    source = Source.objects.get(title="Cooperative register 2024")
    assert source.country_id == "KH"
    assert AuditEvent.objects.filter(object_id=source.pk, action="created").exists()
    assert "Cooperative register 2024" in response.content.decode()


def test_a_committee_member_sees_the_sources_but_cannot_add_one(
    client: Client, kh_committee: User
) -> None:
    SourceFactory(country_id="KH", title="Commune survey")
    logged_in(client, kh_committee)

    page = client.get(reverse("source-list", args=["KH"]))
    refused = client.post(
        reverse("source-list", args=["KH"]), {"kind": "SURVEY", "title": "Mine"}
    )

    assert page.status_code == 200
    assert "Commune survey" in page.content.decode()
    assert page.context["form"] is None
    assert refused.status_code == 403
    assert not Source.objects.filter(title="Mine").exists()


def test_another_countrys_sources_are_not_found(
    client: Client, kh_consultant: User
) -> None:
    SourceFactory(country_id="TH", title="Thai register")
    logged_in(client, kh_consultant)

    assert client.get(reverse("source-list", args=["TH"])).status_code == 404


def test_the_figures_form_offers_only_the_countrys_sources(
    client: Client, kh_consultant: User, kh_entity: Entity
) -> None:
    mine = SourceFactory(country_id="KH")
    SourceFactory(country_id="TH")
    logged_in(client, kh_consultant)

    form = client.get(reverse("entity-figures", args=[kh_entity.pk])).context["form"]

    assert list(form.fields["source"].queryset) == [mine]


# --- Assessment and the classification preview --------------------------------------------


def test_the_preview_classifies_the_ratings_being_typed_without_saving(
    client: Client, kh_consultant: User, kh_entity: Entity
) -> None:
    logged_in(client, kh_consultant)
    url = reverse("classification-preview", args=["KH"])

    sse = client.post(url, {**all_met(), "entity": kh_entity.pk}).json()
    outside = client.post(url, all_met(p4_1=Rating.NOT_MET)).json()
    borderline = client.post(url, all_met(p2_1=Rating.UNKNOWN)).json()

    assert sse["classification"] == "SSE"
    assert sse["label"] == "SSE"
    assert sse["principles"]["P1"] == {"rating": "MET", "label": "Met"}
    assert sse["rule_version"] == "ILC-2022-default-v1"
    assert sse["reasons"] == [
        "SSE under the ILC 2022 default rule: every principle is met or partly met.",
        "Provisional: no national definition is validated yet; classified under "
        "the ILC 2022 default rule.",
    ]
    assert sse["provisional"] is True
    assert outside["classification"] == Classification.OUTSIDE
    assert borderline["classification"] == Classification.BORDERLINE
    assert not hasattr(Entity.objects.get(pk=kh_entity.pk), "assessment")


def test_the_preview_of_another_countrys_entity_is_not_found(
    client: Client, kh_consultant: User, th_entity: Entity
) -> None:
    logged_in(client, kh_consultant)

    response = client.post(
        reverse("classification-preview", args=["KH"]),
        {**all_met(), "entity": th_entity.pk},
    )

    assert response.status_code == 404


def test_saving_the_assessment_classifies_the_entity_on_its_page(
    client: Client, kh_consultant: User, kh_entity: Entity
) -> None:
    logged_in(client, kh_consultant)

    response = client.post(
        reverse("entity-assessment", args=[kh_entity.pk]),
        {
            **all_met(p1_1_evidence="BYLAWS"),
            "income_share_largest_funder": 20,
            "version": kh_entity.version,
        },
        follow=True,
    )

    kh_entity.refresh_from_db()
    assert kh_entity.classification == Classification.SSE
    assert kh_entity.assessment.p1_1_evidence == "BYLAWS"
    page = response.content.decode()
    assert 'data-testid="detail-classification">SSE</span>' in page
    assert "every principle is met or partly met." in page
    assert "ILC-2022-default-v1" in page


def test_the_assessment_form_shows_the_saved_ratings(
    client: Client, kh_consultant: User, kh_entity: Entity
) -> None:
    PrinciplesAssessmentFactory(entity=kh_entity, sse=True, p3_1=Rating.NOT_MET)
    logged_in(client, kh_consultant)

    page = client.get(reverse("entity-assessment", args=[kh_entity.pk]))

    form = page.context["form"]
    assert form["p3_1"].value() == Rating.NOT_MET
    assert form["p1_1"].value() == Rating.MET
    results = {p["code"]: p["rating"] for p in page.context["principle_results"]}
    assert results == {"P1": "MET", "P2": "MET", "P3": "NOT_MET", "P4": "MET"}


def test_a_stale_assessment_answers_409_and_keeps_the_ratings_typed(
    client: Client, kh_consultant: User, kh_entity: Entity
) -> None:
    logged_in(client, kh_consultant)
    stale = kh_entity.version
    Entity.objects.filter(pk=kh_entity.pk).update(version=stale + 1)

    response = client.post(
        reverse("entity-assessment", args=[kh_entity.pk]),
        {**all_met(), "version": stale},
    )

    assert response.status_code == 409
    assert response.context["form"]["p1_1"].value() == Rating.MET
    assert f'name="version" value="{stale + 1}"' in response.content.decode()


# --- The list: filters, search, sorting, pages ----------------------------------------------


@pytest.fixture
def kh_entities(kh_consultant: User) -> dict[str, Entity]:
    """Entities that each differ from the others in one thing a filter looks at."""
    coop_form = LegalForm.objects.get(code="KH_AC")
    ngo_form = LegalForm.objects.get(code="KH_NGO")
    return {
        "coop": EntityFactory(
            name_en="Kampot Pepper Cooperative",
            area=area("KH-7"),
            sse_type=SseType.COOP,
            legal_form=coop_form,
            registration_status=RegistrationStatus.REG_SSE_LAW,
            sector_farm_small=True,
            classification=Classification.SSE,
            women_led=True,
            year_established=2010,
            created_by=kh_consultant,
        ),
        "ngo": EntityFactory(
            name_en="Phnom Penh Builders Association",
            area=area("KH-12"),
            sse_type=SseType.ASSOC,
            legal_form=ngo_form,
            registration_status=RegistrationStatus.REG_GENERAL,
            sector_construction=True,
            classification=Classification.BORDERLINE,
            women_led=False,
            workflow_state=WorkflowState.SUBMITTED,
            flag_geo_mismatch=True,
            year_established=2001,
            created_by=kh_consultant,
        ),
        "group": EntityFactory(
            name_en="Zinc Miners Self-help Group",
            name_local="ក្រុមជួយខ្លួនឯងអ្នករុករករ៉ែ",
            area=area("KH-7"),
            sse_type=SseType.SHG,
            registration_status=RegistrationStatus.INFORMAL,
            sector_asm=True,
            flag_possible_duplicate=True,
            created_by=kh_consultant,
        ),
    }


FILTERS = [
    ({"area": "KH-7"}, {"coop", "group"}),
    ({"sse_type": SseType.ASSOC}, {"ngo"}),
    ({"legal_form": "KH_AC"}, {"coop"}),
    ({"registration_status": RegistrationStatus.INFORMAL}, {"group"}),
    ({"sector": "FARM_SMALL"}, {"coop"}),
    ({"sector": "ASM"}, {"group"}),
    ({"sector": "CONSTRUCTION"}, {"ngo"}),
    ({"classification": Classification.BORDERLINE}, {"ngo"}),
    ({"classification": Classification.UNASSESSED}, {"group"}),
    ({"workflow_state": WorkflowState.SUBMITTED}, {"ngo"}),
    ({"workflow_state": WorkflowState.DRAFT}, {"coop", "group"}),
    ({"women_led": "yes"}, {"coop"}),
    ({"women_led": "no"}, {"ngo"}),
    ({"women_led": "unknown"}, {"group"}),
    ({"flag": "GEO_MISMATCH"}, {"ngo"}),
    ({"flag": "ANY"}, {"ngo", "group"}),
    ({"q": "pepper"}, {"coop"}),
    ({"q": "អ្នករុករករ៉ែ"}, {"group"}),
    ({"area": "KH-7", "sse_type": SseType.COOP}, {"coop"}),
]


@pytest.mark.parametrize(("params", "expected"), FILTERS)
def test_each_filter_narrows_the_list_to_the_matching_entities(
    client: Client,
    kh_consultant: User,
    kh_entities: dict[str, Entity],
    params: dict[str, str],
    expected: set[str],
) -> None:
    query = dict(params)
    if "area" in query:
        query["area"] = str(area(query["area"]).pk)
    if "legal_form" in query:
        query["legal_form"] = str(LegalForm.objects.get(code=query["legal_form"]).pk)
    logged_in(client, kh_consultant)

    response = client.get(reverse("entity-list", args=["KH"]), query)

    assert response.status_code == 200
    assert set(listed_codes(response)) == {kh_entities[k].code for k in expected}


def test_the_search_finds_an_exact_code_and_names_without_accents(
    client: Client, make_persona: Callable[..., User]
) -> None:
    consultant = make_persona("vn-consultant", "VN", "consultant")
    hop_tac_xa = EntityFactory(
        country_id="VN", name_local="Hợp tác xã Nông nghiệp Đồng Tâm"
    )
    other = EntityFactory(country_id="VN", name_en="Lotus Tea Cooperative")
    logged_in(client, consultant)
    url = reverse("entity-list", args=["VN"])

    assert listed_codes(client.get(url, {"q": "hop tac xa"})) == [hop_tac_xa.code]
    assert listed_codes(client.get(url, {"q": "nông nghiệp"})) == [hop_tac_xa.code]
    assert listed_codes(client.get(url, {"q": other.code.lower()})) == [other.code]
    # Part of a word, across the words' punctuation and case.
    assert listed_codes(client.get(url, {"q": "TEA-COOP"})) == [other.code]
    assert listed_codes(client.get(url, {"q": "ng ta"})) == [hop_tac_xa.code]


def test_the_area_filter_includes_entities_recorded_against_merged_former_areas(
    client: Client, make_persona: Callable[..., User]
) -> None:
    consultant = make_persona("vn-consultant", "VN", "consultant")
    tuyen_quang_now = AdminArea.objects.current().get(country="VN", code="VN2025-07")
    in_ha_giang = EntityFactory(country_id="VN", area=area("VN-03"))
    in_old_tuyen_quang = EntityFactory(country_id="VN", area=area("VN-07"))
    in_tuyen_quang_now = EntityFactory(country_id="VN", area=tuyen_quang_now)
    EntityFactory(country_id="VN", area=area("VN-HN"))
    logged_in(client, consultant)

    response = client.get(
        reverse("entity-list", args=["VN"]), {"area": tuyen_quang_now.pk}
    )

    assert set(listed_codes(response)) == {
        in_ha_giang.code,
        in_old_tuyen_quang.code,
        in_tuyen_quang_now.code,
    }
    offered = response.context["filter"].form.fields["area"].queryset
    assert area("VN-03") not in offered
    assert offered.count() == 34


def test_the_area_filter_offers_no_other_countrys_area(
    client: Client, kh_consultant: User, kh_entities: dict[str, Entity]
) -> None:
    logged_in(client, kh_consultant)

    response = client.get(
        reverse("entity-list", args=["KH"]), {"area": area("TH-10").pk}
    )

    assert response.status_code == 200
    assert "area" in response.context["filter"].form.errors


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["coop", "ngo", "group"]),
        ("-name", ["group", "ngo", "coop"]),
        ("established", ["ngo", "coop", "group"]),
        ("code", ["coop", "ngo", "group"]),
        ("-code", ["group", "ngo", "coop"]),
    ],
)
def test_the_list_sorts_by_name_code_and_year_established(
    client: Client,
    kh_consultant: User,
    kh_entities: dict[str, Entity],
    sort: str,
    expected: list[str],
) -> None:
    logged_in(client, kh_consultant)

    response = client.get(reverse("entity-list", args=["KH"]), {"sort": sort})

    assert listed_codes(response) == [kh_entities[k].code for k in expected]


def test_the_list_shows_newest_changes_first_by_default(
    client: Client, kh_consultant: User, kh_entities: dict[str, Entity]
) -> None:
    services.entity_update(
        entity=kh_entities["coop"],
        by=kh_consultant,
        data={"locality": "Kep road"},
        expected_version=None,
    )
    logged_in(client, kh_consultant)

    response = client.get(reverse("entity-list", args=["KH"]))

    assert listed_codes(response)[0] == kh_entities["coop"].code


def test_the_list_shows_badges_for_what_needs_attention(
    client: Client, kh_consultant: User, kh_entities: dict[str, Entity]
) -> None:
    logged_in(client, kh_consultant)

    page = client.get(reverse("entity-list", args=["KH"])).content.decode()

    for badge in (
        "Borderline",
        "Submitted",
        "Women-led",
        "Artisanal and small-scale mining",
        "Construction",
        "Location outside its area",
        "Possible duplicate",
    ):
        assert badge in page


def test_the_list_pages_by_fifty(client: Client, kh_consultant: User) -> None:
    EntityFactory.create_batch(51, created_by=kh_consultant)
    logged_in(client, kh_consultant)
    url = reverse("entity-list", args=["KH"])

    first = client.get(url, {"sse_type": ""})
    after = first.context["page"].next_key
    second = client.get(url, {"sse_type": "", "after": after})

    assert len(listed_codes(first)) == 50
    assert len(listed_codes(second)) == 1
    assert set(listed_codes(first)).isdisjoint(listed_codes(second))
    assert f"?sse_type=&amp;after={after}" in first.content.decode()


def test_the_lists_query_count_does_not_grow_with_its_rows(
    client: Client,
    kh_consultant: User,
    django_assert_max_num_queries: Any,
) -> None:
    forms = list(LegalForm.objects.filter(country="KH"))
    areas = list(AdminArea.objects.filter(country="KH"))

    def add_entities(count: int) -> None:
        for n in range(count):
            entity = EntityFactory(
                area=areas[n % len(areas)],
                legal_form=forms[n % len(forms)],
                main_activity_id="01",
                flag_geo_mismatch=n % 2 == 0,
                women_led=n % 3 == 0,
                sector_farm_small=True,
                created_by=kh_consultant,
            )
            EntityFiguresFactory(entity=entity)

    url = reverse("entity-list", args=["KH"])
    query = {"q": "entity", "sort": "name"}
    logged_in(client, kh_consultant)
    add_entities(2)
    with CaptureQueriesContext(connection) as few_rows:
        client.get(url, query)
    # Counted now: the next request starts a new log of queries.
    few = len(few_rows.captured_queries)
    add_entities(58)

    # A full page of 50 rows costs no more queries than a page of two.
    with django_assert_max_num_queries(few):
        response = client.get(url, query)

    assert len(listed_codes(response)) == 50
    assert few <= 16


def test_the_detail_page_lists_the_legal_form_history(
    client: Client, kh_consultant: User, kh_entity: Entity
) -> None:
    first, second = LegalForm.objects.filter(country="KH")[:2]
    services.legal_form_change_record(
        entity=kh_entity,
        by=kh_consultant,
        from_form=first,
        to_form=second,
        year=2019,
        expected_version=None,
    )
    logged_in(client, kh_consultant)

    page = client.get(reverse("entity-detail", args=[kh_entity.pk])).content.decode()

    assert "Legal form history" in page
    assert f"2019: {first.name_en} → {second.name_en}" in page


def test_the_detail_page_shows_average_pay_by_sex(
    client: Client, kh_consultant: User, kh_entity: Entity
) -> None:
    services.figures_save(
        entity=kh_entity,
        by=kh_consultant,
        reference_year=2023,
        data={"pay_women_monthly": 180, "pay_men_monthly": 210, "currency": "USD"},
        expected_version=None,
    )
    logged_in(client, kh_consultant)

    page = client.get(reverse("entity-detail", args=[kh_entity.pk])).content.decode()

    assert "Average monthly pay, women / men" in page
    # Each part of the women-led definition is shown for the year.
    assert "A woman chairs it" in page
    assert "Women&#x27;s share of board seats" in page
