"""The decision page of a checked import: each possible duplicate's choices, the bulk
choice for the rows left undecided, and what the import will do with them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from surveys.imports.duplicates import (
    CREATE_DECISION,
    SKIP_DECISION,
    TAKE_DECISION,
    UPDATE_DECISION,
    bulk_decision,
)
from surveys.models import ImportJob


def is_stale(duplicate: dict[str, Any]) -> bool:
    """A row older than the record it would change, rather than a look-alike."""
    return any(m.get("kind") == "stale" for m in duplicate["matches"])


def decision_choices(duplicate: dict[str, Any]) -> list[tuple[str, str]]:
    labels = {
        SKIP_DECISION: _("Skip this row: do not import it")
        if not is_stale(duplicate)
        else _("Keep mine: the record as it is now"),
        TAKE_DECISION: _("Take the file's: its values replace the later edits"),
        CREATE_DECISION: _("Create it anyway: it is a different entity"),
    }
    codes = {m.get("pk"): m.get("code") for m in duplicate["matches"]}
    choices = []
    for choice in duplicate["choices"]:
        if choice.startswith(f"{UPDATE_DECISION}:"):
            code = codes.get(int(choice.split(":", 1)[1]), "")
            label = _("Update %(code)s with this row") % {"code": code}
        else:
            label = labels[choice]
        choices.append((choice, label))
    return choices


def bulk_choices() -> list[tuple[str, str]]:
    return [
        ("", _("Decide each row below")),
        (SKIP_DECISION, _("Skip all: keep every recorded entity as it is")),
        (
            UPDATE_DECISION,
            _("Update all known: each row updates the one record it matches"),
        ),
        (CREATE_DECISION, _("Create all: they are different entities")),
    ]


def decisions_taken(
    duplicates: list[dict[str, Any]], decisions: dict[str, str], for_the_rest: str
) -> dict[str, str]:
    """Each row's decision: its own where it has one (an exception), else what the
    bulk choice means for it; rows it cannot settle are left out."""
    taken = {}
    for duplicate in duplicates:
        own = decisions.get(duplicate["id"], "")
        decision = own or bulk_decision(duplicate["choices"], for_the_rest)
        if decision in duplicate["choices"]:
            taken[duplicate["id"]] = decision
    return taken


def decisions_preview(
    job: ImportJob, decisions: dict[str, str], for_the_rest: str
) -> dict[str, int]:
    """What confirming would write, with these decisions: the check's counts leave out
    the rows waiting for a decision; each decision adds its row where it goes."""
    counts = {
        "created": job.created_count,
        "updated": job.updated_count,
        "skipped": job.skipped_count,
        "undecided": 0,
    }
    taken = decisions_taken(job.duplicates, decisions, for_the_rest)
    for duplicate in job.duplicates:
        decision = taken.get(duplicate["id"])
        if decision is None:
            counts["undecided"] += 1
        elif decision == SKIP_DECISION:
            counts["skipped"] += 1
        elif decision == TAKE_DECISION or decision.startswith(f"{UPDATE_DECISION}:"):
            counts["updated"] += 1
        else:
            counts["created"] += 1
    return counts
