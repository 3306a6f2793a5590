"""What an import will do to each entity: the rows of the file grouped by entity, the
entity already there that they update, and what would change."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext as _

from countries.models import Country
from countries.names import country_name
from surveys.display import display_value
from surveys.entities import duplicates as entities_duplicates
from surveys.imports.parsing import Problem, shown
from surveys.imports.rows import ParsedRow, SourceRow
from surveys.models import EDITABLE_STATES, Entity, EntityFigures

CREATE, UPDATE, UNCHANGED, SKIP = "create", "update", "unchanged", "skip"
UNDECIDED = "undecided"


@dataclass
class Plan:
    """What the import will do to one entity, from one or more rows of the file."""

    rows: list[int]
    data: Mapping[str, Any]
    years: dict[int, tuple[int, Mapping[str, Any]]] = field(default_factory=dict)
    code: str = ""
    external_id: str = ""
    existing: Entity | None = None
    action: str = CREATE
    changed_years: list[int] = field(default_factory=list)
    entity_changed: bool = False
    duplicate_id: str = ""
    # A recorded entity looked like this new one when the file was checked.
    alike_recorded: bool = False
    # Row number → the row as read, to name columns and values in problems.
    sources: dict[int, SourceRow] = field(default_factory=dict)

    @property
    def first_row(self) -> int:
        return self.rows[0]

    @property
    def name(self) -> str:
        return self.data.get("name_en") or self.data.get("name_local") or ""

    @functools.cached_property
    def name_key(self) -> str:
        """The key of the names the row gives, as look-alikes are found by."""
        return entities_duplicates.name_key(
            self.data.get("name_local", ""), self.data.get("name_en", "")
        )


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    # What does not stop the import but asks for a look (a point outside its area).
    notes: list[Problem] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    row_count: int = 0
    # The rows read without a problem, grouped into the plans.
    parsed: list[ParsedRow] = field(default_factory=list)

    def counts(self, decisions: dict[str, str] | None = None) -> dict[str, int]:
        """Plans by action. A possible duplicate not decided on yet is counted as
        "undecided", not as the entity it may never create."""
        decided = {
            d["id"]
            for d in self.duplicates
            if (decisions or {}).get(d["id"]) in d["choices"]
        }
        found: dict[str, int] = defaultdict(int)
        for plan in self.plans:
            if plan.duplicate_id and plan.duplicate_id not in decided:
                found[UNDECIDED] += 1
            else:
                found[plan.action] += 1
        return dict(found)

    def keep_only_what_is_written(self) -> None:
        """Let go of what only the check needs, once it passed and every look-alike
        is decided on: the file's cells, kept to quote them in problems, and the
        look-alikes themselves. The plans keep the values they write."""
        self.parsed = []
        self.duplicates = []
        for plan in self.plans:
            plan.sources = {}


def comparable(value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, list):
        return tuple(comparable(v) for v in value)
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def group_rows(parsed: list[ParsedRow], problems: list[Problem]) -> list[Plan]:
    plans: dict[tuple[Any, ...], Plan] = {}
    first_seen: dict[tuple[Any, ...], ParsedRow] = {}
    signatures: dict[bytes, int] = {}
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
            if key[0] == "new":
                plan.name_key = key[1]
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


def _entity_key(row: ParsedRow) -> tuple[Any, ...]:
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


def _same_entity(first: ParsedRow, row: ParsedRow, problems: list[Problem]) -> bool:
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
        if comparable(value) != comparable(theirs):
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


def attach_existing(
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
                        % {"country": country_name(country)},
                        _(
                            "the code of an entity of %(country)s, or empty for a new one"
                        )
                        % {"country": country_name(country)},
                    )
                )
        elif plan.external_id:
            plan.existing = by_submission.get(plan.external_id)


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
            values[name] = comparable(getattr(entity, name))
    return values


def plan_changes(plan: Plan) -> None:
    entity = plan.existing
    if entity is None:
        plan.action = CREATE
        plan.changed_years = sorted(plan.years)
        return
    current = current_values(entity, plan.data)
    wanted = {
        name: tuple(sorted(v.pk for v in value))
        if name == "other_areas"
        else comparable(value)
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


def _figures_differ(stored: EntityFigures, values: Mapping[str, Any]) -> bool:
    for name, value in values.items():
        mine = value.pk if isinstance(value, Model) else comparable(value)
        theirs = (
            stored.source_id if name == "source" else comparable(getattr(stored, name))
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
