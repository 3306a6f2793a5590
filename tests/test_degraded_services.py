"""Degrade, don't fail: Redis or the database unreachable.

Redis is never stopped here: the settings point at a port where nothing listens.
The database is made unreachable by refusing its connection.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from countries.authentication import api_token_create
from sse_mapping import cache as fallback_cache
from surveys.entities import views as entity_views
from tests.api.helpers import make_entity
from tests.surveys.imports.test_transfer_pages import done_export, validated

pytestmark = pytest.mark.django_db

NOWHERE = "redis://127.0.0.1:6399/0"  # nothing listens there


@pytest.fixture
def redis_down(settings: Any) -> None:
    settings.REDIS_URL = NOWHERE
    settings.CACHES = {
        "default": {
            "BACKEND": "sse_mapping.cache.RedisCacheWithLocalFallback",
            "LOCATION": NOWHERE,
        }
    }


def script_of(user: User) -> APIClient:
    _token, key = api_token_create(user=user, name="Script")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


# --- Redis ---------------------------------------------------------------------------


def test_the_api_entity_list_answers_with_redis_down(
    redis_down: None, kh_consultant: User, settings: Any
) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_write": "100/minute", "api_costly": "2/minute"},
    }
    make_entity(kh_consultant, "KH", ready=False, name_en="Takeo Weavers")
    script = script_of(kh_consultant)

    first = script.get("/api/v1/entities/")
    assert first.status_code == 200
    assert [row["name_en"] for row in first.json()["results"]] == ["Takeo Weavers"]
    # The budget is still counted, in this process, while Redis is away.
    assert script.get("/api/v1/entities/").status_code == 200
    assert script.get("/api/v1/entities/").status_code == 429


def test_pages_and_sessions_work_with_redis_down(
    redis_down: None, client: Client, kh_consultant: User
) -> None:
    make_entity(kh_consultant, "KH", ready=False, name_en="Takeo Weavers")
    client.force_login(kh_consultant)

    response = client.get("/countries/KH/entities/")

    assert response.status_code == 200
    assert "Takeo Weavers" in response.content.decode()


def test_an_export_file_downloads_with_redis_down(
    redis_down: None, client: Client, kh_consultant: User
) -> None:
    validated(kh_consultant, name_en="Takeo Weavers")
    job = done_export(kh_consultant)
    client.force_login(kh_consultant)

    download = client.get(reverse("export-download", args=[job.pk]))

    assert download.status_code == 200
    assert "Takeo Weavers" in b"".join(download.streaming_content).decode()


def test_the_cache_falls_back_once_and_leaves_redis_alone_for_a_while(
    redis_down: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    tries: list[str] = []
    client = cache._cache  # type: ignore[attr-defined]
    real_get_client = client.get_client

    def counted(*args: Any, **kwargs: Any) -> Any:
        tries.append("redis")
        return real_get_client(*args, **kwargs)

    monkeypatch.setattr(client, "get_client", counted)
    cache.set("greeting", "hello")
    assert cache.get("greeting") == "hello"
    assert cache.add("visits", 1)
    assert cache.incr("visits") == 2
    assert tries == ["redis"]

    # Once the pause is over, Redis is tried again.
    assert client._down_until - time.monotonic() > fallback_cache.RETRY_AFTER - 5
    client._down_until = 0.0
    cache.get("greeting")
    assert tries == ["redis", "redis"]


def test_health_names_redis_as_down_with_503(redis_down: None, client: Client) -> None:
    response = client.get("/health/")

    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == "ok"
    assert checks["cache"] == "down"
    assert checks["broker"] == "down"


def test_health_answers_200_when_every_configured_service_is_up(
    client: Client,
) -> None:
    assert client.get("/health/").status_code == 200


# --- The database --------------------------------------------------------------------


def refuse(*args: Any) -> None:
    raise OperationalError("connection to server at 127.0.0.1 port 5432 refused")


@pytest.fixture
def database_down(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection, "ensure_connection", refuse)


def test_a_page_says_the_database_is_unreachable_in_the_sites_frame(
    client: Client, kh_consultant: User, caplog: pytest.LogCaptureFixture
) -> None:
    client.force_login(kh_consultant)  # the session is in the database, too
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(connection, "ensure_connection", refuse)
        with caplog.at_level(logging.INFO):
            response = client.get("/countries/KH/entities/")

    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "cannot reach its database; try again in a minute" in page
    assert "SSE Mapping Platform" in page and "css/site.css" in page
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(errors) == 1
    assert errors[0].exc_info is None
    assert "/countries/KH/entities/" in errors[0].getMessage()


def test_the_api_answers_503_json_when_the_database_is_unreachable(
    database_down: None,
) -> None:
    response = APIClient().get("/api/v1/entities/")

    assert response.status_code == 503
    assert "cannot reach its database" in response.json()["detail"]


def test_a_connection_lost_during_a_page_gives_the_same_503(
    client: Client,
    kh_consultant: User,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client.force_login(kh_consultant)

    def lost(**kwargs: Any) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(entity_views.entities_selectors, "entity_list", lost)
    monkeypatch.setattr(connection, "is_usable", lambda: False)
    with caplog.at_level(logging.INFO):
        response = client.get("/countries/KH/entities/")

    assert response.status_code == 503
    assert [r.name for r in caplog.records if r.levelno >= logging.WARNING] == [
        "sse_mapping.database_down"
    ]


def test_a_failing_query_on_a_working_connection_stays_an_error(
    client: Client, kh_consultant: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.force_login(kh_consultant)

    def deadlock(**kwargs: Any) -> None:
        raise OperationalError("deadlock detected")

    monkeypatch.setattr(entity_views.entities_selectors, "entity_list", deadlock)
    with pytest.raises(OperationalError):
        client.get("/countries/KH/entities/")


def test_health_still_reports_the_database_itself(
    database_down: None, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "down"
