"""Staff read and filter the security events; the API schema can be kept for
signed-in users."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from accounts.models import SecurityEvent
from countries.authentication import api_token_create, api_token_revoke
from countries.models import Membership

pytestmark = pytest.mark.django_db


def test_staff_filter_the_security_events_by_kind_and_account(
    client: Client, staff: User, kh_consultant: User
) -> None:
    Client().post(reverse("login"), {"username": "kh-consultant", "password": "wrong"})
    token, _key = api_token_create(user=kh_consultant, name="import script")
    api_token_revoke(token=token)
    client.force_login(staff)

    everything = client.get(reverse("security-events"))
    assert everything.status_code == 200
    page = everything.content.decode()
    for label in ("Sign-in failed", "API token created", "API token revoked"):
        assert label in page

    failures = client.get(
        reverse("security-events"),
        {"kind": ["sign_in_failed"], "username": "kh-cons"},
    )
    rows = failures.content.decode().count('data-kind="')
    assert rows == 1
    assert 'data-kind="sign_in_failed"' in failures.content.decode()


def test_a_bad_filter_is_a_clear_400(client: Client, staff: User) -> None:
    client.force_login(staff)
    response = client.get(reverse("security-events"), {"since": "yesterday"})
    assert response.status_code == 400
    assert "Please correct the filters" in response.content.decode()


def test_members_of_a_country_cannot_read_security_events(
    client: Client, kh_committee: User
) -> None:
    client.force_login(kh_committee)
    assert client.get(reverse("security-events")).status_code == 403


def test_a_role_given_and_taken_is_a_security_event(
    make_persona: Callable[..., User],
) -> None:
    user = make_persona("kg-new", "KG", "consultant")
    Membership.objects.filter(user=user).delete()

    kinds = list(SecurityEvent.objects.filter(user=user).values_list("kind", flat=True))
    assert SecurityEvent.Kind.ROLE_ADDED in kinds
    assert SecurityEvent.Kind.ROLE_REMOVED in kinds


def test_the_schema_can_be_kept_for_signed_in_users(
    client: Client, kh_consultant: User, settings: object
) -> None:
    settings.API_DOCS_SIGNED_IN_ONLY = True  # type: ignore[attr-defined]
    assert client.get("/api/schema/").status_code in (302, 401, 403)
    docs = client.get("/api/docs/")
    assert docs.status_code == 302 and "/accounts/login/" in docs["Location"]

    client.force_login(kh_consultant)
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


def test_the_schema_is_public_when_the_setting_is_off(
    client: Client, reference_data: None, settings: object
) -> None:
    settings.API_DOCS_SIGNED_IN_ONLY = False  # type: ignore[attr-defined]
    assert client.get("/api/schema/").status_code == 200
