"""Deleting a draft made by mistake, and restoring it: the row is kept, hidden."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from countries.selectors import AnyUser
from surveys import access
from surveys.audit import audit
from surveys.models import WorkflowRecord


@transaction.atomic
def draft_delete(*, record: WorkflowRecord, by: AnyUser) -> WorkflowRecord:
    """Hide a draft that was never submitted from every page, list and count."""
    locked = type(record).objects.select_for_update().get(pk=record.pk)
    access.require(by, "record.delete", locked)
    locked.deleted_at = timezone.now()
    locked.deleted_by = by  # type: ignore[assignment]
    locked.save(update_fields=["deleted_at", "deleted_by"])
    audit(record=locked, by=by, action="deleted")
    return locked


@transaction.atomic
def draft_restore(*, record: WorkflowRecord, by: AnyUser) -> WorkflowRecord:
    """Bring a deleted draft back, as it was."""
    locked = type(record).all_objects.select_for_update().get(pk=record.pk)
    access.require(by, "record.restore", locked)
    locked.deleted_at = None
    locked.deleted_by = None
    locked.save(update_fields=["deleted_at", "deleted_by"])
    audit(record=locked, by=by, action="restored")
    return locked
