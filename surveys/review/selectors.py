"""What reviewers and consultants read of the workflow: the queue, timelines, changes, progress."""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TypedDict

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Model,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from countries.models import (
    AdminArea,
    Country,
)
from countries.selectors import (
    AnyUser,
    area_with_predecessors,
    country_list,
)
from countries.vocabularies import (
    ON_THE_MENU,
    Classification,
    WorkflowState,
)
from surveys import access
from surveys.audit import record_history
from surveys.display import display_changes, field_label
from surveys.models import (
    AuditEvent,
    Entity,
    ReviewDecision,
    WorkflowRecord,
)
from surveys.record_types import (
    RECORD_TYPES,
    missing_for_submission,
    record_type_of,
)
from surveys.review import workflow as review_workflow

# Audit actions that move a record through review rather than change its content
# (the comments' resolved marks are shown with the comments themselves).
WORKFLOW_ACTIONS = (
    "submitted",
    "reviewed",
    "reopened",
    "comments resolved",
    "deleted",
    "restored",
)


def _field_comment_rows(model: type[Model], comments: dict[str, str]) -> list[Any]:
    return [(field_label(model, key), text) for key, text in comments.items() if text]


def record_timeline(*, record: WorkflowRecord) -> list[dict[str, Any]]:
    """Submissions, reopenings and review decisions on a record, newest first."""
    model = type(record)
    items: list[dict[str, Any]] = [
        {
            "kind": "decision",
            "at": decision.decided_at,
            "actor": decision.reviewer,
            "decision": decision,
            "note": decision.comment,
            "field_comments": _field_comment_rows(model, decision.field_comments),
            "meeting": decision.meeting,
        }
        for decision in review_workflow.decisions_for(record)
    ]
    items += [
        {
            "kind": event.action,
            "at": event.at,
            "actor": event.actor,
            "note": event.note,
            "field_comments": [],
            "meeting": None,
        }
        for event in record_history(record=record).filter(
            action__in=["submitted", "reopened"]
        )
    ]
    return sorted(items, key=lambda item: item["at"], reverse=True)


def changes_since_last_review(*, record: WorkflowRecord) -> dict[str, Any]:
    """What changed in the record since its previous review (or since its creation).

    The previous review is the last decision of an earlier round: every member deciding
    in the current round, the second approver too, sees what changed since the record
    was last returned or reopened. A draft or returned record shows its edits since the
    last decision. Returns {"since": datetime | None, "events": [{"event", "rows":
    [(label, old, new)]}]}, oldest change first so it reads as a story.
    """
    model = type(record)
    decisions = ReviewDecision.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=record.pk
    )
    in_a_round = record.workflow_state not in (
        WorkflowState.DRAFT,
        WorkflowState.RETURNED,
    )
    if in_a_round:
        decisions = decisions.filter(review_round__lt=record.review_round)
    last = (
        decisions.order_by("-decided_at").values_list("decided_at", flat=True).first()
    )
    events = record_history(record=record).exclude(action__in=WORKFLOW_ACTIONS)
    if last is not None:
        events = events.filter(at__gt=last)
    return {
        "since": last,
        "events": [
            {
                "event": event,
                "rows": display_changes(model, event.changes),
            }
            for event in reversed(list(events))
        ],
    }


class WorkflowActions(TypedDict):
    """Where a record stands in review and what the user may do with it now."""

    state: str
    state_label: str
    awaiting: bool
    missing: list[str]
    can_submit: bool
    can_decide: bool
    cannot_decide_reason: str
    is_reviewer: bool
    can_see_queue: bool
    can_reopen: bool
    approvals: int
    quorum: int


def workflow_actions(*, user: AnyUser, record: WorkflowRecord) -> WorkflowActions:
    """Where a record stands in review and what this user may do with it now."""
    state = record.workflow_state
    awaiting = state in review_workflow.AWAITING_REVIEW
    editable = state in access.SUBMITTABLE
    is_reviewer = access.can(user, "record.review", country=record.country)
    round_decisions = (
        list(
            review_workflow.round_decisions(record).values_list(
                "reviewer_id", "decision"
            )
        )
        if awaiting
        else []
    )
    refusal = ""
    if is_reviewer and awaiting:
        if not access.can(user, "record.review", record):
            refusal = _(
                "You created, edited or submitted this record, so other members of the "
                "committee review it."
            )
        elif any(reviewer == user.pk for reviewer, _d in round_decisions):
            refusal = _("You already decided on this record in this round of review.")
    return {
        "state": state,
        "state_label": record.get_workflow_state_display(),
        "awaiting": awaiting,
        "missing": missing_for_submission(record) if editable else [],
        "can_submit": access.can(user, "record.submit", record),
        "can_decide": is_reviewer and awaiting and not refusal,
        "cannot_decide_reason": refusal,
        "is_reviewer": is_reviewer,
        "can_see_queue": access.can(user, "review.queue", country=record.country),
        "can_reopen": access.can(user, "record.reopen", record),
        "approvals": len(
            {r for r, d in round_decisions if d == ReviewDecision.Decision.APPROVE}
        ),
        "quorum": review_workflow.quorum_of(record.country),
    }


