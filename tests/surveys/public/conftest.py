"""The published Thai release the public directory's tests read."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tests.surveys.factories.publication import Published, thai_release_published


@pytest.fixture
def published(staff: User) -> Published:
    return thai_release_published(staff)
