"""A country mapping report: its table specs, its sections, and the method notes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from countries.names import country_name
from countries.vocabularies import Classification
from surveys.reports import committee, landscape, listings, narratives, people, study
from surveys.reports.context import ReportContext, Scope, report_context
from surveys.reports.dimensions import AREA, SSE_TYPE
from surveys.reports.federations import federations
from surveys.reports.findings import DISPLAY_LIMIT, capacity_gaps, case_studies
from surveys.reports.key_figures import report_key_figures
from surveys.reports.principles import PRINCIPLES_BY_TYPE
from surveys.reports.spec import ALL_VALIDATED, TableSpec, run
from surveys.reports.study import FRAME_COVERAGE
from surveys.reports.tables import Table, number_tables, section

__all__ = ["TABLE_CHARTS", "Scope", "country_tables", "method_notes"]

LANDSCAPE: tuple[TableSpec, ...] = (
    landscape.TYPE_BY_REGISTRATION,
    landscape.AREA_BY_TYPE,
    landscape.REGION_BY_TYPE,
    landscape.SECTION_BY_TYPE,
    landscape.PRIORITY_SECTORS,
    landscape.COHORT_BY_TYPE,
)
PEOPLE: tuple[TableSpec, ...] = (
    people.members_by_sex(
        "members_by_type", gettext_lazy("Members by sex and SSE type"), SSE_TYPE
    ),
    people.members_by_sex(
        "members_by_area", gettext_lazy("Members by sex and first-level area"), AREA
    ),
    people.employment_by_group(
        "employment_by_type", gettext_lazy("Employment by sex and SSE type"), SSE_TYPE
    ),
    people.employment_with_women(
        "employment_by_area",
        gettext_lazy("Employment by first-level area, with the share of women"),
        AREA,
    ),
    people.leadership_by_sex(
        "leadership_by_type", gettext_lazy("Leadership by sex and SSE type"), SSE_TYPE
    ),
    people.leadership_by_sex(
        "leadership_by_area",
        gettext_lazy("Leadership by sex and first-level area"),
        AREA,
    ),
    people.WOMEN_LED,
)
SPECS: tuple[TableSpec, ...] = (
    *LANDSCAPE,
    landscape.LEGAL_FORM_BY_TYPE,
    FRAME_COVERAGE,
    *PEOPLE,
    people.ECONOMIC_SIZE,
    landscape.CLASSIFICATION_BY_TYPE,
    PRINCIPLES_BY_TYPE,
    listings.COVERAGE,
)

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
    "frame_coverage": "frame_coverage",
}


# Each table's sheet in the workbook, after its number: readable within the 31
# characters a sheet name may have.
SHEET_NAMES = {
    key: gettext_lazy(name)
    for key, name in (
        ("key_figures", gettext_noop("Key figures")),
        ("definition_elements", gettext_noop("Definition elements")),
        ("instruments_by_kind", gettext_noop("Instruments by kind")),
        ("instruments", gettext_noop("Instruments listed")),
        ("institutions", gettext_noop("Support institutions")),
        ("support_by_type", gettext_noop("Support by SSE type")),
        ("type_by_registration", gettext_noop("Types by registration")),
        ("legal_form_by_type", gettext_noop("Legal forms by type")),
        ("legal_form_changes", gettext_noop("Legal form changes")),
        ("federations", gettext_noop("Federations")),
        ("cohort_by_type", gettext_noop("Year established")),
        ("area_by_type", gettext_noop("Areas by type")),
        ("region_by_type", gettext_noop("Macro-regions by type")),
        ("frame_coverage", gettext_noop("Coverage of the frame")),
        ("section_by_type", gettext_noop("ISIC sections by type")),
        ("priority_sectors", gettext_noop("Priority sectors")),
        ("members_by_type", gettext_noop("Members by type")),
        ("members_by_area", gettext_noop("Members by area")),
        ("employment_by_type", gettext_noop("Employment by type")),
        ("employment_by_area", gettext_noop("Employment by area")),
        ("leadership_by_type", gettext_noop("Leadership by type")),
        ("leadership_by_area", gettext_noop("Leadership by area")),
        ("women_led_parts", gettext_noop("Women-led, part by part")),
        ("economic_size", gettext_noop("Economic size")),
        ("classification_by_type", gettext_noop("Classification by type")),
        ("principles_by_type", gettext_noop("Principles by type")),
        ("criteria", gettext_noop("Criteria")),
        ("criteria_by_type", gettext_noop("Criteria by type")),
        ("case_studies", gettext_noop("Case studies")),
        ("coverage_by_sector", gettext_noop("Case studies by sector")),
        ("coverage_by_type", gettext_noop("Case studies by type")),
        ("case_study_narratives", gettext_noop("Case-study narratives")),
        ("case_study_photos", gettext_noop("Case-study photos")),
        ("gaps_by_priority", gettext_noop("Gaps by priority")),
        ("gaps", gettext_noop("Capacity gaps")),
        ("recommendations", gettext_noop("Recommendations by actor")),
        ("methodology", gettext_noop("Methodology")),
        ("coverage", gettext_noop("Coverage of the records")),
        ("committee_members", gettext_noop("Committee members")),
        ("committee_meetings", gettext_noop("Committee meetings")),
        ("committee_validations", gettext_noop("Validated, and when")),
        ("validation_status", gettext_noop("Validation status")),
        ("outside", gettext_noop("Annex - outside the SSE")),
        ("borderline", gettext_noop("Annex - borderline")),
        ("sources", gettext_noop("Annex - sources")),
    )
}


# What a country report reads beside its groupings, by name: each called with the
# compile's context while the groupings run.
FINDINGS: dict[str, Callable[[ReportContext], Any]] = {
    "gaps": capacity_gaps,
    "studies": case_studies,
    "told": narratives.case_study_narratives,
    "validation": listings.validation_status,
    "definition": listings.national_definition,
    "methodology": study.methodology,
    "framework": study.legal_framework,
    "institutions": study.institutional_map,
    "legal_form_changes": landscape.legal_form_changes,
    "federations": federations,
}


def country_tables(scope: Scope) -> dict[str, Any]:
    """Every chapter and table of a country's mapping report, as plain JSON, in the
    order of a national mapping study."""
    with report_context(
        [scope.country],
        scope.cutoff,
        records_source=_("entity records validated by the national advisory committee"),
    ) as context:
        results = run((g for spec in SPECS for g in spec.groupings), context, FINDINGS)
        beside = results.beside

        def built(*specs: TableSpec) -> list[Table]:
            return [found for spec in specs for found in spec.build(context, results)]

        by_type = results.of(ALL_VALIDATED, SSE_TYPE)
        borderline = listings.borderline(
            context, by_type.sum(f"c_{Classification.BORDERLINE}")
        )
        outside = listings.outside(context, by_type.sum(f"c_{Classification.OUTSIDE}"))
        gaps = beside["gaps"]
        studies = beside["studies"]
        told = beside["told"]
        validation = beside["validation"]
        definition = beside["definition"]
        methodology = beside["methodology"]
        framework = beside["framework"]
        institutions = beside["institutions"]
        geography = built(
            landscape.AREA_BY_TYPE, landscape.REGION_BY_TYPE, FRAME_COVERAGE
        )
        key_figures = report_key_figures(
            context,
            results,
            gaps=gaps,
            studies=studies,
            validation=validation,
            chapters={
                t["key"]: t
                for t in (*framework, *institutions, *geography, *gaps.tables)
            },
        )
        for listing in (borderline, outside, gaps.tables[1], studies.tables[0]):
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
                "framework",
                _("The legal and policy framework"),
                framework,
            ),
            section(
                "institutions",
                _("The institutional map"),
                institutions,
            ),
            section(
                "typology",
                _("Typology: SSE types and national legal forms"),
                [
                    *built(
                        landscape.TYPE_BY_REGISTRATION, landscape.LEGAL_FORM_BY_TYPE
                    ),
                    beside["legal_form_changes"],
                    beside["federations"],
                    *built(landscape.COHORT_BY_TYPE),
                ],
            ),
            section(
                "geography",
                _("Geography and coverage against the sampling frame"),
                geography,
                charts=["coverage_map"],
            ),
            section(
                "sectors",
                _("Sectors and the priority sectors"),
                built(landscape.SECTION_BY_TYPE, landscape.PRIORITY_SECTORS),
            ),
            section(
                "people", _("Members, employment and leadership by sex"), built(*PEOPLE)
            ),
            section("economy", _("Economic size"), built(people.ECONOMIC_SIZE)),
            section(
                "principles",
                _("The SSE principles"),
                built(landscape.CLASSIFICATION_BY_TYPE, PRINCIPLES_BY_TYPE),
            ),
            section(
                "case_studies",
                _("Case studies"),
                [
                    *studies.tables,
                    narratives.narratives_table(context, told),
                    narratives.photos_table(context, told),
                ],
                narratives=told,
            ),
            section(
                "gaps",
                _("Capacity gaps and recommendations by actor"),
                gaps.tables,
            ),
            section(
                "methodology",
                _("Methodology and limitations"),
                [
                    study.methodology_table(context, methodology),
                    *built(listings.COVERAGE),
                ],
                methodology=methodology,
            ),
            section(
                "committee",
                _("The advisory committee and the validation record"),
                [
                    committee.membership(context),
                    committee.meetings(context),
                    committee.validations(context),
                    validation.table,
                ],
            ),
            section(
                "annexes",
                _("Annexes: entities outside the SSE, borderline entities, sources"),
                [outside, borderline, listings.sources(context)],
            ),
        ]
        number_tables(sections, TABLE_CHARTS, SHEET_NAMES)
        return {
            "country": {
                "code": scope.country.code,
                "name": country_name(scope.country),
                "name_local": scope.country.name_local,
            },
            "cutoff": scope.cutoff.isoformat(),
            "cutoff_label": context.cutoff_label,
            "entities": by_type.sum("n"),
            "definition_version": definition["number"] if definition else None,
            "provisional": context.provisional,
            "sections": sections,
            "area_map": landscape.area_map(context, results),
            "method": method_notes(),
        }


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
                "Scope: headline figures count the entities classified SSE under "
                "the national definition. Borderline entities, and those not yet "
                "assessed, are shown beside them and never added to their totals; "
                "entities outside the SSE are left out and listed, with the reasons, "
                "in the annex. While the national definition is not validated by the "
                "committee, the classification, and every table resting on it, is "
                "provisional."
            ),
            _(
                "Members, employment and leadership are counted in primary "
                "organisations only: unions, federations and apex bodies are counted "
                "as organisations, and their members are not added again, since "
                "their member organisations are counted themselves. An entity whose "
                "organisation level is not given counts as a primary organisation."
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
