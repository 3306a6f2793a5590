"""Checking a whole file before anything is written: every row, every rule.

The outcome is a plan per entity (create, update, leave unchanged, skip), the problems
found (row, column, value, what is wrong, what is allowed) and the possible duplicates
that need a person's decision. The same check runs again just before the import is
committed, so a file is never imported against a database it was not checked against
(only the look-alikes are not searched again: they were decided on, and any added
since is flagged as a possible duplicate by the services).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext as _

from countries.models import Country
from countries.vocabularies import ActivityStatus, Visibility
from sse_mapping.exceptions import ApplicationError
from surveys.display import display_value
from surveys.entities import duplicates as entities_duplicates
from surveys.entities import services as entities_services
from surveys.imports.parsing import CellError, Lookups, Problem, parse_cell, shown
from surveys.imports.reading import Cell, Sheet
from surveys.imports.survey import SurveyRow, survey_rows
from surveys.models import EDITABLE_STATES, Entity, EntityFigures, ImportJob
from surveys.spreadsheet import COLUMNS_BY_NAME, DERIVED_COLUMNS, TEMPLATE_COLUMNS

CREATE, UPDATE, UNCHANGED, SKIP = "create", "update", "unchanged", "skip"
SKIP_DECISION, CREATE_DECISION, UPDATE_DECISION = "skip", "create", "update"
# Names at least this alike (difflib ratio) make a possible duplicate, as in services.
SIMILAR = 0.85
# Empty cells of these columns take the model's default on a new entity.
DEFAULTS = {
    "visibility": Visibility.AGGREGATE_ONLY,
    "activity_status": ActivityStatus.ACTIVE,
    "consent_given": False,
}


@dataclass
class Plan:
    """What the import will do to one entity, from one or more rows of the file."""

    rows: list[int]
    data: dict[str, Any]
    years: dict[int, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    code: str = ""
    external_id: str = ""
    existing: Entity | None = None
    action: str = CREATE
    changed_years: list[int] = field(default_factory=list)
    entity_changed: bool = False
    duplicate_id: str = ""
    # Row number → the row as read, to name columns and values in problems.
    sources: dict[int, SourceRow] = field(default_factory=dict)

    @property
    def first_row(self) -> int:
        return self.rows[0]

    @property
    def name(self) -> str:
        return self.data.get("name_en") or self.data.get("name_local") or ""


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    row_count: int = 0

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = defaultdict(int)
        for plan in self.plans:
            found[plan.action] += 1
        return dict(found)


@dataclass
class SourceRow:
    number: int
    cells: dict[str, Cell]
    external_id: str = ""
    origin: dict[str, str] = field(default_factory=dict)

    def column_label(self, name: str) -> str:
        """The column as the person sees it in their file."""
        if name in self.origin:
            return f"{self.origin[name]} ({name})"
        return name


# --- From a sheet to rows of template cells ----------------------------------------------


def template_rows(sheet: Sheet) -> tuple[list[SourceRow], list[Problem]]:
    headers = [h.strip().lower() for h in sheet.headers]
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for position, header in enumerate(headers):
        if header and header in seen:
            problems.append(
                Problem(
                    1,
                    header,
                    header,
                    _("The column “%(name)s” appears twice (columns %(a)d and %(b)d).")
                    % {"name": header, "a": seen[header] + 1, "b": position + 1},
                    _("each column once"),
                )
            )
        seen.setdefault(header, position)
    missing = [c.name for c in TEMPLATE_COLUMNS if c.name not in seen]
    if missing:
        known = {c.name for c in TEMPLATE_COLUMNS} | {c.name for c in DERIVED_COLUMNS}
        unknown = [h for h in headers if h and h not in known]
        message = _("The file lacks the columns: %(missing)s.") % {
            "missing": ", ".join(missing)
        }
        if unknown:
            message += " " + _("Columns not recognised: %(unknown)s.") % {
                "unknown": ", ".join(unknown)
            }
        message += " " + _(
            "Keep the template's first row as it is; download the template again if "
            "in doubt."
        )
        problems.append(
            Problem(1, ", ".join(missing), "", message, _("the template's columns"))
        )
    if problems:
        return [], problems
    rows = []
    for number, cells in sheet.rows:
        by_column = {
            c.name: cells[seen[c.name]] if seen[c.name] < len(cells) else Cell(None)
            for c in TEMPLATE_COLUMNS
        }
        rows.append(SourceRow(number=number, cells=by_column))
    return rows, []


def mapped_rows(
    sheet: Sheet, columns: dict[str, Any]
) -> tuple[list[SourceRow], list[Problem]]:
    rows, mapping_problems = survey_rows(sheet, columns)
    problems = [
        Problem(1, column, "", message, _("a column of this file"))
        for column, message in mapping_problems
    ]
    return [_from_survey(row) for row in rows], problems


def _from_survey(row: SurveyRow) -> SourceRow:
    return SourceRow(
        number=row.number,
        cells=row.cells,
        external_id=row.external_id,
        origin=row.origin,
    )


# --- Checking ----------------------------------------------------------------------------


@dataclass
class _Parsed:
    source: SourceRow
    entity: dict[str, Any]
    figures: dict[str, Any]
    year: int | None
    code: str
    signature: tuple[str, ...]


def check_rows(
    *,
    country: Country,
    kind: str,
    rows: list[SourceRow],
    decisions: dict[str, str] | None = None,
    known_duplicates: list[dict[str, Any]] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Outcome:
    """Check every row and plan the import. `decisions` settle possible duplicates;
    `known_duplicates` are those found by an earlier check of the same file."""
    outcome = Outcome(row_count=len(rows))
    lookups = Lookups.load(country)
    survey = kind != ImportJob.Kind.TEMPLATE
    parsed: list[_Parsed] = []
    for index, row in enumerate(rows):
        result = _parse_row(row, lookups, survey=survey, problems=outcome.problems)
        if result is not None:
            parsed.append(result)
        if progress is not None and index % 500 == 0:
            progress(index)
    plans = _group(parsed, outcome.problems)
    _attach_existing(plans, country=country, kind=kind, problems=outcome.problems)
    for plan in plans:
        _check_plan(plan, country=country, survey=survey, problems=outcome.problems)
    if not outcome.problems:
        if known_duplicates is None:
            outcome.duplicates = _find_duplicates(plans, country=country)
        else:
            # Decided on already: look-alikes added since are flagged by the services.
            outcome.duplicates = _attach_duplicates(plans, known_duplicates)
        _apply_decisions(plans, outcome, decisions or {})
    check_editable(plans, outcome.problems)
    outcome.plans = plans
    outcome.problems.sort(key=lambda p: (p.row or 0, p.column))
    return outcome


def _parse_row(
    row: SourceRow, lookups: Lookups, *, survey: bool, problems: list[Problem]
) -> _Parsed | None:
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
        _check_row_alone(row, entity, figures, year, lookups.country, problems)
        return None
    signature = (
        row.external_id,
        *(shown(c.value).strip() for c in row.cells.values()),
    )
    return _Parsed(row, entity, figures, year, code.strip().upper(), signature)


def _check_row_alone(
    row: SourceRow,
    entity: dict[str, Any],
    figures: dict[str, Any],
    year: int | None,
    country: Country,
    problems: list[Problem],
) -> None:
    try:
        entities_services._check_entity_data(country, entity)
    except ApplicationError as error:
        _add_field_errors(problems, row.number, error, row)
    if year is not None:
        alone = Entity(
            country_id=country.code, year_established=entity.get("year_established")
        )
        try:
            entities_services._check_figures(alone, year, figures)
        except ApplicationError as error:
            _add_field_errors(problems, row.number, error, row)


def _comparable(value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, list):
        return tuple(_comparable(v) for v in value)
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def _group(parsed: list[_Parsed], problems: list[Problem]) -> list[Plan]:
    plans: dict[tuple[Any, ...], Plan] = {}
    first_seen: dict[tuple[Any, ...], _Parsed] = {}
    signatures: dict[tuple[str, ...], int] = {}
    for row in parsed:
        number = row.source.number
        if row.signature in signatures:
            problems.append(
                Problem(
                    number,
                    "",
                    "",
                    _("This row repeats row %(row)d.")
                    % {"row": signatures[row.signature]},
                    _("each row once"),
                )
            )
            continue
        signatures[row.signature] = number
        key = _entity_key(row)
        plan = plans.get(key)
        if plan is None:
            plan = Plan(
                rows=[number],
                data=row.entity,
                code=row.code,
                external_id=row.source.external_id,
            )
            plans[key] = plan
            first_seen[key] = row
            plan.sources[number] = row.source
        else:
            first = first_seen[key]
            if not _same_entity(first, row, problems):
                continue
            plan.rows.append(number)
            plan.sources[number] = row.source
        if row.year is not None:
            if row.year in plan.years:
                problems.append(
                    Problem(
                        number,
                        row.source.column_label("reference_year"),
                        str(row.year),
                        _(
                            "Figures for %(year)d are given twice for this entity "
                            "(rows %(first)d and %(row)d)."
                        )
                        % {
                            "year": row.year,
                            "first": plan.years[row.year][0],
                            "row": number,
                        },
                        _("one row per entity and year"),
                    )
                )
                continue
            plan.years[row.year] = (number, row.figures)
    return list(plans.values())


def _entity_key(row: _Parsed) -> tuple[Any, ...]:
    if row.code:
        return ("code", row.code)
    if row.source.external_id:
        return ("submission", row.source.external_id)
    area = row.entity.get("area")
    return (
        "new",
        entities_duplicates.name_key(
            row.entity.get("name_local", ""), row.entity.get("name_en", "")
        ),
        area.pk if area is not None else None,
    )


def _same_entity(first: _Parsed, row: _Parsed, problems: list[Problem]) -> bool:
    if row.source.external_id:
        problems.append(
            Problem(
                row.source.number,
                row.source.column_label("submission_id"),
                row.source.external_id,
                _("Row %(row)d has the same submission id.")
                % {"row": first.source.number},
                _("each submission once"),
            )
        )
        return False
    same = True
    for name, value in row.entity.items():
        theirs = first.entity.get(name)
        if _comparable(value) != _comparable(theirs):
            problems.append(
                Problem(
                    row.source.number,
                    row.source.column_label(name),
                    shown(row.source.cells[name].value),
                    _(
                        "This row is the same entity as row %(row)d, but this column "
                        "differs (“%(theirs)s” there). Give an entity the same values "
                        "on each of its rows."
                    )
                    % {
                        "row": first.source.number,
                        "theirs": shown(first.source.cells[name].value),
                    },
                    _("the value of row %(row)d") % {"row": first.source.number},
                )
            )
            same = False
    return same


def _attach_existing(
    plans: list[Plan], *, country: Country, kind: str, problems: list[Problem]
) -> None:
    codes = {plan.code for plan in plans if plan.code}
    by_code = {
        entity.code: entity
        for entity in Entity.objects.filter(country=country, code__in=codes)
    }
    submissions = {plan.external_id for plan in plans if plan.external_id}
    by_submission = {
        entity.external_id: entity
        for entity in Entity.objects.filter(
            country=country, external_source=kind, external_id__in=submissions
        )
    }
    for plan in plans:
        if plan.code:
            plan.existing = by_code.get(plan.code)
            if plan.existing is None:
                problems.append(
                    Problem(
                        plan.first_row,
                        "entity_code",
                        plan.code,
                        _("No entity of %(country)s has this code.")
                        % {"country": country.name},
                        _(
                            "the code of an entity of %(country)s, or empty for a new one"
                        )
                        % {"country": country.name},
                    )
                )
        elif plan.external_id:
            plan.existing = by_submission.get(plan.external_id)


def _check_plan(
    plan: Plan, *, country: Country, survey: bool, problems: list[Problem]
) -> None:
    """The services' own rules, and what would change for an entity already there."""
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
    merged = _merged(plan, country)
    try:
        entities_services._check_entity_data(country, plan.data)
    except ApplicationError as error:
        _add_field_errors(
            problems, plan.first_row, error, plan.sources.get(plan.first_row)
        )
    for year, (row, figures) in sorted(plan.years.items()):
        try:
            entities_services._check_figures(merged, year, figures)
        except ApplicationError as error:
            _add_field_errors(problems, row, error, plan.sources.get(row))
    _plan_changes(plan)


