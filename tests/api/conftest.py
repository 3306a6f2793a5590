"""What the API tests share: a client holding a persona's personal token, and
entities made through the services."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from surveys.models import Entity
from tests.api.helpers import make_entity, token_client


@pytest.fixture(autouse=True)
def no_request_budgets(settings: Any) -> None:
    # Budgets are counted in the shared cache (Redis in CI) per user id, and ids repeat
    # from test to test; the tests of the budgets set their own rates.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_write": None, "api_costly": None},
    }


@pytest.fixture
def client_for() -> Callable[[User], APIClient]:
    return token_client


@pytest.fixture
def entity_maker() -> Callable[..., Entity]:
    return make_entity
