"""The shapes of the reference-data rows: plain data, so the modules need no Django."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class CountrySeed:
    code: str
    name: str
    name_local: str
    currency: str


@dataclass(frozen=True)
class MacroRegionSeed:
    country: str
    code: str
    name_en: str
    name_local: str = ""


@dataclass(frozen=True)
class AreaSeed:
    """A first-level administrative unit; `replaced_by` is the successor's `code`."""

    country: str
    code: str
    iso_3166_2: str
    kind: str
    name_en: str
    name_local: str
    macro_region: str
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    replaced_by: str | None = None
    level: int = 1


@dataclass(frozen=True)
class IsicSeed:
    code: str
    title: str
    section: str | None = None

    @property
    def level(self) -> str:
        if self.section is None:
            return "section"
        return "division" if len(self.code) == 2 else "class"


@dataclass(frozen=True)
class LegalFormSeed:
    country: str
    code: str
    name_en: str
    name_local: str
    governing_law: str
    default_sse_type: str


@dataclass(frozen=True)
class ExchangeRateSeed:
    """An annual average rate: `units_per_usd` of `currency` buy one US dollar."""

    currency: str
    year: int
    units_per_usd: Decimal
    source: str
