"""Checking a whole file before anything is written: every row, every rule.

The outcome is a plan per entity (create, update, leave unchanged, skip), the problems
found (row, column, value, what is wrong, what is allowed) and the possible duplicates
that need a person's decision. The same check runs again just before the import is
committed, so a file is never imported against a database it was not checked against;
there the look-alikes found by the first check are kept with their decisions, and only
entities written since that check are searched for new ones.

The file's rows come from `rows`; `plans` groups them by entity and works out what
would change; `duplicates` finds the look-alikes and applies the person's decisions.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from countries.models import AdminArea, Country
from countries.vocabularies import ActivityStatus, ConsentLevel, Visibility
from sse_mapping.exceptions import ApplicationError
from surveys.display import area_label
from surveys.entities import derived as entities_derived
from surveys.entities import services as entities_services
from surveys.imports.duplicates import (
    apply_decisions,
    attach_duplicates,
    find_duplicates,
    stale_conflicts,
)
from surveys.imports.fields import entity_field_errors
from surveys.imports.parsing import (
    EMPTY_TEXT,
    CellError,
    Lookups,
    Problem,
    parse_cell,
    shown,
)
from surveys.imports.plans import (
    Outcome,
    Plan,
    attach_existing,
    check_editable,
    group_rows,
    plan_changes,
)
from surveys.imports.rows import ColumnValues, ParsedRow, SourceRow, row_signature
from surveys.models import Entity, ImportJob
from surveys.spreadsheet import COLUMNS_BY_NAME

# Empty cells of these columns take the model's default on a new entity.
DEFAULTS = {
    "visibility": Visibility.AGGREGATE_ONLY,
    "activity_status": ActivityStatus.ACTIVE,
    "consent_level": ConsentLevel.NONE,
}


# An entity changed by a page is stamped before its transaction ends: one stamped this
# long before a check began may still have been invisible to it.
WRITE_MARGIN = datetime.timedelta(seconds=5)


def check_moment(country: Country) -> datetime.datetime:
    """The moment from which a check starting now sees every entity of the country.

    Creating entities holds the country's row until the creation commits, so waiting
    for the row lets any creation under way finish; one that starts later is stamped
    later. Changes to existing entities do not hold it: those of the last moments
    are taken as unseen.
    """
    with transaction.atomic():
        Country.objects.select_for_update().filter(pk=country.pk).exists()
        return timezone.now() - WRITE_MARGIN


def check_rows(
    *,
    country: Country,
    kind: str,
    rows: list[SourceRow] | None = None,
    parsed: list[ParsedRow] | None = None,
    decisions: dict[str, str] | None = None,
    known_duplicates: list[dict[str, Any]] | None = None,
    written_since: datetime.datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> Outcome:
    """Check every row and plan the import. `decisions` settle possible duplicates;
    `known_duplicates` are those found by an earlier check of the same file, which
    saw every entity written before `written_since` (when given).

    `parsed`, the rows an earlier check of the same file parsed without a problem,
    replaces `rows`: only what the database decides is checked again (the entities
    the rows update, and look-alikes), as a new entity's own values passed then."""
    lookups = Lookups.load(country)
    survey = kind != ImportJob.Kind.TEMPLATE
    outcome = Outcome(row_count=len(parsed if parsed is not None else rows or []))
    if parsed is None:
        parsed = []
        for index, row in enumerate(rows or []):
            result = _parse_row(row, lookups, survey=survey, problems=outcome.problems)
            if result is not None:
                parsed.append(result)
            if progress is not None and index % 500 == 0:
                progress(index)
        checked_before = False
    else:
        checked_before = True
    plans = group_rows(parsed, outcome.problems)
    attach_existing(plans, country=country, kind=kind, problems=outcome.problems)
    merged: dict[int | None, Entity] = {}
    for plan in plans:
        if checked_before and plan.existing is None:
            plan_changes(plan)
        else:
            _check_plan(
                plan,
                lookups=lookups,
                survey=survey,
                problems=outcome.problems,
                merged=merged,
            )
        _note_point_outside(plan, lookups=lookups, notes=outcome.notes)
    if not outcome.problems:
        conflicts = stale_conflicts(plans)
        if known_duplicates is None:
            outcome.duplicates = find_duplicates(plans, country=country)
        else:
            # Those decided on keep their decisions; look-alikes written since the
            # check (another import, a colleague) need one before anything is written.
            fresh = find_duplicates(plans, country=country, written_since=written_since)
            known = attach_duplicates(plans, known_duplicates)
            known_ids = {duplicate["id"] for duplicate in known}
            outcome.duplicates = known + [
                duplicate for duplicate in fresh if duplicate["id"] not in known_ids
            ]
        outcome.duplicates += conflicts
        apply_decisions(plans, outcome, decisions or {})
    check_editable(plans, outcome.problems)
    outcome.plans = plans
    outcome.parsed = parsed
    outcome.problems.sort(key=lambda p: (p.row or 0, p.column))
    outcome.notes.sort(key=lambda p: (p.row or 0, p.column))
    return outcome


