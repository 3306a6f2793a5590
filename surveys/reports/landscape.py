"""The landscape tables of a country report: entities cross-tabulated by SSE type,
registration, classification, area, macro-region, sector and year established."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Min, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countries.models import AdminArea
from countries.vocabularies import (
    Classification,
    PrioritySector,
    RegistrationStatus,
    SseType,
)
from surveys.models import LegalFormChange
from surveys.reports.context import ReportContext, years
from surveys.reports.dimensions import (
    AREA,
    LEGAL_FORM,
    MACRO_REGION,
    SECTION,
    SHORT_TYPE_LABELS,
    SSE_TYPE,
    short_type_label,
    type_legend,
)
from surveys.reports.measures import (
    BY_CLASSIFICATION,
    BY_COHORT,
    BY_PRIORITY_SECTOR,
    BY_REGISTRATION,
    BY_TYPE,
    COHORTS,
    ENTITIES,
    SECTOR_FLAGS,
    VIA_CROSSWALK,
)
from surveys.reports.spec import (
    ALL_VALIDATED,
    ENTITY_RECORDS,
    ColumnSet,
    CrossTab,
    Grouped,
    Grouping,
    Results,
    Shaped,
    ShareColumn,
    entity_basis,
)
from surveys.reports.tables import (
    NAME,
    PCT,
    TEXT,
    Table,
    basis,
    column,
    row,
    share,
    table,
)

SHARE_OF_ALL = ShareColumn(gettext_lazy("Share of all"))

BY_SSE_TYPE = ColumnSet(
    BY_TYPE,
    labels=tuple(SHORT_TYPE_LABELS[code] for code in SseType.values),
    codes=tuple(SseType.values),
    present_only=True,
    legend=type_legend,
)

TYPE_BY_REGISTRATION = CrossTab(
    "type_by_registration",
    gettext_lazy("Entities by SSE type and registration status"),
    SSE_TYPE,
    ColumnSet(
        BY_REGISTRATION,
        labels=(
            *(RegistrationStatus(s).label for s in RegistrationStatus.values),
            gettext_lazy("Not given"),
        ),
    ),
    share_column=SHARE_OF_ALL,
    share_row=True,
)

CLASSIFICATION_BY_TYPE = CrossTab(
    "classification_by_type",
    gettext_lazy("Classification against the SSE principles, by SSE type"),
    SSE_TYPE,
    ColumnSet(
        BY_CLASSIFICATION,
        labels=tuple(Classification(c).label for c in Classification.values),
    ),
    share_column=ShareColumn(gettext_lazy("Share SSE"), part=f"c_{Classification.SSE}"),
    source=ALL_VALIDATED,
    classified=True,
    notes=(
        gettext_lazy(
            "Classified by the rule of the national definition in force: SSE "
            "when P1–P4 are each met or partly met; outside when P3 or P4 is "
            "not met, or two or more principles are not met; borderline "
            "otherwise."
        ),
    ),
)


def _area_notes(context: ReportContext, grouped: Grouped) -> list[str]:
    current_units = (
        AdminArea.objects.current(context.cutoff.date())
        .filter(country=context.country, level=1)
        .count()
    )
    with_entities = sum(1 for g in grouped.rows if g["area_key"] is not None)
    notes = [
        _(
            "%(with)s of the %(units)s current first-level units have at least "
            "one validated entity."
        )
        % {"with": with_entities, "units": current_units},
    ]
    via_crosswalk = grouped.sum(VIA_CROSSWALK.name)
    if via_crosswalk:
        notes.append(
            _(
                "%(n)s entities recorded on units that have since been merged are "
                "counted under the unit that replaced them."
            )
            % {"n": via_crosswalk}
        )
    return notes


AREA_BY_TYPE = CrossTab(
    "area_by_type",
    gettext_lazy("Entities by first-level area and SSE type"),
    AREA,
    BY_SSE_TYPE,
    share_column=SHARE_OF_ALL,
    extra_notes=_area_notes,
    extra_measures=(VIA_CROSSWALK,),
)

REGION_BY_TYPE = CrossTab(
    "region_by_type",
    gettext_lazy("Entities by macro-region and SSE type"),
    MACRO_REGION,
    BY_SSE_TYPE,
    share_column=SHARE_OF_ALL,
)

SECTION_BY_TYPE = CrossTab(
    "section_by_type",
    gettext_lazy("Entities by ISIC Rev.4 section of the main activity, and SSE type"),
    SECTION,
    BY_SSE_TYPE,
    share_column=SHARE_OF_ALL,
    notes=(
        gettext_lazy(
            "Highlighted: the sections that hold the priority sectors "
            "(A agriculture, B mining, F construction)."
        ),
    ),
)

COHORT_BY_TYPE = CrossTab(
    "cohort_by_type",
    gettext_lazy("Entities by year established, and SSE type"),
    SSE_TYPE,
    ColumnSet(
        BY_COHORT,
        labels=(
            *(label for _key, label, *_rest in COHORTS),
            gettext_lazy("Year not given"),
        ),
    ),
    share_row=True,
)


def _priority_sectors(context: ReportContext, results: Results) -> list[Table]:
    """Sectors as rows and the SSE types as columns: an entity can be in more than
    one priority sector, so the rows do not add up."""
    grouped = results.of(ENTITY_RECORDS, SSE_TYPE)
    n = grouped.sum("n")

    def in_sector(sector: str, code: str) -> int:
        found = grouped.find((code,))
        return (found or {}).get(f"sector_{sector}") or 0

    types = [
        t
        for t in SseType.values
        if any(in_sector(sector, t) for sector in SECTOR_FLAGS)
    ]
    beside = grouped.beside()
    rows = [
        row(
            [
                PrioritySector(sector).label,
                *[in_sector(sector, t) for t in types],
                grouped.sum(f"sector_{sector}"),
                share(grouped.sum(f"sector_{sector}"), n),
                *[grouped.sum_other(code, f"sector_{sector}") for code, _l in beside],
            ],
            "priority",
        )
        for sector in SECTOR_FLAGS
    ]
    return [
        table(
            "priority_sectors",
            _("Entities in the priority sectors, by SSE type"),
            [
                column(_("Priority sector"), TEXT),
                *[column(short_type_label(t)) for t in types],
                column(_("Entities")),
                column(_("Share of all"), PCT),
                *[column(label) for _code, label in beside],
            ],
            rows,
            basis=entity_basis(context, grouped),
            notes=[
                _(
                    "From the main and other activities: small-scale farming ISIC "
                    "A01–A03, artisanal and small-scale mining B05–B09, construction "
                    "F41–F43. An entity can be in more than one priority sector."
                ),
                type_legend(types),
            ],
        )
    ]


PRIORITY_SECTORS = Shaped(
    (Grouping(ENTITY_RECORDS, SSE_TYPE, (ENTITIES, *BY_PRIORITY_SECTOR)),),
    _priority_sectors,
)


LEGAL_FORM_BY_TYPE = CrossTab(
    "legal_form_by_type",
    gettext_lazy("Entities by national legal form and SSE type"),
    LEGAL_FORM,
    BY_SSE_TYPE,
    share_column=SHARE_OF_ALL,
    notes=(
        gettext_lazy(
            "Legal forms as named in the country's law, from the country's reference "
            "list; the SSE type is the study's."
        ),
    ),
)


def _form_name(english: str | None, local: str | None) -> str:
    if local and local != english:
        return f"{english} ({local})"
    return str(english or "")


def legal_form_changes(context: ReportContext) -> Table:
    """Transformations of legal form (an NGO that became a company, say) of the
    validated entities, whatever their classification: the annex lists those that
    left the SSE."""
    changes = LegalFormChange.objects.filter(entity__in=context.entities.values("pk"))
    grouped = list(
        changes.values(
            "from_form__name_en",
            "from_form__name_local",
            "to_form__name_en",
            "to_form__name_local",
        )
        .annotate(
            n=Count("entity", distinct=True),
            sse=Count(
                "entity",
                distinct=True,
                filter=Q(entity__classification=Classification.SSE),
            ),
            outside=Count(
                "entity",
                distinct=True,
                filter=Q(entity__classification=Classification.OUTSIDE),
            ),
            year_min=Min("year"),
            year_max=Max("year"),
        )
        .order_by("-n", "from_form__name_en", "to_form__name_en")
    )
    n = changes.values("entity").distinct().count()
    return table(
        "legal_form_changes",
        _("Transformations of legal form"),
        [
            column(_("From legal form"), NAME),
            column(_("To legal form"), NAME),
            column(_("Entities")),
            column(_("Of which SSE")),
            column(_("Of which outside the SSE")),
            column(_("Years"), TEXT),
        ],
        [
            row(
                [
                    _form_name(g["from_form__name_en"], g["from_form__name_local"]),
                    _form_name(g["to_form__name_en"], g["to_form__name_local"]),
                    g["n"],
                    g["sse"],
                    g["outside"],
                    years(g) if g["year_min"] else _("year not given"),
                ]
            )
            for g in grouped
        ],
        basis=basis(
            n=n,
            population=_("%(n)s validated entities that changed legal form") % {"n": n},
            reference=context.reference,
            sources=context.records_source,
            scope=_("every validated entity, whatever its classification"),
            provisional=context.provisional,
        ),
        notes=[
            _(
                "An entity that changed form more than once counts in each of its "
                "transformations."
            )
        ],
    )


def area_map(context: ReportContext, results: Results) -> list[dict[str, Any]]:
    """The country's current first-level areas with a centre, each with the SSE
    entities of the area table's Total column: what the geography chapter's map
    draws as circles."""
    counted = {
        found["area_key"]: found["n"] or 0
        for found in results.of(ENTITY_RECORDS, AREA).rows
        if found["area_key"] is not None
    }
    areas = (
        AdminArea.objects.current()
        .filter(country=context.country, level=1)
        .exclude(centroid_lat=None)
        .exclude(centroid_lon=None)
        .order_by("name_en")
    )
    return [
        {
            "name": area.name_en,
            "latitude": float(area.centroid_lat),  # type: ignore[arg-type]
            "longitude": float(area.centroid_lon),  # type: ignore[arg-type]
            "entities": counted.get(area.pk, 0),
        }
        for area in areas
    ]
