"""The tables counted on each entity's latest figures: members, employment and
leadership by sex, and economic size."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Case, Count, DecimalField, Q, Sum, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countries.names import country_name
from surveys.reports.context import ReportContext, total_of
from surveys.reports.dimensions import ALL, CURRENCY_YEAR, Dimension, Values
from surveys.reports.measures import (
    EMPLOYMENT_GROUPS,
    FIGURES,
    MEDIAN_MEMBERS,
    WOMEN_LED_PARTS,
    Measure,
    Median,
)
from surveys.reports.spec import (
    FIGURES_IN_A_CURRENCY,
    LATEST_FIGURES,
    Grouped,
    Grouping,
    Results,
    Shaped,
    scope_text,
)
from surveys.reports.tables import (
    NAME,
    NUM,
    PCT,
    TEXT,
    Table,
    basis,
    column,
    row,
    table,
)
from surveys.reports.tables import share as share_of

# (label, the group's figures, its median members)
Labelled = list[tuple[str, Values, float | None]]

EMPLOYMENT = [prefix for prefix, _label in EMPLOYMENT_GROUPS]


def not_disaggregated_share(values: Values, groups: Iterable[str]) -> Any:
    total = sum(values.get(f"{g}_total") or 0 for g in groups)
    unknown = sum(values.get(f"{g}_unknown") or 0 for g in groups)
    return share_of(unknown, total)


def _women_share(values: Values, group: str) -> float | None:
    women, men = values.get(f"{group}_women") or 0, values.get(f"{group}_men") or 0
    return share_of(women, women + men)


def _people(
    dimension: Dimension, results: Results
) -> tuple[Labelled, dict[str, Any], float | None]:
    grouped = results.of(LATEST_FIGURES, dimension)
    labelled: Labelled = [
        (dimension.label(values), values, values.get(MEDIAN_MEMBERS.name))
        for values in grouped.rows
    ]
    overall = results.of(LATEST_FIGURES, ALL).rows[0].get(MEDIAN_MEMBERS.name)
    return labelled, grouped.total, overall


def _beside(dimension: Dimension, results: Results) -> list[tuple[str, Values]]:
    """The totals of the classes shown beside the SSE, each a row under the total
    when any entity of the class has figures."""
    grouped = results.of(LATEST_FIGURES, dimension)
    return [
        (str(label), grouped.total_other(code))
        for code, label in grouped.beside()
        if grouped.sum_other(code, "n")
    ]


def _scope(context: ReportContext, grouped: Grouped) -> dict[str, Any]:
    return {
        "scope": scope_text(context, grouped, LATEST_FIGURES),
        "provisional": context.provisional,
    }


def _groupings(dimension: Dimension) -> tuple[Grouping, ...]:
    return (
        Grouping(LATEST_FIGURES, dimension, (*FIGURES, MEDIAN_MEMBERS)),
        Grouping(LATEST_FIGURES, ALL, (MEDIAN_MEMBERS,)),
    )


def members_by_sex(key: str, title: Any, dimension: Dimension) -> Shaped:
    def shape(context: ReportContext, results: Results) -> list[Table]:
        groups, total, median_all = _people(dimension, results)

        def cells(label: str, g: Values, median: float | None) -> list[Any]:
            return [
                label,
                g.get("members_n") or 0,
                g.get("members_total"),
                g.get("members_women"),
                g.get("members_men"),
                g.get("members_unknown"),
                _women_share(g, "members"),
                share_of(g.get("members_unknown"), g.get("members_total")),
                median,
            ]

        rows = [row(cells(label, g, median)) for label, g, median in groups]
        rows.append(row(cells(str(_("Total")), total, median_all), "total"))
        rows += [
            row(cells(label, g, None), "beside")
            for label, g in _beside(dimension, results)
        ]
        n = total.get("members_n") or 0
        return [
            table(
                key,
                title,
                [
                    column(dimension.heading, NAME),
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
                    population=_("%(n)s validated entities reporting members")
                    % {"n": n},
                    reference=context.people_reference(total),
                    sources=context.figure_sources,
                    not_disaggregated=share_of(
                        total.get("members_unknown"), total.get("members_total")
                    ),
                    **_scope(context, results.of(LATEST_FIGURES, dimension)),
                ),
                notes=[
                    _(
                        "Not disaggregated: people counted in a total but not as "
                        "women or men (total − women − men)."
                    )
                ],
            )
        ]

    return Shaped(_groupings(dimension), shape)


def _employment_basis(context: ReportContext, grouped: Grouped) -> Any:
    total = grouped.total
    n = total.get("n") or 0
    return basis(
        n=n,
        population=_("%(n)s validated entities with figures") % {"n": n},
        reference=context.people_reference(total),
        sources=context.figure_sources,
        not_disaggregated=not_disaggregated_share(total, EMPLOYMENT),
        **_scope(context, grouped),
    )


def employment_by_group(key: str, title: Any, dimension: Dimension) -> Shaped:
    """One row per group of people reported within each dimension's row."""

    def shape(context: ReportContext, results: Results) -> list[Table]:
        groups, total, _median = _people(dimension, results)
        rows = []
        laid_out = [
            *[(label, g, "") for label, g, _m in groups],
            (str(_("Total")), total, "total"),
            *[(label, g, "beside") for label, g in _beside(dimension, results)],
        ]
        for label, g, kind in laid_out:
            for prefix, group_label in EMPLOYMENT_GROUPS:
                if not g.get(f"{prefix}_n") and kind != "total":
                    continue  # nobody in this row reported this group
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
                            _women_share(g, prefix),
                            share_of(
                                g.get(f"{prefix}_unknown"), g.get(f"{prefix}_total")
                            ),
                        ],
                        kind,
                    )
                )
        found = table(
            key,
            title,
            [
                column(dimension.heading, TEXT),
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
            basis=_employment_basis(context, results.of(LATEST_FIGURES, dimension)),
            notes=[
                _(
                    "Worker-members and producer-members work within the scope of "
                    "the entity (ICLS 2018 guidelines); employees are paid staff."
                )
            ],
        )
        found["group_rows"] = True
        return [found]

    return Shaped(_groupings(dimension), shape)


def employment_with_women(key: str, title: Any, dimension: Dimension) -> Shaped:
    """Each group of people in columns, with its share of women."""

    def shape(context: ReportContext, results: Results) -> list[Table]:
        groups, total, _median = _people(dimension, results)

        def cells(label: str, g: Values) -> list[Any]:
            found: list[Any] = [label, g.get("n") or 0]
            for prefix in EMPLOYMENT:
                found += [g.get(f"{prefix}_total"), _women_share(g, prefix)]
            found.append(not_disaggregated_share(g, EMPLOYMENT))
            return found

        rows = [row(cells(label, g)) for label, g, _m in groups]
        rows.append(row(cells(str(_("Total")), total), "total"))
        rows += [
            row(cells(label, g), "beside") for label, g in _beside(dimension, results)
        ]
        columns = [
            column(dimension.heading, NAME),
            column(_("Entities with figures")),
        ]
        for _prefix, label in EMPLOYMENT_GROUPS:
            columns += [column(label), column(_("% women"), PCT)]
        columns.append(column(_("% not disaggregated"), PCT))
        return [
            table(
                key,
                title,
                columns,
                rows,
                basis=_employment_basis(context, results.of(LATEST_FIGURES, dimension)),
                notes=[_("% women: of the people whose sex is recorded.")],
            )
        ]

    return Shaped(_groupings(dimension), shape)


def leadership_by_sex(key: str, title: Any, dimension: Dimension) -> Shaped:
    def shape(context: ReportContext, results: Results) -> list[Table]:
        groups, total, _median = _people(dimension, results)

        def cells(label: str, g: Values) -> list[Any]:
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
                _women_share(g, "board"),
                share_of(g.get("chair_women"), chairs),
                share_of(g.get("manager_women"), managers),
                g.get("women_led") or 0,
                share_of(g.get("women_led"), led_known),
                (g.get("n") or 0) - led_known,
            ]

        rows = [row(cells(label, g)) for label, g, _m in groups]
        rows.append(row(cells(str(_("Total")), total), "total"))
        rows += [
            row(cells(label, g), "beside") for label, g in _beside(dimension, results)
        ]
        n = total.get("n") or 0
        return [
            table(
                key,
                title,
                [
                    column(dimension.heading, NAME),
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
                    reference=context.people_reference(total),
                    sources=context.figure_sources,
                    not_disaggregated=share_of(
                        total.get("board_unknown"), total.get("board_total")
                    ),
                    **_scope(context, results.of(LATEST_FIGURES, dimension)),
                ),
                notes=[
                    " ".join(
                        (
                            women_led_definition(context)[1],
                            _(
                                "Shares of chairs, managers and women-led entities "
                                "are of the entities where it is known."
                            ),
                        )
                    )
                ],
            )
        ]

    return Shaped(_groupings(dimension), shape)


