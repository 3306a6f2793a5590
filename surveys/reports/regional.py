"""The regional comparison: the headline tables of several countries side by side.

The same dimensions and measures as the country reports, grouped by country: each
table reads one grouping run by the report engine (plus one query per record type for
the validation status), so its cost does not grow with the number of entities.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from countries.models import Country
from countries.vocabularies import (
    Classification,
    PrioritySector,
    SseType,
    WorkflowState,
)
from surveys.models import CapacityGap, CaseStudy, NationalDefinition
from surveys.principles import PRINCIPLES
from surveys.reports import charts
from surveys.reports.context import ReportContext, report_context, years
from surveys.reports.dimensions import COUNTRY, type_label
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
from surveys.reports.spec import ENTITY_RECORDS, LATEST_FIGURES, Grouping, run
from surveys.reports.tables import (
    INT,
    PCT,
    PERCENT,
    TEXT,
    Table,
    basis,
    column,
    number_tables,
    row,
    section,
    share,
    table,
)
from surveys.workflow import RECORD_TYPES

Values = dict[str, Any]

REGIONAL_GROUPINGS = (
    Grouping(
        ENTITY_RECORDS,
        COUNTRY,
        (
            ENTITIES,
            *BY_TYPE,
            *BY_CLASSIFICATION,
            REGISTERED,
            INFORMAL,
            WOMEN_LED,
            NOT_WOMEN_LED,
            *BY_PRIORITY_SECTOR,
            *PRINCIPLE_MET,
        ),
    ),
    Grouping(LATEST_FIGURES, COUNTRY, FIGURES),
)


def regional_tables(
    countries: list[Country], cutoff: datetime.datetime
) -> dict[str, Any]:
    """Every section and table of a regional comparison, as plain JSON."""
    countries = sorted(countries, key=lambda c: c.code)
    codes = [c.code for c in countries]
    context = report_context(
        countries,
        cutoff,
        records_source=_(
            "entity records validated by each national advisory committee"
        ),
    )
    results = run(REGIONAL_GROUPINGS, context)
    by_country = {g["country"]: g for g in results.of(ENTITY_RECORDS, COUNTRY).rows}
    people = {g["country"]: g for g in results.of(LATEST_FIGURES, COUNTRY).rows}
    empty: Values = {}

    def each(value: Callable[..., Any]) -> list[Any]:
        return [
            value(by_country.get(code, empty), people.get(code, empty))
            for code in codes
        ]

    country_columns = [column(_("Indicator"), TEXT)] + [
        column(c.name) for c in countries
    ]
    pct_columns = [column(_("Indicator"), TEXT)] + [
        column(c.name, PCT) for c in countries
    ]
    n_total = sum(g.get("n", 0) for g in by_country.values())
    entity_basis = basis(
        n=n_total,
        population=_("%(n)s validated entities in %(countries)s")
        % {"n": n_total, "countries": ", ".join(codes)},
        reference=context.reference,
        sources=context.records_source,
    )

    def n_of(g: Values) -> int:
        return g.get("n", 0)

    overview_rows = [
        row([_("Validated entities"), *each(lambda g, p: n_of(g))]),
        *[
            row([label, *each(lambda g, p, key=key: g.get(key, 0))])
            for key, label in (
                (f"c_{Classification.SSE}", _("Classified as SSE")),
                (f"c_{Classification.BORDERLINE}", _("Borderline")),
                (f"c_{Classification.OUTSIDE}", _("Outside the SSE")),
                (f"c_{Classification.UNASSESSED}", _("Not yet assessed")),
            )
        ],
        *[
            row(
                [
                    PrioritySector(sector).label,
                    *each(lambda g, p, s=sector: g.get(f"sector_{s}", 0)),
                ],
                "priority",
            )
            for sector in SECTOR_FLAGS
        ],
    ]
    overview = table(
        "regional_entities",
        _("Validated entities and their classification"),
        country_columns,
        overview_rows,
        basis=entity_basis,
    )
    shares_rows = [
        row(
            [
                _("Registered (SSE, company or association law)"),
                *each(lambda g, p: share(g.get(REGISTERED.name), n_of(g))),
            ]
        ),
        row(
            [
                _("Informal"),
                *each(lambda g, p: share(g.get(INFORMAL.name), n_of(g))),
            ]
        ),
        row(
            [
                _("Classified as SSE"),
                *each(lambda g, p: share(g.get(f"c_{Classification.SSE}"), n_of(g))),
            ]
        ),
        *[
            row(
                [
                    _("%(code)s met or partly met") % {"code": code},
                    *each(lambda g, p, c=code: share(g.get(f"met_{c}"), n_of(g))),
                ]
            )
            for code in PRINCIPLES
        ],
        row(
            [
                _("Women-led (of those known)"),
                *each(
                    lambda g, p: share(
                        g.get("women_led"),
                        (g.get("women_led") or 0) + (g.get("not_women_led") or 0),
                    )
                ),
            ]
        ),
    ]
    shares = table(
        "regional_shares",
        _(
            "Registration, principles and women's leadership (shares of each country's entities)"
        ),
        pct_columns,
        shares_rows,
        basis=entity_basis,
        notes=[
            _(
                "A principle is rated by its weakest criterion (see the method); "
                "entities without an assessment count as unknown."
            )
        ],
    )
    type_rows = [
        row([type_label(code), *each(lambda g, p, c=code: g.get(f"t_{c}", 0))])
        for code in SseType.values
        if any(g.get(f"t_{code}") for g in by_country.values())
    ]
    types = table(
        "regional_types",
        _("Validated entities by SSE type"),
        country_columns,
        type_rows,
        basis=entity_basis,
    )

    def women_share(prefix: str) -> Callable[[Values, Values], Any]:
        return lambda g, p: share(
            p.get(f"{prefix}_women"),
            (p.get(f"{prefix}_women") or 0) + (p.get(f"{prefix}_men") or 0),
        )

    def unknown_share(prefix: str) -> Callable[[Values, Values], Any]:
        return lambda g, p: share(p.get(f"{prefix}_unknown"), p.get(f"{prefix}_total"))

    people_rows = [
        row([_("Entities with figures"), *each(lambda g, p: p.get("n", 0))]),
        row([_("Reference years"), *each(lambda g, p: years(p) if p else "–")]),
        row([_("Members"), *each(lambda g, p: p.get("members_total"))]),
        row(
            [_("% women among members (of known sex)"), *each(women_share("members"))],
            PERCENT,
        ),
        row(
            [
                _("% of members not disaggregated by sex"),
                *each(unknown_share("members")),
            ],
            PERCENT,
        ),
        *[
            part
            for prefix, label in EMPLOYMENT_GROUPS
            for part in (
                row([label, *each(lambda g, p, x=prefix: p.get(f"{x}_total"))]),
                row(
                    [
                        _("%% women among %(group)s") % {"group": str(label).lower()},
                        *each(women_share(prefix)),
                    ],
                    PERCENT,
                ),
            )
        ],
        row([_("% women on boards"), *each(women_share("board"))], PERCENT),
        row(
            [
                _("% woman chair (of known)"),
                *each(
                    lambda g, p: share(
                        p.get("chair_women"),
                        (p.get("chair_women") or 0) + (p.get("chair_men") or 0),
                    )
                ),
            ],
            PERCENT,
        ),
    ]
    people_columns = [column(_("Indicator"), TEXT)] + [
        column(c.name, INT) for c in countries
    ]
    all_people = {
        k: sum(p.get(k) or 0 for p in people.values())
        for k in ("members_total", "members_unknown")
    }
    people_table = table(
        "regional_people",
        _("Members, employment and leadership by sex"),
        people_columns,
        people_rows,
        basis=basis(
            n=sum(p.get("n", 0) for p in people.values()),
            population=_("validated entities with figures"),
            reference=_("latest reference year of each entity"),
            sources=_("the sources cited in each country's figures"),
            not_disaggregated=share(
                all_people["members_unknown"], all_people["members_total"]
            ),
        ),
        notes=[
            _("Not disaggregated: people counted in a total but not as women or men.")
        ],
    )
    findings = regional_findings(context)
    sections = [
        section(
            "entities",
            _("Entities and their classification"),
            [overview, types, shares],
        ),
        section(
            "people",
            _("Members, employment and leadership by sex"),
            [people_table],
        ),
        section(
            "findings", _("Case studies, capacity gaps and validation"), [findings]
        ),
    ]
    number_tables(
        sections,
        {
            "regional_types": "regional_types",
            "regional_shares": "regional_women_led",
            "regional_people": "regional_members_by_sex",
        },
    )
    return {
        "countries": [
            {"code": c.code, "name": c.name, "name_local": c.name_local}
            for c in countries
        ],
        "cutoff": cutoff.isoformat(),
        "cutoff_label": context.cutoff_label,
        "entities": n_total,
        "sections": sections,
        "method": [
            str(
                _(
                    "The same rules as the country mapping reports: only findings "
                    "validated by each national advisory committee and unchanged "
                    "since the cut-off; each entity's latest figures; amounts of "
                    "money are not compared across currencies."
                )
            )
        ],
    }


def regional_findings(context: ReportContext) -> Table:
    countries = context.countries
    codes = [c.code for c in countries]
    studies = dict(
        context.validated(CaseStudy)
        .values_list("country")
        .annotate(n=Count("pk"))
        .order_by()
    )
    gaps = {
        g["country"]: g
        for g in context.validated(CapacityGap)
        .values("country")
        .annotate(n=Count("pk"), critical=Count("pk", filter=Q(severity=3)))
        .order_by()
    }
    definitions = dict(
        context.validated(NationalDefinition)
        .values_list("country")
        .annotate(latest=Max("number"))
        .order_by()
    )
    submitted: dict[str, int] = {}
    validated: dict[str, int] = {}
    for model in RECORD_TYPES.values():
        for g in (
            model.objects.filter(country__in=countries)
            .values("country")
            .annotate(
                submitted=Count("pk", filter=~Q(workflow_state=WorkflowState.DRAFT)),
                validated=Count("pk", filter=Q(workflow_state=WorkflowState.VALIDATED)),
            )
            .order_by()
        ):
            submitted[g["country"]] = submitted.get(g["country"], 0) + g["submitted"]
            validated[g["country"]] = validated.get(g["country"], 0) + g["validated"]
    rows = [
        row([_("Validated case studies"), *[studies.get(c, 0) for c in codes]]),
        row(
            [
                _("Validated capacity gaps"),
                *[gaps.get(c, {}).get("n", 0) for c in codes],
            ]
        ),
        row(
            [
                _("Critical capacity gaps"),
                *[gaps.get(c, {}).get("critical", 0) for c in codes],
            ]
        ),
        row(
            [
                _("National definition: validated version"),
                *[definitions.get(c) for c in codes],
            ]
        ),
        row(
            [_("Findings submitted for review"), *[submitted.get(c, 0) for c in codes]]
        ),
        row([_("Findings validated"), *[validated.get(c, 0) for c in codes]]),
        row(
            [
                _("% validated of submitted"),
                *[share(validated.get(c, 0), submitted.get(c, 0)) for c in codes],
            ],
            PERCENT,
        ),
    ]
    return table(
        "regional_findings",
        _("Case studies, capacity gaps, national definitions and validation"),
        [column(_("Indicator"), TEXT)] + [column(c.name, INT) for c in countries],
        rows,
        basis=basis(
            n=sum(submitted.values()),
            population=_("findings recorded in %(countries)s")
            % {"countries": ", ".join(codes)},
            reference=context.reference,
            sources=_("the platform's validation workflow"),
        ),
        notes=[_("Submitted for review: every record that is not a draft.")],
    )


def regional_charts(tables: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The regional comparison's charts: {key: {"title", "svg"}}."""
    names = [c["name"] for c in tables["countries"]]
    found = {t["key"]: t for s in tables["sections"] for t in s["tables"]}
    drawn: dict[str, dict[str, str]] = {}
    types = found.get("regional_types")
    if types:
        title = _("Validated entities by SSE type and country")
        drawn["regional_types"] = {
            "title": title,
            "svg": charts.horizontal_bars(
                title,
                names,
                [
                    charts.Series(
                        r["cells"][0],
                        charts.PALETTE[i % len(charts.PALETTE)],
                        r["cells"][1:],
                    )
                    for i, r in enumerate(types["rows"])
                ],
            ),
        }
    shares = found.get("regional_shares")
    if shares:
        led = shares["rows"][-1]["cells"][1:]
        title = _("Share of women-led entities (of those known)")
        drawn["regional_women_led"] = {
            "title": title,
            "svg": charts.horizontal_bars(
                title,
                names,
                [charts.Series(_("Women-led"), charts.PURPLE, led)],
                percent=True,
            ),
        }
    people = found.get("regional_people")
    if people:
        by_label = {r["cells"][0]: r["cells"][1:] for r in people["rows"]}
        women = by_label.get(_("% women among members (of known sex)"), [])
        unknown = by_label.get(_("% of members not disaggregated by sex"), [])
        known = [1 - (u or 0) for u in unknown]
        title = _("Members by sex (share of all members)")
        drawn["regional_members_by_sex"] = {
            "title": title,
            "svg": charts.horizontal_bars(
                title,
                names,
                [
                    charts.Series(
                        _("Women"),
                        charts.WOMEN,
                        [(w or 0) * k for w, k in zip(women, known, strict=True)],
                    ),
                    charts.Series(
                        _("Men"),
                        charts.MEN,
                        [
                            (1 - (w or 0)) * k if w is not None else 0
                            for w, k in zip(women, known, strict=True)
                        ],
                    ),
                    charts.Series(
                        _("Not disaggregated"), charts.NOT_DISAGGREGATED, unknown
                    ),
                ],
                percent=True,
            ),
        }
    return drawn
