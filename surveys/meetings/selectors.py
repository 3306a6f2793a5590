"""Reading committee meetings, their agendas and decisions."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    Count,
    QuerySet,
)
from django.shortcuts import get_object_or_404

from countries.models import (
    CommitteeMeeting,
    Country,
)
from countries.selectors import (
    AnyUser,
)
from surveys.record_types import RECORD_TYPES, record_type_of_content_type
from surveys.review.selectors import _field_comment_rows, _records_by_type


def meeting_list(*, user: AnyUser, country: Country) -> QuerySet[CommitteeMeeting]:
    return (
        CommitteeMeeting.objects.visible_to(user)
        .in_country(country)
        .annotate(
            attendee_count=Count("attendees", distinct=True),
            agenda_count=Count("agenda", distinct=True),
            decision_count=Count("decisions", distinct=True),
        )
        .order_by("-date", "-id")
    )


def meeting_get(*, user: AnyUser, country: Country, pk: int) -> CommitteeMeeting:
    return get_object_or_404(
        CommitteeMeeting.objects.visible_to(user)
        .in_country(country)
        .select_related("country", "created_by")
        .prefetch_related("attendees"),
        pk=pk,
    )


def _record_type_name(content_type_id: int) -> str | None:
    kind = record_type_of_content_type(content_type_id)
    return kind.name if kind else None


def meeting_agenda(*, meeting: CommitteeMeeting) -> list[dict[str, Any]]:
    """The records on a meeting's agenda, with their state now."""
    items = [
        (_record_type_name(ct), pk)
        for ct, pk in meeting.agenda.values_list("content_type_id", "object_id")
    ]
    keys = [(t, pk) for t, pk in items if t]
    records = _records_by_type(keys)
    return [
        {
            "record_type": t,
            "type_label": RECORD_TYPES[t].label,
            "record": records[(t, pk)],
        }
        for t, pk in keys
        if (t, pk) in records
    ]


def meeting_decisions(*, meeting: CommitteeMeeting) -> list[dict[str, Any]]:
    """The review decisions taken in a meeting, with the records they were about."""
    decisions = list(
        meeting.decisions.select_related("reviewer").order_by("decided_at")
    )
    keys = [
        (t, d.object_id)
        for d in decisions
        if (t := _record_type_name(d.content_type_id))
    ]
    records = _records_by_type(keys)
    rows = []
    for decision in decisions:
        record_type = _record_type_name(decision.content_type_id)
        if record_type is None or (record_type, decision.object_id) not in records:
            continue
        record = records[(record_type, decision.object_id)]
        rows.append(
            {
                "decision": decision,
                "record_type": record_type,
                "type_label": RECORD_TYPES[record_type].label,
                "record": record,
                "field_comments": _field_comment_rows(
                    type(record), decision.field_comments
                ),
            }
        )
    return rows


def meeting_list_all(*, user: AnyUser) -> QuerySet[CommitteeMeeting]:
    """Committee meetings of all the user's countries, attendees and agenda loaded."""
    return (
        CommitteeMeeting.objects.visible_to(user)
        .select_related("created_by")
        .prefetch_related("attendees", "agenda__content_type")
        .order_by("-date", "-id")
    )