# --- Women-led, part by part ---------------------------------------------------------


def women_led_definition(context: ReportContext) -> tuple[list[tuple[str, Any]], str]:
    """The parts of the country's definition of a women-led entity, as (part, row
    label), and the definition in words."""
    country = context.country
    parts: list[tuple[str, Any]] = []
    words: list[str] = []
    if country.women_led_chair:
        parts.append(("chair", _("A woman chairs it")))
        words.append(_("a woman chairs it"))
    if country.women_led_manager:
        parts.append(("manager", _("A woman manages it")))
        words.append(_("a woman manages it"))
    if country.women_led_board_pct is not None:
        pct = country.women_led_board_pct
        parts.append(
            (
                "board",
                _("Women hold at least %(pct)s %% of the board seats") % {"pct": pct},
            )
        )
        words.append(
            _("women hold at least %(pct)s %% of the board seats") % {"pct": pct}
        )
    if not words:
        stated = _("%(country)s defines no part of a women-led entity.") % {
            "country": country_name(country)
        }
    else:
        listed = (
            words[0]
            if len(words) == 1
            else _("%(parts)s or %(last)s")
            % {"parts": ", ".join(words[:-1]), "last": words[-1]}
        )
        stated = _(
            "Women-led in %(country)s: an entity is women-led when %(parts)s "
            "(any part met is enough)."
        ) % {"country": country_name(country), "parts": listed}
    return parts, stated


