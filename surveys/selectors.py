"""Every read of findings that a page, an API view or a task makes, already scoped.

Another country's record is simply not in these querysets, so a lookup answers 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from countries.models import AdminArea, Country, MacroRegion
from countries.selectors import AnyUser, roles_in
from countries.vocabularies import (
    Classification,
    PrioritySector,
    Role,
    SseType,
    WorkflowState,
)
from surveys.models import (
    AuditEvent,
    CapacityGap,
    CaseStudy,
    Entity,
    EntityFigures,
    NationalDefinition,
    Source,
)


def entity_list(*, user: AnyUser, country: Country | None = None) -> QuerySet[Entity]:
    entities = Entity.objects.visible_to(user)
    if country is not None:
        entities = entities.in_country(country)
    return entities.select_related("area", "legal_form", "main_activity", "country")


def entity_get(*, user: AnyUser, pk: int) -> Entity:
    return get_object_or_404(
        entity_list(user=user)
        .select_related("former_legal_form", "assessment")
        .prefetch_related(
            "other_areas",
            Prefetch(
                "figures",
                queryset=EntityFigures.objects.select_related("source").order_by(
                    "-reference_year"
                ),
            ),
        ),
        pk=pk,
    )


def case_study_list(
    *, user: AnyUser, country: Country | None = None
) -> QuerySet[CaseStudy]:
    records = CaseStudy.objects.visible_to(user)
    if country is not None:
        records = records.in_country(country)
    return records.select_related("area", "area__macro_region", "country")


def case_study_get(*, user: AnyUser, pk: int) -> CaseStudy:
    return get_object_or_404(
        case_study_list(user=user).prefetch_related("entities", "attachments"), pk=pk
    )


def capacity_gap_list(
    *, user: AnyUser, country: Country | None = None
) -> QuerySet[CapacityGap]:
    records = CapacityGap.objects.visible_to(user)
    if country is not None:
        records = records.in_country(country)
    return records.select_related("national_priority", "country")


def capacity_gap_get(*, user: AnyUser, pk: int) -> CapacityGap:
    return get_object_or_404(
        capacity_gap_list(user=user).prefetch_related("affected_areas"), pk=pk
    )


def national_definition_list(
    *, user: AnyUser, country: Country | None = None
) -> QuerySet[NationalDefinition]:
    records = NationalDefinition.objects.visible_to(user)
    if country is not None:
        records = records.in_country(country)
    return records.select_related("country")


def national_definition_get(*, user: AnyUser, pk: int) -> NationalDefinition:
    return get_object_or_404(
        national_definition_list(user=user).prefetch_related("elements"), pk=pk
    )


def source_list(*, user: AnyUser, country: Country) -> QuerySet[Source]:
    return Source.objects.visible_to(user).in_country(country)


def record_history(*, record: Model) -> QuerySet[AuditEvent]:
    """The audit trail of one record, newest first."""
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
    ).select_related("actor")


def can_edit(*, user: AnyUser, record: Any) -> bool:
    """Whether the user may change this record now (a consultant of its country)."""
    return record.is_editable and Role.CONSULTANT in roles_in(
        user=user, country=record.country
    )


def country_dashboard(*, country: Country) -> dict[str, Any]:
    """Counts for the country dashboard: one grouped query per table."""
    entities = Entity.objects.filter(country=country)
    by_state = dict(
        entities.values_list("workflow_state").annotate(n=Count("id")).order_by()
    )
    by_class = dict(
        entities.values_list("classification").annotate(n=Count("id")).order_by()
    )
    attention = entities.aggregate(
        returned=Count("id", filter=Q(workflow_state=WorkflowState.RETURNED)),
        possible_duplicate=Count("id", filter=Q(flag_possible_duplicate=True)),
        geo_mismatch=Count("id", filter=Q(flag_geo_mismatch=True)),
        disagg_inconsistent=Count("id", filter=Q(flag_disagg_inconsistent=True)),
        missing_required=Count("id", filter=Q(flag_missing_required=True)),
        borderline=Count("id", filter=Q(classification=Classification.BORDERLINE)),
    )
    return {
        "total": sum(by_state.values()),
        "by_state": [
            (state, label, by_state.get(state, 0))
            for state, label in WorkflowState.choices
        ],
        "by_classification": [
            (code, label, by_class.get(code, 0))
            for code, label in Classification.choices
        ],
        "attention": attention,
        "case_studies": CaseStudy.objects.filter(country=country).count(),
        "capacity_gaps": CapacityGap.objects.filter(country=country).count(),
    }


def coverage_matrix(*, country: Country) -> dict[str, Any]:
    """Case studies by macro-region × priority sector and × SSE type; empty cells show gaps.

    A case study counts in its own sector and type, and in those of the entities it
    describes, so a study of a mining cooperative fills the mining × cooperative cell.
    """
    regions = list(MacroRegion.objects.filter(country=country).order_by("code"))
    studies = CaseStudy.objects.filter(country=country).exclude(
        workflow_state=WorkflowState.REJECTED
    )
    by_sector: dict[tuple[int | None, str], int] = {}
    by_type: dict[tuple[int | None, str], int] = {}
    women_led: dict[int | None, int] = {}
    rows = studies.values(
        "id",
        "area__macro_region",
        "priority_sector",
        "sse_type",
        "entities__sector_farm_small",
        "entities__sector_asm",
        "entities__sector_construction",
        "entities__sse_type",
        "entities__women_led",
        "entities__area__macro_region",
    )
    seen_sector: set[tuple[int, int | None, str]] = set()
    seen_type: set[tuple[int, int | None, str]] = set()
    seen_women: set[tuple[int, int | None]] = set()
    for row in rows:
        region = row["area__macro_region"] or row["entities__area__macro_region"]
        sectors = {row["priority_sector"]} if row["priority_sector"] else set()
        flagged: tuple[tuple[str, str], ...] = (
            ("entities__sector_farm_small", PrioritySector.FARM_SMALL),
            ("entities__sector_asm", PrioritySector.ASM),
            ("entities__sector_construction", PrioritySector.CONSTRUCTION),
        )
        for flag, sector in flagged:
            if row[flag]:  # type: ignore[literal-required]
                sectors.add(sector)
        types = {t for t in (row["sse_type"], row["entities__sse_type"]) if t}
        for sector in sectors:
            if (row["id"], region, sector) not in seen_sector:
                seen_sector.add((row["id"], region, sector))
                by_sector[(region, sector)] = by_sector.get((region, sector), 0) + 1
        for sse_type in types:
            if (row["id"], region, sse_type) not in seen_type:
                seen_type.add((row["id"], region, sse_type))
                by_type[(region, sse_type)] = by_type.get((region, sse_type), 0) + 1
        if row["entities__women_led"] and (row["id"], region) not in seen_women:
            seen_women.add((row["id"], region))
            women_led[region] = women_led.get(region, 0) + 1
    sector_choices = list(PrioritySector.choices)
    type_choices = list(SseType.choices)
    return {
        "sectors": sector_choices,
        "types": type_choices,
        "rows": [
            {
                "region": region,
                "by_sector": [
                    by_sector.get((region.pk, code), 0) for code, _ in sector_choices
                ],
                "by_type": [
                    by_type.get((region.pk, code), 0) for code, _ in type_choices
                ],
                "women_led": women_led.get(region.pk, 0),
            }
            for region in regions
        ],
        "empty_sector_cells": sum(
            1
            for region in regions
            for code, _ in sector_choices
            if not by_sector.get((region.pk, code))
        ),
    }


def current_areas(*, country: Country) -> QuerySet[AdminArea]:
    return AdminArea.objects.current().filter(country=country, level=1)


# --- Consultant record pages (appended for the dashboard, case studies and gaps) -------


def can_create_records(*, user: AnyUser, country: Country) -> bool:
    """Whether the user may add records in this country: its national consultants."""
    return Role.CONSULTANT in roles_in(user=user, country=country)


def country_records_attention(*, country: Country) -> dict[str, int]:
    """Case studies and capacity gaps that wait on the consultant, for the dashboard."""
    studies = CaseStudy.objects.filter(country=country).aggregate(
        returned=Count("id", filter=Q(workflow_state=WorkflowState.RETURNED)),
        no_gender_analysis=Count(
            "id",
            filter=Q(gender_analysis__regex=r"^\s*$")
            & ~Q(workflow_state=WorkflowState.REJECTED),
        ),
    )
    gaps = CapacityGap.objects.filter(country=country).aggregate(
        returned=Count("id", filter=Q(workflow_state=WorkflowState.RETURNED)),
        critical=Count("id", filter=Q(severity=3)),
    )
    return {
        "case_studies_returned": studies["returned"],
        "case_studies_without_gender_analysis": studies["no_gender_analysis"],
        "capacity_gaps_returned": gaps["returned"],
        "capacity_gaps_critical": gaps["critical"],
    }


def national_priorities_with_gaps(*, user: AnyUser, country: Country) -> dict[str, Any]:
    """The country's national priorities, each with the capacity gaps linked to it
    (`priority.gaps`, most severe first), and the gaps linked to none."""
    from countries.models import NationalPriority

    gaps = capacity_gap_list(user=user, country=country).order_by("-severity", "title")
    priorities = (
        NationalPriority.objects.filter(country=country)
        .order_by("code")
        .prefetch_related(Prefetch("capacity_gaps", queryset=gaps, to_attr="gaps"))
    )
    return {
        "priorities": priorities,
        "unlinked": gaps.filter(national_priority__isnull=True),
    }


# --- Review: the committee's queue, timelines, progress and meetings ----------------------
# Appended for the review pages (surveys/views/review.py); imported here so that this
# section stays a pure addition to the module.

import datetime  # noqa: E402
from collections import defaultdict  # noqa: E402
from collections.abc import Callable, Iterable  # noqa: E402

from django.core.exceptions import FieldDoesNotExist  # noqa: E402
from django.db.models import Case, CharField, F, Field, Value, When  # noqa: E402
from django.http import Http404  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import capfirst  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from django.utils.translation import gettext_lazy  # noqa: E402

from countries.models import CommitteeMeeting  # noqa: E402
from countries.selectors import country_list  # noqa: E402
from surveys import workflow  # noqa: E402
from surveys.models import (  # noqa: E402
    DEFINITION_ELEMENTS,
    DefinitionElement,
    PrinciplesAssessment,
    ReviewDecision,
    WorkflowRecord,
)

# Audit actions that move a record through review rather than change its content.
WORKFLOW_ACTIONS = ("submitted", "reviewed", "reopened")
RECORD_GETTERS: dict[str, Callable[..., Any]] = {
    "entity": entity_get,
    "case_study": case_study_get,
    "capacity_gap": capacity_gap_get,
    "national_definition": national_definition_get,
}
# Record types that are tied to an area, so the queue's area filter applies to them.
TYPES_WITH_AREA = ("entity", "case_study")
RECORD_TYPE_NAMES: dict[str, Any] = {
    "entity": gettext_lazy("Entity"),
    "case_study": gettext_lazy("Case study"),
    "capacity_gap": gettext_lazy("Capacity gap"),
    "national_definition": gettext_lazy("National definition"),
}
ELEMENT_LABELS = dict(DEFINITION_ELEMENTS)


def workflow_record_get(*, user: AnyUser, record_type: str, pk: int) -> Any:
    """One reviewed record of any type the user may read; anything else answers 404."""
    getter = RECORD_GETTERS.get(record_type)
    if getter is None:
        raise Http404
    return getter(user=user, pk=pk)


def review_abilities(*, user: AnyUser, country: Country) -> dict[str, bool]:
    """What the user's roles in a country let them do in the validation workflow.

    The services check the same rules again; these only decide what a page offers.
    """
    roles = roles_in(user=user, country=country)
    staff = bool(roles & {Role.STAFF, Role.ADMIN})
    committee = Role.COMMITTEE in roles
    consultant = Role.CONSULTANT in roles
    return {
        "decide": committee,
        "see_queue": committee or staff,
        "submit": consultant,
        "reopen": staff,
        "record_meetings": committee or staff,
        "see_returned": consultant,
    }


def _content_type(record_type: str) -> ContentType:
    return ContentType.objects.get_for_model(workflow.RECORD_TYPES[record_type])


def _model_field(model: type[Model], name: str) -> Field[Any, Any] | None:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, Field) else None


def _field_of(model: type[Model], key: str) -> tuple[str, Field[Any, Any] | None]:
    """The label prefix and the field an audit or comment key names.

    Keys are a field name, or for parts of a record "2024 members_total" (figures of
    a year), "P1 treatment" (an element of a national definition) or an assessment
    field for an entity.
    """
    field = _model_field(model, key)
    if field is not None:
        return "", field
    if model is Entity:
        field = _model_field(PrinciplesAssessment, key)
        if field is not None:
            return "", field
    head, _sep, tail = key.partition(" ")
    if tail and head.isdigit() and model is Entity:
        return f"{head}: ", _model_field(EntityFigures, tail)
    if tail and head in ELEMENT_LABELS and model is NationalDefinition:
        return f"{ELEMENT_LABELS[head]}: ", _model_field(DefinitionElement, tail)
    return "", None


def field_label(model: type[Model], key: str) -> str:
    """A person's name for a field key of a record (or of its figures or elements)."""
    if key == "figures":
        return str(_("Figures"))
    if key == "assessment":
        return str(_("Principles assessment"))
    if model is NationalDefinition and key in ELEMENT_LABELS:
        return str(ELEMENT_LABELS[key])
    prefix, field = _field_of(model, key)
    if field is None:
        return key
    return f"{prefix}{capfirst(str(field.verbose_name))}"


