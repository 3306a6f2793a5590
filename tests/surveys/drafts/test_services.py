"""Deleting a draft made by mistake and restoring it: who may, which drafts, and that a
deleted draft is gone from every read until staff bring it back."""

import pytest
from django.contrib.auth.models import User
from django.http import Http404
from rest_framework.test import APIClient

from countries.models import Country
from sse_mapping.exceptions import ApplicationError, NotAllowedError, NotVisibleError
from surveys.drafts import selectors as drafts_selectors
from surveys.drafts import services as drafts_services
from surveys.entities import selectors as entities_selectors
from surveys.entities import services as entities_services
from surveys.exports.services import export_entities
from surveys.models import AuditEvent, CaseStudy, Entity
from surveys.records import selectors as records_selectors
from tests.surveys.factories import CaseStudyFactory, EntityFactory, ExportJobFactory

pytestmark = pytest.mark.django_db


def test_a_consultant_deletes_a_draft_that_was_never_submitted(
    kh_consultant: User,
) -> None:
    draft = EntityFactory(created_by=kh_consultant)

    drafts_services.draft_delete(record=draft, by=kh_consultant)

    deleted = Entity.all_objects.get(pk=draft.pk)
    assert deleted.deleted_at is not None
    assert deleted.deleted_by == kh_consultant
    assert AuditEvent.objects.filter(object_id=draft.pk, action="deleted").exists()


def test_a_deleted_draft_is_absent_from_lists_counts_and_exports(
    kh_consultant: User, staff: User
) -> None:
    kept = EntityFactory(created_by=kh_consultant)
    draft = EntityFactory(created_by=kh_consultant)
    drafts_services.draft_delete(record=draft, by=kh_consultant)

    assert list(entities_selectors.entity_list(user=staff)) == [kept]
    assert Entity.objects.filter(country_id="KH").count() == 1
    job = ExportJobFactory(requested_by=staff, include_unvalidated=True)
    assert list(export_entities(job)) == [kept]
    with pytest.raises(Http404):
        entities_selectors.entity_get(user=staff, pk=draft.pk)


def test_a_deleted_draft_is_absent_from_the_api(
    kh_consultant: User, staff: User
) -> None:
    kept = EntityFactory(created_by=kh_consultant)
    draft = EntityFactory(created_by=kh_consultant)
    drafts_services.draft_delete(record=draft, by=kh_consultant)
    api = APIClient()
    api.force_authenticate(staff)

    listed = api.get("/api/v1/entities/").json()
    one = api.get(f"/api/v1/entities/{draft.pk}/")

    assert [row["id"] for row in listed["results"]] == [kept.pk]
    assert one.status_code == 404


def test_another_countrys_draft_cannot_be_deleted(
    kh_consultant: User, th_consultant: User
) -> None:
    draft = EntityFactory(created_by=kh_consultant)

    with pytest.raises(NotVisibleError):
        drafts_services.draft_delete(record=draft, by=th_consultant)

    assert Entity.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("state", ["submitted", "in_review", "validated", "returned"])
def test_a_record_that_was_submitted_cannot_be_deleted(
    kh_consultant: User, state: str
) -> None:
    record = EntityFactory(created_by=kh_consultant, **{state: True})

    with pytest.raises(ApplicationError, match="submitted for review before"):
        drafts_services.draft_delete(record=record, by=kh_consultant)

    assert Entity.objects.filter(pk=record.pk).exists()


def test_a_draft_reopened_after_review_cannot_be_deleted(kh_consultant: User) -> None:
    reopened = EntityFactory(created_by=kh_consultant, review_round=2)

    with pytest.raises(ApplicationError):
        drafts_services.draft_delete(record=reopened, by=kh_consultant)


def test_committee_members_cannot_delete_drafts(
    kh_consultant: User, kh_committee: User
) -> None:
    draft = EntityFactory(created_by=kh_consultant)

    with pytest.raises(NotAllowedError):
        drafts_services.draft_delete(record=draft, by=kh_committee)


def test_staff_see_deleted_drafts_of_every_type_and_restore_them(
    kh_consultant: User, th_consultant: User, staff: User
) -> None:
    entity = EntityFactory(created_by=kh_consultant)
    case_study = CaseStudyFactory(country_id="TH", created_by=th_consultant)
    drafts_services.draft_delete(record=entity, by=kh_consultant)
    drafts_services.draft_delete(record=case_study, by=th_consultant)

    listed = drafts_selectors.deleted_draft_list(user=staff)
    drafts_services.draft_restore(record=listed[-1][1], by=staff)

    assert {(kind.name, r.pk) for kind, r in listed} == {
        ("entity", entity.pk),
        ("case_study", case_study.pk),
    }
    assert entities_selectors.entity_get(user=staff, pk=entity.pk).deleted_at is None
    assert AuditEvent.objects.filter(object_id=entity.pk, action="restored").exists()
    assert not CaseStudy.objects.filter(pk=case_study.pk).exists()
    assert list(records_selectors.case_study_list(user=th_consultant)) == []


def test_consultants_neither_see_nor_restore_deleted_drafts(
    kh_consultant: User,
) -> None:
    draft = EntityFactory(created_by=kh_consultant)
    drafts_services.draft_delete(record=draft, by=kh_consultant)

    with pytest.raises(NotAllowedError):
        drafts_selectors.deleted_draft_list(user=kh_consultant)
    with pytest.raises(NotAllowedError):
        drafts_services.draft_restore(record=draft, by=kh_consultant)


def test_a_new_entity_after_a_deleted_one_gets_a_code_of_its_own(
    kh_consultant: User,
) -> None:
    draft = entities_services.entity_create(
        country=Country.objects.get(pk="KH"),
        by=kh_consultant,
        data={"name_en": "Typed by mistake", "sse_type": "COOP"},
    )
    drafts_services.draft_delete(record=draft, by=kh_consultant)

    again = entities_services.entity_create(
        country=draft.country,
        by=kh_consultant,
        data={"name_en": "The real one", "sse_type": "COOP"},
    )

    assert again.code != draft.code