def review_queue(
    *,
    country: Country,
    record_type: str = "",
    state: str = "",
    area: AdminArea | None = None,
    needs_attention: bool = False,
) -> Any:
    """(record_type, pk, submitted_at) of a country's records awaiting review, oldest
    first, all four types in one query. `country` comes from country_get, so it is
    already within the user's scope; `review_queue_rows` loads one page of them."""
    area_ids = area_with_predecessors(area) if area is not None else []
    parts = []
    for name, kind in RECORD_TYPES.items():
        if record_type and name != record_type:
            continue
        if area is not None and not kind.has_area:
            continue
        if needs_attention and name != "entity":
            continue
        records: Any = kind.model.objects.filter(
            country=country, workflow_state__in=review_workflow.AWAITING_REVIEW
        )
        if state:
            records = records.filter(workflow_state=state)
        if area is not None:
            records = records.filter(area__in=area_ids)
        if needs_attention:
            records = records.filter(
                Q(classification=Classification.BORDERLINE)
                | Q(flag_possible_duplicate=True)
                | Q(flag_geo_mismatch=True)
                | Q(flag_disagg_inconsistent=True)
                | Q(flag_missing_required=True)
            )
        parts.append(
            records.annotate(record_type=Value(name, output_field=CharField()))
            .values_list("record_type", "pk", "submitted_at")
            .order_by()
        )
    if not parts:
        return []
    first, *rest = parts
    if not rest:
        return first.order_by("submitted_at", "pk")
    return first.union(*rest, all=True).order_by("submitted_at", "record_type", "pk")


