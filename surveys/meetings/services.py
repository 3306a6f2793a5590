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
    members = list(attendees)
    if any(m.country_id != country.pk for m in members):
        raise ApplicationError(
            _("Attendees must be members of this country's committee.")
        )
    meeting.attendees.set(members)
    for record in agenda:
        if record.country_id != country.pk:
            raise ApplicationError(
                _("Only this country's records can be on the agenda.")
            )
        MeetingAgendaItem.objects.get_or_create(
            meeting=meeting,
            content_type=ContentType.objects.get_for_model(type(record)),
            object_id=record.pk,
        )
    return meeting
