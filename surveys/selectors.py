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
        for flag, sector in (
            ("entities__sector_farm_small", PrioritySector.FARM_SMALL),
            ("entities__sector_asm", PrioritySector.ASM),
            ("entities__sector_construction", PrioritySector.CONSTRUCTION),
        ):
            if row[flag]:
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
    sectors = list(PrioritySector.choices)
    types = list(SseType.choices)
    return {
        "sectors": sectors,
        "types": types,
        "rows": [
            {
                "region": region,
                "by_sector": [
                    by_sector.get((region.pk, code), 0) for code, _ in sectors
                ],
                "by_type": [by_type.get((region.pk, code), 0) for code, _ in types],
                "women_led": women_led.get(region.pk, 0),
            }
            for region in regions
        ],
        "empty_sector_cells": sum(
            1
            for region in regions
            for code, _ in sectors
            if not by_sector.get((region.pk, code))
        ),
    }


def current_areas(*, country: Country) -> QuerySet[AdminArea]:
    return AdminArea.objects.current().filter(country=country, level=1)
