"""The case study, capacity gap, national priority and national definition pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from countries.models import AdminArea, Country, IsicCode, NationalPriority
from countries.vocabularies import (
    Classification,
    Rating,
    RegistrationStatus,
    SseType,
    WorkflowState,
)
from surveys.entities import classification
from surveys.entities import services as entities_services
from surveys.models import (
    DEFINITION_ELEMENTS,
    AuditEvent,
    CapacityGap,
    CaseStudy,
    Entity,
    NationalDefinition,
)
from surveys.principles import CRITERIA
from surveys.principles.reasons import reasons_text
from surveys.records import attachments
from surveys.records import services as records_services

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --- Helpers ------------------------------------------------------------------------------


def area(code: str) -> AdminArea:
    return AdminArea.objects.get(code=code)


def make_entity(by: User, country: str = "KH", **data: Any) -> Entity:
    defaults: dict[str, Any] = {
        "name_en": "Koh Kong Gold Panners Group",
        "area": area("KH-9") if country == "KH" else None,
        "sse_type": SseType.COOP,
    }
    return entities_services.entity_create(
        country=Country.objects.get(pk=country), by=by, data={**defaults, **data}
    )


def make_case_study(by: User, country: str = "KH", **data: Any) -> CaseStudy:
    return records_services.record_create(  # type: ignore[return-value]
        model=CaseStudy,
        country=Country.objects.get(pk=country),
        by=by,
        data={"title": f"Case study in {country}", **data},
    )


def make_gap(by: User, country: str = "KH", **data: Any) -> CapacityGap:
    return records_services.record_create(  # type: ignore[return-value]
        model=CapacityGap,
        country=Country.objects.get(pk=country),
        by=by,
        data={"title": f"Gap in {country}", "category": "FINANCE", **data},
    )


def make_definition(by: User, country: str = "KH") -> NationalDefinition:
    return records_services.national_definition_create(
        country=Country.objects.get(pk=country), by=by, data={}
    )


def definition_post(definition: NationalDefinition, **changes: Any) -> dict[str, Any]:
    """What the edit form posts when nothing is changed, plus the given changes."""
    data: dict[str, Any] = {
        "version": definition.version,
        "title": definition.title,
        "text_local": definition.text_local,
        "text_en": definition.text_en,
        "minimum_years_operating": definition.minimum_years_operating,
    }
    if definition.informal_groups_allowed:
        data["informal_groups_allowed"] = "on"
    if definition.registration_required:
        data["registration_required"] = "on"
    for element in definition.elements.all():
        prefix = f"element-{element.element}"
        data[f"{prefix}-treatment"] = element.treatment
        data[f"{prefix}-national_wording"] = element.national_wording
        data[f"{prefix}-rationale"] = element.rationale
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def page_text(response: Any) -> str:
    return response.content.decode()


@pytest.fixture
def private_media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# --- Who may do what ---------------------------------------------------------------------


@pytest.fixture
def records(
    kh_consultant: User, th_consultant: User
) -> dict[str, dict[str, dict[str, Any]]]:
    """One case study, capacity gap and national definition in each of KH and TH."""
    made: dict[str, dict[str, dict[str, Any]]] = {}
    for country, author in (("KH", kh_consultant), ("TH", th_consultant)):
        made[country] = {
            "case_study": {
                "code": country,
                "pk": make_case_study(author, country).pk,
            },
            "capacity_gap": {"code": country, "pk": make_gap(author, country).pk},
            "definition": {"code": country, "pk": make_definition(author, country).pk},
        }
    return made


URLS: dict[str, dict[str, str]] = {
    "case_study": {
        "list": "case-study-list",
        "detail": "case-study-detail",
        "create": "case-study-create",
        "edit": "case-study-edit",
    },
    "capacity_gap": {
        "list": "capacity-gap-list",
        "detail": "capacity-gap-detail",
        "create": "capacity-gap-create",
        "edit": "capacity-gap-edit",
    },
    "definition": {
        "list": "definition-list",
        "detail": "definition-detail",
        "create": "definition-create",
        "edit": "definition-edit",
    },
}

# persona → {own country's answer, other country's answer} per action.
EXPECTED: dict[str, dict[str, dict[str, int]]] = {
    "kh_consultant": {
        "own": {"list": 200, "detail": 200, "create": 200, "edit": 200},
        "other": {"list": 404, "detail": 404, "create": 404, "edit": 404},
    },
    "kh_committee": {
        "own": {"list": 200, "detail": 200, "create": 403, "edit": 403},
        "other": {"list": 404, "detail": 404, "create": 404, "edit": 404},
    },
    "staff": {
        "own": {"list": 200, "detail": 200, "create": 403, "edit": 403},
        "other": {"list": 200, "detail": 200, "create": 403, "edit": 403},
    },
}


@pytest.mark.parametrize("kind", sorted(URLS))
@pytest.mark.parametrize("action", ["list", "detail", "create", "edit"])
@pytest.mark.parametrize("where", ["own", "other"])
@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_gets_the_answer_its_role_and_country_allow(
    client: Client,
    request: pytest.FixtureRequest,
    records: dict[str, dict[str, dict[str, Any]]],
    kh_committee: User,
    staff: User,
    persona: str,
    where: str,
    action: str,
    kind: str,
) -> None:
    client.force_login(request.getfixturevalue(persona))
    record = records["KH" if where == "own" else "TH"][kind]
    name = URLS[kind][action]
    by_pk = action in ("detail", "edit")
    url = reverse(name, args=[record["pk"] if by_pk else record["code"]])
    expected = EXPECTED[persona][where][action]
    if kind == "definition" and action == "create":
        # Starting a new version is a button (POST) that lands on the new version.
        response = client.post(url)
        expected = 302 if expected == 200 else expected
    else:
        response = client.get(url)
    assert response.status_code == expected


@pytest.mark.parametrize(
    "name", ["national-priority-list", "country-detail", "country-reference"]
)
def test_country_pages_answer_404_for_another_countrys_consultant(
    client: Client, kh_consultant: User, th_consultant: User, name: str
) -> None:
    client.force_login(th_consultant)
    assert client.get(reverse(name, args=["KH"])).status_code == 404
    assert client.get(reverse(name, args=["TH"])).status_code == 200


def test_a_committee_member_cannot_post_a_case_study(
    client: Client, kh_committee: User
) -> None:
    client.force_login(kh_committee)
    response = client.post(
        reverse("case-study-create", args=["KH"]), {"title": "Not mine to write"}
    )
    assert response.status_code == 403
    assert not CaseStudy.objects.exists()


def test_a_record_with_the_committee_cannot_be_edited_and_says_why(
    client: Client, kh_consultant: User
) -> None:
    study = make_case_study(kh_consultant)
    CaseStudy.objects.filter(pk=study.pk).update(workflow_state=WorkflowState.SUBMITTED)
    client.force_login(kh_consultant)
    response = client.get(reverse("case-study-edit", args=[study.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "case-study-detail", args=[study.pk]
    )
    assert "cannot be changed until the review ends" in page_text(response)


# --- Case studies --------------------------------------------------------------------------


def test_a_consultant_writes_a_case_study_of_their_countrys_entities(
    client: Client, kh_consultant: User
) -> None:
    entity = make_entity(kh_consultant)
    client.force_login(kh_consultant)
    response = client.post(
        reverse("case-study-create", args=["KH"]),
        {
            "title": "Gold panners pool their earnings",
            "entities": [entity.pk],
            "area": area("KH-9").pk,
            "priority_sector": "ASM",
            "sse_type": "COOP",
            "summary": "Twelve families pan for gold together.",
            "gender_analysis": "Women keep the group's accounts.",
            "consent_given": "on",
        },
    )
    study = CaseStudy.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("case-study-detail", args=[study.pk])
    assert list(study.entities.all()) == [entity]
    assert study.country_id == "KH"
    assert study.consent_given
    assert AuditEvent.objects.filter(object_id=study.pk, action="created").exists()
    detail = page_text(client.get(response["Location"]))
    assert "Women keep the group&#x27;s accounts." in detail
    listing = page_text(client.get(reverse("case-study-list", args=["KH"])))
    assert "Gold panners pool their earnings" in listing


def test_another_countrys_entity_cannot_be_chosen_for_a_case_study(
    client: Client, kh_consultant: User, th_consultant: User
) -> None:
    thai_entity = make_entity(th_consultant, "TH", name_en="Chiang Mai weavers")
    client.force_login(kh_consultant)
    response = client.post(
        reverse("case-study-create", args=["KH"]),
        {"title": "A mixed study", "entities": [thai_entity.pk]},
    )
    assert response.status_code == 400
    assert not CaseStudy.objects.exists()
    assert "Chiang Mai weavers" not in page_text(response)


def test_a_case_study_with_an_error_keeps_what_was_typed(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    response = client.post(
        reverse("case-study-create", args=["KH"]),
        {
            "title": "",
            "summary": "A summary that took an hour to write",
            "gender_analysis": "Women lead the savings group",
            "priority_sector": "CONSTRUCTION",
        },
    )
    page = page_text(response)
    assert response.status_code == 400
    assert 'data-field-error="title"' in page
    assert "A summary that took an hour to write" in page
    assert "Women lead the savings group" in page
    assert re.search(r'<option value="CONSTRUCTION" selected>', page)
    assert not CaseStudy.objects.exists()


def test_a_case_study_without_gender_analysis_says_it_is_required_for_submission(
    client: Client, kh_committee: User, kh_consultant: User
) -> None:
    study = make_case_study(kh_consultant, summary="Written")
    client.force_login(kh_committee)
    page = page_text(client.get(reverse("case-study-detail", args=[study.pk])))
    assert 'data-testid="gender-analysis-missing"' in page
    assert "Required for submission." in page


def test_a_stale_case_study_edit_answers_409_with_both_versions(
    client: Client, kh_consultant: User
) -> None:
    study = make_case_study(kh_consultant, summary="First words")
    client.force_login(kh_consultant)
    edit_url = reverse("case-study-edit", args=[study.pk])
    assert 'name="version" value="1"' in page_text(client.get(edit_url))
    # A colleague saves first.
    records_services.record_update(
        record=study,
        by=kh_consultant,
        data={"summary": "The colleague's words"},
        expected_version=1,
    )
    response = client.post(
        edit_url, {"version": 1, "title": study.title, "summary": "My words"}
    )
    page = page_text(response)
    assert response.status_code == 409
    assert 'data-testid="conflict"' in page
    assert "My words" in page and "The colleague&#x27;s words" in page
    study.refresh_from_db()
    assert study.summary == "The colleague's words"
    # The form now carries the newest version: saving again keeps the person's words.
    assert 'name="version" value="2"' in page
    again = client.post(
        edit_url, {"version": 2, "title": study.title, "summary": "My words"}
    )
    assert again.status_code == 302
    study.refresh_from_db()
    assert study.summary == "My words"
    assert study.version == 3


def test_an_edit_without_a_version_is_refused(
    client: Client, kh_consultant: User
) -> None:
    study = make_case_study(kh_consultant, summary="Kept")
    client.force_login(kh_consultant)
    response = client.post(
        reverse("case-study-edit", args=[study.pk]),
        {"title": study.title, "summary": "Overwritten?"},
    )
    assert response.status_code == 400
    study.refresh_from_db()
    assert study.summary == "Kept"


def test_the_case_study_list_filters_by_the_sector_of_the_entities_described(
    client: Client, kh_consultant: User
) -> None:
    mining = make_entity(kh_consultant, main_activity=IsicCode.objects.get(pk="07"))
    make_case_study(kh_consultant, title="About gold", entities=[mining])
    make_case_study(kh_consultant, title="About rice", priority_sector="FARM_SMALL")
    client.force_login(kh_consultant)
    url = reverse("case-study-list", args=["KH"])
    mining_page = page_text(client.get(url, {"sector": "ASM"}))
    assert "About gold" in mining_page and "About rice" not in mining_page
    farming_page = page_text(client.get(url, {"sector": "FARM_SMALL"}))
    assert "About rice" in farming_page and "About gold" not in farming_page
    missing = page_text(client.get(url, {"gender_analysis": "missing"}))
    assert "About rice" in missing and "About gold" in missing


def test_filtering_by_an_entitys_type_lists_a_study_once_with_all_its_entities(
    client: Client, kh_consultant: User
) -> None:
    coop = make_entity(kh_consultant, name_en="Rice cooperative", sse_type="COOP")
    group = make_entity(kh_consultant, name_en="Savings group", sse_type="SHG")
    make_case_study(kh_consultant, title="Two entities", entities=[coop, group])
    client.force_login(kh_consultant)
    response = client.get(reverse("case-study-list", args=["KH"]), {"sse_type": "SHG"})
    [study] = response.context["page"].object_list
    assert study.title == "Two entities"
    assert study.entity_count == 2


# --- Attachments ---------------------------------------------------------------------------


def upload(
    client: Client, study: CaseStudy, name: str, content: bytes, **extra: Any
) -> Any:
    return client.post(
        reverse("case-study-attachment-add", args=[study.pk]),
        {
            "file": SimpleUploadedFile(name, content),
            "caption": "Meeting minutes",
            **extra,
        },
    )


def test_an_attachment_is_uploaded_and_downloaded_only_by_readers_of_its_country(
    client: Client,
    private_media: Any,
    kh_consultant: User,
    kh_committee: User,
    th_consultant: User,
    staff: User,
) -> None:
    study = make_case_study(kh_consultant)
    client.force_login(kh_consultant)
    response = upload(client, study, "minutes.pdf", PDF_BYTES, consent_given="on")
    assert response.status_code == 302
    attachment = study.attachments.get()
    assert attachment.consent_given
    assert str(private_media) in attachment.file.path
    study.refresh_from_db()
    assert study.version == 2
    url = reverse("case-study-attachment", args=[study.pk, attachment.pk])
    assert url in page_text(client.get(reverse("case-study-detail", args=[study.pk])))

    for reader in (kh_committee, staff):
        client.force_login(reader)
        download = client.get(url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
        assert download["Content-Disposition"].startswith("attachment")

    client.force_login(th_consultant)
    assert client.get(url).status_code == 404


def test_an_attachment_of_the_wrong_kind_is_refused_with_a_clear_message(
    client: Client, private_media: Any, kh_consultant: User
) -> None:
    study = make_case_study(kh_consultant)
    client.force_login(kh_consultant)
    response = upload(client, study, "tool.exe", b"MZ\x90\x00")
    assert response.status_code == 400
    assert "is not a document or image type we accept" in page_text(response)
    fake = upload(client, study, "report.pdf", b"<html>not a pdf</html>")
    assert fake.status_code == 400
    assert "does not look like a .pdf file" in page_text(fake)
    assert not study.attachments.exists()


def test_an_attachment_over_the_size_limit_is_refused(
    client: Client, private_media: Any, kh_consultant: User, monkeypatch: Any
) -> None:
    monkeypatch.setattr(attachments, "ATTACHMENT_MAX_BYTES", 10)
    study = make_case_study(kh_consultant)
    client.force_login(kh_consultant)
    response = upload(client, study, "minutes.pdf", PDF_BYTES)
    assert response.status_code == 400
    assert "files can be at most 10 MB" in page_text(response)
    assert not study.attachments.exists()


def test_a_committee_member_cannot_attach_files(
    client: Client, private_media: Any, kh_consultant: User, kh_committee: User
) -> None:
    study = make_case_study(kh_consultant)
    client.force_login(kh_committee)
    assert upload(client, study, "minutes.pdf", PDF_BYTES).status_code == 403
    assert not study.attachments.exists()


# --- Capacity gaps and national priorities ---------------------------------------------


def test_a_capacity_gap_is_linked_to_a_national_priority_and_grouped_under_it(
    client: Client, kh_consultant: User
) -> None:
    priority = NationalPriority.objects.create(
        country_id="KH", code="NSPS-3", title="Social protection for informal workers"
    )
    client.force_login(kh_consultant)
    response = client.post(
        reverse("capacity-gap-create", args=["KH"]),
        {
            "title": "Savings groups cannot open bank accounts",
            "category": "FINANCE",
            "severity": 3,
            "evidence": "Interviews in four provinces.",
            "affected_sse_types": ["SHG", "SCC"],
            "affected_sectors": ["FARM_SMALL"],
            "affected_areas": [area("KH-2").pk],
            "national_priority": priority.pk,
        },
    )
    assert response.status_code == 302
    gap = CapacityGap.objects.get()
    assert gap.national_priority == priority
    assert gap.affected_sse_types == ["SHG", "SCC"]
    assert list(gap.affected_areas.all()) == [area("KH-2")]
    make_gap(kh_consultant, title="Nobody owns this gap")
    page = page_text(client.get(reverse("national-priority-list", args=["KH"])))
    grouped = page.split('data-priority="NSPS-3"')[1].split("</section>")[0]
    assert "Savings groups cannot open bank accounts" in grouped
    assert "Nobody owns this gap" not in grouped
    unlinked = page.split('data-priority="none"')[1]
    assert "Nobody owns this gap" in unlinked


def test_another_countrys_national_priority_cannot_be_chosen(
    client: Client, kh_consultant: User
) -> None:
    thai = NationalPriority.objects.create(
        country_id="TH", code="TH-1", title="Thai priority"
    )
    client.force_login(kh_consultant)
    response = client.post(
        reverse("capacity-gap-create", args=["KH"]),
        {
            "title": "Gap",
            "category": "FINANCE",
            "severity": 2,
            "national_priority": thai.pk,
        },
    )
    assert response.status_code == 400
    assert not CapacityGap.objects.exists()


def test_capacity_gaps_are_listed_most_severe_first_and_filter_by_category(
    client: Client, kh_consultant: User
) -> None:
    make_gap(kh_consultant, title="Minor finance gap", severity=1)
    make_gap(kh_consultant, title="Critical finance gap", severity=3)
    make_gap(kh_consultant, title="Gender gap", severity=2, category="GENDER")
    client.force_login(kh_consultant)
    url = reverse("capacity-gap-list", args=["KH"])
    page = page_text(client.get(url))
    assert (
        page.index("Critical finance gap")
        < page.index("Gender gap")
        < page.index("Minor finance gap")
    )
    finance = page_text(client.get(url, {"category": "FINANCE"}))
    assert "Gender gap" not in finance and "Critical finance gap" in finance


# --- National definition -------------------------------------------------------------------


def informal_sse_entity(by: User) -> Entity:
    entity = make_entity(
        by,
        name_en="Village rice bank",
        registration_status=RegistrationStatus.INFORMAL,
    )
    entities_services.assessment_save(
        entity=entity,
        by=by,
        data={c.field: Rating.MET for c in CRITERIA},
        expected_version=None,
    )
    entity.refresh_from_db()
    return entity


def test_requiring_registration_moves_an_informal_sse_entity_outside_and_says_so(
    client: Client,
    kh_consultant: User,
    kh_committee: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    entity = informal_sse_entity(kh_consultant)
    assert entity.classification == Classification.SSE
    client.force_login(kh_consultant)
    started = client.post(reverse("definition-create", args=["KH"]))
    definition = NationalDefinition.objects.get(country="KH")
    assert started["Location"] == reverse("definition-edit", args=[definition.pk])
    assert definition.elements.count() == len(DEFINITION_ELEMENTS)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("definition-edit", args=[definition.pk]),
            definition_post(
                definition,
                registration_required="on",
                text_en="The SSE in Cambodia…",
                **{
                    "element-P3-treatment": "ADAPTED",
                    "element-P3-national_wording": "Registered with the ministry",
                },
            ),
        )
    page = page_text(client.get(response["Location"]))
    # The draft is not applied; the page says what it would change.
    entity.refresh_from_db()
    assert entity.classification == Classification.SSE
    assert "1 entity would move: 1 from sse to outside the sse." in page
    assert "Village rice bank" in page
    from surveys.review import workflow

    with django_capture_on_commit_callbacks(execute=True):
        workflow.record_submit(record=definition, by=kh_consultant)
        workflow.review_decide(record=definition, by=kh_committee, decision="approve")
    entity.refresh_from_db()
    assert entity.classification == Classification.OUTSIDE
    assert any(
        "requires registration" in reason
        for reason in reasons_text(entity.classification_reasons)
    )
    assert entity.classification_rule_version == "KH-national-definition-v1"
    definition.refresh_from_db()
    assert definition.registration_required
    p3 = definition.elements.get(element="P3")
    assert (p3.treatment, p3.national_wording) == (
        "ADAPTED",
        "Registered with the ministry",
    )
    assert "Registration is required to count as SSE." in page


def test_a_draft_rule_change_says_its_effect_is_computed_in_the_background(
    client: Client, kh_consultant: User, monkeypatch: Any
) -> None:
    informal_sse_entity(kh_consultant)
    monkeypatch.setattr(classification, "RECLASSIFY_INLINE_LIMIT", 0)
    definition = make_definition(kh_consultant)
    client.force_login(kh_consultant)
    response = client.post(
        reverse("definition-edit", args=[definition.pk]),
        definition_post(definition, informal_groups_allowed=None),
        follow=True,
    )
    assert "is computed in the background" in page_text(response)


def test_a_stale_definition_edit_answers_409(
    client: Client, kh_consultant: User
) -> None:
    definition = make_definition(kh_consultant)
    stale = definition_post(definition, text_en="My English text")
    records_services.national_definition_update(
        definition=definition,
        by=kh_consultant,
        data={"text_en": "Their English text"},
        elements={},
        expected_version=definition.version,
    )
    client.force_login(kh_consultant)
    response = client.post(reverse("definition-edit", args=[definition.pk]), stale)
    assert response.status_code == 409
    page = page_text(response)
    assert "My English text" in page and "Their English text" in page
    definition.refresh_from_db()
    assert definition.text_en == "Their English text"


def test_the_definition_page_shows_the_rule_and_the_fourteen_elements(
    client: Client, kh_consultant: User, kh_committee: User
) -> None:
    definition = make_definition(kh_consultant)
    client.force_login(kh_committee)
    page = page_text(client.get(reverse("definition-detail", args=[definition.pk])))
    assert page.count("data-element=") == 14
    assert "Informal groups can be SSE entities." in page
    assert "in force" in page
    listing = page_text(client.get(reverse("definition-list", args=["KH"])))
    assert "v1" in listing


def test_a_new_version_starts_from_the_latest_one(
    client: Client, kh_consultant: User
) -> None:
    first = make_definition(kh_consultant)
    records_services.national_definition_update(
        definition=first,
        by=kh_consultant,
        data={"minimum_years_operating": 2},
        elements={"V6": {"treatment": "ADDED"}},
        expected_version=first.version,
    )
    client.force_login(kh_consultant)
    client.post(reverse("definition-create", args=["KH"]))
    second = NationalDefinition.objects.get(country="KH", number=2)
    assert second.minimum_years_operating == 2
    assert second.elements.get(element="V6").treatment == "ADDED"
    listing = page_text(client.get(reverse("definition-list", args=["KH"])))
    assert listing.index("v2") < listing.index("v1")


# --- Lists read in a fixed number of queries ------------------------------------------


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "name", ["case-study-list", "capacity-gap-list", "national-priority-list"]
)
def test_a_list_reads_as_many_queries_for_twelve_records_as_for_two(
    client: Client, kh_consultant: User, name: str
) -> None:
    priority = NationalPriority.objects.create(
        country_id="KH", code="P1", title="A priority"
    )
    entity = make_entity(kh_consultant)

    def add(number: int) -> None:
        make_case_study(
            kh_consultant, title=f"Study {number}", area=area("KH-7"), entities=[entity]
        )
        make_gap(kh_consultant, title=f"Gap {number}", national_priority=priority)

    for number in range(2):
        add(number)
    client.force_login(kh_consultant)
    url = reverse(name, args=["KH"])
    few = _queries(client, url)
    for number in range(2, 12):
        add(number)
    assert _queries(client, url) == few
