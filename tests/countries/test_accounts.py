import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from countries.selectors import country_list

pytestmark = pytest.mark.django_db


def test_a_consultant_lands_on_their_country_after_login(
    client: Client, kh_consultant: User
) -> None:
    response = client.post(
        reverse("login"),
        {"username": "kh-consultant", "password": "demo-pass-2026"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/countries/KH/"
    assert "Cambodia" in response.content.decode()


def test_staff_land_on_all_countries(client: Client, staff: User) -> None:
    client.force_login(staff)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == "/countries/"
    page = response.content.decode()
    for name in ("Cambodia", "Kyrgyzstan", "Mongolia", "Thailand", "Viet Nam"):
        assert name in page


def test_another_countrys_page_is_not_found(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    assert client.get("/countries/TH/").status_code == 404
    assert client.get("/countries/KH/").status_code == 200


def test_the_all_countries_list_shows_only_a_consultants_own_country(
    kh_consultant: User,
) -> None:
    assert [c.code for c in country_list(user=kh_consultant)] == ["KH"]


def test_anonymous_visitors_are_sent_to_login(
    client: Client, reference_data: None
) -> None:
    response = client.get("/countries/KH/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_repeated_failed_logins_lock_the_account(
    client: Client, kh_consultant: User, settings: object
) -> None:
    for _ in range(5):
        client.post(
            reverse("login"), {"username": "kh-consultant", "password": "wrong"}
        )
    response = client.post(
        reverse("login"), {"username": "kh-consultant", "password": "demo-pass-2026"}
    )
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()


def test_a_wrong_password_keeps_the_username_and_says_so(
    client: Client, kh_consultant: User
) -> None:
    response = client.post(
        reverse("login"), {"username": "kh-consultant", "password": "wrong"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="kh-consultant"' in page
    assert "correct username and password" in page


def test_logout_ends_the_session(client: Client, kh_consultant: User) -> None:
    client.force_login(kh_consultant)
    client.post(reverse("logout"))
    assert client.get("/countries/KH/").status_code == 302


def test_every_page_carries_a_strict_content_security_policy(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    response = client.get("/countries/KH/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
