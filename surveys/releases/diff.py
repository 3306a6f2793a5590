"""Differences between two releases of a country: per record, added, removed or
changed, field by field (old → new).

Both releases' rows are read in record order, a batch at a time, and merged, so two
releases of a whole country are compared without holding either in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from surveys.models import Release, ReleaseRecord
from surveys.releases.snapshot import BATCH_SIZE

ADDED, REMOVED, CHANGED = "added", "removed", "changed"

# What of a record's data is compared: the data as it is, or the part of it someone
# may see (None: the record is not shown at all, as though it were not released).
View = Callable[[dict[str, Any]], dict[str, Any] | None]


def _whole(data: dict[str, Any]) -> dict[str, Any]:
    return data


@dataclass(frozen=True)
class FieldChange:
    key: str  # a data key; nested parts joined by dots: figures.2024.members_total
    old: Any
    new: Any


@dataclass(frozen=True)
class Change:
    record_type: str
    record_id: int
    title: str
    kind: str  # ADDED, REMOVED or CHANGED
    fields: list[FieldChange] = field(default_factory=list)
    # The record as the view showed it: in the newer release, or the older one
    # when it was removed.
    shown: dict[str, Any] = field(default_factory=dict, repr=False)


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts (figures by year, the assessment…) as one level of dotted keys;
    lists stay whole values."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _empty(value: Any) -> Any:
    return None if value in ("", [], {}) else value


def field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """Every key whose value differs, in the order of the newer data. An empty text
    and no value are the same to a reader."""
    before, after = flatten(old), flatten(new)
    keys = list(after) + [k for k in before if k not in after]
    return [
        FieldChange(key, before.get(key), after.get(key))
        for key in keys
        if key != "title" and _empty(before.get(key)) != _empty(after.get(key))
    ]


def _rows(release: Release | None, record_type: str | None) -> Iterator[ReleaseRecord]:
    if release is None:
        return iter(())
    rows = ReleaseRecord.objects.filter(release=release)
    if record_type:
        rows = rows.filter(record_type=record_type)
    return rows.order_by("record_type", "record_id").iterator(chunk_size=BATCH_SIZE)


def _key(row: ReleaseRecord | None) -> tuple[str, int] | None:
    return None if row is None else (row.record_type, row.record_id)


def differences(
    old: Release | None,
    new: Release,
    *,
    record_type: str | None = None,
    view: View = _whole,
) -> Iterator[Change]:
    """What changed from release `old` (none: nothing before) to release `new`,
    record by record, in record-type and id order. With a `view`, only what the view
    shows is compared, and a record it hides is absent from that release: hidden
    in the newer one, it was removed; hidden in the older one, it was added."""
    before, after = _rows(old, record_type), _rows(new, record_type)
    left, right = next(before, None), next(after, None)
    while left is not None or right is not None:
        lkey, rkey = _key(left), _key(right)
        if right is not None and (lkey is None or rkey < lkey):  # type: ignore[operator]
            shown_old, shown_new = None, view(right.data)
            row = right
            right = next(after, None)
        elif left is not None and (rkey is None or lkey < rkey):  # type: ignore[operator]
            shown_old, shown_new = view(left.data), None
            row = left
            left = next(before, None)
        else:
            assert left is not None and right is not None
            shown_old, shown_new = view(left.data), view(right.data)
            row = right
            left, right = next(before, None), next(after, None)
        change = _change(row, shown_old, shown_new)
        if change is not None:
            yield change


def _change(
    row: ReleaseRecord, old: dict[str, Any] | None, new: dict[str, Any] | None
) -> Change | None:
    if old is None and new is None:
        return None
    if old is None:
        return Change(row.record_type, row.record_id, row.title, ADDED, shown=new or {})
    if new is None:
        return Change(row.record_type, row.record_id, row.title, REMOVED, shown=old)
    changes = field_changes(old, new)
    if not changes:
        return None
    return Change(
        row.record_type, row.record_id, row.title, CHANGED, changes, shown=new
    )


@dataclass
class Summary:
    """The first `limit` changes and how many of each kind there are in all."""

    changes: list[Change]
    counts: dict[str, int]
    truncated: bool


def differences_summary(
    old: Release | None,
    new: Release,
    *,
    record_type: str | None = None,
    limit: int = 500,
) -> Summary:
    changes: list[Change] = []
    counts = {ADDED: 0, REMOVED: 0, CHANGED: 0}
    for change in differences(old, new, record_type=record_type):
        counts[change.kind] += 1
        if len(changes) < limit:
            changes.append(change)
    return Summary(changes, counts, truncated=sum(counts.values()) > len(changes))


def _review_key(key: str) -> str:
    """A data key as the audit history and review comments name it (what
    `surveys.display` labels): figures.2024.members_total → "2024 members_total"."""
    part, _sep, rest = key.partition(".")
    if part in ("figures", "elements") and rest:
        return rest.replace(".", " ")
    if part == "assessment" and rest:
        return rest
    return key


def shown_fields(change: Change) -> list[tuple[str, Any, Any]]:
    """(label, old, new) of a change's fields as a person reads them."""
    from surveys.display import display_value, field_label
    from surveys.record_types import RECORD_TYPES

    model = RECORD_TYPES[change.record_type].model
    shown = []
    for item in change.fields:
        key = _review_key(item.key)
        shown.append(
            (
                field_label(model, key),
                display_value(model, key, item.old, empty="—"),
                display_value(model, key, item.new, empty="—"),
            )
        )
    return shown
