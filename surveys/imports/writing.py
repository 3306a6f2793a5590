"""Writing the checked rows of an import as new entities, in batches."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from countries.area_reach import AreaReach, country_area_reaches
from countries.models import AdminArea, Country, IsicCode
from countries.selectors import AnyUser
from sse_mapping.exceptions import ApplicationError
from surveys import access
from surveys.audit import changed_fields, snapshot
from surveys.copying import (
    Writer,
    batch_writer,
    blanks,
    records_saved,
    values_insert,
)
from surveys.entities.classification import national_rule
from surveys.entities.derived import entity_refresh_derived
from surveys.entities.duplicates import name_key, possible_duplicates_many
from surveys.entities.services import (
    _check_entity_data,
    _check_figures,
    _next_entity_code,
    entity_part,
    figures_part,
)
from surveys.imports.fields import entity_field_errors
from surveys.models import (
    AuditEvent,
    Entity,
    EntityFigures,
)
from surveys.principles import (
    NationalRule,
)
from surveys.review.edits import _apply, _full_clean, _save_m2m

# --- Many new entities at once --------------------------------------------------------


@dataclasses.dataclass
class NewEntity:
    """One entity to create from an import, with its figures by reference year."""

    data: Mapping[str, Any]
    figures: dict[int, Mapping[str, Any]] = dataclasses.field(default_factory=dict)
    external_source: str = ""
    external_id: str = ""
    # The check found a recorded entity alike: flagged without searching again.
    alike_recorded: bool = False
    # The import's check ran the services' checks of the data and the figures, and the
    # model's own field checks, on these very values: they are not run again.
    checked: bool = False


def _audit_values(
    content_type: ContentType,
    record: Entity,
    *,
    actor_id: int | None,
    action: str,
    changes: dict[str, list[Any]] | None = None,
    note: str = "",
) -> dict[str, Any]:
    """The event `audit` would write, as values, to be written with others at once."""
    return {
        "content_type_id": content_type.pk,
        "object_id": record.pk,
        "country_id": record.country_id,
        "actor_id": actor_id,
        "action": action,
        "changes": changes or {},
        "note": note,
    }


# Entity's foreign keys, for full_clean to leave alone on the import path.
RELATIONS = [f.name for f in Entity._meta.concrete_fields if f.is_relation]
IMPORT_BATCH = 500
# The entity's values the writing sets, not the row.
_SET_ON_WRITING = ("name_key", "external_source", "external_id")


@dataclasses.dataclass
class _NewRow:
    """One entity of an import, checked and ready to write."""

    entity: Entity
    data: dict[str, Any]
    m2m: list[str]
    years: list[tuple[EntityFigures, dict[str, list[Any]]]]


def _import_prepare(
    item: NewEntity,
    *,
    country: Country,
    by: AnyUser,
    rule: NationalRule,
    number: int,
    isic_codes: set[str],
    reaches: dict[int, AreaReach],
) -> _NewRow:
    data = entity_part(item.data)
    if not item.checked:
        _check_entity_data(country, data, isic_codes=isic_codes)
    entity = blanks(Entity)(country=country, created_by=by, updated_by=by)
    m2m = _apply(entity, data)
    entity.name_key = name_key(entity.name_local, entity.name_en)
    entity.code = f"{country.code}-{number:06d}"
    entity.external_source = item.external_source
    entity.external_id = item.external_id
    entity.flag_possible_duplicate = item.alike_recorded
    if item.checked:
        # The check ran the model's field checks on the row's values; only the
        # values set here are left.
        errors = entity_field_errors(
            {name: getattr(entity, name) for name in _SET_ON_WRITING}
        )
        if errors:
            raise ApplicationError(
                _("Please correct the fields marked below."), field_errors=errors
            )
    else:
        # The keys were resolved to this country's rows when the file was read;
        # checking each again would cost a query per key per row. The database
        # checks constraints.
        _full_clean(
            entity,
            exclude=["code", "created_by", "updated_by", *m2m, *RELATIONS],
            constraints=False,
        )
    years: list[tuple[EntityFigures, dict[str, list[Any]]]] = []
    for year, values in sorted(item.figures.items()):
        figure_data = figures_part(values)
        if not item.checked:
            _check_figures(entity, year, figure_data)
        figures = blanks(EntityFigures)(reference_year=year, **figure_data)
        changes = changed_fields({}, snapshot(figures, figure_data.keys()))
        years.append((figures, {f"{year} {k}": v for k, v in changes.items()}))
        if changes:
            entity.version += 1
    # Derived fields first, so that the entity is written once.
    entity_refresh_derived(
        entity,
        rule=rule,
        reaches=reaches,
        save=False,
        look_alikes=False,
        figures=[figures for figures, _changes in years],
    )
    return _NewRow(entity=entity, data=data, m2m=m2m, years=years)


def _import_send(rows: list[_NewRow], writer: Writer, *, events: _Events) -> None:
    """Send a batch to `writer`: its entities, their figures and audit events."""
    writer.records(Entity, [row.entity for row in rows])
    writer.records(
        EntityFigures,
        [_with_entity(f, row.entity) for row in rows for f, _c in row.years],
    )
    writer.values(AuditEvent, events(rows))
    writer.send()


def _import_write_again(
    rows: list[_NewRow], *, events: _Events, written: Callable[[int], None]
) -> None:
    """Write a batch the database refused one entity at a time, so that the error
    names the entity it refuses."""
    for row in rows:
        row.entity.pk = None
        for figures, _changes in row.years:
            figures.pk = None
    for count, row in enumerate(rows):  # the first refused ends the import
        written(count)
        _import_write_one(row)
    values_insert(AuditEvent, events(rows))


_Events = Callable[[list[_NewRow]], list[dict[str, Any]]]


def _audit_events(by: AnyUser, note: str) -> _Events:
    """The audit events of a batch of new entities, as values: "created", "figures
    saved" per year and "imported" with `note`."""
    content_type = ContentType.objects.get_for_model(Entity)
    actor_id = by.pk if by is not None and by.is_authenticated else None

    def events(rows: list[_NewRow]) -> list[dict[str, Any]]:
        found = []
        for row in rows:
            entity = row.entity
            created = snapshot(entity, [f for f in row.data if f not in row.m2m])
            found.append(
                _audit_values(
                    content_type,
                    entity,
                    actor_id=actor_id,
                    action="created",
                    changes={
                        k: [None, v]
                        for k, v in created.items()
                        if v not in ("", None, [])
                    },
                )
            )
            found += [
                _audit_values(
                    content_type,
                    entity,
                    actor_id=actor_id,
                    action="figures saved",
                    changes=changes,
                )
                for _figures, changes in row.years
                if changes
            ]
            found.append(
                _audit_values(
                    content_type,
                    entity,
                    actor_id=actor_id,
                    action="imported",
                    note=note,
                )
            )
        return found

    return events


