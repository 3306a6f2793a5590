"""The regional comparison: the national definitions, the headline tables and the
economic size of several countries side by side, on the country reports' scope rules.

The same dimensions and measures as the country reports, grouped by country: each
table reads one grouping run by the report engine (plus two queries for the
definitions, one for the exchange rates and one per record type for the validation
status), so its cost grows neither with the number of entities nor with the rates.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countries.models import Country
from countries.names import country_name
from countries.vocabularies import (
    Classification,
    PrioritySector,
    SseType,
)
from surveys.principles import PRINCIPLES
from surveys.reports import chart_drawing
from surveys.reports.context import ReportContext, report_context, years
from surveys.reports.dimensions import COUNTRY
from surveys.reports.measures import (
    BY_CLASSIFICATION,
    BY_PRIORITY_SECTOR,
    BY_TYPE,
    EMPLOYMENT_GROUPS,
    ENTITIES,
    FIGURES,
    INFORMAL,
    NOT_WOMEN_LED,
    PRINCIPLE_MET,
    REGISTERED,
    SECTOR_FLAGS,
    WOMEN_LED,
)
from surveys.reports.regional_definitions import definitions_compared
from surveys.reports.regional_economy import GROUPINGS as ECONOMY_GROUPINGS
from surveys.reports.regional_economy import economy_tables
from surveys.reports.regional_findings import regional_findings
from surveys.reports.spec import (
    ALL_VALIDATED,
    ENTITY_RECORDS,
    LATEST_FIGURES,
    Grouped,
    Grouping,
    Indicator,
    IndicatorsByMember,
    Results,
    TableSpec,
    run,
    scope_text,
)
from surveys.reports.tables import (
    PCT,
    PERCENT,
    Basis,
    Table,
    basis,
    number_tables,
    row,
    section,
    share,
)

Values = dict[str, Any]

ENTITIES_BY_COUNTRY = Grouping(
    ENTITY_RECORDS,
    COUNTRY,
    (
        ENTITIES,
        *BY_TYPE,
        REGISTERED,
        INFORMAL,
        WOMEN_LED,
        NOT_WOMEN_LED,
        *BY_PRIORITY_SECTOR,
        *PRINCIPLE_MET,
    ),
)
# The classification of every validated entity, the SSE or not.
CLASSES_BY_COUNTRY = Grouping(ALL_VALIDATED, COUNTRY, (ENTITIES, *BY_CLASSIFICATION))
FIGURES_BY_COUNTRY = Grouping(LATEST_FIGURES, COUNTRY, FIGURES)


def _entity_basis(context: ReportContext, results: Results) -> Basis:
    grouped = results.of(ENTITY_RECORDS, COUNTRY)
    n = grouped.sum("n")
    return basis(
        n=n,
        population=_("%(n)s validated SSE entities in %(countries)s")
        % {"n": n, "countries": ", ".join(c.code for c in context.countries)},
        reference=context.reference,
        sources=context.records_source,
        scope=scope_text(context, grouped, ENTITY_RECORDS),
        provisional=context.provisional,
    )


def _people_basis(context: ReportContext, results: Results) -> Basis:
    people = results.of(LATEST_FIGURES, COUNTRY)
    return basis(
        n=people.sum("n"),
        population=_("validated SSE primary organisations with figures"),
        reference=_("latest reference year of each entity"),
        sources=_("the sources cited in each country's figures"),
        not_disaggregated=share(
            people.sum("members_unknown"), people.sum("members_total")
        ),
        scope=scope_text(context, people, LATEST_FIGURES),
        provisional=context.provisional,
    )


def _count(name: str) -> Callable[[Values], Any]:
    return lambda g: g.get(name, 0)


def _of_all(name: str) -> Callable[[Values, Values], Any]:
    """A count of every validated entity (the first grouping of the table)."""
    return lambda every, sse: every.get(name, 0)


def _of_sse(name: str) -> Callable[[Values, Values], Any]:
    """A count of the SSE entities (the second grouping of the table)."""
    return lambda every, sse: sse.get(name, 0)


def _share_of_entities(name: str) -> Callable[[Values], Any]:
    return lambda g: share(g.get(name), g.get("n", 0))


def _women_share(group: str) -> Callable[[Values], Any]:
    return lambda p: share(
        p.get(f"{group}_women"),
        (p.get(f"{group}_women") or 0) + (p.get(f"{group}_men") or 0),
    )


def _of_known(part: str, other: str) -> Callable[[Values], Any]:
    return lambda g: share(g.get(part), (g.get(part) or 0) + (g.get(other) or 0))


def _met_label(code: str) -> Any:
    return lazy(lambda: _("%(code)s met or partly met") % {"code": code}, str)()


def _women_among_label(group: Any) -> Any:
    return lazy(
        lambda: _("%% women among %(group)s") % {"group": str(group).lower()}, str
    )()


def _figure(name: str) -> Callable[[Values], Any]:
    return lambda p: p.get(name)


REGIONAL_ENTITIES = IndicatorsByMember(
    "regional_entities",
    gettext_lazy("Validated entities and their classification"),
    (CLASSES_BY_COUNTRY, ENTITIES_BY_COUNTRY),
    (
        Indicator(gettext_lazy("Validated entities"), _of_all("n")),
        Indicator(
            gettext_lazy("Classified as SSE"), _of_all(f"c_{Classification.SSE}")
        ),
        Indicator(
            gettext_lazy("Borderline"), _of_all(f"c_{Classification.BORDERLINE}")
        ),
        Indicator(
            gettext_lazy("Outside the SSE"), _of_all(f"c_{Classification.OUTSIDE}")
        ),
        Indicator(
            gettext_lazy("Not yet assessed"), _of_all(f"c_{Classification.UNASSESSED}")
        ),
        *(
            Indicator(
                PrioritySector(sector).label, _of_sse(f"sector_{sector}"), "priority"
            )
            for sector in SECTOR_FLAGS
        ),
    ),
    _entity_basis,
)

REGIONAL_TYPES = IndicatorsByMember(
    "regional_types",
    gettext_lazy("SSE entities by SSE type"),
    (ENTITIES_BY_COUNTRY,),
    tuple(
        Indicator(SseType(code).label, _count(f"t_{code}")) for code in SseType.values
    ),
    _entity_basis,
    drop_empty=True,
)

REGIONAL_SHARES = IndicatorsByMember(
    "regional_shares",
    gettext_lazy(
        "Registration, principles and women's leadership (shares of each country's "
        "SSE entities)"
    ),
    (ENTITIES_BY_COUNTRY,),
    (
        Indicator(
            gettext_lazy("Registered (SSE, company or association law)"),
            _share_of_entities(REGISTERED.name),
        ),
        Indicator(gettext_lazy("Informal"), _share_of_entities(INFORMAL.name)),
        *(
            Indicator(
                _met_label(code),
                _share_of_entities(f"met_{code}"),
            )
            for code in PRINCIPLES
        ),
        Indicator(
            gettext_lazy("Women-led (of those known)"),
            _of_known(WOMEN_LED.name, NOT_WOMEN_LED.name),
        ),
    ),
    _entity_basis,
    column_kind=PCT,
    notes=(
        gettext_lazy(
            "A principle is rated by its weakest criterion (see the method); "
            "entities without an assessment count as unknown."
        ),
    ),
)

REGIONAL_PEOPLE = IndicatorsByMember(
    "regional_people",
    gettext_lazy("Members, employment and leadership by sex"),
    (FIGURES_BY_COUNTRY,),
    (
        Indicator(gettext_lazy("Entities with figures"), _count("n")),
        Indicator(gettext_lazy("Reference years"), lambda p: years(p) if p else "–"),
        Indicator(gettext_lazy("Members"), _figure("members_total")),
        Indicator(
            gettext_lazy("% women among members (of known sex)"),
            _women_share("members"),
            PERCENT,
        ),
        Indicator(
            # xgettext:no-python-format
            gettext_lazy("% of members not disaggregated by sex"),
            lambda p: share(p.get("members_unknown"), p.get("members_total")),
            PERCENT,
        ),
        *(
            indicator
            for group, label in EMPLOYMENT_GROUPS
            for indicator in (
                Indicator(label, _figure(f"{group}_total")),
                Indicator(
                    _women_among_label(label),
                    _women_share(group),
                    PERCENT,
                ),
            )
        ),
        Indicator(gettext_lazy("% women on boards"), _women_share("board"), PERCENT),
        Indicator(
            gettext_lazy("% woman chair (of known)"),
            _of_known("chair_women", "chair_men"),
            PERCENT,
        ),
    ),
    _people_basis,
    notes=(
        gettext_lazy(
            "Not disaggregated: people counted in a total but not as women or men."
        ),
    ),
)

SPECS: tuple[TableSpec, ...] = (
    REGIONAL_ENTITIES,
    REGIONAL_TYPES,
    REGIONAL_SHARES,
    REGIONAL_PEOPLE,
)


def regional_tables(
    countries: list[Country], cutoff: datetime.datetime
) -> dict[str, Any]:
    """Every section and table of a regional comparison, as plain JSON."""
    countries = sorted(countries, key=lambda c: c.code)
    with report_context(
        countries,
        cutoff,
        records_source=_(
            "entity records validated by each national advisory committee"
        ),
        cite_sources=False,
    ) as context:
        results = run(
            (*(g for spec in SPECS for g in spec.groupings), *ECONOMY_GROUPINGS),
            context,
        )
        overview, types, shares, people = [
            found for spec in SPECS for found in spec.build(context, results)
        ]
        _add_beside_types(types, results.of(ENTITY_RECORDS, COUNTRY), context)
        _add_beside_people(people, results.of(LATEST_FIGURES, COUNTRY), context)
        sections = [
            section(
                "definitions",
                _("The national definitions compared"),
                definitions_compared(context),
            ),
            section(
                "entities",
                _("Entities and their classification"),
                [overview, types, shares],
            ),
            section("people", _("Members, employment and leadership by sex"), [people]),
            section(
                "economy",
                _("Economic size in each currency and in US dollars"),
                economy_tables(context, results),
            ),
            section(
                "findings",
                _("Case studies, capacity gaps and validation"),
                [regional_findings(context)],
            ),
        ]
        number_tables(
            sections,
            {
                "regional_types": "regional_types",
                "regional_shares": "regional_women_led",
                "regional_people": "regional_members_by_sex",
                "regional_economy": "regional_turnover_usd",
            },
        )
        return {
            "countries": [
                {"code": c.code, "name": country_name(c), "name_local": c.name_local}
                for c in countries
            ],
            "cutoff": cutoff.isoformat(),
            "cutoff_label": context.cutoff_label,
            "entities": overview["basis"]["n"],
            "provisional": context.provisional,
            "sections": sections,
            "method": [
                str(
                    _(
                        "The same rules as the country mapping reports: only findings "
                        "validated by each national advisory committee and unchanged "
                        "since the cut-off; each entity's latest figures."
                    )
                ),
                str(
                    _(
                        "The same scope as the country reports: the table of validated "
                        "entities counts every one by its classification; the others "
                        "count each country's SSE entities only, and people in its "
                        "primary organisations only. Borderline entities are shown "
                        "beside the totals, never added; entities outside the SSE are "
                        "left out. Where a country's national definition is not "
                        "validated yet, its classification is provisional."
                    )
                ),
                str(
                    _(
                        "National definitions: each country's latest version validated "
                        "by the cut-off, read against the ILC 2022 default criterion by "
                        "criterion; a country without one classifies its entities "
                        "provisionally under the default."
                    )
                ),
                str(
                    _(
                        "Amounts of money are shown in each country's currency and "
                        "converted to US dollars at the annual average rate of the "
                        "figures' reference year, stored with its source as reference "
                        "data (never fetched while compiling); a year without a stored "
                        "rate takes the nearest earlier year's, and amounts with no "
                        "earlier rate are not converted and are left out of the US "
                        "dollar totals."
                    )
                ),
            ],
        }


def _add_beside_types(found: Table, grouped: Grouped, context: ReportContext) -> None:
    """A total of the SSE entities, then the classes shown beside it, not added."""
    codes = [c.code for c in context.countries]
    found["rows"].append(
        row(
            [
                _("SSE entities, total"),
                *[(grouped.find((code,)) or {}).get("n") or 0 for code in codes],
            ],
            "total",
        )
    )
    found["rows"] += [
        row(
            [
                label,
                *[grouped.find_other(scope, (code,)).get("n") or 0 for code in codes],
            ],
            "beside",
        )
        for scope, label in grouped.beside()
    ]


def _add_beside_people(found: Table, grouped: Grouped, context: ReportContext) -> None:
    """Under the members of the SSE, those of the classes shown beside it."""
    codes = [c.code for c in context.countries]
    members = str(_("Members"))
    at = next(
        (i + 1 for i, r in enumerate(found["rows"]) if r["cells"][0] == members),
        len(found["rows"]),
    )
    found["rows"][at:at] = [
        row(
            [
                _("Members of %(class)s entities (not in the total)")
                % {"class": str(label).split(" (")[0].lower()},
                *[
                    grouped.find_other(scope, (code,)).get("members_total") or 0
                    for code in codes
                ],
            ],
            "beside",
        )
        for scope, label in grouped.beside()
    ]


def regional_charts(tables: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The regional comparison's charts: {key: {"title", "svg", "data"}}."""
    names = [c["name"] for c in tables["countries"]]
    found = {t["key"]: t for s in tables["sections"] for t in s["tables"]}
    drawn: dict[str, dict[str, Any]] = {}
    types = found.get("regional_types")
    if types:
        title = _("SSE entities by SSE type and country")
        drawn["regional_types"] = chart_drawing.bars(
            title,
            names,
            [
                chart_drawing.Series(
                    r["cells"][0],
                    chart_drawing.PALETTE[i % len(chart_drawing.PALETTE)],
                    r["cells"][1:],
                )
                for i, r in enumerate(
                    r for r in types["rows"] if r["kind"] in ("", "priority")
                )
            ],
        )
    shares = found.get("regional_shares")
    if shares:
        led = shares["rows"][-1]["cells"][1:]
        title = _("Share of women-led entities (of those known)")
        drawn["regional_women_led"] = chart_drawing.bars(
            title,
            names,
            [chart_drawing.Series(_("Women-led"), chart_drawing.PURPLE, led)],
            percent=True,
        )
    economy = found.get("regional_economy")
    if economy:
        usd = economy["rows"][0]["cells"][1 : 1 + len(names)]
        drawn["regional_turnover_usd"] = chart_drawing.bars(
            _("Turnover in US dollars, by country"),
            names,
            [chart_drawing.Series(_("Turnover (USD)"), chart_drawing.BLUE, usd)],
        )
    people = found.get("regional_people")
    if people:
        by_label = {r["cells"][0]: r["cells"][1:] for r in people["rows"]}
        women = by_label.get(_("% women among members (of known sex)"), [])
        # xgettext:no-python-format
        unknown = by_label.get(_("% of members not disaggregated by sex"), [])
        known = [1 - (u or 0) for u in unknown]
        title = _("Members by sex (share of all members)")
        drawn["regional_members_by_sex"] = chart_drawing.bars(
            title,
            names,
            [
                chart_drawing.Series(
                    _("Women"),
                    chart_drawing.WOMEN,
                    [(w or 0) * k for w, k in zip(women, known, strict=True)],
                ),
                chart_drawing.Series(
                    _("Men"),
                    chart_drawing.MEN,
                    [
                        (1 - (w or 0)) * k if w is not None else 0
                        for w, k in zip(women, known, strict=True)
                    ],
                ),
                chart_drawing.Series(
                    _("Not disaggregated"), chart_drawing.NOT_DISAGGREGATED, unknown
                ),
            ],
            percent=True,
        )
    return drawn
