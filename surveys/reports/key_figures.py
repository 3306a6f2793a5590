"""The key figures at the head of a country report, read from the results of the
other tables (no query of their own)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from countries.vocabularies import Classification, PrioritySector
from surveys.reports.context import ReportContext
from surveys.reports.dimensions import SSE_TYPE
from surveys.reports.findings import CapacityGaps, CaseStudies
from surveys.reports.listings import ValidationStatus
from surveys.reports.measures import SECTOR_FLAGS
from surveys.reports.spec import (
    ALL_VALIDATED,
    ENTITY_RECORDS,
    LATEST_FIGURES,
    Results,
)
from surveys.reports.tables import (
    PCT,
    TEXT,
    Row,
    Table,
    basis,
    column,
    row,
    share,
    table,
)


def _frame_rows(coverage: Table) -> list[Row]:
    """The mapped share of the registered entities, from the frame's total rows
    ("Total", or one for first-level areas and one for macro-regions)."""
    found = []
    for total in (r for r in coverage["rows"] if r["kind"] == "total"):
        which = str(total["cells"][0]).removeprefix(str(_("Total"))).lstrip(", ")
        label = _("Coverage of the sampling frame")
        found.append(
            row(
                [
                    f"{label} ({which})" if which else label,
                    total["cells"][3],
                    total["cells"][4],
                ]
            )
        )
    return found


def report_key_figures(
    context: ReportContext,
    results: Results,
    *,
    gaps: CapacityGaps,
    studies: CaseStudies,
    validation: ValidationStatus,
    chapters: Mapping[str, Table],
) -> Table:
    """`chapters`: the tables of the other chapters, by key, that the key figures
    sum up (the study's instruments, institutions, frame and recommendations)."""
    entities = results.of(ENTITY_RECORDS, SSE_TYPE)
    everything = results.of(ALL_VALIDATED, SSE_TYPE)
    n = everything.sum("n")
    sse = everything.sum(f"c_{Classification.SSE}")
    borderline = everything.sum(f"c_{Classification.BORDERLINE}")
    outside = everything.sum(f"c_{Classification.OUTSIDE}")
    people = results.of(LATEST_FIGURES, SSE_TYPE).total
    women, men = people.get("members_women") or 0, people.get("members_men") or 0
    employees_w, employees_m = (
        people.get("employees_women") or 0,
        people.get("employees_men") or 0,
    )
    led = people.get("women_led") or 0
    led_known = led + (people.get("not_women_led") or 0)
    rows = [
        row([_("Validated entities"), n, None]),
        row([_("Classified as SSE"), sse, share(sse, n)]),
        row([_("Borderline (for the committee)"), borderline, share(borderline, n)]),
        row([_("Outside the SSE (left out)"), outside, share(outside, n)]),
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
                    entities.sum(f"sector_{sector}"),
                    share(entities.sum(f"sector_{sector}"), sse),
                ],
                "priority",
            )
            for sector in SECTOR_FLAGS
        ],
        row([_("Validated case studies"), studies.n, None]),
        row(
            [
                _("Empty cells in the case-study coverage (region × priority sector)"),
                studies.empty_cells,
                share(studies.empty_cells, studies.regions * len(SECTOR_FLAGS)),
            ]
        ),
        row([_("Validated capacity gaps"), gaps.n, None]),
        row([_("Critical capacity gaps"), gaps.critical, share(gaps.critical, gaps.n)]),
        row(
            [
                _("Recommendations on the validated gaps"),
                chapters["recommendations"]["basis"]["n"],
                None,
            ]
        ),
        row(
            [
                _("Validated legal and policy instruments"),
                chapters["instruments"]["basis"]["n"],
                None,
            ]
        ),
        row(
            [
                _("Validated support institutions"),
                chapters["institutions"]["basis"]["n"],
                None,
            ]
        ),
        *_frame_rows(chapters["frame_coverage"]),
        row(
            [
                _("Findings validated, of those submitted for review"),
                validation.validated,
                share(validation.validated, validation.submitted),
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
            population=context.population(n),
            reference=_("%(reference)s; figures: %(years)s")
            % {"reference": context.reference, "years": context.figure_years},
            sources=context.figure_sources or context.records_source,
            not_disaggregated=share(
                people.get("members_unknown"), people.get("members_total")
            ),
            scope=_(
                "counts by classification: every validated entity; people and "
                "priority sectors: the SSE only (people: its primary organisations)"
            ),
            provisional=context.provisional,
        ),
        notes=[
            _("Each indicator is detailed, with its own n, in the tables that follow."),
            _(
                "Counts of entities by classification are of every validated entity; "
                "people and sectors are of the SSE only (people: primary "
                "organisations)."
            ),
        ],
    )
