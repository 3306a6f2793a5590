"""Factories for the review trail: audit events, committee decisions and agenda
items. Each is about one `record` (an entity unless given), passed as a parameter."""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from surveys.models import AuditEvent, MeetingAgendaItem, ReviewDecision
from tests.factories import CommitteeMeetingFactory, UserFactory
from tests.surveys.factories.entities import EntityFactory


def _content_type(obj: Any) -> ContentType:
    return ContentType.objects.get_for_model(type(obj.record))


class AuditEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEvent
        exclude = ("record",)

    record = factory.SubFactory(EntityFactory)
    content_type = factory.LazyAttribute(_content_type)
    object_id = factory.SelfAttribute("record.pk")
    country_id = factory.SelfAttribute("record.country_id")
    actor = factory.SelfAttribute("record.updated_by")
    action = "created"


class ReviewDecisionFactory(factory.django.DjangoModelFactory):
    """A committee member's approval of a submitted record, in its current round;
    `decision=ReviewDecision.Decision.RETURN` or `REJECT` for the others."""

    class Meta:
        model = ReviewDecision
        exclude = ("record",)

    record = factory.SubFactory(EntityFactory, in_review=True)
    content_type = factory.LazyAttribute(_content_type)
    object_id = factory.SelfAttribute("record.pk")
    country_id = factory.SelfAttribute("record.country_id")
    reviewer = factory.SubFactory(UserFactory)
    decision = ReviewDecision.Decision.APPROVE
    record_version = factory.SelfAttribute("record.version")
    review_round = factory.SelfAttribute("record.review_round")
    round_started_at = factory.LazyAttribute(
        lambda decision: decision.record.submitted_at or timezone.now()
    )


class MeetingAgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAgendaItem
        exclude = ("record",)

    record = factory.SubFactory(EntityFactory, submitted=True)
    meeting = factory.SubFactory(
        CommitteeMeetingFactory, country_id=factory.SelfAttribute("..record.country_id")
    )
    content_type = factory.LazyAttribute(_content_type)
    object_id = factory.SelfAttribute("record.pk")
