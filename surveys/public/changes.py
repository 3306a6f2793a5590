"""A published release's changes as open data: `changes.csv`, what was added, removed
and changed per entity since the country's previous published release.

The releases' own diff (surveys.releases.diff) compares the two releases through the
public allow-list: an entity is in a release only when its consent there publishes
it, and only the columns of `entities.csv` its consent allows are compared. So an
entity whose consent was withdrawn is removed, with its code alone; a change to a
field the public never sees is no change at all.

The first published release of a country has nothing before it: every entity it
publishes is added.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from surveys.exports.writers.csv import BOM, csv_line
from surveys.models import Release
from surveys.public import selectors
from surveys.public.fields import (
    ENTITY_FIELDS,
    FIGURE_FIELDS,
    PublicField,
    latest_figures,
    public_entity,
)
from surveys.public.opendata import cell, chunks
from surveys.releases.diff import REMOVED, Change, differences

CHANGE_COLUMNS: tuple[PublicField, ...] = (
    next(f for f in ENTITY_FIELDS if f.name == "code"),
    PublicField(
        "name",
        _("The entity's name in this release (empty when it was removed)."),
    ),
    PublicField("change", _("What happened to it: added, removed or changed.")),
    PublicField(
        "field",
        _("For a change, the column of the entities file that changed."),
    ),
    PublicField("old_value", _("For a change, the value in the previous release.")),
    PublicField("new_value", _("For a change, the value in this release.")),
)


def public_row(data: dict[str, Any]) -> dict[str, Any] | None:
    """A released entity as the columns of `entities.csv` show it, or None when the
    release does not publish it."""
    entity = public_entity(data)
    if entity is None:
        return None
    figures = latest_figures(entity)
    return {f.name: entity.get(f.name) for f in ENTITY_FIELDS} | {
        f.name: figures.get(f.name) for f in FIGURE_FIELDS
    }


def change_rows(change: Change) -> Iterator[list[str]]:
    code = cell(change.shown.get("code"))
    if change.kind == REMOVED:
        yield [code, "", REMOVED, "", "", ""]
        return
    name = cell(change.shown.get("name_en") or change.shown.get("name_local"))
    if not change.fields:
        yield [code, name, change.kind, "", "", ""]
    for item in change.fields:
        yield [code, name, change.kind, item.key, cell(item.old), cell(item.new)]


def changes_stream(release: Release) -> Iterator[bytes]:
    """One row per entity added or removed and per field changed since the previous
    published release, read from both releases a batch at a time."""
    previous = selectors.previous_release(release=release)
    yield BOM + csv_line([f.name for f in CHANGE_COLUMNS]).encode()
    found = differences(
        previous, release, record_type=selectors.ENTITY, view=public_row
    )
    yield from chunks(csv_line(row) for change in found for row in change_rows(change))
