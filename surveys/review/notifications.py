"""Emails about reviews: one per decision that changes a record's fate, a daily digest
for committee members (never a mail per record)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from countries.dates import date_format
from countries.models import Country
from countries.names import country_name
from countries.preferences import in_language_of
from countries.vocabularies import Role, WorkflowState
from surveys.display import field_label
from surveys.jobs.outbox import (
    NOTIFICATION_WRITERS,
    mail_once,
    notification_deliver,
    notification_queue,
)
from surveys.models import Notification, ReviewDecision
from surveys.record_types import RECORD_TYPES
from surveys.review.workflow import AWAITING_REVIEW
from surveys.text import one_line


def decision_notify(
    *, decision: ReviewDecision, notification: Notification, state: str = ""
) -> int:
    """Tell the record's consultants that it was returned, validated or rejected.

    `state` is the state this decision left the record in: by the time the mail goes
    out the record may have moved on (resubmitted, say), and the mail is about the
    decision.
    """
    model = decision.content_type.model_class()
    record: Any = (
        model._default_manager.filter(pk=decision.object_id).first() if model else None
    )
    if record is None:
        return 0
    users = (
        get_user_model()
        .objects.filter(pk__in={record.created_by_id, record.updated_by_id})
        .exclude(email="")
    )
    sent = 0
    # One mail per recipient, each in their own language and calendar.
    for user in sorted(users, key=lambda u: u.email):
        with in_language_of(user):
            subject, text = _decision_mail(decision, record, state)
        sent += mail_once(notification, user.email, subject, text)
    return sent


def _decision_mail(
    decision: ReviewDecision, record: Any, state: str
) -> tuple[str, str]:
    shown = str(WorkflowState(state).label) if state else ""
    state = shown or record.get_workflow_state_display()
    subject = one_line(
        _("[SSE Mapping] %(record)s is now %(state)s")
        % {"record": str(record), "state": state}
    )
    lines = [
        _("%(reviewer)s decided: %(decision)s.")
        % {
            "reviewer": decision.reviewer.get_username(),
            "decision": decision.get_decision_display(),
        },
        "",
        f"{_('Record')}: {record}",
        f"{_('State')}: {state}",
    ]
    if decision.comment:
        lines += ["", _("Comment:"), decision.comment]
    for field, comment in decision.field_comments.items():
        lines.append(f"- {field_label(type(record), field)}: {comment}")
    return subject, "\n".join(lines)


def notification_deliver_mail(*, notification_id: int) -> int:
    """Send a queued notification, once; returns how many mails went out."""
    return notification_deliver(pk=notification_id, send=_send_notification)


def _send_notification(notification: Notification) -> int:
    writer = NOTIFICATION_WRITERS.get(notification.kind)
    if writer is not None:
        return int(import_string(writer)(notification))
    if notification.kind == Notification.Kind.DECISION:
        if notification.decision_id is None:
            return 0
        decision = (
            ReviewDecision.objects.select_related("reviewer", "content_type")
            .filter(pk=notification.decision_id)
            .first()
        )
        if decision is None:
            return 0
        return decision_notify(
            decision=decision, notification=notification, state=notification.state
        )
    return sum(
        mail_once(notification, address, notification.subject, notification.body)
        for address in notification.recipients
    )


@transaction.atomic
def review_digest_send() -> int:
    """Queue one email per committee member listing what awaits review in their
    country (sent by the worker after commit); returns how many."""
    queued = 0
    for country in Country.objects.all():
        waiting: list[tuple[Any, int, datetime.datetime | None]] = []
        for kind in RECORD_TYPES.values():
            records = kind.model.objects.filter(
                country=country, workflow_state__in=AWAITING_REVIEW
            ).order_by("submitted_at")
            count = records.count()
            if count:
                oldest = records.first()
                waiting.append((kind, count, oldest.submitted_at if oldest else None))
        if not waiting:
            continue
        members = (
            get_user_model()
            .objects.filter(
                memberships__country=country, memberships__role=Role.COMMITTEE
            )
            .exclude(email="")
            .distinct()
        )
        for member in members:
            with in_language_of(member):
                subject, body = _digest_mail(country, waiting)
            notification_queue(
                kind=Notification.Kind.DIGEST,
                subject=subject,
                body=body,
                recipients=[member.email],
            )
            queued += 1
    return queued


def _digest_mail(
    country: Country, waiting: list[tuple[Any, int, datetime.datetime | None]]
) -> tuple[str, str]:
    lines = [
        _("%(count)d %(type)s record(s), the oldest submitted %(when)s")
        % {
            "count": count,
            "type": str(kind.label).lower(),
            "when": date_format(timezone.localtime(when)) if when else "?",
        }
        for kind, count, when in waiting
    ]
    body = "\n".join(
        [
            _("Records of %(country)s await your review:")
            % {"country": country_name(country)},
            "",
        ]
        + [f"- {line}" for line in lines]
    )
    subject = one_line(
        _("[SSE Mapping] %(country)s: records await review")
        % {"country": country_name(country)}
    )
    return subject, body
