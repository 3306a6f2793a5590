"""The demo data: every country shows every finding, state and classification, and a
second run of `seed_demo` changes nothing.

Seeding takes several seconds, so it runs once for the module inside a transaction
that is rolled back at the end; each test still runs in its own nested transaction.
"""

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from PIL import Image

from countries.models import (
    CommitteeMeeting,
    CommitteeMember,
    Country,
    Membership,
    NationalPriority,
)
from countries.vocabularies import (
    Classification,
    RegistrationStatus,
    WorkflowState,
)
from surveys.demo import DEMO_NOTE, DEMO_REVIEW_QUORUM
from surveys.demo.photos import PHOTO_SIZE
from surveys.entities.classification import draft_effect
from surveys.jobs import outbox
from surveys.models import (
    FEDERATION_LEVELS,
    Affiliation,
    AuditEvent,
    CapacityGap,
    CaseStudy,
    CaseStudyAttachment,
    DefinitionElement,
    Entity,
    EntityFigures,
    FrameCount,
    LegalInstrument,
    MeetingAgendaItem,
    NationalDefinition,
    Notification,
    Recommendation,
    Release,
    ReleaseRecord,
    ReleaseState,
    ReviewDecision,
    SamplingFrame,
    Source,
    StudyMethodology,
    SupportInstitution,
)
from surveys.principles import DEFAULT_RULE_VERSION
from surveys.principles.reasons import reasons_text
from surveys.records import services as records_services
from surveys.review import workflow as review_workflow

COUNTRIES = ("KH", "KG", "MN", "TH", "VN")
WORDS = {"nine": "9"}


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[mock.MagicMock]:
    """Seeds once for the module; yields the notifications the seeding queued."""
    with django_db_blocker.unblock(), transaction.atomic():
        with mock.patch.object(outbox, "notification_send") as notifications:
            call_command("seed_demo", "--quiet-logins")
        yield notifications
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_logins_can_be_created_without_the_demo_records() -> None:
    with mock.patch(
        "countries.management.commands.seed_demo.seed_demo_records"
    ) as seed_records:
        call_command("seed_demo", "--quiet-logins", "--without-records")
    seed_records.assert_not_called()
    assert Membership.objects.filter(user__username="kh-consultant").exists()


def test_seeding_tells_nobody_of_the_demo_decisions(demo: mock.MagicMock) -> None:
    assert ReviewDecision.objects.exists()
    assert not Notification.objects.exists()
    demo.assert_not_called()


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Entity,
            EntityFigures,
            ReviewDecision,
            AuditEvent,
            CaseStudy,
            CapacityGap,
            NationalDefinition,
            DefinitionElement,
            CommitteeMeeting,
            CommitteeMember,
            MeetingAgendaItem,
            NationalPriority,
            Source,
            LegalInstrument,
            SupportInstitution,
            SamplingFrame,
            FrameCount,
            StudyMethodology,
            Recommendation,
            Release,
            ReleaseRecord,
            Affiliation,
            CaseStudyAttachment,
        )
    }


def test_seeding_again_changes_and_duplicates_nothing() -> None:
    before = counts()
    versions = dict(Entity.objects.values_list("code", "version"))
    states = dict(Entity.objects.values_list("code", "workflow_state"))
    call_command("seed_demo", "--quiet-logins")
    assert counts() == before
    assert dict(Entity.objects.values_list("code", "version")) == versions
    assert dict(Entity.objects.values_list("code", "workflow_state")) == states


@pytest.mark.parametrize("code", COUNTRIES)
def test_each_country_has_thirty_entities_in_every_classification_and_state(
    code: str,
) -> None:
    entities = Entity.objects.filter(country=code)
    assert entities.count() >= 30
    assert entities.filter(notes__startswith=DEMO_NOTE).count() == entities.count()
    classifications = set(entities.values_list("classification", flat=True))
    assert {
        Classification.SSE,
        Classification.BORDERLINE,
        Classification.OUTSIDE,
    } <= classifications
    assert set(entities.values_list("workflow_state", flat=True)) == set(
        WorkflowState.values
    )
    # Mostly SSE, and most records validated by the committee.
    assert entities.filter(classification=Classification.SSE).count() * 2 > (
        entities.count()
    )
    validated = entities.filter(workflow_state=WorkflowState.VALIDATED).count()
    assert 0.45 < validated / entities.count() < 0.7


