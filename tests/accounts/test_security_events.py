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


def _events(kind: str, user: User) -> list[SecurityEvent]:
    return list(SecurityEvent.objects.filter(kind=kind, user=user))


@pytest.fixture
def administrator(reference_data: None) -> User:
    return User.objects.create_superuser("root", "root@example.org", "Admin-pass-2027")


def test_a_role_changed_in_place_by_an_administrator_is_kept_with_who_did_it(
    client: Client, administrator: User, kh_consultant: User
) -> None:
    membership = Membership.objects.get(user=kh_consultant)
    client.force_login(administrator)

    response = client.post(
        reverse("admin:countries_membership_change", args=[membership.pk]),
        {"user": kh_consultant.pk, "country": "KH", "role": "committee"},
    )

    assert response.status_code == 302
    [event] = _events(SecurityEvent.Kind.ROLE_CHANGED, kh_consultant)
    assert event.actor == administrator
    assert event.detail.startswith("National consultant → ")
    assert "Committee member" in event.detail
    assert event.ip_address == "127.0.0.1"


def test_a_role_saved_unchanged_is_no_event(kh_consultant: User) -> None:
    membership = Membership.objects.get(user=kh_consultant)
    membership.save()
    assert _events(SecurityEvent.Kind.ROLE_CHANGED, kh_consultant) == []


def test_administration_rights_given_and_taken_are_security_events(
    client: Client, administrator: User, kh_consultant: User
) -> None:
    client.force_login(administrator)
    page = reverse("admin:auth_user_change", args=[kh_consultant.pk])
    form = {
        "username": kh_consultant.username,
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    assert client.post(page, form).status_code == 302
    del form["is_superuser"]
    assert client.post(page, form).status_code == 302

    given, taken = sorted(
        _events(SecurityEvent.Kind.RIGHTS_CHANGED, kh_consultant), key=lambda e: e.pk
    )
    assert "is_staff: False → True" in given.detail
    assert "is_superuser: False → True" in given.detail
    assert taken.detail == "is_superuser: True → False"
    assert given.actor == taken.actor == administrator
    # A sign-in saves the account too, and changes no right.
    Client().post(
        reverse("login"), {"username": "kh-consultant", "password": "demo-pass-2026"}
    )
    assert len(_events(SecurityEvent.Kind.RIGHTS_CHANGED, kh_consultant)) == 2


def test_an_administrator_resets_a_members_second_factors(
    client: Client, administrator: User, kh_consultant: User
) -> None:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=kh_consultant, name="phone", confirmed=True)
    StaticDevice.objects.create(user=kh_consultant, name="recovery", confirmed=True)
    client.force_login(administrator)

    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factors", "_selected_action": [kh_consultant.pk]},
        follow=True,
    )

    assert "The second factors of kh-consultant are removed." in (
        response.content.decode()
    )
    assert not TOTPDevice.objects.filter(user=kh_consultant).exists()
    assert not StaticDevice.objects.filter(user=kh_consultant).exists()
    removed = _events(SecurityEvent.Kind.SECOND_FACTOR_REMOVED, kh_consultant)
    assert sorted(e.detail for e in removed) == [
        "authenticator app: phone",
        "recovery codes: recovery",
    ]
    assert {e.actor for e in removed} == {administrator}


def test_a_second_factor_deleted_in_the_administration_is_a_security_event(
    client: Client, administrator: User, kh_consultant: User
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=kh_consultant, name="phone")
    client.force_login(administrator)

    response = client.post(
        reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    [event] = _events(SecurityEvent.Kind.SECOND_FACTOR_REMOVED, kh_consultant)
    assert event.actor == administrator


def test_deleting_an_account_keeps_the_events_of_its_roles_by_name(
    make_persona: Callable[..., User],
) -> None:
    user = make_persona("kg-leaving", "KG", "consultant")
    user.delete()

    removed = SecurityEvent.objects.get(kind=SecurityEvent.Kind.ROLE_REMOVED)
    assert (removed.user, removed.username) == (None, "kg-leaving")
