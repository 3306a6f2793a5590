"""Economic size side by side: each country's turnover and assets in its currency and
converted to US dollars at the stored annual rate of the figures' reference year.

The same figures as the country reports' economic size (SSE entities only, each
entity's latest reference year, amounts with a currency), grouped by country,
currency and reference year in one query (plus one windowed query per median); the
rates are read in one more query, so the cost grows neither with the entities nor
with the rates. A year with no stored rate takes the nearest earlier year's rate,
and says so; a currency with no earlier rate is not converted and is left out of
every US dollar total.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countries.models import ExchangeRate
from countries.names import country_name
from surveys.reports.context import ReportContext
from surveys.reports.dimensions import Dimension
from surveys.reports.measures import ENTITIES, Measure, Median
from surveys.reports.spec import (
    FIGURES_IN_A_CURRENCY,
    Grouping,
    Results,
    scope_text,
)
from surveys.reports.tables import (
    INT,
    NAME,
    NUM,
    TEXT,
    Basis,
    Row,
    Table,
    basis,
    column,
    row,
    table,
)

USD = "USD"
AMOUNTS: tuple[tuple[str, Any], ...] = (
    ("turnover", gettext_lazy("Turnover")),
    ("assets", gettext_lazy("Total assets")),
)

COUNTRY_CURRENCY_YEAR = Dimension(
    key="country_currency_year",
    heading=gettext_lazy("Country"),
    kind=NAME,
    fields={
        "country": "country",
        "currency": "currency",
        "reference_year": "reference_year",
    },
    # In the order of `group_key`: the medians are matched to groups on it.
    partition={
        "g_country": F("country"),
        "g_currency": F("currency"),
        "g_year": F("reference_year"),
    },
    group_key=("country", "currency", "reference_year"),
    label=lambda values: str(values["country"]),
    order=lambda values: (
        values["country"],
        values["currency"],
        -values["reference_year"],
    ),
)


def _amount(name: str) -> Measure:
    return Measure(
        name,
        {
            f"{name}_n": Count("pk", filter=Q(**{f"{name}__isnull": False})),
            f"{name}_sum": Sum(name),
        },
    )


ECONOMY_BY_COUNTRY = Grouping(
    FIGURES_IN_A_CURRENCY,
    COUNTRY_CURRENCY_YEAR,
    (
        ENTITIES,
        *(_amount(name) for name, _label in AMOUNTS),
        *(Median(f"{name}_median", name) for name, _label in AMOUNTS),
    ),
)
GROUPINGS = (ECONOMY_BY_COUNTRY,)


@dataclass(frozen=True)
class Conversion:
    """How amounts of one currency and reference year become US dollars: `rate`
    units per dollar, the rate of `rate_year` (None: no rate, not converted)."""

    currency: str
    year: int
    rate: Decimal | None
    rate_year: int | None = None
    source: str = ""

    @property
    def converted(self) -> bool:
        return self.rate is not None

    @property
    def nearest_earlier(self) -> bool:
        return self.rate_year is not None and self.rate_year != self.year

    def to_usd(self, amount: Any) -> int | None:
        """The amount in whole US dollars (None: no amount, or no rate)."""
        if amount is None or self.rate is None:
            return None
        return round(Decimal(str(amount)) / self.rate)

    def describe(self) -> str:
        """The rate as a cell reads it."""
        if self.rate is None:
            return _("not converted")
        if self.currency == USD:
            return _("in US dollars")
        rate = _rate_text(self.rate)
        if self.nearest_earlier:
            return _("%(rate)s (%(year)s, nearest earlier year)") % {
                "rate": rate,
                "year": self.rate_year,
            }
        return f"{rate} ({self.rate_year})"


def _rate_text(rate: Decimal) -> str:
    places = 0 if rate >= 1000 else 2
    return number_format(rate, decimal_pos=places, force_grouping=True)


Rates = dict[str, dict[int, tuple[Decimal, str]]]


def stored_rates(currencies: Iterable[str]) -> Rates:
    """The stored annual rates of these currencies, {currency: {year: (rate, source)}},
    in one query."""
    found: Rates = defaultdict(dict)
    for currency, year, rate, source in ExchangeRate.objects.filter(
        currency__in=sorted(set(currencies))
    ).values_list("currency", "year", "units_per_usd", "source"):
        found[currency][year] = (rate, source)
    return found


def conversion(rates: Rates, currency: str, year: int) -> Conversion:
    """The rate of the figures' year, else of the nearest earlier year, else none."""
    if currency == USD:
        return Conversion(currency, year, Decimal(1), year)
    earlier = [y for y in rates.get(currency, {}) if y <= year]
    if not earlier:
        return Conversion(currency, year, None)
    rate_year = max(earlier)
    rate, source = rates[currency][rate_year]
    return Conversion(currency, year, rate, rate_year, source)