@pytest.mark.parametrize("code", COUNTRIES)
def test_each_country_covers_the_priority_sectors_regions_and_two_years(
    code: str,
) -> None:
    entities = Entity.objects.filter(country=code)
    for sector in ("sector_farm_small", "sector_asm", "sector_construction"):
        assert entities.filter(**{sector: True}).exists(), sector
    assert entities.values("area__macro_region").distinct().count() >= 2
    assert set(
        EntityFigures.objects.filter(entity__country=code).values_list(
            "reference_year", flat=True
        )
    ) >= {2023, 2024}
    with_two_years = entities.annotate(
        years=Count("figures", filter=Q(figures__reference_year__in=[2023, 2024]))
    ).filter(years=2)
    assert with_two_years.count() >= 25


@pytest.mark.parametrize("code", COUNTRIES)
def test_each_country_shows_gender_gaps_and_partial_breakdowns(code: str) -> None:
    entities = Entity.objects.filter(country=code)
    assert entities.filter(women_led=True).exists()
    assert entities.filter(women_led=False).exists()
    # Some figures are totals only, so "not disaggregated by sex" has something to show.
    assert entities.filter(share_not_disaggregated__gt=0).exists()
    assert entities.filter(share_not_disaggregated=0).exists()
    figures = EntityFigures.objects.filter(entity__country=code)
    currency = Country.objects.get(pk=code).currency
    assert set(figures.values_list("currency", flat=True)) == {currency}


@pytest.mark.parametrize("code", COUNTRIES)
def test_each_country_has_entities_with_local_names_forms_and_a_changed_form(
    code: str,
) -> None:
    entities = Entity.objects.filter(country=code)
    assert not entities.filter(Q(name_local="") | Q(name_en="")).exists()
    changed = entities.exclude(former_legal_form=None)
    assert changed.exists()
    # A change is recorded where the present form is known (no company form yet).
    for entity in changed.exclude(legal_form=None):
        latest = entity.legal_form_changes.last()
        assert latest is not None
        assert latest.from_form == entity.former_legal_form
    assert entities.filter(registration_status=RegistrationStatus.INFORMAL).exists()
    assert not entities.filter(latitude=None).exists()
    assert entities.exclude(legal_form=None).filter(legal_form__country=code).exists()


@pytest.mark.parametrize("code", COUNTRIES)
def test_each_country_has_case_studies_gaps_and_a_national_definition(
    code: str,
) -> None:
    studies = CaseStudy.objects.filter(country=code)
    assert 3 <= studies.count() <= 4
    assert not studies.filter(Q(gender_analysis="") | Q(priority_sector="")).exists()
    assert studies.filter(workflow_state=WorkflowState.VALIDATED).exists()
    gaps = CapacityGap.objects.filter(country=code)
    assert 4 <= gaps.count() <= 6
    assert not gaps.filter(national_priority=None).exists()
    assert 4 <= NationalPriority.objects.filter(country=code).count() <= 6
    definition = NationalDefinition.objects.get(country=code)
    assert definition.number == 1
    assert definition.workflow_state in (WorkflowState.DRAFT, WorkflowState.VALIDATED)
    treatments = set(definition.elements.values_list("treatment", flat=True))
    assert {"ADOPTED", "ADAPTED", "ADDED"} <= treatments
    assert not definition.elements.exclude(treatment="ADOPTED").filter(rationale="")
    # The entities were classified under the country's validated rule; under a draft
    # they stay provisional, under the ILC 2022 default.
    in_force = (
        definition.rule_version
        if definition.workflow_state == WorkflowState.VALIDATED
        else DEFAULT_RULE_VERSION
    )
    assert not Entity.objects.filter(country=code).exclude(
        classification_rule_version=in_force
    )


