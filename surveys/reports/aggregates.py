"""Every table of a country mapping report, computed in the database.

Each table comes from one grouped query with conditional aggregates (plus, for the
medians, one windowed query), so the number of queries is fixed whatever the number of
entities, and no country's records are loaded into Python. Only the small grouped
results are shaped here.

What counts (the method note in the report says the same):
- Validated findings only: `workflow_state = validated` and `updated_at ≤ cut-off`.
  Any later edit of a validated record sends it back to draft, and validating it
  again moves `updated_at`, so this keeps exactly what stood validated at the cut-off.
- Figures: each entity's latest reference year (one row per entity, picked in SQL
  with NOT EXISTS a later year).
- Areas: current first-level units; an entity on a unit that was merged away (Viet Nam
  2025) counts under `area.replaced_by`.
- Principles: each criterion's ratings, and each principle's rating by the weakest-
  criterion rule of `surveys.principles.principle_rating` (P3.3 is a flag only),
  written as one SQL CASE.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countries.models import AdminArea, Country, MacroRegion
from countries.vocabularies import (
    CapacityGapCategory,
    Classification,
    PrioritySector,
    Rating,
    RegistrationStatus,
    SourceKind,
    SseType,
    Treatment,
    WorkflowState,
)
from surveys.models import (
    DEFINITION_ELEMENTS,
    CapacityGap,
    CaseStudy,
    DefinitionElement,
    Entity,
    EntityFigures,
    NationalDefinition,
    WorkflowRecord,
)
from surveys.principles import CRITERIA, FLAG_ONLY, PRINCIPLES
from surveys.reports.tables import (
    NAME,
    NUM,
    PCT,
    TEXT,
    basis,
    column,
    row,
    share,
    table,
)

# Column headings for SSE types: ten full labels do not fit across an A4 page.
SHORT_TYPE_LABELS: dict[str, Any] = {
    SseType.COOP: gettext_lazy("Coop."),
    SseType.PRECOOP: gettext_lazy("Pre-coop."),
    SseType.SCC: gettext_lazy("Savings & credit"),
    SseType.ASSOC: gettext_lazy("Assoc./NGO/CBO"),
    SseType.MUTUAL: gettext_lazy("Mutual"),
    SseType.FOUND: gettext_lazy("Found."),
    SseType.SE: gettext_lazy("Social ent."),
    SseType.SHG: gettext_lazy("Self-help group"),
    SseType.CE: gettext_lazy("Community ent."),
    SseType.OTHER: gettext_lazy("Other"),
}
NOT_GIVEN = "—"

COHORTS: tuple[tuple[str, Any, int | None, int | None], ...] = (
    ("pre1990", gettext_lazy("Before 1990"), None, 1989),
    ("1990_2009", gettext_lazy("1990–2009"), 1990, 2009),
    ("2010_2019", gettext_lazy("2010–2019"), 2010, 2019),
    ("2020", gettext_lazy("2020 and later"), 2020, None),
)

# People counted by sex in the figures (EntityFigures.<group>_total/_women/_men).
EMPLOYMENT_GROUPS: tuple[tuple[str, Any], ...] = (
    ("employees", gettext_lazy("Employees")),
    ("worker_members", gettext_lazy("Worker-members")),
    ("producer_members", gettext_lazy("Producer-members")),
    ("volunteers", gettext_lazy("Volunteers")),
)
PEOPLE = ("members", *(g for g, _label in EMPLOYMENT_GROUPS), "board")

# Size classes of turnover and assets, in each currency: about USD 10 000, 100 000 and
# 1 000 000 at indicative 2025 rates, rounded. Recorded in the report's notes.
SIZE_BOUNDS: dict[str, tuple[int, int, int]] = {
    "USD": (10_000, 100_000, 1_000_000),
    "THB": (350_000, 3_500_000, 35_000_000),
    "KHR": (40_000_000, 400_000_000, 4_000_000_000),
    "KGS": (900_000, 9_000_000, 90_000_000),
    "MNT": (35_000_000, 350_000_000, 3_500_000_000),
    "VND": (250_000_000, 2_500_000_000, 25_000_000_000),
}
SIZE_CLASSES: tuple[tuple[str, Any], ...] = (
    ("micro", gettext_lazy("Under ≈ USD 10k")),
    ("small", gettext_lazy("≈ USD 10k–100k")),
    ("medium", gettext_lazy("≈ USD 100k–1M")),
    ("large", gettext_lazy("≈ USD 1M and over")),
)

# The lists in a report are for the committee's attention, not a register: capped in
# the workbook, and shorter in the page and the PDF.
LIST_LIMIT = 200
DISPLAY_LIMIT = 50
PRIORITY_SECTIONS = {"A", "B", "F"}  # ISIC sections holding the priority divisions
SECTOR_FLAGS: dict[str, str] = {
    PrioritySector.FARM_SMALL: "sector_farm_small",
    PrioritySector.ASM: "sector_asm",
    PrioritySector.CONSTRUCTION: "sector_construction",
}


@dataclass(frozen=True)
class Scope:
    """Whose findings a report counts: one country's, validated by the cut-off."""

    country: Country
    cutoff: datetime.datetime


def validated(model: type[WorkflowRecord], scope: Scope) -> QuerySet[Any]:
    return model.objects.filter(
        country=scope.country,
        workflow_state=WorkflowState.VALIDATED,
        updated_at__lte=scope.cutoff,
    )


def latest_figures(entities: QuerySet[Entity]) -> QuerySet[EntityFigures]:
    """One row per entity: its figures of the latest reference year."""
    later = EntityFigures.objects.filter(
        entity=OuterRef("entity"), reference_year__gt=OuterRef("reference_year")
    )
    return EntityFigures.objects.filter(entity__in=entities.values("pk")).filter(
        ~Exists(later)
    )


def type_label(code: str) -> str:
    return str(SseType(code).label) if code in SseType.values else _("Type not given")


def short_type_label(code: str) -> str:
    return str(SHORT_TYPE_LABELS.get(code, NOT_GIVEN))


def type_counts(prefix: str = "") -> dict[str, Count]:
    """`t_<TYPE>`: how many rows per SSE type (through `prefix`, e.g. "entity__")."""
    return {
        f"t_{code}": Count("pk", filter=Q(**{f"{prefix}sse_type": code}))
        for code in SseType.values
    }


def present_types(grouped: Iterable[dict[str, Any]]) -> list[str]:
    """The SSE types with at least one entity in a `type_counts` result."""
    totals: dict[str, int] = defaultdict(int)
    for values in grouped:
        for code in SseType.values:
            totals[code] += values.get(f"t_{code}") or 0
    return [code for code in SseType.values if totals[code]]


def current_area_fields(prefix: str = "") -> dict[str, Any]:
    """The current first-level unit of an entity, through the crosswalk: an entity on
    a unit merged into another counts under the unit that replaced it."""
    return {
        "area_key": Coalesce(F(f"{prefix}area__replaced_by"), F(f"{prefix}area")),
        "area_en": Coalesce(
            F(f"{prefix}area__replaced_by__name_en"), F(f"{prefix}area__name_en")
        ),
        "area_local": Coalesce(
            F(f"{prefix}area__replaced_by__name_local"), F(f"{prefix}area__name_local")
        ),
    }


def area_label(values: dict[str, Any]) -> str:
    if values["area_key"] is None:
        return _("Area not given")
    if values["area_local"] and values["area_local"] != values["area_en"]:
        return f"{values['area_en']} ({values['area_local']})"
    return str(values["area_en"])


def medians(
    rows: QuerySet[Any], value: str, **groups: Any
) -> dict[tuple[Any, ...], float]:
    """The median of `value` within each group (keyed by the tuple of the `groups`
    values), in one windowed query that returns only the one or two middle rows of
    each group: those with 2·rank between count and count + 2."""
    partition = list(groups.values())
    middle = (
        # No default ordering: it would join back to the entity and sort on disk.
        rows.order_by()
        .filter(**{f"{value}__isnull": False})
        .annotate(
            **groups,
            median_value=F(value),
            twice_rank=Window(
                RowNumber(), partition_by=partition or None, order_by=F(value).asc()
            )
            * 2,
            n_in_group=Window(Count("pk"), partition_by=partition or None),
        )
        .filter(twice_rank__gte=F("n_in_group"), twice_rank__lte=F("n_in_group") + 2)
        .values_list(*groups, "median_value")
    )
    found: dict[tuple[Any, ...], list[float]] = defaultdict(list)
    for *key, median_value in middle:
        found[tuple(key)].append(float(median_value))
    return {key: sum(v) / len(v) for key, v in found.items()}