def _parse_row(
    row: SourceRow, lookups: Lookups, *, survey: bool, problems: list[Problem]
) -> ParsedRow | None:
    entity: dict[str, Any] = {}
    figures: dict[str, Any] = {}
    year: int | None = None
    failed = False
    for name, cell in row.cells.items():
        column = COLUMNS_BY_NAME[name]
        if column.part == "key":
            continue
        try:
            value = parse_cell(column, cell, lookups, survey=survey)
        except CellError as error:
            problems.append(
                Problem(
                    row.number,
                    row.column_label(name),
                    shown(cell.value),
                    error.message,
                    error.allowed,
                )
            )
            failed = True
            continue
        if column.part == "figures":
            if name == "reference_year":
                year = value
            else:
                figures[name] = value
        else:
            empty = value is None or value == ""
            entity[name] = DEFAULTS.get(name, value) if empty else value
    names_given = [n for n in ("name_local", "name_en") if n in row.cells]
    if names_given and not any(entity.get(n) for n in names_given):
        problems.append(
            Problem(
                row.number,
                row.column_label(names_given[-1]),
                "",
                _("The entity has no name."),
                _("a name in the local script or in English"),
            )
        )
        failed = True
    if year is None and any(v not in (None, "") for v in figures.values()):
        problems.append(
            Problem(
                row.number,
                row.column_label("reference_year"),
                "",
                _("Figures are given without the year they describe."),
                _("the reference year, e.g. 2024"),
            )
        )
        failed = True
    code_cell = row.cells.get("entity_code")
    code = "" if code_cell is None or code_cell.empty else shown(code_cell.value)
    if failed:
        # Report the rules this row breaks too, so that one upload shows them all.
        _check_row_alone(row, entity, figures, year, lookups, problems)
        return None
    signature = row_signature(
        (
            row.external_id,
            *(
                "" if c.value in EMPTY_TEXT else shown(c.value).strip()
                for c in row.cells.values()
            ),
        )
    )
    return ParsedRow(
        row,
        ColumnValues(entity),
        ColumnValues(figures),
        year,
        code.strip().upper(),
        signature,
    )


def _check_row_alone(
    row: SourceRow,
    entity: dict[str, Any],
    figures: dict[str, Any],
    year: int | None,
    lookups: Lookups,
    problems: list[Problem],
) -> None:
    country = lookups.country
    try:
        entities_services._check_entity_data(
            country, entity, isic_codes=lookups.divisions.keys()
        )
    except ApplicationError as error:
        _add_field_errors(problems, row.number, error, row)
    if year is not None:
        alone = Entity(country=country, year_established=entity.get("year_established"))
        try:
            entities_services._check_figures(alone, year, figures)
        except ApplicationError as error:
            _add_field_errors(problems, row.number, error, row)