@pytest.mark.parametrize("code", COUNTRIES)
def test_each_country_has_a_federation_whose_member_organisations_are_linked(
    code: str,
) -> None:
    federation = Entity.objects.get(country=code, org_level__in=FEDERATION_LEVELS)
    links = Affiliation.objects.filter(federation=federation)
    assert 3 <= links.count() <= 5
    assert not links.filter(year=None).exists()
    assert not links.exclude(member__country=code).exists()
    assert not links.filter(member__org_level__in=FEDERATION_LEVELS).exists()
    # Its members figure counts organisations: the number its notes state, at least
    # the organisations linked to it.
    declared = federation.figures.get(reference_year=2024).members_total
    stated = re.search(r"Members are (\w+)", federation.notes)
    assert stated is not None
    assert declared == int(WORDS.get(stated.group(1), stated.group(1)))
    assert declared >= links.count()


@pytest.mark.parametrize("code", COUNTRIES)
def test_each_country_has_one_or_two_consented_case_study_photos(code: str) -> None:
    photos = CaseStudyAttachment.objects.filter(case_study__country=code)
    assert 1 <= photos.count() <= 2
    for photo in photos:
        assert photo.consent_given and photo.caption
        assert photo.case_study.consent_given
        assert photo.case_study.workflow_state == WorkflowState.VALIDATED
        with photo.file.open("rb") as handle, Image.open(handle) as image:
            assert (image.format, image.size) == ("PNG", PHOTO_SIZE)


@pytest.mark.parametrize("code", COUNTRIES)
def test_each_country_has_its_legal_framework_institutions_frame_and_methodology(
    code: str,
) -> None:
    instruments = LegalInstrument.objects.filter(country=code)
    assert 3 <= instruments.count() <= 6
    assert not instruments.filter(Q(title_local="") | Q(title_en="") | Q(summary=""))
    assert 4 <= SupportInstitution.objects.filter(country=code).count() <= 6
    frame = SamplingFrame.objects.get(country=code)
    entities = Entity.objects.filter(country=code)
    for sse_type, area, mapped in entities.values_list("sse_type", "area").annotate(
        n=Count("id")
    ):
        count = frame.counts.get(sse_type=sse_type, area=area)
        assert count.registered_total > mapped
        assert count.source and count.year == 2024
    assert StudyMethodology.objects.filter(country=code).count() == 1
    assert Recommendation.objects.filter(capacity_gap__country=code).exists()
    assert AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(SamplingFrame),
        object_id=frame.pk,
        action="created",
    ).exists()


def test_most_study_records_are_validated_and_some_wait_in_the_queue() -> None:
    states: Counter[str] = Counter()
    for model in (LegalInstrument, SupportInstitution, SamplingFrame, StudyMethodology):
        states.update(model.objects.values_list("workflow_state", flat=True))
    waiting = states[WorkflowState.SUBMITTED] + states[WorkflowState.IN_REVIEW]
    assert states[WorkflowState.VALIDATED] > sum(states.values()) / 2
    assert states[WorkflowState.SUBMITTED] and states[WorkflowState.IN_REVIEW]
    assert waiting >= 5


def test_a_country_seeded_before_the_study_records_gets_them_on_the_next_run() -> None:
    for model in (LegalInstrument, SupportInstitution, SamplingFrame, StudyMethodology):
        model.objects.filter(country="KG").delete()
    versions = dict(Entity.objects.values_list("code", "version"))
    call_command("seed_demo", "--quiet-logins")
    assert LegalInstrument.objects.filter(country="KG").count() == 5
    assert SamplingFrame.objects.get(country="KG").counts.exists()
    assert dict(Entity.objects.values_list("code", "version")) == versions