def _rates_basis(conversions: list[Conversion]) -> str:
    """The rates used, their years and sources, for the basis line."""
    used = sorted(
        {c for c in conversions if c.converted and c.currency != USD},
        key=lambda c: (c.currency, c.year),
    )
    parts = [
        f"{c.currency} {c.year}: "
        + (_rate_text(c.rate) if c.rate and not c.nearest_earlier else c.describe())
        for c in used
    ]
    missing = sorted({f"{c.currency} {c.year}" for c in conversions if not c.converted})
    text = _("exchange rates, units per US dollar, annual averages: %(rates)s") % {
        "rates": "; ".join(parts) or "—"
    }
    sources = sorted({c.source for c in used})
    if sources:
        text += " (" + "; ".join(sources) + ")"
    if missing:
        text += "; " + _("no stored rate, not converted: %(missing)s") % {
            "missing": ", ".join(missing)
        }
    return text


# A group of figures (one country, currency and reference year) and its conversion.
Paired = list[tuple[dict[str, Any], Conversion]]


@dataclass(frozen=True)
class Converted:
    """The grouped figures of the SSE with their conversions, those of each class
    shown beside it, and the basis lines of the two tables."""

    groups: Paired
    beside: list[tuple[Any, Paired]]
    basis: Basis
    basis_with_beside: Basis


def _converted(context: ReportContext, results: Results) -> Converted:
    grouped = results.of(FIGURES_IN_A_CURRENCY, COUNTRY_CURRENCY_YEAR)
    beside = [(label, grouped.others.get(code, [])) for code, label in grouped.beside()]
    rates = stored_rates(
        g["currency"] for rows in (grouped.rows, *(r for _l, r in beside)) for g in rows
    )

    def paired(rows: list[dict[str, Any]]) -> Paired:
        return [
            (g, conversion(rates, g["currency"], g["reference_year"])) for g in rows
        ]

    groups = paired(grouped.rows)
    beside_groups = [(label, paired(rows)) for label, rows in beside]
    used = [
        rate
        for found in (groups, *(p for _l, p in beside_groups))
        for _g, rate in found
    ]
    years = sorted({g["reference_year"] for g in grouped.rows})
    reporting = sum(g["turnover_n"] or 0 for g in grouped.rows)
    common: dict[str, Any] = {
        "n": reporting,
        "population": _("%(n)s validated SSE entities reporting turnover")
        % {"n": reporting},
        "reference": _(
            "latest reference year of each entity (%(years)s), converted at the "
            "annual average rate of that year"
        )
        % {
            "years": (
                f"{years[0]}–{years[-1]}"
                if len(years) > 1
                else (str(years[0]) if years else _("no figures"))
            )
        },
        "sources": _("the sources cited in each country's figures; %(rates)s")
        % {"rates": _rates_basis(used)},
        "provisional": context.provisional,
    }
    return Converted(
        groups,
        beside_groups,
        basis(
            scope=scope_text(
                context, grouped, FIGURES_IN_A_CURRENCY, shown_beside=False
            ),
            **common,
        ),
        basis(scope=scope_text(context, grouped, FIGURES_IN_A_CURRENCY), **common),
    )


def economy_tables(context: ReportContext, results: Results) -> list[Table]:
    converted = _converted(context, results)
    return [_side_by_side(context, converted), _by_currency(context, converted)]


@dataclass(frozen=True)
class ByCountry:
    """One amount of some groups, by country: the converted sum in US dollars, the
    entities reporting it and those of them not converted."""

    usd: dict[str, int]
    reporting: dict[str, int]
    left_out: dict[str, int]

    def usd_of(self, country: str) -> int | None:
        """None where nothing is converted: no figures, or no rate."""
        converted = self.reporting[country] > self.left_out[country]
        return self.usd[country] if converted else None


def _by_country(groups: Paired, name: str) -> ByCountry:
    found = ByCountry(defaultdict(int), defaultdict(int), defaultdict(int))
    for values, rate in groups:
        n = values[f"{name}_n"] or 0
        found.reporting[values["country"]] += n
        if rate.converted:
            found.usd[values["country"]] += rate.to_usd(values[f"{name}_sum"]) or 0
        else:
            found.left_out[values["country"]] += n
    return found