def field_value_label(model: type[Model], key: str, value: Any) -> Any:
    """A stored code shown with its label (e.g. COOP → Cooperative)."""
    if value == "":
        return None
    _prefix, field = _field_of(model, key)
    if field is None or not field.choices or isinstance(value, list | dict):
        return value
    return dict(field.flatchoices).get(value, value)


def reviewable_fields(model: type[Model]) -> list[tuple[str, str]]:
    """The fields a reviewer can comment on, as (key, label)."""
    internal = {
        "country",
        "workflow_state",
        "version",
        "created_by",
        "updated_by",
        "submitted_at",
        "classification_rule_version",
        "classification_reasons",
        "share_not_disaggregated",
    }
    keys = [
        f.name
        for f in model._meta.get_fields()
        if getattr(f, "editable", False)
        and (f.concrete or f.many_to_many)
        and not f.auto_created
        and f.name not in internal
        and not f.name.startswith("flag_")
    ]
    if model is Entity:
        keys += ["figures", "assessment"]
    if model is NationalDefinition:
        keys += [code for code, _label in DEFINITION_ELEMENTS]
    return [(key, field_label(model, key)) for key in keys]


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
        for decision in workflow.decisions_for(record)
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
    if in_a_round and record.submitted_at is not None:
        decisions = decisions.filter(round_started_at__lt=record.submitted_at)
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
                "rows": [
                    (
                        field_label(model, key),
                        field_value_label(model, key, values[0]),
                        field_value_label(model, key, values[1]),
                    )
                    for key, values in event.changes.items()
                    if isinstance(values, list) and len(values) == 2
                ],
            }
            for event in reversed(list(events))
        ],
    }


