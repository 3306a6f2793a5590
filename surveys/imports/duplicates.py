"""Possible duplicates in an import: new entities alike another, in the database or in
the file, and the decisions a person takes on them."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from typing import Any

from countries.models import Country
from surveys.entities import duplicates as entities_duplicates
from surveys.imports.plans import SKIP, UPDATE, Outcome, Plan, plan_changes
from surveys.models import EDITABLE_STATES, Entity

SKIP_DECISION, CREATE_DECISION, UPDATE_DECISION = "skip", "create", "update"
# A stale row's other choice: the file's values over the record's later edits.
TAKE_DECISION = "take"


def _tokens(key: str) -> set[str]:
    return {key[:3], *(word for word in key.split() if len(word) >= 4)}


def _area_key(plan: Plan) -> int | None:
    area = plan.data.get("area")
    return area.pk if area is not None else None


def find_duplicates(
    plans: list[Plan],
    *,
    country: Country,
    written_since: datetime.datetime | None = None,
) -> list[dict[str, Any]]:
    """New entities whose names are alike another's in the same area, in the database
    or earlier in the file. A person decides; nothing is merged silently.

    With `written_since`, only entities written since then are searched: a check of
    the same file made then found the rest, and the file's own look-alikes."""
    found: list[dict[str, Any]] = []
    # (area, token) → the new plans so far holding the token, and their keys.
    seen: dict[tuple[Any, str], tuple[list[Plan], list[str]]] = defaultdict(
        lambda: ([], [])
    )
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
        written_since=written_since,
    )
    for plan, in_db in zip(new_plans, in_database, strict=True):
        plan.alike_recorded = plan.alike_recorded or bool(in_db)
    if written_since is not None:
        return [
            _found(plan, matches)
            for plan, in_db in zip(new_plans, in_database, strict=True)
            if (matches := _database_matches(in_db))
        ]
    # A word most of an area's rows share ("cooperative") finds nothing alike.
    per_area = Counter(_area_key(plan) for plan in new_plans)
    tokens = Counter(
        (_area_key(plan), token)
        for plan in new_plans
        for token in _tokens(plan.name_key)
        if len(token) > 3
    )
    common = {
        token
        for token, count in tokens.items()
        if count > max(50, per_area[token[0]] // 20)
    }
    for plan, in_db in zip(new_plans, in_database, strict=True):
        area = plan.data.get("area")
        key = plan.name_key
        matches = _database_matches(in_db)
        area_key = area.pk if area is not None else None
        earlier: dict[int, Plan] = {}
        for token in _tokens(key):
            if (area_key, token) in common:
                continue
            others, keys = seen[(area_key, token)]
            for at in entities_duplicates.alike_among(key, keys):
                earlier.setdefault(others[at].first_row, others[at])
        for other in sorted(earlier.values(), key=lambda p: p.first_row):
            matches.append({"kind": "file", "row": other.first_row, "name": other.name})
        for token in _tokens(key):
            others, keys = seen[(area_key, token)]
            others.append(plan)
            keys.append(key)
        if matches:
            found.append(_found(plan, matches))
    return found


def _database_matches(
    in_db: list[entities_duplicates.DuplicateRow],
) -> list[dict[str, Any]]:
    return [
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


def _found(plan: Plan, matches: list[dict[str, Any]]) -> dict[str, Any]:
    """A possible duplicate as the decision page shows it."""
    area = plan.data.get("area")
    plan.duplicate_id = f"r{plan.first_row}"
    choices = [SKIP_DECISION, CREATE_DECISION] + [
        f"{UPDATE_DECISION}:{m['pk']}"
        for m in matches
        if m["kind"] == "database" and m["editable"]
    ]
    return {
        "id": plan.duplicate_id,
        "row": plan.first_row,
        "name": plan.name,
        "area": area.code if area is not None else "",
        "matches": matches,
        "choices": choices,
    }


def stale_conflicts(plans: list[Plan]) -> list[dict[str, Any]]:
    """Rows older than the record they would change: exported before someone edited
    it. Taking them would silently revert that edit, so a person decides."""
    found = []
    for plan in plans:
        entity = plan.existing
        if entity is None or plan.action != UPDATE:
            continue
        versions = [
            source.version
            for source in plan.sources.values()
            if source.version is not None
        ]
        if not versions or min(versions) >= entity.version:
            continue
        plan.duplicate_id = f"v{plan.first_row}"
        found.append(
            {
                "id": plan.duplicate_id,
                "row": plan.first_row,
                "name": plan.name,
                "area": entity.area.code if entity.area is not None else "",
                "matches": [
                    {
                        "kind": "stale",
                        "pk": entity.pk,
                        "code": entity.code,
                        "name": entity.name_en or entity.name_local,
                        "file_version": min(versions),
                        "version": entity.version,
                        "state": entity.workflow_state,
                        "editable": True,
                    }
                ],
                "choices": [SKIP_DECISION, TAKE_DECISION],
            }
        )
    return found


def attach_duplicates(
    plans: list[Plan], duplicates: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    by_row = {plan.first_row: plan for plan in plans if plan.existing is None}
    kept = []
    for duplicate in duplicates:
        plan = by_row.get(duplicate["row"])
        if plan is not None:
            plan.duplicate_id = duplicate["id"]
            plan.alike_recorded = any(
                match["kind"] == "database" for match in duplicate["matches"]
            )
            kept.append(duplicate)
    return kept


def apply_decisions(
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
            plan_changes(plan)


BULK_DECISIONS = (SKIP_DECISION, CREATE_DECISION, UPDATE_DECISION)


def bulk_decision(choices: list[str], for_the_rest: str) -> str:
    """What "skip all", "create all" or "update all" means for one row, if it can:
    an update needs exactly one record to update; a stale row is updated by taking
    the file's values."""
    if for_the_rest in (SKIP_DECISION, CREATE_DECISION):
        return for_the_rest if for_the_rest in choices else ""
    if for_the_rest == UPDATE_DECISION:
        if TAKE_DECISION in choices:
            return TAKE_DECISION
        updates = [c for c in choices if c.startswith(f"{UPDATE_DECISION}:")]
        return updates[0] if len(updates) == 1 else ""
    return ""


def undecided(outcome: Outcome, decisions: dict[str, str]) -> list[dict[str, Any]]:
    return [d for d in outcome.duplicates if decisions.get(d["id"]) not in d["choices"]]