@pytest.mark.parametrize("code", COUNTRIES)
def test_each_committee_met_and_decided_with_its_own_members(code: str) -> None:
    country = Country.objects.get(pk=code)
    assert country.review_quorum == DEMO_REVIEW_QUORUM
    members = CommitteeMember.objects.filter(country=code)
    assert 6 <= members.count() <= 8
    assert set(members.values_list("sex", flat=True)) == {"F", "M"}
    assert members.values("constituency").distinct().count() == 6
    assert set(members.exclude(user=None).values_list("user__username", flat=True)) == {
        f"{code.lower()}-committee",
        f"{code.lower()}-committee-2",
    }
    meeting = CommitteeMeeting.objects.get(country=code)
    assert meeting.attendees.count() >= 3
    assert meeting.agenda.exists()
    assert meeting.decisions.exists()
    assert meeting.minutes
    decisions = ReviewDecision.objects.filter(country=code)
    assert set(decisions.values_list("decision", flat=True)) == {
        "approve",
        "return",
        "reject",
    }
    assert decisions.filter(meeting=None).exists()


def test_nobody_reviews_a_record_they_created() -> None:
    entity_type = ContentType.objects.get_for_model(Entity)
    decisions = ReviewDecision.objects.filter(content_type=entity_type)
    creators = dict(Entity.objects.values_list("pk", "created_by__username"))
    for object_id, reviewer, country in decisions.values_list(
        "object_id", "reviewer__username", "country"
    ):
        assert reviewer != creators[object_id]
        assert reviewer.startswith(f"{country.lower()}-committee")
    assert set(creators.values()) == {f"{c.lower()}-consultant" for c in COUNTRIES}


def test_records_in_review_wait_for_a_second_approval() -> None:
    entity_type = ContentType.objects.get_for_model(Entity)
    for entity in Entity.objects.filter(workflow_state=WorkflowState.IN_REVIEW):
        approvals = ReviewDecision.objects.filter(
            content_type=entity_type,
            object_id=entity.pk,
            round_started_at=entity.submitted_at,
            decision="approve",
        )
        assert approvals.count() == 1


def test_returned_records_say_why_with_comments_per_field() -> None:
    entity_type = ContentType.objects.get_for_model(Entity)
    for entity in Entity.objects.filter(workflow_state=WorkflowState.RETURNED):
        decision = ReviewDecision.objects.filter(
            content_type=entity_type, object_id=entity.pk, decision="return"
        ).first()
        assert decision is not None
        assert decision.comment
        assert decision.field_comments


def test_the_history_shows_what_consultants_and_committees_did() -> None:
    entity = Entity.objects.get(
        name_en="Rik Chamreun Battambang Agricultural Cooperative"
    )
    actions = list(
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Entity), object_id=entity.pk
        )
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "created",
        "figures saved",
        "figures saved",
        "assessment saved",
        "affiliation added",
        "submitted",
        "reviewed",
        "updated",
        "submitted",
        "reviewed",
        "reviewed",
    ]
    assert entity.workflow_state == WorkflowState.VALIDATED
    assert entity.registration_number
    # Validated, then new figures: back to draft, waiting for another validation.
    edited = Entity.objects.get(name_en="Kep Crab Fishers Community Fishery")
    assert edited.workflow_state == WorkflowState.DRAFT
    assert edited.figures.filter(reference_year=2025).exists()


def test_viet_nam_has_entities_recorded_against_provinces_merged_in_2025() -> None:
    old = Entity.objects.filter(country="VN", area__valid_to__isnull=False)
    assert old.count() >= 3
    for entity in old.select_related("area"):
        successor = entity.area.current_successor()
        assert successor != entity.area
        assert successor.valid_to is None