def _records_by_type(
    keys: Iterable[tuple[str, int]],
) -> dict[tuple[str, int], WorkflowRecord]:
    """Load records named by (record_type, pk): one query per type, never per row."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for record_type, pk in keys:
        wanted[record_type].append(pk)
    found: dict[tuple[str, int], WorkflowRecord] = {}
    for record_type, pks in wanted.items():
        kind = RECORD_TYPES[record_type]
        for record in kind.model.objects.filter(pk__in=pks).select_related(
            *kind.related
        ):
            found[(record_type, record.pk)] = record
    return found


def _generic_filter(keys: Iterable[tuple[str, int]]) -> Q:
    wanted: dict[str, list[int]] = defaultdict(list)
    for record_type, pk in keys:
        wanted[record_type].append(pk)
    condition = Q(pk__in=[])
    for record_type, pks in wanted.items():
        condition |= Q(
            content_type=RECORD_TYPES[record_type].content_type(), object_id__in=pks
        )
    return condition


def review_queue_rows(
    *, user: AnyUser, keys: Iterable[tuple[str, int, Any]]
) -> list[dict[str, Any]]:
    """One page of the queue with what a reviewer needs per row, in a fixed number of
    queries: the records, this round's decisions and the user's own edits."""
    keys = list(keys)
    pairs = [(record_type, pk) for record_type, pk, _at in keys]
    records = _records_by_type(pairs)
    condition = _generic_filter(pairs)
    decisions: dict[tuple[int, int], list[tuple[int, str, Any]]] = defaultdict(list)
    for ct, pk, reviewer, decision, review_round in ReviewDecision.objects.filter(
        condition
    ).values_list(
        "content_type_id", "object_id", "reviewer_id", "decision", "review_round"
    ):
        decisions[(ct, pk)].append((reviewer, decision, review_round))
    edited = set(
        AuditEvent.objects.filter(condition, actor_id=user.pk)
        .exclude(action__in=WORKFLOW_ACTIONS)
        .values_list("content_type_id", "object_id")
    )
    rows = []
    for record_type, pk in pairs:
        record = records.get((record_type, pk))
        if record is None:  # changed state between the two queries
            continue
        ct = RECORD_TYPES[record_type].content_type().pk
        this_round = [
            (reviewer, decision)
            for reviewer, decision, review_round in decisions[(ct, pk)]
            if review_round == record.review_round
        ]
        you_edited = record.created_by_id == user.pk or (ct, pk) in edited
        you_decided = any(reviewer == user.pk for reviewer, _d in this_round)
        entity = record if isinstance(record, Entity) else None
        rows.append(
            {
                "record": record,
                "record_type": record_type,
                "type_label": RECORD_TYPES[record_type].label,
                "key": f"{record_type}:{pk}",
                "code": getattr(record, "code", ""),
                "area": getattr(record, "area", None),
                "borderline": entity is not None
                and entity.classification == Classification.BORDERLINE,
                "classification": entity.get_classification_display() if entity else "",
                "flags": entity.flag_labels() if entity else [],
                "approvals": len(
                    {r for r, d in this_round if d == ReviewDecision.Decision.APPROVE}
                ),
                "quorum": max(record.country.review_quorum, 1),
                "you_edited": you_edited,
                "you_decided": you_decided,
                "decidable": not (you_edited or you_decided),
            }
        )
    return rows


# How many keys after the current record are checked at a time for one the user may
# decide on (each batch costs the few queries of review_queue_rows).
NEXT_BATCH = 50


def _queue_position(
    submitted_at: datetime.datetime | None, record_type: str, pk: int
) -> tuple[datetime.datetime, str, int]:
    """A record's place in the queue's order (review_queue orders the same way)."""
    never = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return (submitted_at or never, record_type, pk)


def review_queue_next(
    *, user: AnyUser, keys: Iterable[tuple[str, int, Any]], after: WorkflowRecord
) -> tuple[str, int] | None:
    """The first record after `after` in the (filtered) queue `keys` that the user
    may decide on, or None when none is left.

    `after` may have left the queue with the decision just taken: its place is its
    submission time, which a decision does not change.
    """
    here = _queue_position(after.submitted_at, record_type_of(after).name, after.pk)
    batch: list[tuple[str, int, Any]] = []

    def first_decidable() -> tuple[str, int] | None:
        for row in review_queue_rows(user=user, keys=batch):
            if row["decidable"]:
                return row["record_type"], row["record"].pk
        return None

    for record_type, pk, submitted_at in keys:
        if _queue_position(submitted_at, record_type, pk) <= here:
            continue
        batch.append((record_type, pk, submitted_at))
        if len(batch) >= NEXT_BATCH:
            found = first_decidable()
            if found is not None:
                return found
            batch = []
    return first_decidable() if batch else None


def menu_counts(*, user: AnyUser, country: Country) -> dict[str, int | None]:
    """For the menu: the country's records awaiting review (None for those who do not
    decide on them) and the user's records returned to them (None for those who are
    not returned anything), in one query: a grouped count per record type, joined by
    UNION ALL. `country` is one of the user's countries."""
    to_review = access.can(user, "review.queue", country=country)
    returned = access.can(user, "review.returned", country=country)
    counts: dict[str, int | None] = {
        "to_review": 0 if to_review else None,
        "returned": 0 if returned else None,
    }
    if not (to_review or returned):
        return counts
    sql, params = _menu_query(user.pk, country.pk, to_review, returned)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    for waiting, back in found:
        if to_review:
            counts["to_review"] = (counts["to_review"] or 0) + waiting
        if returned:
            counts["returned"] = (counts["returned"] or 0) + back
    return counts


# Every page's menu runs this query: building its eight parts costs about as much as
# running them, so its SQL is built once per user, country and counts asked for, and
# kept (the SQL only, never what it counts).
@functools.lru_cache(maxsize=256)
def _menu_query(
    user_id: int, country_id: str, to_review: bool, returned: bool
) -> tuple[str, tuple[Any, ...]]:
    awaiting = Q(workflow_state__in=review_workflow.AWAITING_REVIEW)
    mine = Q(workflow_state=WorkflowState.RETURNED) & (
        Q(created_by_id=user_id) | Q(updated_by_id=user_id)
    )
    # Only the rows counted are read: those in the states on the menu, from an index
    # of them, or, for one who only gets records back, their own, from the indexes of
    # who created and who last edited each record.
    counted = (
        (awaiting | mine) if to_review and returned else awaiting if to_review else mine
    )
    parts = [
        kind.model.objects.filter(country_id=country_id, workflow_state__in=ON_THE_MENU)
        .filter(counted)
        .order_by()
        .values("country_id")
        .annotate(
            to_review=Count("pk", filter=awaiting) if to_review else Value(0),
            returned=Count("pk", filter=mine) if returned else Value(0),
        )
        .values_list("to_review", "returned")
        for kind in RECORD_TYPES.values()
    ]
    first, *rest = parts
    sql, params = first.union(*rest, all=True).query.sql_with_params()
    return sql, tuple(params)