def _women_led_parts(context: ReportContext, results: Results) -> list[Table]:
    grouped = results.of(LATEST_FIGURES, ALL)
    total = grouped.total
    beside = [
        (code, label)
        for code, label in grouped.beside()
        if grouped.sum_other(code, "n")
    ]
    parts, stated = women_led_definition(context)
    laid_out = [*parts, ("", _("Women-led under this definition"))]

    def met_and_known(part: str, values: Values) -> tuple[int, int]:
        if not part:
            led = values.get("women_led") or 0
            return led, led + (values.get("not_women_led") or 0)
        return values.get(f"wl_{part}_met") or 0, values.get(f"wl_{part}_known") or 0

    rows = []
    for part, label in laid_out:
        met, known = met_and_known(part, total)
        found = [label, known, met, share_of(met, known)]
        for code, _label in beside:
            found.append(met_and_known(part, grouped.total_other(code))[0])
        rows.append(row(found, "" if part else "total"))
    n = total.get("n") or 0
    return [
        table(
            "women_led_parts",
            _("Women-led entities, part by part of the national definition"),
            [
                column(_("Part of the definition"), TEXT),
                column(_("Entities where known")),
                column(_("Entities meeting it")),
                # xgettext:no-python-format
                column(_("% of those known"), PCT),
                *[
                    column(_("%(beside)s: meeting it") % {"beside": label})
                    for _code, label in beside
                ],
            ],
            rows,
            basis=basis(
                n=n,
                population=_("%(n)s validated entities with figures") % {"n": n},
                reference=context.people_reference(total),
                sources=context.figure_sources,
                **_scope(context, grouped),
            ),
            notes=[
                stated,
                _(
                    "Shares are of the entities where the part is known. A part the "
                    "country does not use is not shown. Women-led is not known when "
                    "no part is met and a part is not known."
                ),
            ],
        )
    ]


