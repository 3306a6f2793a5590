"""Recording a committee meeting and its agenda."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from countries.models import CommitteeMeeting
from countries.selectors import AnyUser
from sse_mapping.exceptions import ApplicationError
from surveys import access
from surveys.models import (
    MeetingAgendaItem,
    WorkflowRecord,
)
from surveys.review.edits import related_country_check
from surveys.text import control_character_errors


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
    meeting = CommitteeMeeting(  # type: ignore[misc]
        country=country,
        created_by=by,
        **{
            k: v for k, v in data.items() if k in ("date", "place", "online", "minutes")
        },
    )
    errors = control_character_errors(meeting)
    if errors:
        raise ApplicationError(
            _("Please correct the fields marked below."), field_errors=errors
        )
    meeting.save()
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