def returned_to(*, user: AnyUser, country: Country) -> list[dict[str, Any]]:
    """The user's returned records in a country (created or last edited by them), each
    with the latest return decision, most recently returned first."""
    found: list[tuple[str, WorkflowRecord]] = []
    for record_type, kind in RECORD_TYPES.items():
        records = (
            kind.model.objects.visible_to(user)
            .in_country(country)
            .filter(workflow_state=WorkflowState.RETURNED)
            .filter(Q(created_by=user) | Q(updated_by=user))
        )
        found += [(record_type, record) for record in records]
    latest: dict[tuple[int, int], ReviewDecision] = {}
    for returned in (
        ReviewDecision.objects.filter(
            _generic_filter((t, r.pk) for t, r in found),
            decision=ReviewDecision.Decision.RETURN,
        )
        .select_related("reviewer", "meeting")
        .order_by("-decided_at", "-id")
    ):
        latest.setdefault((returned.content_type_id, returned.object_id), returned)
    rows = []
    for record_type, record in found:
        decision: ReviewDecision | None = latest.get(
            (RECORD_TYPES[record_type].content_type().pk, record.pk)
        )
        rows.append(
            {
                "record": record,
                "record_type": record_type,
                "type_label": RECORD_TYPES[record_type].label,
                "decision": decision,
                "field_comments": _field_comment_rows(
                    type(record), decision.field_comments if decision else {}
                ),
            }
        )
    never = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return sorted(
        rows,
        key=lambda row: row["decision"].decided_at if row["decision"] else never,
        reverse=True,
    )


def _median(values: list[datetime.timedelta]) -> datetime.timedelta | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def review_progress(*, user: AnyUser) -> list[dict[str, Any]]:
    """Per country and record type: counts by state, and the median and longest time
    records have waited since submission. One grouped query per record type."""
    countries = list(country_list(user=user).order_by("name"))
    now = timezone.now()
    states = list(WorkflowState.choices)
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    waits: dict[tuple[str, str], list[datetime.timedelta]] = defaultdict(list)
    for record_type, kind in RECORD_TYPES.items():
        # Grouping also by submission time, but only for awaiting records, gives
        # the waiting times in the same query without one row per finished record.
        grouped = (
            kind.model.objects.filter(country__in=[c.pk for c in countries])
            .values(
                "country_id",
                "workflow_state",
                waiting_since=Case(
                    When(
                        workflow_state__in=review_workflow.AWAITING_REVIEW,
                        then=F("submitted_at"),
                    ),
                ),
            )
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in grouped:
            key = (row["country_id"], record_type)
            state = row["workflow_state"]
            counts[key][state] = counts[key].get(state, 0) + row["n"]
            if row["waiting_since"] is not None:
                waits[key] += [now - row["waiting_since"]] * row["n"]
    table = []
    for country in countries:
        types = []
        for record_type, kind in RECORD_TYPES.items():
            by_state = counts[(country.pk, record_type)]
            waited = waits[(country.pk, record_type)]
            types.append(
                {
                    "record_type": record_type,
                    "label": kind.label,
                    "counts": [by_state.get(code, 0) for code, _label in states],
                    "total": sum(by_state.values()),
                    "awaiting": len(waited),
                    "median_wait": _median(waited),
                    "oldest_wait": max(waited) if waited else None,
                }
            )
        table.append({"country": country, "types": types})
    return table


def awaiting_review_records(*, country: Country) -> list[tuple[str, WorkflowRecord]]:
    """A country's records awaiting review, oldest first (for a meeting's agenda)."""
    found: list[tuple[str, WorkflowRecord]] = []
    for record_type, kind in RECORD_TYPES.items():
        found += [
            (record_type, record)
            for record in kind.model.objects.filter(
                country=country, workflow_state__in=review_workflow.AWAITING_REVIEW
            ).select_related("country")
        ]
    never = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    return sorted(found, key=lambda item: item[1].submitted_at or never)


def review_decision_list(*, user: AnyUser) -> QuerySet[ReviewDecision]:
    """Review decisions on the records of the user's countries, newest first."""
    return (
        ReviewDecision.objects.visible_to(user)
        .select_related("reviewer", "content_type")
        .order_by("-decided_at", "-id")
    )
