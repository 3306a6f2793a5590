"""The study records go through the committee's review like every other record: the
queue, the meeting agenda, the emails and the history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from countries.models import Country
from surveys.meetings import services as meetings_services
from surveys.models import MeetingAgendaItem
from surveys.review import workflow
from tests.surveys.study.helpers import make_frame, make_instrument

pytestmark = pytest.mark.django_db


def test_submitted_study_records_wait_in_the_committees_queue(
    kh_consultant: User, kh_committee: User, th_consultant: User
) -> None:
    instrument = make_instrument(kh_consultant)
    frame = make_frame(kh_consultant)
    make_instrument(th_consultant, country="TH", title_en="A Thai act")
    for record in (instrument, frame):
        workflow.record_submit(record=record, by=kh_consultant)
    client = Client()
    client.force_login(kh_committee)
    queue = client.get(reverse("review-queue", args=["KH"])).content.decode()
    assert "Law on Agricultural Cooperatives" in queue
    assert "Registered cooperatives by province" in queue
    assert "A Thai act" not in queue
    only = client.get(
        reverse("review-queue", args=["KH"]), {"record_type": "sampling_frame"}
    ).content.decode()
    assert "Registered cooperatives by province" in only
    assert "Law on Agricultural Cooperatives" not in only


def test_a_returned_instrument_is_on_the_agenda_and_its_author_is_told(
    kh_consultant: User,
    kh_committee: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    instrument = make_instrument(kh_consultant)
    workflow.record_submit(record=instrument, by=kh_consultant)
    meeting = meetings_services.meeting_create(
        country=Country.objects.get(pk="KH"),
        by=kh_committee,
        data={"date": timezone.localdate(), "place": "Phnom Penh"},
        agenda=[instrument],
    )
    assert MeetingAgendaItem.objects.filter(meeting=meeting).count() == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.review_decide(
            record=instrument,
            by=kh_committee,
            decision="return",
            comment="Give the number of the royal kram.",
            field_comments={"issuing_body": "Which kram?"},
            meeting=meeting,
        )
    instrument.refresh_from_db()
    assert instrument.workflow_state == "returned"
    assert len(mail.outbox) == 1
    assert "Give the number of the royal kram." in mail.outbox[0].body
    client = Client()
    client.force_login(kh_consultant)
    returned = client.get(reverse("returned-list", args=["KH"])).content.decode()
    assert "Which kram?" in returned
    detail = client.get(reverse("legal-instrument-detail", args=[instrument.pk]))
    assert "Give the number of the royal kram." in detail.content.decode()


def test_a_gaps_recommendations_can_be_commented_on_by_a_reviewer(
    kh_consultant: User,
) -> None:
    from surveys.record_types import RECORD_TYPES

    keys = dict(RECORD_TYPES["capacity_gap"].reviewable_fields())
    assert keys["recommendations"] == "Recommendations by actor"
    assert dict(RECORD_TYPES["sampling_frame"].reviewable_fields())["counts"] == (
        "Counts by SSE type and place"
    )