WOMEN_LED = Shaped(
    (Grouping(LATEST_FIGURES, ALL, (*FIGURES, *WOMEN_LED_PARTS)),), _women_led_parts
)


# --- Economic size -------------------------------------------------------------------

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
AMOUNTS = {"turnover": gettext_lazy("Turnover"), "assets": gettext_lazy("Total assets")}


def _bound(index: int) -> Case | None:
    """The size classes' `index`-th bound in each row's own currency (none in a
    currency without bounds)."""
    if not 0 <= index < len(SIZE_CLASSES) - 1:
        return None
    return Case(
        *(When(currency=code, then=Value(b[index])) for code, b in SIZE_BOUNDS.items()),
        output_field=DecimalField(),
    )


def _size_class(amount: str, index: int) -> Q:
    # One lookup of the row's bounds rather than one test per currency.
    low, high = _bound(index - 1), _bound(index)
    condition = Q(**{f"{amount}__isnull": False})
    if low is not None:
        condition &= Q(**{f"{amount}__gte": low})
    if high is not None:
        condition &= Q(**{f"{amount}__lt": high})
    return condition


def amount_by_size(amount: str) -> Measure:
    """<amount>_n, _sum and one count per size class, in the figures' own currency."""
    return Measure(
        amount,
        {
            f"{amount}_n": Count("pk", filter=Q(**{f"{amount}__isnull": False})),
            f"{amount}_sum": Sum(amount),
            **{
                f"{amount}_{size}": Count("pk", filter=_size_class(amount, index))
                for index, (size, _label) in enumerate(SIZE_CLASSES)
            },
        },
    )


def _economic_size(context: ReportContext, results: Results) -> list[Table]:
    grouped = results.of(FIGURES_IN_A_CURRENCY, CURRENCY_YEAR).rows
    rows = []
    for amount, label in AMOUNTS.items():
        for g in grouped:
            if not g[f"{amount}_n"]:
                continue
            rows.append(
                row(
                    [
                        label,
                        g["currency"],
                        str(g["reference_year"]),
                        g[f"{amount}_n"],
                        g[f"{amount}_sum"],
                        g[f"{amount}_median"],
                        *[g[f"{amount}_{size}"] for size, _l in SIZE_CLASSES],
                    ]
                )
            )
    reporting = sum(g["turnover_n"] for g in grouped)
    bounds = "; ".join(
        f"{currency}: " + " / ".join(f"{b:,}" for b in SIZE_BOUNDS[currency])
        for currency in sorted({g["currency"] for g in grouped})
        if currency in SIZE_BOUNDS
    )
    spans = [
        {"year_min": g["reference_year"], "year_max": g["reference_year"]}
        for g in grouped
    ]
    return [
        table(
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
                reference=context.people_reference(total_of(spans)),
                sources=context.figure_sources,
                scope=scope_text(
                    context,
                    results.of(FIGURES_IN_A_CURRENCY, CURRENCY_YEAR),
                    FIGURES_IN_A_CURRENCY,
                    shown_beside=False,
                ),
                provisional=context.provisional,
            ),
            notes=[
                _(
                    "Amounts in the currency recorded, never converted; each "
                    "entity's latest reference year. Size-class bounds (about USD "
                    "10 000, 100 000 and 1 000 000 at indicative rates): %(bounds)s."
                )
                % {"bounds": bounds or "—"}
            ],
        )
    ]


ECONOMIC_SIZE = Shaped(
    (
        Grouping(
            FIGURES_IN_A_CURRENCY,
            CURRENCY_YEAR,
            (
                *(amount_by_size(amount) for amount in AMOUNTS),
                *(Median(f"{amount}_median", amount) for amount in AMOUNTS),
            ),
        ),
    ),
    _economic_size,
)
