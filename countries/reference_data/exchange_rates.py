"""Annual average exchange rates of the study countries' currencies to the US dollar.

Each figure is the annual average official rate, in local currency units per US dollar,
as published in the World Bank's World Development Indicators, series PA.NUS.FCRF
"Official exchange rate (LCU per US$, period average)" (from the IMF's International
Financial Statistics); figures are rounded to four significant digits, and those for
2025 are approximate, from the central banks' published averages for the year. Staff
correct a rate in the admin; `load_reference_data` adds the rates missing and leaves
the stored ones alone, so a correction stays. The regional comparison converts with
the stored rates only: no rate is ever fetched while a report compiles.
"""

from __future__ import annotations

from decimal import Decimal

from countries.reference_data.records import ExchangeRateSeed

WORLD_BANK = (
    "World Bank WDI PA.NUS.FCRF, Official exchange rate (LCU per US$, period average)"
)
CENTRAL_BANKS = "Central bank annual averages (approximate, to be confirmed)"

# currency: {year: local currency units per US dollar}
_RATES: dict[str, dict[int, str]] = {
    "KHR": {
        2020: "4093",
        2021: "4099",
        2022: "4102",
        2023: "4111",
        2024: "4073",
        2025: "4018",
    },
    "KGS": {
        2020: "77.35",
        2021: "84.64",
        2022: "84.12",
        2023: "88.08",
        2024: "87.72",
        2025: "87.35",
    },
    "MNT": {
        2020: "2813",
        2021: "2849",
        2022: "3141",
        2023: "3473",
        2024: "3395",
        2025: "3580",
    },
    "THB": {
        2020: "31.29",
        2021: "31.98",
        2022: "35.06",
        2023: "34.80",
        2024: "35.29",
        2025: "33.20",
    },
    "VND": {
        2020: "23208",
        2021: "23160",
        2022: "23271",
        2023: "23787",
        2024: "24950",
        2025: "25600",
    },
}

EXCHANGE_RATES: tuple[ExchangeRateSeed, ...] = tuple(
    ExchangeRateSeed(
        currency=currency,
        year=year,
        units_per_usd=Decimal(rate),
        source=CENTRAL_BANKS if year >= 2025 else WORLD_BANK,
    )
    for currency, by_year in _RATES.items()
    for year, rate in sorted(by_year.items())
)
