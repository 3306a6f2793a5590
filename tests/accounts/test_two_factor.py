"""Two-factor sign-in: required for the roles in MFA_REQUIRED_ROLES, given after the
password, and needed again before an API token is made."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecurityEvent
from countries.authentication import api_token_create
from countries.models import Country
from sse_mapping.exceptions import NotAllowedError

pytestmark = pytest.mark.django_db

PASSWORD = "demo-pass-2026"


@pytest.fixture(autouse=True)
def _required_for_staff(settings: object) -> None:
    settings.MFA_REQUIRED_ROLES = ["staff", "admin"]  # type: ignore[attr-defined]


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def sign_in(client: Client, user: User) -> None:
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content


def set_up_app(client: Client) -> TOTPDevice:
    page = client.get(reverse("two-factor-app"))
    assert page.status_code == 200
    device_id = int(re.search(r'name="device" value="(\d+)"', page.content.decode())[1])
    device = TOTPDevice.objects.get(pk=device_id)
    done = client.post(
        reverse("two-factor-app"), {"device": device_id, "token": code_for(device)}
    )
    assert done.status_code == 302, done.content
    device.refresh_from_db()
    return device


def test_staff_must_set_up_a_second_factor_on_first_sign_in(
    client: Client, staff: User
) -> None:
    sign_in(client, staff)

    blocked = client.get("/countries/")
    assert blocked.status_code == 302
    assert blocked["Location"].startswith(reverse("two-factor-setup"))
    setup = client.get(blocked["Location"])
    assert "Your role requires a second factor" in setup.content.decode()

    device = set_up_app(client)

    assert device.confirmed
    assert client.get("/countries/").status_code == 200
    assert SecurityEvent.objects.filter(
        user=staff, kind=SecurityEvent.Kind.SECOND_FACTOR_ADDED
    ).exists()


def test_a_user_with_an_app_gives_its_code_after_the_password(
    client: Client, staff: User
) -> None:
    sign_in(client, staff)
    device = set_up_app(client)
    client.post(reverse("logout"))
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)

    sign_in(client, staff)
    asked = client.get("/countries/")
    assert asked["Location"].startswith(reverse("two-factor-verify"))

    wrong = client.post(asked["Location"], {"token": "000000", "next": "/countries/"})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()
    assert client.get("/countries/").status_code == 302

    device.refresh_from_db()
    device.throttle_reset()
    right = client.post(
        reverse("two-factor-verify"),
        {"token": code_for(device), "next": "/countries/"},
    )
    assert right.status_code == 302
    assert right["Location"] == "/countries/"
    assert client.get("/countries/").status_code == 200


def test_a_recovery_code_opens_the_account_once(client: Client, staff: User) -> None:
    sign_in(client, staff)
    set_up_app(client)
    page = client.post(reverse("two-factor-recovery"))
    codes = re.findall(r"<li>([a-z0-9]{8,16})</li>", page.content.decode())
    assert len(codes) == 10
    client.post(reverse("logout"))

    sign_in(client, staff)
    used = client.post(reverse("two-factor-verify"), {"token": codes[0]})
    assert used.status_code == 302
    client.post(reverse("logout"))

    sign_in(client, staff)
    again = client.post(reverse("two-factor-verify"), {"token": codes[0]})
    assert again.status_code == 400


def test_an_unverified_session_cannot_add_or_remove_factors(
    client: Client, staff: User
) -> None:
    sign_in(client, staff)
    device = set_up_app(client)
    client.post(reverse("logout"))
    sign_in(client, staff)

    assert client.get(reverse("two-factor-app"))["Location"] == reverse(
        "two-factor-verify"
    )
    client.post(reverse("two-factor-remove", args=["totp", device.pk]))
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_the_api_in_an_unverified_session_answers_403_in_json(
    client: Client, staff: User
) -> None:
    sign_in(client, staff)
    set_up_app(client)
    client.post(reverse("logout"))
    sign_in(client, staff)

    response = client.get("/api/v1/entities/")

    assert response.status_code == 403
    assert "second factor" in response.json()["detail"]


def test_a_consultant_not_in_the_required_roles_signs_in_with_a_password(
    client: Client, kh_consultant: User
) -> None:
    sign_in(client, kh_consultant)
    assert client.get("/countries/KH/").status_code == 200


def test_an_api_token_needs_a_second_factor_session_when_the_user_has_one(
    client: Client, staff: User
) -> None:
    sign_in(client, staff)
    set_up_app(client)

    with pytest.raises(NotAllowedError):
        api_token_create(user=staff, name="script")
    response = client.post(reverse("token-list"), {"name": "nightly export"})
    assert response.status_code == 200
    assert 'data-testid="new-token-key"' in response.content.decode()


def test_with_debug_defaults_nobody_is_required(
    client: Client, staff: User, settings: object
) -> None:
    settings.MFA_REQUIRED_ROLES = []  # type: ignore[attr-defined]
    sign_in(client, staff)
    assert client.get("/countries/").status_code == 200


def test_a_country_can_require_its_committee_to_use_a_second_factor(
    client: Client, kh_committee: User, th_committee: User, settings: object
) -> None:
    settings.MFA_REQUIRED_ROLES = []  # type: ignore[attr-defined]
    Country.objects.filter(pk="KH").update(committee_second_factor=True)

    sign_in(client, kh_committee)
    asked = client.get("/countries/KH/")
    assert asked["Location"].startswith(reverse("two-factor-setup"))

    other = Client()
    sign_in(other, th_committee)
    assert other.get("/countries/TH/").status_code == 200


def test_a_user_who_opens_the_administration_needs_a_second_factor_as_staff_do(
    client: Client, kh_consultant: User, settings: object
) -> None:
    """is_staff without a staff membership: the administration gives roles and
    rights in every country."""
    kh_consultant.is_staff = True
    kh_consultant.save()
    sign_in(client, kh_consultant)

    for page in ("/countries/KH/", "/admin/"):
        asked = client.get(page)
        assert asked.status_code == 302
        assert asked["Location"].startswith(reverse("two-factor-setup"))

    settings.MFA_REQUIRED_ROLES = ["admin"]  # type: ignore[attr-defined]
    relaxed = Client()
    sign_in(relaxed, kh_consultant)
    assert relaxed.get("/countries/KH/").status_code == 200
