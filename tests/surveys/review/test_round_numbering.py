"""Records reviewed before rounds were numbered get their numbers from the dates."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import User

from surveys.models import Entity, ReviewDecision
from tests.surveys.factories import EntityFactory, ReviewDecisionFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "surveys.migrations.0012_review_round_and_form_submissions"
)


def test_this_rounds_decisions_are_numbered_one_and_earlier_ones_zero(
    kh_committee: User, kh_committee_2: User
) -> None:
    entity = EntityFactory(in_review=True)
    earlier = ReviewDecisionFactory(
        record=entity,
        reviewer=kh_committee,
        round_started_at=entity.submitted_at - datetime.timedelta(days=3),
    )
    current = ReviewDecisionFactory(record=entity, reviewer=kh_committee_2)
    draft = EntityFactory(draft=True)
    Entity.objects.update(review_round=0)
    ReviewDecision.objects.update(review_round=0)

    migration.number_the_rounds(apps, None)

    assert Entity.objects.get(pk=entity.pk).review_round == 1
    assert Entity.objects.get(pk=draft.pk).review_round == 0
    assert ReviewDecision.objects.get(pk=current.pk).review_round == 1
    assert ReviewDecision.objects.get(pk=earlier.pk).review_round == 0
