"""Login throttling: spraying one password over many accounts from one address is
locked, each lockout is kept as a security event, and the address is the client's."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.addresses import client_ip
from accounts.models import SecurityEvent

pytestmark = pytest.mark.django_db


def test_one_address_trying_many_accounts_is_locked_out(
    client: Client, make_persona: Callable[..., User], kh_consultant: User
) -> None:
    victims = [make_persona(f"victim-{n}", "KH", "consultant") for n in range(5)]
    for victim in victims:
        client.post(
            reverse("login"), {"username": victim.username, "password": "Spring2026!"}
        )

    # Even the right password of another account is refused from that address now.
    response = client.post(
        reverse("login"), {"username": "kh-consultant", "password": "demo-pass-2026"}
    )

    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed logins" in page
    assert "from this address" in page
    assert "_auth_user_id" not in client.session


def test_another_address_still_signs_in_after_a_spray(
    make_persona: Callable[..., User], kh_consultant: User
) -> None:
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    for n in range(5):
        user = make_persona(f"victim-{n}", "KH", "consultant")
        attacker.post(reverse("login"), {"username": user.username, "password": "x"})

    colleague = Client(REMOTE_ADDR="198.51.100.7")
    response = colleague.post(
        reverse("login"), {"username": "kh-consultant", "password": "demo-pass-2026"}
    )

    assert response.status_code == 302


def test_each_lockout_and_failure_is_a_security_event(
    client: Client, kh_consultant: User
) -> None:
    for _ in range(6):
        client.post(
            reverse("login"), {"username": "kh-consultant", "password": "wrong"}
        )

    lockouts = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOCKOUT)
    assert lockouts.count() >= 1
    lockout = lockouts.first()
    assert lockout is not None
    assert lockout.user == kh_consultant
    assert lockout.ip_address == "127.0.0.1"
    failures = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SIGN_IN_FAILED)
    assert failures.count() >= 5


def test_behind_one_proxy_the_client_address_is_the_one_the_proxy_saw(
    settings: object,
) -> None:
    settings.PROXY_COUNT = 1  # type: ignore[attr-defined]
    request = RequestFactory().get(
        "/",
        REMOTE_ADDR="10.0.0.2",
        # A first address any client can forge, then the one nginx appended.
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5",
    )
    assert client_ip(request) == "203.0.113.5"


def test_without_a_proxy_a_forwarded_header_is_ignored(settings: object) -> None:
    settings.PROXY_COUNT = 0  # type: ignore[attr-defined]
    request = RequestFactory().get(
        "/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="6.6.6.6"
    )
    assert client_ip(request) == "203.0.113.9"


def _sign_in(client: Client, username: str, password: str) -> int:
    status = client.post(
        reverse("login"), {"username": username, "password": password}
    ).status_code
    client.logout()
    return status


def test_signing_in_to_ones_own_account_does_not_forgive_a_spray(
    make_persona: Callable[..., User], kh_consultant: User
) -> None:
    """The attacker holds one valid account and signs in with it between guesses."""
    victims = [make_persona(f"victim-{n}", "KH", "consultant") for n in range(8)]
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    answers = []
    for pair in range(4):
        for victim in victims[2 * pair : 2 * pair + 2]:
            answers.append(_sign_in(attacker, victim.username, "Spring2026!"))
        answers.append(_sign_in(attacker, "kh-consultant", "demo-pass-2026"))

    # Five guesses on other accounts lock the address, signed in between or not.
    assert answers[:6] == [200, 200, 302, 200, 200, 302]
    assert set(answers[6:]) == {429}
    assert _sign_in(attacker, "kh-consultant", "demo-pass-2026") == 429


def test_a_success_forgives_the_users_own_typos(
    client: Client, kh_consultant: User
) -> None:
    for _ in range(4):
        assert _sign_in(client, "kh-consultant", "demo-pass-2025") == 200
    assert _sign_in(client, "kh-consultant", "demo-pass-2026") == 302

    for _ in range(4):
        assert _sign_in(client, "kh-consultant", "demo-pass-2025") == 200
    assert _sign_in(client, "kh-consultant", "demo-pass-2026") == 302