def workflow_actions(*, user: AnyUser, record: WorkflowRecord) -> dict[str, Any]:
    """Where a record stands in review and what this user may do with it now."""
    abilities = review_abilities(user=user, country=record.country)
    state = record.workflow_state
    awaiting = state in workflow.AWAITING_REVIEW
    editable = state in (WorkflowState.DRAFT, WorkflowState.RETURNED)
    round_decisions = (
        list(
            ReviewDecision.objects.filter(
                content_type=ContentType.objects.get_for_model(type(record)),
                object_id=record.pk,
                round_started_at=record.submitted_at,
            ).values_list("reviewer_id", "decision")
        )
        if awaiting and record.submitted_at
        else []
    )
    refusal = ""
    if abilities["decide"] and awaiting:
        if user.pk in workflow.editors_of(record):
            refusal = _(
                "You created or edited this record, so other members of the "
                "committee review it."
            )
        elif any(reviewer == user.pk for reviewer, _d in round_decisions):
            refusal = _("You already decided on this record in this round of review.")
    return {
        "state": state,
        "state_label": record.get_workflow_state_display(),
        "awaiting": awaiting,
        "missing": workflow.missing_before_submission(record) if editable else [],
        "can_submit": abilities["submit"] and editable,
        "can_decide": abilities["decide"] and awaiting and not refusal,
        "cannot_decide_reason": refusal,
        "is_reviewer": abilities["decide"],
        "can_see_queue": abilities["see_queue"],
        "can_reopen": abilities["reopen"]
        and state in (WorkflowState.VALIDATED, WorkflowState.REJECTED),
        "approvals": len(
            {r for r, d in round_decisions if d == ReviewDecision.Decision.APPROVE}
        ),
        "quorum": max(record.country.review_quorum, 1),
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
    from surveys.filters import area_with_predecessors

    area_ids = area_with_predecessors(area) if area is not None else []
    parts = []
    for name, model in workflow.RECORD_TYPES.items():
        if record_type and name != record_type:
            continue
        if area is not None and name not in TYPES_WITH_AREA:
            continue
        if needs_attention and name != "entity":
            continue
        records: Any = model.objects.filter(
            country=country, workflow_state__in=workflow.AWAITING_REVIEW
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
    related = {
        "entity": ["country", "area"],
        "case_study": ["country", "area"],
        "capacity_gap": ["country", "national_priority"],
        "national_definition": ["country"],
    }
    found: dict[tuple[str, int], WorkflowRecord] = {}
    for record_type, pks in wanted.items():
        model = workflow.RECORD_TYPES[record_type]
        for record in model.objects.filter(pk__in=pks).select_related(
            *related[record_type]
        ):
            found[(record_type, record.pk)] = record
    return found


def _generic_filter(keys: Iterable[tuple[str, int]]) -> Q:
    wanted: dict[str, list[int]] = defaultdict(list)
    for record_type, pk in keys:
        wanted[record_type].append(pk)
    condition = Q(pk__in=[])
    for record_type, pks in wanted.items():
        condition |= Q(content_type=_content_type(record_type), object_id__in=pks)
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
    for ct, pk, reviewer, decision, round_at in ReviewDecision.objects.filter(
        condition
    ).values_list(
        "content_type_id", "object_id", "reviewer_id", "decision", "round_started_at"
    ):
        decisions[(ct, pk)].append((reviewer, decision, round_at))
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
        ct = _content_type(record_type).pk
        this_round = [
            (reviewer, decision)
            for reviewer, decision, round_at in decisions[(ct, pk)]
            if round_at == record.submitted_at
        ]
        you_edited = record.created_by_id == user.pk or (ct, pk) in edited
        you_decided = any(reviewer == user.pk for reviewer, _d in this_round)
        entity = record if isinstance(record, Entity) else None
        rows.append(
            {
                "record": record,
                "record_type": record_type,
                "type_label": RECORD_TYPE_NAMES[record_type],
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


def returned_to(*, user: AnyUser, country: Country) -> list[dict[str, Any]]:
    """The user's returned records in a country (created or last edited by them), each
    with the latest return decision, most recently returned first."""
    found: list[tuple[str, WorkflowRecord]] = []
    for record_type, model in workflow.RECORD_TYPES.items():
        records = (
            model.objects.visible_to(user)
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
            (_content_type(record_type).pk, record.pk)
        )
        rows.append(
            {
                "record": record,
                "record_type": record_type,
                "type_label": RECORD_TYPE_NAMES[record_type],
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
    for record_type, model in workflow.RECORD_TYPES.items():
        # Grouping also by submission time, but only for awaiting records, gives
        # the waiting times in the same query without one row per finished record.
        grouped = (
            model.objects.filter(country__in=[c.pk for c in countries])
            .values(
                "country_id",
                "workflow_state",
                waiting_since=Case(
                    When(
                        workflow_state__in=workflow.AWAITING_REVIEW,
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
        for record_type in workflow.RECORD_TYPES:
            by_state = counts[(country.pk, record_type)]
            waited = waits[(country.pk, record_type)]
            types.append(
                {
                    "record_type": record_type,
                    "label": RECORD_TYPE_NAMES[record_type],
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
    for record_type, model in workflow.RECORD_TYPES.items():
        found += [
            (record_type, record)
            for record in model.objects.filter(
                country=country, workflow_state__in=workflow.AWAITING_REVIEW
            ).select_related("country")
        ]
    never = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    return sorted(found, key=lambda item: item[1].submitted_at or never)


def meeting_list(*, user: AnyUser, country: Country) -> QuerySet[CommitteeMeeting]:
    return (
        CommitteeMeeting.objects.filter(
            country__in=country_list(user=user), country=country
        )
        .annotate(
            attendee_count=Count("attendees", distinct=True),
            agenda_count=Count("agenda", distinct=True),
            decision_count=Count("decisions", distinct=True),
        )
        .order_by("-date", "-id")
    )


def meeting_get(*, user: AnyUser, country: Country, pk: int) -> CommitteeMeeting:
    return get_object_or_404(
        CommitteeMeeting.objects.filter(
            country__in=country_list(user=user), country=country
        )
        .select_related("country", "created_by")
        .prefetch_related("attendees"),
        pk=pk,
    )


def _record_type_of_content_type(content_type_id: int) -> str | None:
    for record_type in workflow.RECORD_TYPES:
        if _content_type(record_type).pk == content_type_id:
            return record_type
    return None


def meeting_agenda(*, meeting: CommitteeMeeting) -> list[dict[str, Any]]:
    """The records on a meeting's agenda, with their state now."""
    items = [
        (_record_type_of_content_type(ct), pk)
        for ct, pk in meeting.agenda.values_list("content_type_id", "object_id")
    ]
    keys = [(t, pk) for t, pk in items if t]
    records = _records_by_type(keys)
    return [
        {
            "record_type": t,
            "type_label": RECORD_TYPE_NAMES[t],
            "record": records[(t, pk)],
        }
        for t, pk in keys
        if (t, pk) in records
    ]


def meeting_decisions(*, meeting: CommitteeMeeting) -> list[dict[str, Any]]:
    """The review decisions taken in a meeting, with the records they were about."""
    decisions = list(
        meeting.decisions.select_related("reviewer").order_by("decided_at")
    )
    keys = [
        (t, d.object_id)
        for d in decisions
        if (t := _record_type_of_content_type(d.content_type_id))
    ]
    records = _records_by_type(keys)
    rows = []
    for decision in decisions:
        record_type = _record_type_of_content_type(decision.content_type_id)
        if record_type is None or (record_type, decision.object_id) not in records:
            continue
        record = records[(record_type, decision.object_id)]
        rows.append(
            {
                "decision": decision,
                "record_type": record_type,
                "type_label": RECORD_TYPE_NAMES[record_type],
                "record": record,
                "field_comments": _field_comment_rows(
                    type(record), decision.field_comments
                ),
            }
        )
    return rows


def entity_list_in_country(*, user: AnyUser, country: Country) -> QuerySet[Entity]:
    """One country's entities for a list page, scoped to the user like entity_list.

    The scope is a subquery on the countries the user may read, rather than
    visible_to's membership join and DISTINCT: at 100 000 entities a DISTINCT over
    whole rows costs about half a second a page on PostgreSQL, while this walks the
    (country, -updated_at, -id) index and answers in milliseconds.
    """
    from countries.selectors import country_list

    return (
        Entity.objects.filter(country__in=country_list(user=user))
        .in_country(country)
        .select_related("area", "legal_form", "main_activity", "country")
    )


# --- Reads for the REST API (appended for issue 5) ----------------------------------------


def entity_list_for_api(*, user: AnyUser) -> QuerySet[Entity]:
    """Entities of every country the user reads, for the API's cursor-paged list.

    Scoped like entity_list, but by the user's country codes written into the query
    rather than visible_to's membership join and DISTINCT: for one country a page is
    then a backward walk of the (country, -updated_at, -id) index, a few milliseconds
    at 500 000 rows, where a join or a subquery makes PostgreSQL sort the country.
    """
    from countries.selectors import has_all_countries

    entities = Entity.objects.all()
    if not has_all_countries(user):
        codes = list(country_list(user=user).values_list("code", flat=True))
        entities = entities.filter(country_id__in=codes)
    return entities.select_related("area", "legal_form", "main_activity", "country")


def area_list(*, user: AnyUser) -> QuerySet[AdminArea]:
    """Administrative areas of the user's countries, with their crosswalk loaded: three
    generations of `replaced_by` and the units merged into each."""
    return (
        AdminArea.objects.filter(country__in=country_list(user=user))
        .select_related("replaced_by__replaced_by__replaced_by")
        .prefetch_related("predecessors")
        .order_by("country", "level", "name_en", "id")
    )


def legal_form_list(*, user: AnyUser) -> QuerySet[Any]:
    from countries.models import LegalForm

    return LegalForm.objects.filter(country__in=country_list(user=user)).order_by(
        "country", "name_en", "id"
    )


def national_priority_list(*, user: AnyUser) -> QuerySet[Any]:
    from countries.models import NationalPriority

    return NationalPriority.objects.filter(
        country__in=country_list(user=user)
    ).order_by("country", "code", "id")


def meeting_list_all(*, user: AnyUser) -> QuerySet[CommitteeMeeting]:
    """Committee meetings of all the user's countries, attendees and agenda loaded."""
    return (
        CommitteeMeeting.objects.filter(country__in=country_list(user=user))
        .select_related("created_by")
        .prefetch_related("attendees", "agenda__content_type")
        .order_by("-date", "-id")
    )


def review_decision_list(*, user: AnyUser) -> QuerySet[ReviewDecision]:
    """Review decisions on the records of the user's countries, newest first."""
    return (
        ReviewDecision.objects.visible_to(user)
        .select_related("reviewer", "content_type")
        .order_by("-decided_at", "-id")
    )


def membership_list(*, user: AnyUser) -> QuerySet[Any]:
    from countries.models import Membership

    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).order_by("country", "role")  # type: ignore[misc]


# --- Country mapping reports (appended for surveys/reports) ----------------------------

from countries.selectors import has_all_countries  # noqa: E402
from surveys.models import Report  # noqa: E402

REPORT_COMPILERS = (Role.STAFF, Role.ADMIN, Role.COMMITTEE)


def report_list(*, user: AnyUser, country: Country | None = None) -> QuerySet[Report]:
    """Report versions the user may read: staff all (regional comparisons only them);
    consultants and committee members their countries' country reports."""
    if not user.is_authenticated:
        return Report.objects.none()
    reports = Report.objects.select_related("country", "requested_by")
    if not has_all_countries(user):
        reports = reports.filter(
            kind=Report.Kind.COUNTRY,
            country__memberships__user=user,  # type: ignore[misc]
        ).distinct()
    if country is not None:
        reports = reports.filter(kind=Report.Kind.COUNTRY, country=country)
    return reports.order_by("-created_at", "-id")


def report_get(*, user: AnyUser, pk: int) -> Report:
    return get_object_or_404(report_list(user=user), pk=pk)


def report_can_compile(*, user: AnyUser, country: Country | None = None) -> bool:
    """Staff compile any report; a committee member their own country's. The regional
    comparison (country None) is for staff only."""
    if country is None:
        return has_all_countries(user)
    return bool(roles_in(user=user, country=country) & set(REPORT_COMPILERS))
