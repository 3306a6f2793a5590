"""Example classification rules of the five national definitions, for the demo.

Each is the `rules` value of a national definition (its shape: `principles.rules_errors`).
The legal facts behind them are from notes/sse-domain.md and are to be confirmed by the
national consultants, like the legal-form seeds.
"""

from __future__ import annotations

from typing import Any

EXAMPLE_RULES: dict[str, dict[str, Any]] = {
    # Social Enterprise Promotion Act B.E. 2562: at most 30 % of profit distributed.
    "TH": {"max_surplus_on_capital_pct": 30},
    # Law on Cooperatives 2023: indivisible reserves; cooperatives must be registered.
    "VN": {
        "treatments": {"P4.3": "REQUIRED"},
        "registration_required_types": ["COOP"],
    },
    # Consensus in the general assembly is the documented participatory mechanism of
    # P2.2: the ILC 2022 default treats it as met, so nothing changes.
    "MN": {},
    "KG": {},
    "KH": {},
}


def example_rules(country_code: str) -> dict[str, Any]:
    """The example rules of a country's national definition (empty: ILC 2022)."""
    return dict(EXAMPLE_RULES.get(country_code, {}))
