"""The delete button on a draft's page and the staff's page of deleted drafts."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from surveys.models import Entity, LegalInstrument
from tests.surveys.factories import EntityFactory, LegalInstrumentFactory

pytestmark = pytest.mark.django_db


def test_a_consultant_deletes_a_draft_from_its_page(
    client: Client, kh_consultant: User
) -> None:
    draft = EntityFactory(created_by=kh_consultant, name_en="Typed by mistake")
    client.force_login(kh_consultant)

    detail = client.get(reverse("entity-detail", args=[draft.pk])).content.decode()
    deleted = client.post(
        reverse("draft-delete", args=["entity", draft.pk]), follow=True
    )

    assert 'data-testid="delete-draft"' in detail
    assert deleted.redirect_chain[-1][0] == reverse("entity-list", args=["KH"])
    assert draft.code not in deleted.content.decode()
    assert not Entity.objects.filter(pk=draft.pk).exists()
    assert client.get(reverse("entity-detail", args=[draft.pk])).status_code == 404


def test_a_submitted_record_offers_no_delete_and_refuses_one(
    client: Client, kh_consultant: User
) -> None:
    record = EntityFactory(created_by=kh_consultant, submitted=True)
    client.force_login(kh_consultant)

    detail = client.get(reverse("entity-detail", args=[record.pk])).content.decode()
    refused = client.post(
        reverse("draft-delete", args=["entity", record.pk]), follow=True
    )

    assert 'data-testid="delete-draft"' not in detail
    assert "cannot be deleted" in refused.content.decode()
    assert Entity.objects.filter(pk=record.pk).exists()


def test_another_countrys_draft_is_not_found(
    client: Client, kh_consultant: User, th_consultant: User
) -> None:
    draft = EntityFactory(created_by=kh_consultant)
    client.force_login(th_consultant)

    response = client.post(reverse("draft-delete", args=["entity", draft.pk]))

    assert response.status_code == 404
    assert Entity.objects.filter(pk=draft.pk).exists()


def test_a_committee_member_may_not_delete_a_draft(
    client: Client, kh_consultant: User, kh_committee: User
) -> None:
    draft = EntityFactory(created_by=kh_consultant)
    client.force_login(kh_committee)

    response = client.post(reverse("draft-delete", args=["entity", draft.pk]))

    assert response.status_code == 403


def test_staff_list_deleted_drafts_and_restore_one(
    client: Client, kh_consultant: User, staff: User
) -> None:
    instrument = LegalInstrumentFactory(created_by=kh_consultant, title_en="Old decree")
    client.force_login(kh_consultant)
    client.post(reverse("draft-delete", args=["legal_instrument", instrument.pk]))
    client.force_login(staff)

    listed = client.get(reverse("deleted-draft-list")).content.decode()
    restored = client.post(
        reverse("draft-restore", args=["legal_instrument", instrument.pk])
    )

    assert "Old decree" in listed
    assert restored.url == reverse("legal-instrument-detail", args=[instrument.pk])
    assert LegalInstrument.objects.filter(pk=instrument.pk).exists()
    after = client.get(reverse("deleted-draft-list")).content.decode()
    assert 'data-testid="no-deleted-drafts"' in after


def test_consultants_cannot_open_the_deleted_drafts(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)

    assert client.get(reverse("deleted-draft-list")).status_code == 403


def test_restoring_a_record_that_is_not_deleted_is_not_found(
    client: Client, kh_consultant: User, staff: User
) -> None:
    draft = EntityFactory(created_by=kh_consultant)
    client.force_login(staff)

    response = client.post(reverse("draft-restore", args=["entity", draft.pk]))

    assert response.status_code == 404
