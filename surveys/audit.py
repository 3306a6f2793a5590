"""The audit history: what changed on a record, by whom and when."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import (
    Model,
    QuerySet,
)
from django.utils.translation import pgettext_lazy

from countries.selectors import (
    AnyUser,
)
from surveys.models import (
    AuditEvent,
    WorkflowRecord,
)

# --- Audit and versions ----------------------------------------------------------------

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _plain(value: Any) -> Any:
    """A JSON-friendly value for the audit history."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.date | Decimal):
        return str(value)
    if isinstance(value, QuerySet):
        return sorted(str(v) for v in value)
    return value


def snapshot(record: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: _plain(getattr(record, name)) for name in fields}


def changed_fields(
    before: dict[str, Any], after: dict[str, Any]
) -> dict[str, list[Any]]:
    """{field: [old, new]} for every field whose value changed.

    An empty text and no value are the same to a reader: filling in a new record's
    blank fields is not a change of them.
    """
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if _or_none(before.get(name)) != _or_none(value)
    }


# What each recorded action reads as in a record's history, in the reader's language.
ACTION_LABELS: dict[str, StrOrPromise] = {
    "created": pgettext_lazy("history", "Created"),
    "updated": pgettext_lazy("history", "Changed"),
    "imported": pgettext_lazy("history", "Imported"),
    "deleted": pgettext_lazy("history", "Draft deleted"),
    "restored": pgettext_lazy("history", "Draft restored"),
    "submitted": pgettext_lazy("history", "Submitted for review"),
    "reviewed": pgettext_lazy("history", "Review decision recorded"),
    "reopened": pgettext_lazy("history", "Reopened"),
    "reclassified": pgettext_lazy("history", "Reclassified"),
    "published": pgettext_lazy("history", "Published"),
    "release.accepted": pgettext_lazy("history", "Release accepted"),
    "release.withdrawn": pgettext_lazy("history", "Release withdrawn"),
    "figures saved": pgettext_lazy("history", "Figures saved"),
    "figures deleted": pgettext_lazy("history", "Figures deleted"),
    "assessment saved": pgettext_lazy("history", "Assessment saved"),
    "legal form change recorded": pgettext_lazy(
        "history", "Legal form change recorded"
    ),
    "legal form change deleted": pgettext_lazy("history", "Legal form change deleted"),
    "comments resolved": pgettext_lazy("history", "Comments marked resolved"),
    "attachment added": pgettext_lazy("history", "Attachment added"),
    "affiliation added": pgettext_lazy("history", "Membership of a federation added"),
    "affiliation removed": pgettext_lazy(
        "history", "Membership of a federation removed"
    ),
}


def action_label(action: str) -> str:
    """An audit event's action in words, in the active language."""
    label = ACTION_LABELS.get(action)
    return str(label) if label else action


def _or_none(value: Any) -> Any:
    return None if value in ("", [], {}) else value


def audit(
    *,
    record: WorkflowRecord | models.Model,
    by: AnyUser | None,
    action: str,
    changes: dict[str, list[Any]] | None = None,
    note: str = "",
) -> AuditEvent:
    country_id = getattr(record, "country_id", None)
    if country_id is None and hasattr(record, "entity"):
        country_id = record.entity.country_id
    return AuditEvent.objects.create(  # type: ignore[misc]
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
        country_id=country_id,
        actor=by if by is not None and by.is_authenticated else None,
        action=action,
        changes=changes or {},
        note=note,
    )


def editors_of(record: WorkflowRecord) -> set[int]:
    """Everyone who created, changed or submitted the record. Validating a national
    definition re-classifies entities in the validator's name; that is no edit."""
    actors = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
    ).exclude(action__in=["reviewed", "reopened", "reclassified"])
    ids = set(actors.exclude(actor__isnull=True).values_list("actor_id", flat=True))
    return ids | {record.created_by_id}


def record_history(*, record: Model) -> QuerySet[AuditEvent]:
    """The audit trail of one record, newest first."""
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
    ).select_related("actor")