def people_sums(prefix: str) -> dict[str, Any]:
    """n, total, women, men and not disaggregated (total − women − men) for one group
    of people, over the rows where its total is known."""
    total = f"{prefix}_total"
    known = Q(**{f"{total}__isnull": False})
    # Named s_<field> because an annotation may not shadow the field it sums;
    # `unprefixed` takes the s_ off again.
    return {
        f"s_{prefix}_n": Count("pk", filter=known),
        f"s_{prefix}_total": Sum(total),
        f"s_{prefix}_women": Sum(f"{prefix}_women", filter=known),
        f"s_{prefix}_men": Sum(f"{prefix}_men", filter=known),
        f"s_{prefix}_unknown": Sum(
            F(total)
            - Coalesce(F(f"{prefix}_women"), 0)
            - Coalesce(F(f"{prefix}_men"), 0)
        ),
    }


def figures_aggregates() -> dict[str, Any]:
    aggregates: dict[str, Any] = {
        "n": Count("pk"),
        "year_min": Min("reference_year"),
        "year_max": Max("reference_year"),
        "chair_women": Count("pk", filter=Q(chair_sex="F")),
        "chair_men": Count("pk", filter=Q(chair_sex="M")),
        "manager_women": Count("pk", filter=Q(manager_sex="F")),
        "manager_men": Count("pk", filter=Q(manager_sex="M")),
        "women_led": Count("pk", filter=Q(entity__women_led=True)),
        "not_women_led": Count("pk", filter=Q(entity__women_led=False)),
        "members_by_sex": Count(
            "pk",
            filter=Q(
                members_total__isnull=False,
                members_women__isnull=False,
                members_men__isnull=False,
            ),
        ),
    }
    for prefix in PEOPLE:
        aggregates.update(people_sums(prefix))
    return aggregates


def unprefixed(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key.removeprefix("s_"): value for key, value in values.items()}


def _sum(rows: Iterable[Mapping[str, Any]], key: str) -> Any:
    values = [
        r[key]
        for r in rows
        if isinstance(r.get(key), int | float | Decimal)
        and not isinstance(r[key], bool)
    ]
    return sum(values) if values else None