def _check_plan(
    plan: Plan,
    *,
    lookups: Lookups,
    survey: bool,
    problems: list[Problem],
    merged: dict[int | None, Entity],
) -> None:
    """The services' own rules, and what would change for an entity already there.
    `merged`: the entities the figures' checks read, by year established."""
    if (
        plan.existing is None
        and survey
        and not (plan.data.get("name_local") or plan.data.get("name_en"))
    ):
        problems.append(
            Problem(
                plan.first_row,
                "name_en",
                "",
                _("The entity has no name: map a name column of the survey."),
                _("a name in the local script or in English"),
            )
        )
        return
    country = lookups.country
    established = _established(plan)
    if established not in merged:
        merged[established] = Entity(country=country, year_established=established)
    try:
        entities_services._check_entity_data(
            country, plan.data, isic_codes=lookups.divisions.keys()
        )
    except ApplicationError as error:
        _add_field_errors(
            problems, plan.first_row, error, plan.sources.get(plan.first_row)
        )
    if plan.existing is None:
        # The model's own field checks, which the commit does not run again.
        found = entity_field_errors(plan.data)
        if found:
            _add_field_errors(
                problems,
                plan.first_row,
                ApplicationError("", field_errors=found),
                plan.sources.get(plan.first_row),
            )
    for year, (row, figures) in sorted(plan.years.items()):
        try:
            entities_services._check_figures(merged[established], year, figures)
        except ApplicationError as error:
            _add_field_errors(problems, row, error, plan.sources.get(row))
    plan_changes(plan)


def _note_point_outside(plan: Plan, *, lookups: Lookups, notes: list[Problem]) -> None:
    """A point that lies outside its area, as the entity will be after the import: a
    note, like the form's warning; the saved entity is flagged for the committee."""
    existing = plan.existing
    latitude, longitude = (
        plan.data[name] if name in plan.data else getattr(existing, name, None)
        for name in ("latitude", "longitude")
    )
    if "area" in plan.data:
        area_id = plan.data["area"].pk if plan.data["area"] is not None else None
    else:
        area_id = getattr(existing, "area_id", None)
    if area_id is None or latitude is None or longitude is None:
        return
    outside = entities_derived.point_outside(
        area_id, latitude, longitude, lookups.reaches
    )
    if outside is None:
        return
    area = plan.data.get("area") or AdminArea.objects.get(pk=area_id)
    given = [plan.sources[n] for n in plan.rows if n in plan.sources]
    source = next((s for s in given if "longitude" in s.cells), None)
    row = source.number if source is not None else plan.first_row
    notes.append(
        Problem(
            row,
            source.column_label("longitude") if source is not None else "longitude",
            ", ".join(
                shown(source.cells[name].value)
                if source is not None and name in source.cells
                else shown(value)
                for name, value in (("latitude", latitude), ("longitude", longitude))
            ),
            entities_derived.geo_mismatch_message(outside, area_label(area)),
            _("Imported as it is, and flagged for the committee to check."),
        )
    )


def _established(plan: Plan) -> int | None:
    """The year established the figures' checks read: the entity's as it will be
    after the import."""
    year = plan.existing.year_established if plan.existing is not None else None
    return plan.data.get("year_established", year)


def _add_field_errors(
    problems: list[Problem],
    row: int,
    error: ApplicationError,
    source: SourceRow | None = None,
) -> None:
    """A service's refusal as problems: its field names are the template's columns."""
    if not error.field_errors:
        problems.append(Problem(row, "", "", error.message))
    for name, messages in error.field_errors.items():
        cell = source.cells.get(name) if source is not None else None
        column = source.column_label(name) if source is not None else name
        value = shown(cell.value) if cell is not None else ""
        for message in messages:
            problems.append(Problem(row, column, value, message))