def _side_by_side(context: ReportContext, converted: Converted) -> Table:
    codes = [c.code for c in context.countries]
    rows: list[Row] = []
    for name, label in AMOUNTS:
        sse = _by_country(converted.groups, name)
        usd, reporting, left_out = sse.usd, sse.reporting, sse.left_out
        rows.append(
            row(
                [
                    _("%(amount)s, total (USD)") % {"amount": label},
                    *[sse.usd_of(c) for c in codes],
                    sum(usd.values()),
                ],
                "total",
            )
        )
        rows.append(
            row(
                [
                    _("Entities reporting %(amount)s") % {"amount": str(label).lower()},
                    *[reporting[c] for c in codes],
                    sum(reporting.values()),
                ]
            )
        )
        if any(left_out.values()):
            rows.append(
                row(
                    [
                        _("of which not converted (no stored rate)"),
                        *[left_out[c] for c in codes],
                        sum(left_out.values()),
                    ]
                )
            )
        for beside_label, groups in converted.beside:
            other = _by_country(groups, name)
            if not sum(other.reporting.values()):
                continue
            rows.append(
                row(
                    [
                        _("%(amount)s of %(class)s entities (USD, not in the total)")
                        % {
                            "amount": label,
                            "class": str(beside_label).split(" (")[0].lower(),
                        },
                        *[other.usd_of(c) for c in codes],
                        sum(other.usd.values()),
                    ],
                    "beside",
                )
            )
    return table(
        "regional_economy",
        _("Turnover and assets in US dollars, by country"),
        [
            column(_("Indicator"), TEXT),
            *[column(country_name(c), INT) for c in context.countries],
            column(_("All countries"), INT),
        ],
        rows,
        basis=converted.basis_with_beside,
        notes=[
            _(
                "Each entity's amounts in its currency, converted at the annual "
                "average rate of its reference year; the totals in US dollars add "
                "only converted amounts, across countries and reference years. The "
                "next table gives the amounts in each currency and the rate used."
            )
        ],
    )


def _by_currency(context: ReportContext, converted: Converted) -> Table:
    names = {c.code: country_name(c) for c in context.countries}
    order = {c.code: i for i, c in enumerate(context.countries)}
    paired = sorted(
        converted.groups,
        key=lambda found: (
            order.get(found[0]["country"], len(order)),
            found[0]["currency"],
            -found[0]["reference_year"],
        ),
    )
    rows: list[Row] = []
    for name, label in AMOUNTS:
        total_usd = 0
        total_n = 0
        for values, rate in paired:
            n = values[f"{name}_n"]
            if not n:
                continue
            if rate.converted:
                total_usd += rate.to_usd(values[f"{name}_sum"]) or 0
                total_n += n
            rows.append(
                row(
                    [
                        label,
                        names.get(values["country"], values["country"]),
                        values["currency"],
                        str(values["reference_year"]),
                        n,
                        values[f"{name}_sum"],
                        values[f"{name}_median"],
                        rate.describe(),
                        rate.to_usd(values[f"{name}_sum"]),
                        rate.to_usd(values[f"{name}_median"]),
                    ]
                )
            )
        rows.append(
            row(
                [
                    label,
                    _("All countries, converted"),
                    USD,
                    "",
                    total_n,
                    None,
                    None,
                    "",
                    total_usd,
                    None,
                ],
                "total",
            )
        )
    found = table(
        "regional_economy_by_currency",
        _("Turnover and assets in each currency and in US dollars"),
        [
            column(_("Measure"), TEXT),
            column(_("Country"), NAME),
            column(_("Currency"), TEXT),
            column(_("Reference year"), TEXT),
            column(_("Entities reporting")),
            column(_("Total"), NUM),
            column(_("Median"), NUM),
            column(_("Rate per USD (year)"), TEXT),
            column(_("Total (USD)")),
            column(_("Median (USD)")),
        ],
        rows,
        basis=converted.basis,
        notes=[
            _(
                "Amounts in the currency recorded, each entity's latest reference "
                "year; converted at the stored annual average rate of that year, or "
                "of the nearest earlier year when that year has none (said in the "
                "rate column); not converted when no earlier rate is stored. A "
                "median converts at its group's rate; medians are not added."
            )
        ],
    )
    found["group_rows"] = True
    return found
