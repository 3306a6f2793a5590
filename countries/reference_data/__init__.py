"""Reference data for the five study countries, as plain Python.

The `load_reference_data` management command writes it to the database; keeping the
data here (not in fixtures) lets it carry comments on where each value comes from.

- `COUNTRIES`: the five countries with their local names and currencies; the English
  names are catalogue messages, shown in the reader's language (`names.country_name`).
- `MACRO_REGIONS` (macro_regions.py): groupings for inclusive case selection.
- `AREAS`: first-level administrative units; KH, KG, MN and TH in areas.py, Viet Nam's
  63 pre-2025 and 34 current units with their crosswalk in vietnam_2025.py.
- `ISIC_SECTIONS` and `ISIC_DIVISIONS` (isic.py), `ISIC_CLASSES` (isic_classes.py):
  ISIC Rev.4.
- `LEGAL_FORMS` (legal_forms.py): seeds for the national consultants to confirm.
- `EXCHANGE_RATES` (exchange_rates.py): annual average rates to the US dollar, with
  their source, for the regional comparison.
"""

from django.utils.translation import gettext_noop

from countries.reference_data import areas, vietnam_2025
from countries.reference_data.exchange_rates import EXCHANGE_RATES
from countries.reference_data.isic import DIVISIONS as ISIC_DIVISIONS
from countries.reference_data.isic import SECTIONS as ISIC_SECTIONS
from countries.reference_data.isic_classes import CLASSES as ISIC_CLASSES
from countries.reference_data.legal_forms import LEGAL_FORMS
from countries.reference_data.macro_regions import MACRO_REGIONS
from countries.reference_data.records import (
    AreaSeed,
    CountrySeed,
    ExchangeRateSeed,
    IsicSeed,
    LegalFormSeed,
    MacroRegionSeed,
)

COUNTRIES: tuple[CountrySeed, ...] = (
    CountrySeed("KH", gettext_noop("Cambodia"), "កម្ពុជា", "KHR"),
    CountrySeed("KG", gettext_noop("Kyrgyzstan"), "Кыргызстан", "KGS"),
    CountrySeed("MN", gettext_noop("Mongolia"), "Монгол Улс", "MNT"),
    CountrySeed("TH", gettext_noop("Thailand"), "ประเทศไทย", "THB"),
    CountrySeed("VN", gettext_noop("Viet Nam"), "Việt Nam", "VND"),
)

AREAS: tuple[AreaSeed, ...] = areas.AREAS + vietnam_2025.AREAS

__all__ = [
    "AREAS",
    "COUNTRIES",
    "EXCHANGE_RATES",
    "ISIC_CLASSES",
    "ISIC_DIVISIONS",
    "ISIC_SECTIONS",
    "LEGAL_FORMS",
    "MACRO_REGIONS",
    "AreaSeed",
    "CountrySeed",
    "ExchangeRateSeed",
    "IsicSeed",
    "LegalFormSeed",
    "MacroRegionSeed",
]