def _merged(plan: Plan, country: Country) -> Entity:
    """What the figures' checks read of the entity as it will be after the import."""
    year = plan.existing.year_established if plan.existing is not None else None
    return Entity(
        country_id=country.code,
        year_established=plan.data.get("year_established", year),
    )


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


def current_values(entity: Entity, names: Iterable[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in names:
        field_ = Entity._meta.get_field(name)
        if field_.many_to_many:
            values[name] = tuple(
                sorted(entity.other_areas.values_list("pk", flat=True))
            )
        elif field_.is_relation:
            values[name] = getattr(entity, f"{name}_id")
        else:
            values[name] = _comparable(getattr(entity, name))
    return values


def _plan_changes(plan: Plan) -> None:
    entity = plan.existing
    if entity is None:
        plan.action = CREATE
        plan.changed_years = sorted(plan.years)
        return
    current = current_values(entity, plan.data)
    wanted = {
        name: tuple(sorted(v.pk for v in value))
        if name == "other_areas"
        else _comparable(value)
        for name, value in plan.data.items()
    }
    plan.entity_changed = any(current[n] != wanted[n] for n in wanted)
    stored = {
        figures.reference_year: figures
        for figures in EntityFigures.objects.filter(
            entity=entity, reference_year__in=list(plan.years)
        )
    }
    plan.changed_years = [
        year
        for year, (_row, values) in sorted(plan.years.items())
        if year not in stored or _figures_differ(stored[year], values)
    ]
    changed = plan.entity_changed or bool(plan.changed_years)
    plan.action = UPDATE if changed else UNCHANGED


def _figures_differ(stored: EntityFigures, values: dict[str, Any]) -> bool:
    for name, value in values.items():
        mine = value.pk if isinstance(value, Model) else _comparable(value)
        theirs = (
            stored.source_id if name == "source" else _comparable(getattr(stored, name))
        )
        if mine != theirs:
            return True
    return False


def check_editable(plans: list[Plan], problems: list[Problem]) -> None:
    for plan in plans:
        entity = plan.existing
        if plan.action != UPDATE or entity is None:
            continue
        if entity.workflow_state not in EDITABLE_STATES:
            problems.append(
                Problem(
                    plan.first_row,
                    "entity_code",
                    entity.code,
                    _(
                        "%(code)s is %(state)s and cannot be changed until its review "
                        "ends."
                    )
                    % {
                        "code": entity.code,
                        "state": display_value(
                            Entity, "workflow_state", entity.workflow_state
                        ),
                    },
                    _("unchanged values, or no row for this entity"),
                )
            )


# --- Possible duplicates -----------------------------------------------------------------


def _tokens(key: str) -> set[str]:
    return {key[:3], *(word for word in key.split() if len(word) >= 4)}


def _area_key(plan: Plan) -> int | None:
    area = plan.data.get("area")
    return area.pk if area is not None else None


def _plan_key(plan: Plan) -> str:
    return entities_duplicates.name_key(
        plan.data.get("name_local", ""), plan.data.get("name_en", "")
    )


def _find_duplicates(plans: list[Plan], *, country: Country) -> list[dict[str, Any]]:
    """New entities whose names are alike another's in the same area, in the database
    or earlier in the file. A person decides; nothing is merged silently."""
    found: list[dict[str, Any]] = []
    seen: dict[tuple[Any, str], list[tuple[Plan, str]]] = defaultdict(list)
    new_plans = [plan for plan in plans if plan.existing is None]
    in_database = entities_duplicates.possible_duplicates_many(
        country=country,
        names=[
            (
                plan.data.get("name_local", ""),
                plan.data.get("name_en", ""),
                plan.data.get("area"),
            )
            for plan in new_plans
        ],
    )
    # A word most of an area's rows share ("cooperative") finds nothing alike.
    per_area = Counter(_area_key(plan) for plan in new_plans)
    tokens = Counter(
        (_area_key(plan), token)
        for plan in new_plans
        for token in _tokens(_plan_key(plan))
        if len(token) > 3
    )
    common = {
        token
        for token, count in tokens.items()
        if count > max(50, per_area[token[0]] // 20)
    }
    for plan, in_db in zip(new_plans, in_database, strict=True):
        area = plan.data.get("area")
        key = entities_duplicates.name_key(
            plan.data.get("name_local", ""), plan.data.get("name_en", "")
        )
        matches: list[dict[str, Any]] = [
            {
                "kind": "database",
                "pk": pk,
                "code": code,
                "name": name_en or name_local or code,
                "state": state,
                "editable": state in EDITABLE_STATES,
            }
            for pk, code, name_local, name_en, state in in_db
        ]
        area_key = area.pk if area is not None else None
        earlier: dict[int, Plan] = {}
        alike = entities_duplicates.alike_to([key])
        for token in _tokens(key):
            if (area_key, token) in common:
                continue
            for other, other_key in seen[(area_key, token)]:
                if other.first_row not in earlier and alike([other_key]):
                    earlier[other.first_row] = other
        for other in sorted(earlier.values(), key=lambda p: p.first_row):
            matches.append({"kind": "file", "row": other.first_row, "name": other.name})
        for token in _tokens(key):
            seen[(area_key, token)].append((plan, key))
        if matches:
            plan.duplicate_id = f"r{plan.first_row}"
            choices = [SKIP_DECISION, CREATE_DECISION] + [
                f"{UPDATE_DECISION}:{m['pk']}"
                for m in matches
                if m["kind"] == "database" and m["editable"]
            ]
            found.append(
                {
                    "id": plan.duplicate_id,
                    "row": plan.first_row,
                    "name": plan.name,
                    "area": area.code if area is not None else "",
                    "matches": matches,
                    "choices": choices,
                }
            )
    return found


def _attach_duplicates(
    plans: list[Plan], duplicates: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    by_row = {plan.first_row: plan for plan in plans if plan.existing is None}
    kept = []
    for duplicate in duplicates:
        plan = by_row.get(duplicate["row"])
        if plan is not None:
            plan.duplicate_id = duplicate["id"]
            kept.append(duplicate)
    return kept


def _apply_decisions(
    plans: list[Plan], outcome: Outcome, decisions: dict[str, str]
) -> None:
    choices = {d["id"]: d["choices"] for d in outcome.duplicates}
    for plan in plans:
        decision = decisions.get(plan.duplicate_id) if plan.duplicate_id else None
        if decision is None or decision not in choices.get(plan.duplicate_id, ()):
            continue
        if decision == SKIP_DECISION:
            plan.action = SKIP
        elif decision.startswith(f"{UPDATE_DECISION}:"):
            pk = int(decision.split(":", 1)[1])
            plan.existing = Entity.objects.get(pk=pk)
            _plan_changes(plan)


def undecided(outcome: Outcome, decisions: dict[str, str]) -> list[dict[str, Any]]:
    return [d for d in outcome.duplicates if decisions.get(d["id"]) not in d["choices"]]
