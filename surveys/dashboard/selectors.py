"""What a country's dashboard shows: counts, the case-selection coverage and what needs attention."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    Count,
    Q,
)
from django.db.models.functions import Coalesce

from countries.models import (
    Country,
    MacroRegion,
)
from countries.vocabularies import (
    Classification,
    PrioritySector,
    SseType,
    WorkflowState,
)
from surveys.models import (
    CapacityGap,
    CaseStudy,
    Entity,
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
    # An area replaced by a merger (Viet Nam 2025) counts in its successor's region,
    # as in the report (reports.dimensions.MACRO_REGION).
    rows = studies.values(
        "id",
        "priority_sector",
        "sse_type",
        "entities__sector_farm_small",
        "entities__sector_asm",
        "entities__sector_construction",
        "entities__sse_type",
        "entities__women_led",
        study_region=Coalesce("area__replaced_by__macro_region", "area__macro_region"),
        entity_region=Coalesce(
            "entities__area__replaced_by__macro_region",
            "entities__area__macro_region",
        ),
    )
    seen_sector: set[tuple[int, int | None, str]] = set()
    seen_type: set[tuple[int, int | None, str]] = set()
    seen_women: set[tuple[int, int | None]] = set()
    for row in rows:
        region = row["study_region"] or row["entity_region"]
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
