"""What staff read of deleted drafts."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from countries.selectors import AnyUser
from surveys import access
from surveys.record_types import RECORD_TYPES, RecordType


def deleted_draft_list(*, user: AnyUser) -> list[tuple[RecordType, Any]]:
    """Every deleted draft the user may restore, most recently deleted first."""
    access.require(user, "record.restore")
    found = [
        (kind, record)
        for kind in RECORD_TYPES.values()
        for record in kind.model.all_objects.visible_to(user)
        .deleted()
        .select_related("country", "deleted_by")
    ]
    return sorted(found, key=lambda row: row[1].deleted_at, reverse=True)


def deleted_draft_get(*, user: AnyUser, record_type: str, pk: int) -> Any:
    """One deleted draft the user can read; anything else answers 404."""
    kind = RECORD_TYPES.get(record_type)
    if kind is None:
        raise Http404
    record = kind.model.all_objects.visible_to(user).deleted().filter(pk=pk).first()
    if record is None:
        raise Http404
    return record
