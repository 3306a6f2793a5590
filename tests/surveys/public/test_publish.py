"""Staff publish an accepted release under a licence; nobody else can."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from sse_mapping.exceptions import ApplicationError, ConflictError, NotAllowedError
from surveys.demo.publication import publish_demo_release
from surveys.models import AuditEvent
from surveys.public.services import release_publish
from tests.surveys.factories.publication import release_of, thai_entity

pytestmark = pytest.mark.django_db


def test_staff_publish_a_release_and_the_directory_shows_it(
    client: Client, staff: User
) -> None:
    release = release_of(
        [thai_entity("Tea Growers Group", "FIGURES")], by=staff, published=False
    )
    assert client.get("/directory/TH/").status_code == 404
    client.force_login(staff)

    detail = client.get(f"/releases/{release.pk}/").content.decode()
    form = client.get(f"/releases/{release.pk}/publish/")
    response = client.post(f"/releases/{release.pk}/publish/", {"licence": "CC0-1.0"})

    assert f"/releases/{release.pk}/publish/" in detail
    assert form.status_code == 200
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.published_by == staff and release.licence == "CC0-1.0"
    assert AuditEvent.objects.filter(object_id=release.pk, action="published").exists()
    client.logout()
    page = client.get("/directory/TH/").content.decode()
    assert "Tea Growers Group" in page
    assert "publicdomain/zero/1.0" in page


def test_a_consultant_cannot_publish(
    client: Client, staff: User, th_consultant: User
) -> None:
    release = release_of([], by=staff, published=False)
    client.force_login(th_consultant)

    assert client.post(
        f"/releases/{release.pk}/publish/", {"licence": "CC-BY-4.0"}
    ).status_code in (
        403,
        404,
    )
    with pytest.raises(NotAllowedError):
        release_publish(release=release, by=th_consultant, licence="CC-BY-4.0")
    release.refresh_from_db()
    assert release.published_at is None


def test_a_release_is_published_once_and_only_under_an_offered_licence(
    staff: User, reference_data: None
) -> None:
    release = release_of([], by=staff, published=False)

    with pytest.raises(ApplicationError):
        release_publish(release=release, by=staff, licence="All rights reserved")
    release_publish(release=release, by=staff, licence="CC-BY-4.0")
    with pytest.raises(ConflictError):
        release_publish(release=release, by=staff, licence="CC-BY-4.0")


def test_a_withdrawn_release_cannot_be_published(
    staff: User, reference_data: None
) -> None:
    release = release_of([], by=staff, published=False)
    release.withdrawn_at = release.accepted_at
    release.withdrawn_by = staff
    release.withdrawn_reason = "Figures to check"
    release.save()

    with pytest.raises(ApplicationError):
        release_publish(release=release, by=staff, licence="CC-BY-4.0")


def test_the_demo_publishes_thailands_latest_accepted_release_once(
    staff: User, reference_data: None
) -> None:
    release_of([thai_entity("Demo Group", "FIGURES")], by=staff, published=False)

    first = publish_demo_release()
    again = publish_demo_release()

    assert first is not None and first.published_at is not None
    assert first.licence == "CC-BY-4.0"
    assert again is None
