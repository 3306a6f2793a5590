"""Personal API tokens: made and revoked by their owner on a page, shown once, stored
hashed, with an optional expiry; and the per-user request budgets."""

import datetime
import hashlib
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from countries.authentication import api_token_create
from countries.models import ApiToken

pytestmark = pytest.mark.django_db


def logged_in(user: User) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def with_key(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_user_creates_a_token_sees_its_key_once_and_a_script_uses_it(
    th_consultant: User,
) -> None:
    browser = logged_in(th_consultant)
    page = browser.post("/account/tokens/", {"name": "Monthly import"})
    assert page.status_code == 200
    key = page.context["new_key"]
    assert key and key in page.content.decode()

    token = ApiToken.objects.get(user=th_consultant)
    assert token.name == "Monthly import"
    assert token.hashed_key == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {token.hashed_key, token.key_prefix}
    assert key.startswith(token.key_prefix)

    again = browser.get("/account/tokens/").content.decode()
    assert key not in again
    assert "Monthly import" in again and token.key_prefix in again

    me = with_key(key).get("/api/v1/me/")
    assert me.status_code == 200
    assert me.json()["username"] == "th-consultant"
    assert me.json()["memberships"] == [{"country": "TH", "role": "consultant"}]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_token_no_longer_works(th_consultant: User) -> None:
    token, key = api_token_create(user=th_consultant, name="Old laptop")
    assert with_key(key).get("/api/v1/me/").status_code == 200
    response = logged_in(th_consultant).post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    refused = with_key(key).get("/api/v1/me/")
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"] == "Token"
    assert refused.json()["detail"] == "The token is invalid, expired or revoked."


def test_a_token_stops_working_after_its_expiry(th_consultant: User) -> None:
    token, key = api_token_create(
        user=th_consultant,
        name="One day",
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    assert with_key(key).get("/api/v1/me/").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert with_key(key).get("/api/v1/me/").status_code == 401
    page = logged_in(th_consultant).get("/account/tokens/").content.decode()
    assert "Expired" in page


def test_the_page_sets_an_expiry_from_a_day_and_refuses_a_past_one(
    th_consultant: User,
) -> None:
    browser = logged_in(th_consultant)
    tomorrow = timezone.now().date() + datetime.timedelta(days=1)
    browser.post("/account/tokens/", {"name": "Short", "valid_until": tomorrow})
    token = ApiToken.objects.get(name="Short")
    assert token.expires_at == datetime.datetime.combine(
        tomorrow + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC
    )

    past = browser.post(
        "/account/tokens/", {"name": "Late", "valid_until": "2020-01-01"}
    )
    assert past.status_code == 400
    assert past.context["form"].errors["valid_until"] == [
        "The expiry must be in the future."
    ]
    assert not ApiToken.objects.filter(name="Late").exists()
    assert past.context["new_key"] is None


def test_nobody_sees_or_revokes_anyone_elses_tokens(
    th_consultant: User, kh_consultant: User
) -> None:
    token, key = api_token_create(user=th_consultant, name="Thai script")
    other = logged_in(kh_consultant)
    assert "Thai script" not in other.get("/account/tokens/").content.decode()
    assert other.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert with_key(key).get("/api/v1/me/").status_code == 200


def test_the_token_page_needs_a_login() -> None:
    response = Client().get("/account/tokens/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "header",
    ["Token", "Token not-a-real-key", "Token two words", "Token caf\u00e9"],
)
def test_a_malformed_or_unknown_token_is_a_401(
    th_consultant: User, header: str
) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_an_inactive_users_token_does_not_work(th_consultant: User) -> None:
    _token, key = api_token_create(user=th_consultant, name="Script")
    th_consultant.is_active = False
    th_consultant.save()
    assert with_key(key).get("/api/v1/me/").status_code == 401


def rates(settings: Any, users: list[User], **rates: str | None) -> None:
    """Set the budgets, and start the users' counts afresh."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_write": None, "api_costly": None, **rates},
    }
    cache.delete_many(
        [f"throttle_{scope}_{user.pk}" for scope in rates for user in users]
    )


def test_writes_beyond_the_users_budget_wait_with_a_429(
    th_consultant: User, kh_consultant: User, settings: Any
) -> None:
    rates(settings, [th_consultant, kh_consultant], api_write="2/minute")
    _token, key = api_token_create(user=th_consultant, name="Script")
    script = with_key(key)
    body = {"country": "TH", "name_en": "Group", "sse_type": "CE"}
    assert script.post("/api/v1/entities/", body, format="json").status_code == 201
    assert script.post("/api/v1/entities/", body, format="json").status_code == 201
    third = script.post("/api/v1/entities/", body, format="json")
    assert third.status_code == 429
    assert int(third["Retry-After"]) > 0
    assert "throttled" in third.json()["detail"]
    # Reads are not writes, and the budget is per user.
    assert script.get("/api/v1/entities/").status_code == 200
    _other, other_key = api_token_create(user=kh_consultant, name="Script")
    assert (
        with_key(other_key)
        .post(
            "/api/v1/entities/",
            {"country": "KH", "name_en": "G", "sse_type": "CE"},
            format="json",
        )
        .status_code
        == 201
    )


def test_the_entity_list_has_its_own_budget(th_consultant: User, settings: Any) -> None:
    rates(settings, [th_consultant], api_costly="2/minute")
    _token, key = api_token_create(user=th_consultant, name="Script")
    script = with_key(key)
    assert script.get("/api/v1/entities/").status_code == 200
    assert script.get("/api/v1/entities/").status_code == 200
    assert script.get("/api/v1/entities/").status_code == 429
    assert script.get("/api/v1/areas/").status_code == 200