def test_thailand_has_social_enterprises_registered_under_the_2019_act() -> None:
    registered = Entity.objects.filter(
        country="TH",
        legal_form__code="TH_SE",
        registration_status=RegistrationStatus.REG_SSE_LAW,
    )
    assert registered.exists()
    assert registered.filter(workflow_state=WorkflowState.VALIDATED).exists()
    assert Entity.objects.filter(country="TH", legal_form__code="TH_CE").exists()
    # Thailand's definition allows informal groups: an informal savings group is SSE.
    assert Entity.objects.filter(
        country="TH",
        registration_status=RegistrationStatus.INFORMAL,
        classification=Classification.SSE,
    ).exists()


def test_raising_thailands_dividend_ceiling_to_50_percent_would_move_entities() -> None:
    definition = NationalDefinition.objects.get(
        country="TH", workflow_state=WorkflowState.VALIDATED
    )
    assert definition.rules["max_surplus_on_capital_pct"] == 30
    over_30 = Entity.objects.filter(
        country="TH", surplus_cap_pct__gt=30, surplus_cap_pct__lte=50
    )
    assert over_30.count() >= 3
    assert set(over_30.values_list("classification", flat=True)) == {
        Classification.BORDERLINE
    }
    definition.rules = {**definition.rules, "max_surplus_on_capital_pct": 50}
    effect = draft_effect(definition)
    moved = {m["id"]: m for m in effect["moved"]}
    for entity in over_30:
        assert moved[entity.pk]["to"] == Classification.SSE
    assert effect["moves"] == {"BORDERLINE>SSE": over_30.count()}


def test_a_thai_savings_group_sharing_out_by_savings_is_sse_with_its_reason() -> None:
    group = Entity.objects.get(
        country="TH", sse_type="SHG", surplus_rule="UNRESTRICTED"
    )
    assert group.classification == Classification.SSE
    assert any("share-out" in r for r in reasons_text(group.classification_reasons))


def test_the_thai_committee_raises_the_ceiling_sees_the_effect_and_validates() -> None:
    """The done-when journey of issue 14, through the services the pages call."""
    users = get_user_model().objects.in_bulk(
        ["th-consultant", "th-committee", "th-committee-2"], field_name="username"
    )
    over_30 = set(
        Entity.objects.filter(
            country="TH", surplus_cap_pct__gt=30, surplus_cap_pct__lte=50
        ).values_list("pk", flat=True)
    )
    draft = records_services.national_definition_create(
        country=Country.objects.get(pk="TH"), by=users["th-consultant"], data={}
    )
    assert draft.rules["max_surplus_on_capital_pct"] == 30
    draft = records_services.national_definition_update(
        definition=draft,
        by=users["th-consultant"],
        data={"rules": {**draft.rules, "max_surplus_on_capital_pct": 50}},
        elements={},
        expected_version=None,
    )
    effect = draft_effect(draft)
    assert {m["id"] for m in effect["moved"]} == over_30
    assert all(m["to"] == Classification.SSE for m in effect["moved"])
    # Nothing moves before validation.
    assert not Entity.objects.filter(pk__in=over_30, classification="SSE").exists()

    review_workflow.record_submit(record=draft, by=users["th-consultant"])
    for reviewer in ("th-committee", "th-committee-2"):
        review_workflow.review_decide(
            record=NationalDefinition.objects.get(pk=draft.pk),
            by=users[reviewer],
            decision="approve",
        )

    moved = Entity.objects.filter(pk__in=over_30)
    assert set(moved.values_list("classification", flat=True)) == {Classification.SSE}
    for entity in moved:
        assert "(version 2)" in reasons_text(entity.classification_reasons)[0]
        assert AuditEvent.objects.filter(
            object_id=entity.pk, action="reclassified"
        ).exists()


def test_thailands_validated_findings_are_release_th_1_once_and_published() -> None:
    (release,) = Release.objects.filter(country="TH")
    assert (release.label, release.state) == ("TH-1", ReleaseState.PUBLISHED)
    validated = Entity.objects.filter(country="TH", workflow_state="validated").count()
    assert release.record_counts["entity"] == validated
    assert release.report_tables.filter(language="th").exists()
    assert not Release.objects.exclude(country="TH").exists()
