"""The capacity gaps and case studies of a country report: bespoke tables and
listings, each a plain function of the report context."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from countries.models import MacroRegion, NationalPriority
from countries.vocabularies import (
    Actor,
    CapacityGapCategory,
    PrioritySector,
    SseType,
    Visibility,
)
from surveys.display import NOT_GIVEN
from surveys.models import CapacityGap, CaseStudy, Recommendation
from surveys.reports.context import ReportContext
from surveys.reports.dimensions import (
    short_type_label,
    type_label,
    type_legend,
)
from surveys.reports.measures import SECTOR_FLAGS
from surveys.reports.tables import NAME, TEXT, Table, basis, column, row, table

# The lists in a report are for the committee's attention, not a register: capped in
# the workbook, and shorter in the page and the PDF.
LIST_LIMIT = 200
DISPLAY_LIMIT = 50


@dataclass(frozen=True)
class CapacityGaps:
    tables: list[Table]
    n: int
    critical: int


@dataclass(frozen=True)
class CaseStudies:
    tables: list[Table]
    n: int
    empty_cells: int
    regions: int


def withheld_name(values: Mapping[str, Any]) -> tuple[str, str]:
    """(local, English) name, withheld for entities recorded as private."""
    if values.get("visibility") == Visibility.PRIVATE:
        return (str(_("(private)")), "")
    return (values.get("name_local") or "", values.get("name_en") or "")


def _gap_cells(label: str, found: dict[str, Any] | None) -> list[Any]:
    found = found or {
        "n": 0,
        "sev_1": 0,
        "sev_2": 0,
        "sev_3": 0,
        "categories": set(),
    }
    return [
        label,
        found["n"],
        found["sev_3"],
        found["sev_2"],
        found["sev_1"],
        ", ".join(
            str(CapacityGapCategory(c).label)
            for c in CapacityGapCategory.values
            if c in found["categories"]
        ),
    ]


def capacity_gaps(context: ReportContext) -> CapacityGaps:
    gaps = context.validated(CapacityGap)
    grouped = list(
        gaps.values("national_priority", "category")
        .annotate(
            n=Count("pk"),
            **{f"sev_{s}": Count("pk", filter=Q(severity=s)) for s in (1, 2, 3)},
        )
        .order_by()
    )
    priorities = list(
        NationalPriority.objects.filter(country=context.country)
        .order_by("code")
        .values_list("pk", "code", "title")
    )
    by_priority: dict[Any, dict[str, Any]] = {}
    for g in grouped:
        found = by_priority.setdefault(
            g["national_priority"],
            {"n": 0, "sev_1": 0, "sev_2": 0, "sev_3": 0, "categories": set()},
        )
        for key in ("n", "sev_1", "sev_2", "sev_3"):
            found[key] += g[key]
        found["categories"].add(g["category"])

    rows = [
        row(_gap_cells(f"{code} {title}", by_priority.get(pk)))
        for pk, code, title in priorities
    ]
    if None in by_priority:
        rows.append(
            row(
                _gap_cells(
                    str(_("Not linked to a national priority")), by_priority[None]
                )
            )
        )
    n = sum(g["n"] for g in grouped)
    totals = {
        "n": n,
        **{f"sev_{s}": sum(g[f"sev_{s}"] for g in grouped) for s in (1, 2, 3)},
        "categories": {g["category"] for g in grouped},
    }
    rows.append(row(_gap_cells(str(_("Total")), totals), "total"))
    the_basis = basis(
        n=n,
        population=_("%(n)s validated capacity gaps") % {"n": n},
        reference=context.reference,
        sources=_("capacity gaps validated by the national advisory committee"),
    )
    matrix = table(
        "gaps_by_priority",
        _("Capacity gaps by national priority and severity"),
        [
            column(_("National priority"), TEXT),
            column(_("Gaps")),
            column(_("Critical")),
            column(_("Significant")),
            column(_("Minor")),
            column(_("Categories"), TEXT),
        ],
        rows,
        basis=the_basis,
        notes=[
            _(
                "National priorities with no gap recorded show 0: a gap in the evidence, or a strength."
            )
        ],
    )
    listed = list(
        gaps.order_by("-severity", "title").values(
            "title",
            "category",
            "severity",
            "national_priority__code",
            "affected_sse_types",
            "affected_sectors",
            "evidence",
        )[:LIST_LIMIT]
    )
    gap_rows = [
        row(
            [
                g["title"],
                CapacityGapCategory(g["category"]).label,
                g["severity"],
                g["national_priority__code"] or NOT_GIVEN,
                ", ".join(short_type_label(t) for t in g["affected_sse_types"] or []),
                ", ".join(
                    str(PrioritySector(s).label)
                    for s in g["affected_sectors"] or []
                    if s in PrioritySector.values
                ),
                g["evidence"],
            ],
            "priority" if g["severity"] == 3 else "",
        )
        for g in listed
    ]
    gap_list = table(
        "gaps",
        _("Capacity gaps"),
        [
            column(_("Capacity gap"), TEXT),
            column(_("Category"), TEXT),
            column(_("Severity (1–3)")),
            column(_("National priority"), TEXT),
            column(_("SSE types affected"), TEXT),
            column(_("Priority sectors affected"), TEXT),
            column(_("Evidence"), TEXT),
        ],
        gap_rows,
        basis=the_basis,
        notes=[_("Highlighted: critical gaps (severity 3).")],
    )
    return CapacityGaps(
        [matrix, gap_list, recommendations(context)], n=n, critical=totals["sev_3"]
    )


def recommendations(context: ReportContext) -> Table:
    """The recommendations of the validated capacity gaps, grouped by the actor they
    are addressed to, the most severe gaps first."""
    found = Recommendation.objects.filter(
        capacity_gap__in=context.validated(CapacityGap).values("pk")
    )
    listed = sorted(
        found.order_by(
            "actor", "-capacity_gap__severity", "capacity_gap__title", "position"
        ).values(
            "actor",
            "text",
            "capacity_gap__title",
            "capacity_gap__severity",
        )[: LIST_LIMIT * 2],
        key=lambda r: Actor.values.index(r["actor"]),
    )
    per_actor = {
        g["actor"]: g["n"]
        for g in found.values("actor").annotate(n=Count("pk")).order_by()
    }
    n = sum(per_actor.values())
    listing = table(
        "recommendations",
        _("Recommendations by actor"),
        [
            column(_("Addressed to"), TEXT),
            column(_("Recommendation"), TEXT),
            column(_("Capacity gap"), TEXT),
            column(_("Severity (1–3)")),
        ],
        [
            row(
                [
                    Actor(r["actor"]).label,
                    r["text"],
                    r["capacity_gap__title"],
                    r["capacity_gap__severity"],
                ],
                "priority" if r["capacity_gap__severity"] == 3 else "",
            )
            for r in listed
        ],
        basis=basis(
            n=n,
            population=_("%(n)s recommendations of the validated capacity gaps")
            % {"n": n},
            reference=context.reference,
            sources=_("capacity gaps validated by the national advisory committee"),
        ),
        notes=[
            "; ".join(
                f"{Actor(actor).label}: {per_actor[actor]}"
                for actor in Actor.values
                if actor in per_actor
            )
            or _("No recommendation recorded."),
            _("Highlighted: recommendations on critical gaps (severity 3)."),
        ],
    )
    listing["group_rows"] = True
    return listing


def case_studies(context: ReportContext) -> CaseStudies:
    studies = context.validated(CaseStudy)
    region = Coalesce(
        F("area__replaced_by__macro_region"),
        F("area__macro_region"),
        F("entities__area__replaced_by__macro_region"),
        F("entities__area__macro_region"),
    )
    # A case study counts in its own sector and type and in those of the entities it
    # describes: distinct counts over the join to them.
    grouped = {
        g["region"]: g
        for g in studies.values(region=region)
        .annotate(
            n=Count("pk", distinct=True),
            **{
                f"s_{sector}": Count(
                    "pk",
                    distinct=True,
                    filter=Q(priority_sector=sector) | Q(**{f"entities__{flag}": True}),
                )
                for sector, flag in SECTOR_FLAGS.items()
            },
            **{
                f"t_{code}": Count(
                    "pk",
                    distinct=True,
                    filter=Q(sse_type=code) | Q(entities__sse_type=code),
                )
                for code in SseType.values
            },
            women_led=Count("pk", distinct=True, filter=Q(entities__women_led=True)),
        )
        .order_by()
    }
    regions = list(
        MacroRegion.objects.filter(country=context.country)
        .order_by("code")
        .values_list("pk", "name_en")
    )
    sectors = list(SECTOR_FLAGS)
    empty_cells: list[str] = []
    sector_rows = []
    type_rows = []
    for pk, name in [
        *regions,
        *([(None, str(_("Region not given")))] if None in grouped else []),
    ]:
        g = grouped.get(pk, {})
        counts = [g.get(f"s_{s}", 0) for s in sectors]
        if pk is not None:
            empty_cells += [
                f"{name} × {PrioritySector(s).label}"
                for s, count in zip(sectors, counts, strict=True)
                if not count
            ]
        sector_rows.append(row([name, *counts, g.get("women_led", 0), g.get("n", 0)]))
        type_rows.append(
            row([name, *[g.get(f"t_{t}", 0) for t in SseType.values], g.get("n", 0)])
        )
    n = studies.count()
    the_basis = basis(
        n=n,
        population=_("%(n)s validated case studies") % {"n": n},
        reference=context.reference,
        sources=_("case studies validated by the national advisory committee"),
    )
    coverage = table(
        "coverage_by_sector",
        _("Case-study coverage: macro-region × priority sector"),
        [
            column(_("Macro-region"), NAME),
            *[column(PrioritySector(s).label) for s in sectors],
            column(_("With a women-led entity")),
            column(_("Case studies")),
        ],
        sector_rows,
        basis=the_basis,
        notes=[
            _("Empty cells (%(n)s): %(cells)s.")
            % {"n": len(empty_cells), "cells": "; ".join(empty_cells)}
            if empty_cells
            else _("Every macro-region has a case study in every priority sector."),
            _(
                "A case study counts in its own sector and type and in those of "
                "the entities it describes."
            ),
        ],
    )
    coverage["empty_cells"] = len(empty_cells)
    coverage_types = table(
        "coverage_by_type",
        _("Case-study coverage: macro-region × SSE type"),
        [
            column(_("Macro-region"), NAME),
            *[column(short_type_label(t)) for t in SseType.values],
            column(_("Case studies")),
        ],
        type_rows,
        basis=the_basis,
        notes=[type_legend(list(SseType.values))],
    )
    listed = list(
        studies.annotate(entity_count=Count("entities"))
        .order_by("title")
        .values(
            "pk",
            "title",
            "area__name_en",
            "priority_sector",
            "sse_type",
            "entity_count",
            "consent_given",
        )[:LIST_LIMIT]
    )
    # Each entity's local and English names, as separate lines of the cell.
    names: dict[int, list[str]] = defaultdict(list)
    for study, name_local, name_en, visibility in (
        CaseStudy.entities.through.objects.filter(
            casestudy_id__in=[s["pk"] for s in listed]
        )
        .order_by("casestudy_id", "entity__code")
        .values_list(
            "casestudy_id",
            "entity__name_local",
            "entity__name_en",
            "entity__visibility",
        )[: LIST_LIMIT * 5]
    ):
        shown = withheld_name(
            {"name_local": name_local, "name_en": name_en, "visibility": visibility}
        )
        names[study] += [part for part in shown if part]
    study_rows = [
        row(
            [
                s["title"],
                s["area__name_en"] or NOT_GIVEN,
                PrioritySector(s["priority_sector"]).label
                if s["priority_sector"]
                else NOT_GIVEN,
                type_label(s["sse_type"]) if s["sse_type"] else NOT_GIVEN,
                names[s["pk"]][:10] or NOT_GIVEN,
            ]
        )
        for s in listed
    ]
    overview = table(
        "case_studies",
        _("Case studies"),
        [
            column(_("Case study"), TEXT),
            column(_("Area"), TEXT),
            column(_("Priority sector"), TEXT),
            column(_("SSE type"), TEXT),
            column(_("Entities described"), TEXT),
        ],
        study_rows,
        basis=the_basis,
    )
    return CaseStudies(
        [overview, coverage, coverage_types],
        n=n,
        empty_cells=len(empty_cells),
        regions=len(regions),
    )