def total_of(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The total row of grouped figures: sums, and the widest span of years."""
    keys = {k for r in rows for k in r}
    found = {k: _sum(rows, k) for k in keys if k not in ("year_min", "year_max")}
    years_min = [r["year_min"] for r in rows if r.get("year_min")]
    years_max = [r["year_max"] for r in rows if r.get("year_max")]
    found["year_min"] = min(years_min) if years_min else None
    found["year_max"] = max(years_max) if years_max else None
    return found


def not_disaggregated_share(values: dict[str, Any], groups: Iterable[str]) -> Any:
    total = sum(values.get(f"{g}_total") or 0 for g in groups)
    unknown = sum(values.get(f"{g}_unknown") or 0 for g in groups)
    return share(unknown, total)


def years(values: Mapping[str, Any]) -> str:
    low, high = values.get("year_min"), values.get("year_max")
    if low is None:
        return _("no figures")
    return str(low) if low == high else f"{low}–{high}"


# --- The report --------------------------------------------------------------------


class CountryReport:
    """Computes a country's tables. Each method runs one grouped query (or two, for
    medians) and returns finished tables."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.entities = validated(Entity, scope)
        self.figures = latest_figures(self.entities)
        self.cutoff_label = date_format(scope.cutoff, "DATE_FORMAT")
        self.reference = _("validated records at the cut-off, %(date)s") % {
            "date": self.cutoff_label
        }
        self.records_source = _(
            "entity records validated by the national advisory committee"
        )
        self.figure_sources = ""
        self.figure_years = ""

    def population(self, n: int) -> str:
        return _("%(n)s validated entities") % {"n": n}

    # --- landscape -------------------------------------------------------------------

    def by_type_and_registration(self) -> tuple[dict[str, Any], dict[str, Any]]:
        statuses = [*RegistrationStatus.values, ""]
        grouped = list(
            self.entities.values("sse_type")
            .annotate(
                n=Count("pk"),
                **{
                    f"s_{status or 'none'}": Count(
                        "pk", filter=Q(registration_status=status)
                    )
                    for status in statuses
                },
                **{
                    f"c_{code}": Count("pk", filter=Q(classification=code))
                    for code in Classification.values
                },
                led_by_women=Count("pk", filter=Q(women_led=True)),
                not_led_by_women=Count("pk", filter=Q(women_led=False)),
            )
            .order_by()
        )
        order = {code: i for i, code in enumerate(SseType.values)}
        grouped.sort(key=lambda g: order.get(g["sse_type"], len(order)))
        n = sum(g["n"] for g in grouped)
        status_labels = [
            *[RegistrationStatus(s).label for s in RegistrationStatus.values],
            _("Not given"),
        ]
        columns = [
            column(_("SSE type"), TEXT),
            *[column(label) for label in status_labels],
            column(_("Total")),
            column(_("Share of all"), PCT),
        ]
        rows = []
        for g in grouped:
            counts = [g[f"s_{s or 'none'}"] for s in statuses]
            rows.append(
                row([type_label(g["sse_type"]), *counts, g["n"], share(g["n"], n)])
            )
        totals = [sum(g[f"s_{s or 'none'}"] for g in grouped) for s in statuses]
        rows.append(row([_("Total"), *totals, n, share(n, n)], "total"))
        rows.append(
            row(
                [_("Share of all"), *[share(t, n) for t in totals], share(n, n), None],
                "share",
            )
        )
        registration = table(
            "type_by_registration",
            _("Entities by SSE type and registration status"),
            columns,
            rows,
            basis=basis(
                n=n,
                population=self.population(n),
                reference=self.reference,
                sources=self.records_source,
            ),
        )
        class_columns = [
            column(_("SSE type"), TEXT),
            *[column(Classification(c).label) for c in Classification.values],
            column(_("Total")),
            column(_("Share SSE"), PCT),
        ]
        class_rows = [
            row(
                [
                    type_label(g["sse_type"]),
                    *[g[f"c_{c}"] for c in Classification.values],
                    g["n"],
                    share(g[f"c_{Classification.SSE}"], g["n"]),
                ]
            )
            for g in grouped
        ]
        class_totals = [
            sum(g[f"c_{c}"] for g in grouped) for c in Classification.values
        ]
        class_rows.append(
            row(
                [
                    _("Total"),
                    *class_totals,
                    n,
                    share(class_totals[0], n),
                ],
                "total",
            )
        )
        classification = table(
            "classification_by_type",
            _("Classification against the SSE principles, by SSE type"),
            class_columns,
            class_rows,
            basis=basis(
                n=n,
                population=self.population(n),
                reference=self.reference,
                sources=self.records_source,
            ),
            notes=[
                _(
                    "Classified by the rule of the national definition in force: SSE "
                    "when P1–P4 are each met or partly met; outside when P3 or P4 is "
                    "not met, or two or more principles are not met; borderline "
                    "otherwise."
                )
            ],
        )
        self._type_rows = grouped
        return registration, classification

    def by_area(self) -> dict[str, Any]:
        grouped = list(
            self.entities.values(**current_area_fields())
            .annotate(
                n=Count("pk"),
                via_crosswalk=Count("pk", filter=Q(area__replaced_by__isnull=False)),
                **type_counts(),
            )
            .order_by()
        )
        grouped.sort(key=lambda g: (g["area_key"] is None, str(g["area_en"] or "")))
        types = present_types(grouped)
        n = sum(g["n"] for g in grouped)
        current_units = (
            AdminArea.objects.current(self.scope.cutoff.date())
            .filter(country=self.scope.country, level=1)
            .count()
        )
        with_entities = sum(1 for g in grouped if g["area_key"] is not None)
        via_crosswalk = sum(g["via_crosswalk"] for g in grouped)
        columns = [
            column(_("First-level area"), NAME),
            *[column(short_type_label(t)) for t in types],
            column(_("Total")),
            column(_("Share of all"), PCT),
        ]
        rows = [
            row(
                [
                    area_label(g),
                    *[g[f"t_{t}"] for t in types],
                    g["n"],
                    share(g["n"], n),
                ]
            )
            for g in grouped
        ]
        rows.append(
            row(
                [
                    _("Total"),
                    *[sum(g[f"t_{t}"] for g in grouped) for t in types],
                    n,
                    share(n, n),
                ],
                "total",
            )
        )
        notes = [
            _(
                "%(with)s of the %(units)s current first-level units have at least "
                "one validated entity."
            )
            % {"with": with_entities, "units": current_units},
        ]
        if via_crosswalk:
            notes.append(
                _(
                    "%(n)s entities recorded on units that have since been merged are "
                    "counted under the unit that replaced them."
                )
                % {"n": via_crosswalk}
            )
        notes.append(self.type_legend(types))
        self._area_types = types
        return table(
            "area_by_type",
            _("Entities by first-level area and SSE type"),
            columns,
            rows,
            basis=basis(
                n=n,
                population=self.population(n),
                reference=self.reference,
                sources=self.records_source,
            ),
            notes=notes,
        )

    def by_macro_region(self) -> dict[str, Any]:
        grouped = {
            g["region"]: g
            for g in self.entities.values(
                region=Coalesce(
                    F("area__replaced_by__macro_region"), F("area__macro_region")
                )
            )
            .annotate(n=Count("pk"), **type_counts())
            .order_by()
        }
        regions = list(
            MacroRegion.objects.filter(country=self.scope.country)
            .order_by("code")
            .values_list("pk", "name_en", "name_local")
        )
        types = present_types(grouped.values())
        n = sum(g["n"] for g in grouped.values())
        empty: dict[str, Any] = {"n": 0}
        rows = []
        for pk, name_en, name_local in regions:
            g = grouped.get(pk, empty)
            label = f"{name_en} ({name_local})" if name_local else name_en
            rows.append(
                row(
                    [
                        label,
                        *[g.get(f"t_{t}", 0) for t in types],
                        g["n"],
                        share(g["n"], n),
                    ]
                )
            )
        if None in grouped:
            g = grouped[None]
            rows.append(
                row(
                    [
                        _("Area not given"),
                        *[g[f"t_{t}"] for t in types],
                        g["n"],
                        share(g["n"], n),
                    ]
                )
            )
        rows.append(
            row(
                [
                    _("Total"),
                    *[sum(g.get(f"t_{t}", 0) for g in grouped.values()) for t in types],
                    n,
                    share(n, n),
                ],
                "total",
            )
        )
        return table(
            "region_by_type",
            _("Entities by macro-region and SSE type"),
            [
                column(_("Macro-region"), NAME),
                *[column(short_type_label(t)) for t in types],
                column(_("Total")),
                column(_("Share of all"), PCT),
            ],
            rows,
            basis=basis(
                n=n,
                population=self.population(n),
                reference=self.reference,
                sources=self.records_source,
            ),
            notes=[self.type_legend(types)],
        )

    def by_sector(self) -> tuple[dict[str, Any], dict[str, Any]]:
        grouped = list(
            self.entities.values(
                section=F("main_activity__section"),
                section_title=F("main_activity__section__title"),
            )
            .annotate(n=Count("pk"), **type_counts())
            .order_by("section")
        )
        grouped.sort(key=lambda g: (g["section"] is None, g["section"] or ""))
        types = present_types(grouped)
        n = sum(g["n"] for g in grouped)
        rows = []
        for g in grouped:
            label = (
                f"{g['section']} {g['section_title']}"
                if g["section"]
                else _("Main activity not given")
            )
            rows.append(
                row(
                    [label, *[g[f"t_{t}"] for t in types], g["n"], share(g["n"], n)],
                    "priority" if g["section"] in PRIORITY_SECTIONS else "",
                )
            )
        rows.append(
            row(
                [
                    _("Total"),
                    *[sum(g[f"t_{t}"] for g in grouped) for t in types],
                    n,
                    share(n, n),
                ],
                "total",
            )
        )
        sections = table(
            "section_by_type",
            _("Entities by ISIC Rev.4 section of the main activity, and SSE type"),
            [
                column(_("ISIC section"), TEXT),
                *[column(short_type_label(t)) for t in types],
                column(_("Total")),
                column(_("Share of all"), PCT),
            ],
            rows,
            basis=basis(
                n=n,
                population=self.population(n),
                reference=self.reference,
                sources=self.records_source,
            ),
            notes=[
                _(
                    "Highlighted: the sections that hold the priority sectors "
                    "(A agriculture, B mining, F construction)."
                ),
                self.type_legend(types),
            ],
        )
        flags = self.entities.aggregate(
            n=Count("pk"),
            **{
                f"{sector}_{code}": Count("pk", filter=Q(**{flag: True}, sse_type=code))
                for sector, flag in SECTOR_FLAGS.items()
                for code in SseType.values
            },
            **{
                f"{sector}_all": Count("pk", filter=Q(**{flag: True}))
                for sector, flag in SECTOR_FLAGS.items()
            },
        )
        sector_types = [
            t for t in SseType.values if any(flags[f"{s}_{t}"] for s in SECTOR_FLAGS)
        ]
        priority_rows = [
            row(
                [
                    PrioritySector(sector).label,
                    *[flags[f"{sector}_{t}"] for t in sector_types],
                    flags[f"{sector}_all"],
                    share(flags[f"{sector}_all"], flags["n"]),
                ],
                "priority",
            )
            for sector in SECTOR_FLAGS
        ]
        priorities = table(
            "priority_sectors",
            _("Entities in the priority sectors, by SSE type"),
            [
                column(_("Priority sector"), TEXT),
                *[column(short_type_label(t)) for t in sector_types],
                column(_("Entities")),
                column(_("Share of all"), PCT),
            ],
            priority_rows,
            basis=basis(
                n=flags["n"],
                population=self.population(flags["n"]),
                reference=self.reference,
                sources=self.records_source,
            ),
            notes=[
                _(
                    "From the main and other activities: small-scale farming ISIC "
                    "A01–A03, artisanal and small-scale mining B05–B09, construction "
                    "F41–F43. An entity can be in more than one priority sector."
                ),
                self.type_legend(sector_types),
            ],
        )
        self._priority = flags
        return sections, priorities

    def by_cohort(self) -> dict[str, Any]:
        def in_cohort(low: int | None, high: int | None) -> Q:
            condition = Q(year_established__isnull=False)
            if low is not None:
                condition &= Q(year_established__gte=low)
            if high is not None:
                condition &= Q(year_established__lte=high)
            return condition

        grouped = list(
            self.entities.values("sse_type")
            .annotate(
                n=Count("pk"),
                **{
                    f"y_{key}": Count("pk", filter=in_cohort(low, high))
                    for key, _label, low, high in COHORTS
                },
                y_none=Count("pk", filter=Q(year_established__isnull=True)),
            )
            .order_by()
        )
        order = {code: i for i, code in enumerate(SseType.values)}
        grouped.sort(key=lambda g: order.get(g["sse_type"], len(order)))
        keys = [f"y_{key}" for key, *_rest in COHORTS] + ["y_none"]
        n = sum(g["n"] for g in grouped)
        rows = [
            row([type_label(g["sse_type"]), *[g[k] for k in keys], g["n"]])
            for g in grouped
        ]
        totals = [sum(g[k] for g in grouped) for k in keys]
        rows.append(row([_("Total"), *totals, n], "total"))
        rows.append(
            row([_("Share of all"), *[share(t, n) for t in totals], None], "share")
        )
        return table(
            "cohort_by_type",
            _("Entities by year established, and SSE type"),
            [
                column(_("SSE type"), TEXT),
                *[column(label) for _key, label, *_rest in COHORTS],
                column(_("Year not given")),
                column(_("Total")),
            ],
            rows,
            basis=basis(
                n=n,
                population=self.population(n),
                reference=self.reference,
                sources=self.records_source,
            ),
        )

    # --- people --------------------------------------------------------------------

    def figure_basis(self) -> None:
        """The sources and reference years behind the figures, for every people table."""
        grouped = list(
            self.figures.values("source", "source__title")
            .annotate(
                n=Count("pk"),
                year_min=Min("reference_year"),
                year_max=Max("reference_year"),
            )
            .order_by("-n", "source__title")
        )
        parts = [
            f"{g['source__title']} ({g['n']})"
            if g["source__title"]
            else _("source not given (%(n)s)") % {"n": g["n"]}
            for g in grouped
        ]
        self._sources = grouped
        self.figure_sources = "; ".join(parts) or _("no figures recorded")
        self.figure_years = years(total_of(grouped)) if grouped else _("no figures")

    def people_reference(self, values: dict[str, Any]) -> str:
        return _("latest reference year of each entity: %(years)s") % {
            "years": years(values)
        }

    def people(self) -> list[dict[str, Any]]:
        by_type = [
            unprefixed(g)
            for g in self.figures.values(sse_type=F("entity__sse_type"))
            .annotate(**figures_aggregates())
            .order_by()
        ]
        order = {code: i for i, code in enumerate(SseType.values)}
        by_type.sort(key=lambda g: order.get(g["sse_type"], len(order)))
        by_area = [
            unprefixed(g)
            for g in self.figures.values(**current_area_fields("entity__"))
            .annotate(**figures_aggregates())
            .order_by()
        ]
        by_area.sort(key=lambda g: (g["area_key"] is None, str(g["area_en"] or "")))
        member_medians_type = medians(
            self.figures, "members_total", g_type=F("entity__sse_type")
        )
        member_medians_area = medians(
            self.figures,
            "members_total",
            g_area=Coalesce(F("entity__area__replaced_by"), F("entity__area")),
        )
        member_median_all = medians(self.figures, "members_total").get(())
        total = total_of(by_type)
        self._people_total = total
        self._people_by_type = by_type
        self._member_median = member_median_all
        labelled_type = [
            (type_label(g["sse_type"]), g, member_medians_type.get((g["sse_type"],)))
            for g in by_type
        ]
        labelled_area = [
            (area_label(g), g, member_medians_area.get((g["area_key"],)))
            for g in by_area
        ]
        return [
            self.members_table(
                "members_by_type",
                _("Members by sex and SSE type"),
                _("SSE type"),
                labelled_type,
                total,
                member_median_all,
            ),
            self.members_table(
                "members_by_area",
                _("Members by sex and first-level area"),
                _("First-level area"),
                labelled_area,
                total,
                member_median_all,
            ),
            self.employment_by_type(labelled_type, total),
            self.employment_by_area(labelled_area, total),
            self.leadership_table(
                "leadership_by_type",
                _("Leadership by sex and SSE type"),
                _("SSE type"),
                labelled_type,
                total,
            ),
            self.leadership_table(
                "leadership_by_area",
                _("Leadership by sex and first-level area"),
                _("First-level area"),
                labelled_area,
                total,
            ),
        ]

    def members_table(
        self,
        key: str,
        title: Any,
        heading: Any,
        groups: list[tuple[str, dict[str, Any], float | None]],
        total: dict[str, Any],
        median_all: float | None,
    ) -> dict[str, Any]:
        def cells(label: str, g: dict[str, Any], median: float | None) -> list[Any]:
            women, men = g.get("members_women") or 0, g.get("members_men") or 0
            return [
                label,
                g.get("members_n") or 0,
                g.get("members_total"),
                g.get("members_women"),
                g.get("members_men"),
                g.get("members_unknown"),
                share(women, women + men),
                share(g.get("members_unknown"), g.get("members_total")),
                median,
            ]

        rows = [row(cells(label, g, median)) for label, g, median in groups]
        rows.append(row(cells(str(_("Total")), total, median_all), "total"))
        n = total.get("members_n") or 0
        return table(
            key,
            title,
            [
                column(heading, NAME),
                column(_("Entities reporting")),
                column(_("Members")),
                column(_("Women")),
                column(_("Men")),
                column(_("Not disaggregated")),
                column(_("% women (of known sex)"), PCT),
                column(_("% not disaggregated"), PCT),
                column(_("Median members per entity"), NUM),
            ],
            rows,
            basis=basis(
                n=n,
                population=_("%(n)s validated entities reporting members") % {"n": n},
                reference=self.people_reference(total),
                sources=self.figure_sources,
                not_disaggregated=share(
                    total.get("members_unknown"), total.get("members_total")
                ),
            ),
            notes=[
                _(
                    "Not disaggregated: people counted in a total but not as women or "
                    "men (total − women − men)."
                )
            ],
        )

    def employment_by_type(
        self,
        groups: list[tuple[str, dict[str, Any], float | None]],
        total: dict[str, Any],
    ) -> dict[str, Any]:
        rows = []
        for label, g, _median in [*groups, (str(_("Total")), total, None)]:
            kind = "total" if g is total else ""
            for prefix, group_label in EMPLOYMENT_GROUPS:
                if not g.get(f"{prefix}_n") and kind != "total":
                    continue  # nobody of this type reported this group
                women, men = g.get(f"{prefix}_women") or 0, g.get(f"{prefix}_men") or 0
                rows.append(
                    row(
                        [
                            label,
                            group_label,
                            g.get(f"{prefix}_n") or 0,
                            g.get(f"{prefix}_total"),
                            g.get(f"{prefix}_women"),
                            g.get(f"{prefix}_men"),
                            g.get(f"{prefix}_unknown"),
                            share(women, women + men),
                            share(g.get(f"{prefix}_unknown"), g.get(f"{prefix}_total")),
                        ],
                        kind,
                    )
                )
        groups_all = [p for p, _label in EMPLOYMENT_GROUPS]
        n = total.get("n") or 0
        found = table(
            "employment_by_type",
            _("Employment by sex and SSE type"),
            [
                column(_("SSE type"), TEXT),
                column(_("Group"), TEXT),
                column(_("Entities reporting")),
                column(_("Total")),
                column(_("Women")),
                column(_("Men")),
                column(_("Not disaggregated")),
                column(_("% women (of known sex)"), PCT),
                column(_("% not disaggregated"), PCT),
            ],
            rows,
            basis=basis(
                n=n,
                population=_("%(n)s validated entities with figures") % {"n": n},
                reference=self.people_reference(total),
                sources=self.figure_sources,
                not_disaggregated=not_disaggregated_share(total, groups_all),
            ),
            notes=[
                _(
                    "Worker-members and producer-members work within the scope of "
                    "the entity (ICLS 2018 guidelines); employees are paid staff."
                )
            ],
        )
        found["group_rows"] = True
        return found

    def employment_by_area(
        self,
        groups: list[tuple[str, dict[str, Any], float | None]],
        total: dict[str, Any],
    ) -> dict[str, Any]:
        groups_all = [p for p, _label in EMPLOYMENT_GROUPS]

        def cells(label: str, g: dict[str, Any]) -> list[Any]:
            found: list[Any] = [label, g.get("n") or 0]
            for prefix in groups_all:
                women, men = g.get(f"{prefix}_women") or 0, g.get(f"{prefix}_men") or 0
                found += [g.get(f"{prefix}_total"), share(women, women + men)]
            found.append(not_disaggregated_share(g, groups_all))
            return found

        rows = [row(cells(label, g)) for label, g, _m in groups]
        rows.append(row(cells(str(_("Total")), total), "total"))
        columns = [
            column(_("First-level area"), NAME),
            column(_("Entities with figures")),
        ]
        for _prefix, label in EMPLOYMENT_GROUPS:
            columns += [column(label), column(_("% women"), PCT)]
        columns.append(column(_("% not disaggregated"), PCT))
        n = total.get("n") or 0
        return table(
            "employment_by_area",
            _("Employment by first-level area, with the share of women"),
            columns,
            rows,
            basis=basis(
                n=n,
                population=_("%(n)s validated entities with figures") % {"n": n},
                reference=self.people_reference(total),
                sources=self.figure_sources,
                not_disaggregated=not_disaggregated_share(total, groups_all),
            ),
            notes=[_("% women: of the people whose sex is recorded.")],
        )

    def leadership_table(
        self,
        key: str,
        title: Any,
        heading: Any,
        groups: list[tuple[str, dict[str, Any], float | None]],
        total: dict[str, Any],
    ) -> dict[str, Any]:
        def cells(label: str, g: dict[str, Any]) -> list[Any]:
            women, men = g.get("board_women") or 0, g.get("board_men") or 0
            chairs = (g.get("chair_women") or 0) + (g.get("chair_men") or 0)
            managers = (g.get("manager_women") or 0) + (g.get("manager_men") or 0)
            led_known = (g.get("women_led") or 0) + (g.get("not_women_led") or 0)
            return [
                label,
                g.get("n") or 0,
                g.get("board_total"),
                g.get("board_women"),
                g.get("board_men"),
                g.get("board_unknown"),
                share(women, women + men),
                share(g.get("chair_women"), chairs),
                share(g.get("manager_women"), managers),
                g.get("women_led") or 0,
                share(g.get("women_led"), led_known),
                (g.get("n") or 0) - led_known,
            ]

        rows = [row(cells(label, g)) for label, g, _m in groups]
        rows.append(row(cells(str(_("Total")), total), "total"))
        n = total.get("n") or 0
        return table(
            key,
            title,
            [
                column(heading, NAME),
                column(_("Entities with figures")),
                column(_("Board seats")),
                column(_("Women")),
                column(_("Men")),
                column(_("Not disaggregated")),
                column(_("% women on boards"), PCT),
                column(_("% woman chair"), PCT),
                column(_("% woman manager"), PCT),
                column(_("Women-led")),
                column(_("% women-led"), PCT),
                column(_("Women-led not known")),
            ],
            rows,
            basis=basis(
                n=n,
                population=_("%(n)s validated entities with figures") % {"n": n},
                reference=self.people_reference(total),
                sources=self.figure_sources,
                not_disaggregated=share(
                    total.get("board_unknown"), total.get("board_total")
                ),
            ),
            notes=[
                _(
                    "Women-led: a woman chairs or manages the entity, or women hold at "
                    "least half of the board seats. Shares of chairs, managers and "
                    "women-led entities are of the entities where it is known."
                )
            ],
        )

    # --- economic size -------------------------------------------------------------

    def economic_size(self) -> dict[str, Any]:
        def size_class(measure: str, index: int) -> Q:
            condition = Q(pk__in=[])
            for currency, bounds in SIZE_BOUNDS.items():
                low = bounds[index - 1] if index > 0 else None
                high = bounds[index] if index < len(bounds) else None
                part = Q(currency=currency, **{f"{measure}__isnull": False})
                if low is not None:
                    part &= Q(**{f"{measure}__gte": low})
                if high is not None:
                    part &= Q(**{f"{measure}__lt": high})
                condition |= part
            return condition

        measures = {"turnover": _("Turnover"), "assets": _("Total assets")}
        aggregates: dict[str, Any] = {}
        for measure in measures:
            aggregates[f"{measure}_n"] = Count(
                "pk", filter=Q(**{f"{measure}__isnull": False})
            )
            aggregates[f"{measure}_sum"] = Sum(measure)
            for index, (size, _label) in enumerate(SIZE_CLASSES):
                aggregates[f"{measure}_{size}"] = Count(
                    "pk", filter=size_class(measure, index)
                )
        grouped = cast(
            list[dict[str, Any]],
            list(
                self.figures.exclude(currency="")
                .values("currency", "reference_year")
                .annotate(**aggregates)
                .order_by("currency", "-reference_year")
            ),
        )
        with_currency = self.figures.exclude(currency="")
        found_medians = {
            measure: medians(
                with_currency,
                measure,
                g_currency=F("currency"),
                g_year=F("reference_year"),
            )
            for measure in measures
        }
        rows = []
        for measure, label in measures.items():
            for g in grouped:
                if not g[f"{measure}_n"]:
                    continue
                rows.append(
                    row(
                        [
                            label,
                            g["currency"],
                            str(g["reference_year"]),
                            g[f"{measure}_n"],
                            g[f"{measure}_sum"],
                            found_medians[measure].get(
                                (g["currency"], g["reference_year"])
                            ),
                            *[g[f"{measure}_{size}"] for size, _l in SIZE_CLASSES],
                        ]
                    )
                )
        reporting = sum(g["turnover_n"] for g in grouped)
        bounds = "; ".join(
            f"{currency}: " + " / ".join(f"{b:,}" for b in SIZE_BOUNDS[currency])
            for currency in sorted({g["currency"] for g in grouped})
            if currency in SIZE_BOUNDS
        )
        return table(
            "economic_size",
            _("Economic size: turnover and assets, by currency and reference year"),
            [
                column(_("Measure"), TEXT),
                column(_("Currency"), TEXT),
                column(_("Reference year"), TEXT),
                column(_("Entities reporting")),
                column(_("Total"), NUM),
                column(_("Median"), NUM),
                *[column(label) for _size, label in SIZE_CLASSES],
            ],
            rows,
            basis=basis(
                n=reporting,
                population=_("%(n)s validated entities reporting turnover")
                % {"n": reporting},
                reference=self.people_reference(
                    total_of(
                        [
                            {
                                "year_min": g["reference_year"],
                                "year_max": g["reference_year"],
                            }
                            for g in grouped
                        ]
                    )
                ),
                sources=self.figure_sources,
            ),
            notes=[
                _(
                    "Amounts in the currency recorded, never converted; each entity's "
                    "latest reference year. Size-class bounds (about USD 10 000, "
                    "100 000 and 1 000 000 at indicative rates): %(bounds)s."
                )
                % {"bounds": bounds or "—"}
            ],
        )

    # --- principles ----------------------------------------------------------------

    def principles(self) -> list[dict[str, Any]]:
        ratings = Rating.values
        criteria_counts = {
            f"{c.field}_{rating}": Count("pk", filter=rated(c.field, rating))
            for c in CRITERIA
            for rating in ratings
        }
        principle_cases = {f"pr_{code}": principle_case(code) for code in PRINCIPLES}
        principle_counts = {
            f"{code}_{rating}": Count("pk", filter=Q(**{f"pr_{code}": rating}))
            for code in PRINCIPLES
            for rating in ratings
        }
        grouped = list(
            self.entities.annotate(**principle_cases)
            .values("sse_type")
            .annotate(
                n=Count("pk"),
                assessed=Count("pk", filter=Q(assessment__isnull=False)),
                **criteria_counts,
                **principle_counts,
            )
            .order_by()
        )
        order = {code: i for i, code in enumerate(SseType.values)}
        grouped.sort(key=lambda g: order.get(g["sse_type"], len(order)))
        total = {
            k: sum(g[k] for g in grouped)
            for k in (grouped[0] if grouped else {})
            if k != "sse_type"
        }
        n = total.get("n", 0)
        assessed = total.get("assessed", 0)
        rating_columns = [column(Rating(r).label, PCT) for r in ratings]
        population = _(
            "%(n)s validated entities, %(assessed)s with a principles assessment"
        ) % {"n": n, "assessed": assessed}
        the_basis = basis(
            n=n,
            population=population,
            reference=self.reference,
            sources=_("principles assessments of the validated entity records"),
        )
        unknown_note = _(
            "Entities without an assessment count as unknown on every criterion."
        )

        def principle_row(
            label: str, code: str, g: dict[str, Any], kind: str = ""
        ) -> Any:
            return row(
                [
                    label,
                    f"{code} {PRINCIPLES[code]}",
                    g["n"],
                    *[share(g[f"{code}_{r}"], g["n"]) for r in ratings],
                ],
                kind,
            )

        principle_rows = [
            principle_row(type_label(g["sse_type"]), code, g)
            for g in grouped
            for code in PRINCIPLES
        ]
        if grouped:
            principle_rows += [
                principle_row(str(_("All types")), code, total, "total")
                for code in PRINCIPLES
            ]
        by_principle = table(
            "principles_by_type",
            _("Principles met, partly met, not met or unknown, by SSE type"),
            [
                column(_("SSE type"), TEXT),
                column(_("Principle"), TEXT),
                column(_("Entities")),
                *rating_columns,
            ],
            principle_rows,
            basis=the_basis,
            notes=[
                _(
                    "A principle is rated by its weakest criterion: not met if any "
                    "criterion is not met; met if all are met; otherwise unknown if "
                    "any is unknown, else partly met. P3.3 (dependency on one funder) "
                    "is a flag and does not decide P3."
                ),
                unknown_note,
            ],
        )

        def criterion_row(label: str, c: Any, g: dict[str, Any], kind: str = "") -> Any:
            return row(
                [
                    label,
                    f"{c.code} {c.label}",
                    g["n"],
                    *[share(g[f"{c.field}_{r}"], g["n"]) for r in ratings],
                ],
                kind,
            )

        criteria_all = table(
            "criteria",
            _("Criteria met, partly met, not met or unknown (all types)"),
            [
                column(_("Criterion"), TEXT),
                column(_("Entities")),
                *rating_columns,
            ],
            [
                row(
                    [
                        f"{c.code} {c.label}",
                        n,
                        *[share(total.get(f"{c.field}_{r}"), n) for r in ratings],
                    ],
                    "priority" if c.code in FLAG_ONLY else "",
                )
                for c in CRITERIA
            ],
            basis=the_basis,
            notes=[
                _(
                    "P3.3 not met means more than half of the income comes from one "
                    "public or donor source: a flag, not an exclusion."
                ),
                unknown_note,
            ],
        )
        criteria_by_type = table(
            "criteria_by_type",
            _("Criteria by SSE type"),
            [
                column(_("SSE type"), TEXT),
                column(_("Criterion"), TEXT),
                column(_("Entities")),
                *rating_columns,
            ],
            [
                criterion_row(type_label(g["sse_type"]), c, g)
                for g in grouped
                for c in CRITERIA
            ],
            basis=the_basis,
            notes=[unknown_note],
        )
        criteria_by_type["workbook_only"] = True
        criteria_by_type["group_rows"] = True
        by_principle["group_rows"] = True
        self._principles_total = total
        return [by_principle, criteria_all, criteria_by_type]

    def borderline(self) -> dict[str, Any]:
        entities = (
            self.entities.filter(classification=Classification.BORDERLINE)
            .annotate(**current_area_fields())
            .order_by("code")
        )
        listed = list(
            entities.values(
                "code",
                "name_local",
                "name_en",
                "visibility",
                "sse_type",
                "classification_reasons",
                "area_key",
                "area_en",
                "area_local",
            )[:LIST_LIMIT]
        )
        count = sum(
            g[f"c_{Classification.BORDERLINE}"] for g in getattr(self, "_type_rows", [])
        )
        rows = [
            row(
                [
                    e["code"],
                    withheld_name(e)[0],
                    withheld_name(e)[1],
                    type_label(e["sse_type"]),
                    area_label(e),
                    " ".join(e["classification_reasons"] or []),
                ]
            )
            for e in listed
        ]
        notes = [
            _(
                "For the committee's attention: entities whose classification is "
                "borderline. Names of entities recorded as private are withheld."
            )
        ]
        if count > len(listed):
            notes.append(
                _("The first %(shown)s of %(n)s are listed.")
                % {"shown": len(listed), "n": count}
            )
        return table(
            "borderline",
            _("Borderline entities"),
            [
                column(_("Code"), TEXT),
                column(_("Name (local script)"), NAME),
                column(_("Name (English)"), NAME),
                column(_("SSE type"), TEXT),
                column(_("First-level area"), NAME),
                column(_("Why borderline"), TEXT),
            ],
            rows,
            basis=basis(
                n=count,
                population=_("%(n)s borderline validated entities") % {"n": count},
                reference=self.reference,
                sources=self.records_source,
            ),
            notes=notes,
        )

    # --- capacity gaps, case studies ---------------------------------------------

    def capacity_gaps(self) -> list[dict[str, Any]]:
        from countries.models import NationalPriority

        gaps = validated(CapacityGap, self.scope)
        grouped = list(
            gaps.values("national_priority", "category")
            .annotate(
                n=Count("pk"),
                **{f"sev_{s}": Count("pk", filter=Q(severity=s)) for s in (1, 2, 3)},
            )
            .order_by()
        )
        priorities = list(
            NationalPriority.objects.filter(country=self.scope.country)
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

        def cells(label: str, found: dict[str, Any] | None) -> list[Any]:
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

        rows = [
            row(cells(f"{code} {title}", by_priority.get(pk)))
            for pk, code, title in priorities
        ]
        if None in by_priority:
            rows.append(
                row(
                    cells(
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
        rows.append(row(cells(str(_("Total")), totals), "total"))
        the_basis = basis(
            n=n,
            population=_("%(n)s validated capacity gaps") % {"n": n},
            reference=self.reference,
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
            )[:LIST_LIMIT]
        )
        gap_rows = [
            row(
                [
                    g["title"],
                    CapacityGapCategory(g["category"]).label,
                    g["severity"],
                    g["national_priority__code"] or NOT_GIVEN,
                    ", ".join(
                        short_type_label(t) for t in g["affected_sse_types"] or []
                    ),
                    ", ".join(
                        str(PrioritySector(s).label)
                        for s in g["affected_sectors"] or []
                        if s in PrioritySector.values
                    ),
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
            ],
            gap_rows,
            basis=the_basis,
            notes=[_("Highlighted: critical gaps (severity 3).")],
        )
        self._gaps = totals
        return [matrix, gap_list]

    def case_studies(self) -> list[dict[str, Any]]:
        studies = validated(CaseStudy, self.scope)
        region = Coalesce(
            F("area__replaced_by__macro_region"),
            F("area__macro_region"),
            F("entities__area__replaced_by__macro_region"),
            F("entities__area__macro_region"),
        )
        grouped = {
            g["region"]: g
            for g in studies.values(region=region)
            .annotate(
                n=Count("pk", distinct=True),
                **{
                    f"s_{sector}": Count(
                        "pk",
                        distinct=True,
                        filter=Q(priority_sector=sector)
                        | Q(**{f"entities__{flag}": True}),
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
                women_led=Count(
                    "pk", distinct=True, filter=Q(entities__women_led=True)
                ),
            )
            .order_by()
        }
        regions = list(
            MacroRegion.objects.filter(country=self.scope.country)
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
            sector_rows.append(
                row([name, *counts, g.get("women_led", 0), g.get("n", 0)])
            )
            type_rows.append(
                row(
                    [name, *[g.get(f"t_{t}", 0) for t in SseType.values], g.get("n", 0)]
                )
            )
        n = studies.count()
        the_basis = basis(
            n=n,
            population=_("%(n)s validated case studies") % {"n": n},
            reference=self.reference,
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
            notes=[self.type_legend(list(SseType.values))],
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
        self._case_studies = {
            "n": n,
            "empty_cells": len(empty_cells),
            "regions": len(regions),
        }
        return [overview, coverage, coverage_types]

    # --- sources, coverage, validation ---------------------------------------------

    def sources_and_coverage(self) -> list[dict[str, Any]]:
        from surveys.models import Source

        cited = {g["source"]: g for g in getattr(self, "_sources", [])}
        sources = list(
            Source.objects.filter(country=self.scope.country)
            .order_by("kind", "title")
            .values("pk", "kind", "title", "year", "coverage_note")
        )
        source_rows = []
        for s in sources:
            g = cited.get(s["pk"], {})
            source_rows.append(
                row(
                    [
                        s["title"],
                        SourceKind(s["kind"]).label,
                        str(s["year"] or NOT_GIVEN),
                        g.get("n", 0),
                        years(g) if g else NOT_GIVEN,
                        s["coverage_note"] or "",
                    ]
                )
            )
        if None in cited:
            source_rows.append(
                row(
                    [
                        _("Source not given"),
                        NOT_GIVEN,
                        NOT_GIVEN,
                        cited[None]["n"],
                        years(cited[None]),
                        "",
                    ]
                )
            )
        coverage = self.entities.annotate(
            has_figures=Exists(EntityFigures.objects.filter(entity=OuterRef("pk")))
        ).aggregate(
            n=Count("pk"),
            with_figures=Count("pk", filter=Q(has_figures=True)),
            assessed=Count("pk", filter=~Q(classification=Classification.UNASSESSED)),
            with_area=Count("pk", filter=Q(area__isnull=False)),
            with_activity=Count("pk", filter=Q(main_activity__isnull=False)),
            with_year=Count("pk", filter=Q(year_established__isnull=False)),
            registered=Count(
                "pk",
                filter=Q(
                    registration_status__in=[
                        RegistrationStatus.REG_SSE_LAW,
                        RegistrationStatus.REG_GENERAL,
                    ]
                ),
            ),
            informal=Count(
                "pk",
                filter=Q(
                    registration_status__in=[
                        RegistrationStatus.INFORMAL,
                        RegistrationStatus.RECOGNISED_LOCAL,
                    ]
                ),
            ),
        )
        members = getattr(self, "_people_total", {})
        n = coverage["n"]
        indicators = [
            (_("Entities with figures"), coverage["with_figures"], n),
            (
                _("Entities with members counted by sex"),
                members.get("members_by_sex") or 0,
                n,
            ),
            (_("Entities assessed against the principles"), coverage["assessed"], n),
            (_("Entities with a first-level area"), coverage["with_area"], n),
            (_("Entities with a main activity (ISIC)"), coverage["with_activity"], n),
            (_("Entities with a year established"), coverage["with_year"], n),
            (
                _("Registered (SSE law, company or association law)"),
                coverage["registered"],
                n,
            ),
            (_("Informal or recognised only locally"), coverage["informal"], n),
        ]
        coverage_rows = [
            row([label, count, share(count, whole)])
            for label, count, whole in indicators
        ]
        self._coverage = coverage
        the_basis = basis(
            n=n,
            population=self.population(n),
            reference=self.reference,
            sources=self.records_source,
        )
        return [
            table(
                "sources",
                _("Data sources"),
                [
                    column(_("Source"), TEXT),
                    column(_("Kind"), TEXT),
                    column(_("Year"), TEXT),
                    column(_("Entities whose latest figures cite it")),
                    column(_("Reference years"), TEXT),
                    column(_("Coverage"), TEXT),
                ],
                source_rows,
                basis=basis(
                    n=sum(g["n"] for g in cited.values()),
                    population=_("latest figures of the validated entities"),
                    reference=self.people_reference(total_of(list(cited.values()))),
                    sources=_("the sources recorded for %(country)s")
                    % {"country": self.scope.country.name},
                ),
                notes=[
                    _(
                        "Registers undercount informal groups; surveys and interviews "
                        "reach them. Read the coverage notes with every figure."
                    )
                ],
            ),
            table(
                "coverage",
                _("Coverage of the validated records"),
                [
                    column(_("Indicator"), TEXT),
                    column(_("Entities")),
                    column(_("Share"), PCT),
                ],
                coverage_rows,
                basis=the_basis,
            ),
        ]

    def validation_status(self) -> dict[str, Any]:
        from surveys.record_types import RECORD_TYPES

        labels = {
            "entity": _("Entities"),
            "case_study": _("Case studies"),
            "capacity_gap": _("Capacity gaps"),
            "national_definition": _("National definition versions"),
        }
        states = list(WorkflowState.values)
        rows = []
        overall = {"submitted": 0, "validated": 0}
        for name, model in RECORD_TYPES.items():
            counts = model.objects.filter(country=self.scope.country).aggregate(
                total=Count("pk"),
                **{
                    state: Count("pk", filter=Q(workflow_state=state))
                    for state in states
                },
            )
            submitted = counts["total"] - counts[WorkflowState.DRAFT]
            overall["submitted"] += submitted
            overall["validated"] += counts[WorkflowState.VALIDATED]
            rows.append(
                row(
                    [
                        labels[name],
                        *[counts[state] for state in states],
                        counts["total"],
                        submitted,
                        share(counts[WorkflowState.VALIDATED], submitted),
                    ]
                )
            )
        self._validation = overall
        return table(
            "validation_status",
            _("Validation status of the findings"),
            [
                column(_("Record"), TEXT),
                *[column(WorkflowState(state).label) for state in states],
                column(_("Total")),
                column(_("Submitted for review")),
                column(_("% validated of submitted"), PCT),
            ],
            rows,
            basis=basis(
                n=sum(r["cells"][-3] for r in rows),
                population=_("all findings recorded for %(country)s")
                % {"country": self.scope.country.name},
                reference=_("state when the report was compiled"),
                sources=_("the platform's validation workflow"),
            ),
            notes=[
                _(
                    "Only validated records feed this report. Submitted for review: "
                    "every record that is not a draft."
                )
            ],
        )

    def national_definition(self) -> dict[str, Any] | None:
        definition = (
            validated(NationalDefinition, self.scope).order_by("-number").first()
        )
        if definition is None:
            return None
        labels = dict(DEFINITION_ELEMENTS)
        elements = list(
            DefinitionElement.objects.filter(definition=definition)
            .order_by("id")
            .values("element", "treatment", "national_wording", "rationale")
        )
        order = {code: i for i, (code, _label) in enumerate(DEFINITION_ELEMENTS)}
        elements.sort(key=lambda e: order.get(e["element"], len(order)))
        rows = [
            row(
                [
                    labels.get(e["element"], e["element"]),
                    Treatment(e["treatment"]).label,
                    e["national_wording"],
                    e["rationale"],
                ],
                "priority" if e["treatment"] != Treatment.ADOPTED else "",
            )
            for e in elements
        ]
        rules = [
            _("Informal groups can be SSE entities: %(answer)s.")
            % {"answer": _("yes") if definition.informal_groups_allowed else _("no")},
            _("Registration is required to count as SSE: %(answer)s.")
            % {"answer": _("yes") if definition.registration_required else _("no")},
            _("Minimum years of operation: %(years)s.")
            % {"years": definition.minimum_years_operating},
        ]
        return {
            "number": definition.number,
            "title": definition.title,
            "text_local": definition.text_local,
            "text_en": definition.text_en,
            "rule_version": definition.rule_version,
            "rules": [str(r) for r in rules],
            "table": table(
                "definition_elements",
                _("Elements of the national definition and their treatment"),
                [
                    column(_("Element"), TEXT),
                    column(_("Treatment"), TEXT),
                    column(_("National wording"), TEXT),
                    column(_("Rationale"), TEXT),
                ],
                rows,
                basis=basis(
                    n=len(rows),
                    population=_("%(n)s elements") % {"n": len(rows)},
                    reference=_("version %(number)s, validated")
                    % {"number": definition.number},
                    sources=_("the national definition validated by the committee"),
                ),
                notes=[_("Highlighted: elements adapted, added or omitted.")],
            ),
        }

    # --- helpers -------------------------------------------------------------------

    def type_legend(self, types: list[str]) -> str:
        return _("Types: %(legend)s.") % {
            "legend": "; ".join(
                f"{short_type_label(t)} = {type_label(t)}" for t in types
            )
        }


def rated(field: str, rating: str) -> Q:
    """An entity's criterion has this rating; no assessment at all counts as unknown."""
    condition = Q(**{f"assessment__{field}": rating})
    if rating == Rating.UNKNOWN:
        condition |= Q(assessment__isnull=True)
    return condition


def principle_case(code: str) -> Case:
    """`principle_rating` in SQL: the weakest criterion decides (P3.3 is a flag only)."""
    fields = [
        c.field for c in CRITERIA if c.principle == code and c.code not in FLAG_ONLY
    ]
    any_not_met = Q()
    all_met = Q()
    any_unknown = Q()
    for field in fields:
        any_not_met |= rated(field, Rating.NOT_MET)
        all_met &= rated(field, Rating.MET)
        any_unknown |= rated(field, Rating.UNKNOWN)
    return Case(
        When(any_not_met, then=Value(Rating.NOT_MET)),
        When(all_met, then=Value(Rating.MET)),
        When(any_unknown, then=Value(Rating.UNKNOWN)),
        default=Value(Rating.PARTIAL),
        output_field=CharField(),
    )


def withheld_name(values: dict[str, Any]) -> tuple[str, str]:
    """(local, English) name, withheld for entities recorded as private."""
    from countries.vocabularies import Visibility

    if values.get("visibility") == Visibility.PRIVATE:
        return (str(_("(private)")), "")
    return (values.get("name_local") or "", values.get("name_en") or "")


# --- The whole report ------------------------------------------------------------------


def country_tables(scope: Scope) -> dict[str, Any]:
    """Every section and table of a country's mapping report, as plain JSON."""
    report = CountryReport(scope)
    report.figure_basis()
    registration, classification = report.by_type_and_registration()
    area = report.by_area()
    region = report.by_macro_region()
    sections_table, priorities = report.by_sector()
    cohorts = report.by_cohort()
    people = report.people()
    size = report.economic_size()
    principles = report.principles()
    borderline = report.borderline()
    gaps = report.capacity_gaps()
    studies = report.case_studies()
    sources = report.sources_and_coverage()
    validation = report.validation_status()
    definition = report.national_definition()
    key_figures = report_key_figures(report)
    for listing in (borderline, gaps[1], studies[0]):
        listing["display_limit"] = DISPLAY_LIMIT
    sections = [
        section(
            "summary",
            _("Key figures"),
            [key_figures],
            charts=["types", "classification"],
        ),
        section(
            "definition",
            _("The national definition"),
            [definition["table"]] if definition else [],
            definition=definition,
        ),
        section(
            "landscape",
            _("The SSE landscape"),
            [registration, area, region, sections_table, priorities, cohorts],
        ),
        section(
            "people",
            _("Members, employment and leadership by sex"),
            people,
        ),
        section("economy", _("Economic size"), [size]),
        section(
            "principles",
            _("The SSE principles"),
            [classification, *principles, borderline],
        ),
        section("gaps", _("Capacity gaps and national priorities"), gaps),
        section("case_studies", _("Case studies and their coverage"), studies),
        section("sources", _("Data sources and coverage"), sources),
        section("validation", _("Validation status"), [validation]),
    ]
    number_tables(sections, TABLE_CHARTS)
    return {
        "country": {
            "code": scope.country.code,
            "name": scope.country.name,
            "name_local": scope.country.name_local,
        },
        "cutoff": scope.cutoff.isoformat(),
        "cutoff_label": report.cutoff_label,
        "entities": registration["basis"]["n"],
        "definition_version": definition["number"] if definition else None,
        "sections": sections,
        "method": method_notes(),
    }


# The chart drawn just above a table (see surveys.reports.charts).
TABLE_CHARTS = {
    "type_by_registration": "registration",
    "area_by_type": "areas",
    "priority_sectors": "priority_sectors",
    "cohort_by_type": "cohorts",
    "members_by_type": "members_by_sex",
    "employment_by_type": "employment_by_sex",
    "leadership_by_type": "women_led",
    "principles_by_type": "principles",
    "gaps_by_priority": "gaps",
}


def number_tables(sections: list[dict[str, Any]], charts: dict[str, str]) -> None:
    """Number the tables through the report (those only in the workbook get none) and
    name the chart each one carries."""
    number = 0
    for found in sections:
        for found_table in found["tables"]:
            found_table["chart"] = charts.get(found_table["key"])
            if found_table.get("workbook_only"):
                found_table["number"] = None
                continue
            number += 1
            found_table["number"] = number


def section(
    key: str,
    title: Any,
    tables: list[dict[str, Any]],
    *,
    charts: list[str] | None = None,
    definition: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "key": key,
        "title": str(title),
        "tables": tables,
        "charts": charts or [],
        "definition": definition,
    }


def report_key_figures(report: CountryReport) -> dict[str, Any]:
    types = report._type_rows
    n = sum(g["n"] for g in types)
    sse = sum(g[f"c_{Classification.SSE}"] for g in types)
    borderline = sum(g[f"c_{Classification.BORDERLINE}"] for g in types)
    people = report._people_total
    women, men = people.get("members_women") or 0, people.get("members_men") or 0
    employees_w, employees_m = (
        people.get("employees_women") or 0,
        people.get("employees_men") or 0,
    )
    led = people.get("women_led") or 0
    led_known = led + (people.get("not_women_led") or 0)
    priority = report._priority
    gaps = report._gaps
    studies = report._case_studies
    validation = report._validation
    rows = [
        row([_("Validated entities"), n, None]),
        row([_("Classified as SSE"), sse, share(sse, n)]),
        row([_("Borderline (for the committee)"), borderline, share(borderline, n)]),
        row([_("Members"), people.get("members_total"), None]),
        row(
            [_("Women among members (of known sex)"), women, share(women, women + men)]
        ),
        row(
            [
                _("Members not disaggregated by sex"),
                people.get("members_unknown"),
                share(people.get("members_unknown"), people.get("members_total")),
            ]
        ),
        row([_("Employees"), people.get("employees_total"), None]),
        row(
            [
                _("Women among employees (of known sex)"),
                employees_w,
                share(employees_w, employees_w + employees_m),
            ]
        ),
        row([_("Women-led entities (of those known)"), led, share(led, led_known)]),
        *[
            row(
                [
                    PrioritySector(sector).label,
                    priority[f"{sector}_all"],
                    share(priority[f"{sector}_all"], priority["n"]),
                ],
                "priority",
            )
            for sector in SECTOR_FLAGS
        ],
        row([_("Validated case studies"), studies["n"], None]),
        row(
            [
                _("Empty cells in the case-study coverage (region × priority sector)"),
                studies["empty_cells"],
                share(studies["empty_cells"], studies["regions"] * len(SECTOR_FLAGS)),
            ]
        ),
        row([_("Validated capacity gaps"), gaps["n"], None]),
        row(
            [
                _("Critical capacity gaps"),
                gaps["sev_3"],
                share(gaps["sev_3"], gaps["n"]),
            ]
        ),
        row(
            [
                _("Findings validated, of those submitted for review"),
                validation["validated"],
                share(validation["validated"], validation["submitted"]),
            ]
        ),
    ]
    return table(
        "key_figures",
        _("Key figures"),
        [column(_("Indicator"), TEXT), column(_("Number")), column(_("Share"), PCT)],
        rows,
        basis=basis(
            n=n,
            population=report.population(n),
            reference=_("%(reference)s; figures: %(years)s")
            % {"reference": report.reference, "years": report.figure_years},
            sources=report.figure_sources or report.records_source,
            not_disaggregated=share(
                people.get("members_unknown"), people.get("members_total")
            ),
        ),
        notes=[
            _("Each indicator is detailed, with its own n, in the tables that follow.")
        ],
    )


def method_notes() -> list[str]:
    return [
        str(note)
        for note in (
            _(
                "Only findings validated by the national advisory committee are "
                "counted: records in the validated state whose last change is no "
                "later than the data cut-off. An edit to a validated record returns "
                "it to draft until it is validated again, so later changes never leak "
                "into a report."
            ),
            _(
                "Figures (members, employment, leadership, economic size) are each "
                "entity's latest reference year. Every table states its n, reference "
                "years and sources."
            ),
            _(
                "People are counted as women, men and not disaggregated (total − "
                "women − men). Shares of women are of the people whose sex is "
                "recorded; the share not disaggregated is shown beside them so that "
                "missing data stays visible."
            ),
            _(
                "Areas are the current first-level units. Entities recorded on units "
                "merged since (Viet Nam, 1 July 2025) are counted under the unit that "
                "replaced them."
            ),
            _(
                "Principles: each criterion is rated met, partly met, not met or "
                "unknown. A principle takes the rating of its weakest criterion (not "
                "met if any criterion is not met; met if all are met; otherwise "
                "unknown if any is unknown, else partly met); P3.3, dependency on one "
                "funder, is reported as a flag only."
            ),
            _(
                "Medians are computed in the database over the entities reporting the "
                "figure. Amounts of money are never converted between currencies."
            ),
            _(
                "Names of entities recorded as private are withheld. The PDF carries "
                "aggregates and charts; the workbook has every table."
            ),
        )
    ]