def _with_entity(figures: EntityFigures, entity: Entity) -> EntityFigures:
    figures.entity = entity
    return figures


def _import_write_one(row: _NewRow) -> None:
    try:
        with transaction.atomic():
            row.entity.save()
    except IntegrityError as error:
        raise ApplicationError(_("This entity breaks a rule: %s") % error) from error
    for figures, _changes in row.years:
        try:
            with transaction.atomic():
                _with_entity(figures, row.entity).save()
        except IntegrityError as error:
            raise ApplicationError(
                _("These figures break a rule: %s") % error
            ) from error


@transaction.atomic
def entities_import_create(
    *,
    country: Country,
    by: AnyUser,
    entities: list[NewEntity],
    note: str,
    progress: Any = None,
    checked_from: datetime.datetime | None = None,
) -> list[int]:
    """Create many entities, each as `entity_create` and then `figures_save` for each of
    its years would: the same checks, codes, versions, derived fields and audit events
    ("created", then "figures saved" per year), plus an "imported" event with `note`.
    Returns their pks, in the order given.

    Faster than calling them one by one: the country's rule and the code counter are
    read once, derived fields are worked out before each entity is written, entities
    and figures are inserted 500 at a time (the database writing one batch while the
    next is prepared), the database's own constraints replace a query per check
    constraint, and the audit events are written together. When the
    database refuses a batch, it is written again one entity at a time, so that the
    error names the entity. `progress(n)` says that n entities are done: when an
    error is raised, the next one is the entity refused.

    `checked_from`: when a check searched every entity written before it for
    look-alikes of these (and found none for those not `alike_recorded`), the
    look-alike flag searches only the entities written since, these included.
    """
    access.require(by, "record.create", country=country)
    Country.objects.select_for_update().get(pk=country.pk)
    rule = national_rule(country)
    number = int(_next_entity_code(country).split("-")[1])
    isic_codes = set(IsicCode.objects.values_list("code", flat=True))
    reaches = country_area_reaches(country.pk)
    events = _audit_events(by, note)
    batch: list[_NewRow] = []
    created: list[int] = []
    # The pk and names of each new entity the check found no recorded look-alike of
    # (another new one may be), rather than the entities, which are let go batch by
    # batch.
    unflagged: list[tuple[int, tuple[str, str, AdminArea | None]]] = []
    # The batch being written while the next one is prepared, and the savepoint
    # before it.
    sent: tuple[list[_NewRow], str] | None = None

    def settle() -> None:
        """Wait for the batch being written; if the database refuses it, write it
        again one entity at a time, so that the error names the entity."""
        nonlocal sent
        if sent is None:
            return
        rows, savepoint = sent
        sent = None
        before = len(created)

        def written(count: int) -> None:
            if progress is not None:
                progress(before + count)

        try:
            writer.wait()
        except IntegrityError:
            transaction.savepoint_rollback(savepoint)
            _import_write_again(rows, events=events, written=written)
        else:
            transaction.savepoint_commit(savepoint)
            records_saved(row.entity for row in rows)
            records_saved(f for row in rows for f, _c in row.years)
        for row in rows:
            _save_m2m(row.entity, row.data, [n for n in row.m2m if row.data[n]])
            entity = row.entity
            created.append(entity.pk)
            if not entity.flag_possible_duplicate:
                unflagged.append(
                    (entity.pk, (entity.name_local, entity.name_en, entity.area))
                )
        written(len(rows))

    def write(rows: list[_NewRow]) -> None:
        nonlocal sent
        settle()
        sent = (rows, transaction.savepoint())
        _import_send(rows, writer, events=events)

    with batch_writer() as writer:
        for index, item in enumerate(entities):
            if progress is not None:
                progress(index)  # an error while preparing is this entity's
            try:
                prepared = _import_prepare(
                    item,
                    country=country,
                    by=by,
                    rule=rule,
                    number=number,
                    isic_codes=isic_codes,
                    reaches=reaches,
                )
            except ApplicationError:
                settle()  # a refusal of an earlier entity comes first
                if progress is not None:
                    progress(index)
                raise
            batch.append(prepared)
            number += 1
            if len(batch) == IMPORT_BATCH:
                write(batch)
                batch = []
        if batch:
            write(batch)
        settle()
    # The look-alike flag, for all the new entities at once; those the check found
    # alike a recorded one were written flagged.
    alike = possible_duplicates_many(
        country=country,
        names=[names for _pk, names in unflagged],
        exclude=[pk for pk, _names in unflagged],
        written_since=checked_from,
    )
    Entity.objects.filter(
        pk__in=[
            pk for (pk, _names), found in zip(unflagged, alike, strict=True) if found
        ]
    ).update(flag_possible_duplicate=True)
    return created
