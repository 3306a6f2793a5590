"""Recording a committee meeting and its agenda."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from countries.models import CommitteeMeeting
from countries.selectors import AnyUser
from surveys import access
from surveys.models import (
    MeetingAgendaItem,
    WorkflowRecord,
)
from surveys.review.edits import related_country_check


@transaction.atomic
def meeting_create(
    *,
    country: Any,
    by: AnyUser,
    data: dict[str, Any],
    attendees: Iterable[Any] = (),
    agenda: Iterable[WorkflowRecord] = (),
) -> CommitteeMeeting:
    access.require(by, "meeting.record", country=country)
    meeting = CommitteeMeeting.objects.create(  # type: ignore[misc]
        country=country,
        created_by=by,
        **{
            k: v for k, v in data.items() if k in ("date", "place", "online", "minutes")
        },
    )
    members, records = list(attendees), list(agenda)
    related_country_check(country, {"attendees": members, "agenda": records})
    meeting.attendees.set(members)
    for record in records:
        MeetingAgendaItem.objects.get_or_create(
            meeting=meeting,
            content_type=ContentType.objects.get_for_model(type(record)),
            object_id=record.pk,
        )
    return meeting
