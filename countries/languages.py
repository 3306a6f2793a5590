"""The platform's languages and which language each country's data is written in.

Declared once: settings read LANGUAGES, the `local` filter, the report form and the
preferences page read COUNTRY_LANGUAGES.
"""

from __future__ import annotations

from typing import Final

# Each language named in its own script, so a person finds theirs whatever the page's
# current language.
LANGUAGES: Final = [
    ("en", "English"),
    ("km", "ភាសាខ្មែរ"),
    ("ky", "Кыргызча"),
    ("ru", "Русский"),
    ("mn", "Монгол"),
    ("th", "ไทย"),
    ("vi", "Tiếng Việt"),
]
LANGUAGE_CODES: Final = frozenset(code for code, _name in LANGUAGES)
LANGUAGE_NAMES: Final = dict(LANGUAGES)

# The national language(s) of each country, the one its local names are written in
# first. Kyrgyzstan has two official languages.
COUNTRY_LANGUAGES: Final[dict[str, tuple[str, ...]]] = {
    "KH": ("km",),
    "KG": ("ky", "ru"),
    "MN": ("mn",),
    "TH": ("th",),
    "VN": ("vi",),
}


def local_language(country_code: str | None) -> str:
    """The language a country's local-script data is written in ("" if unknown)."""
    return COUNTRY_LANGUAGES.get((country_code or "").upper(), ("",))[0]


def report_languages(country_code: str | None) -> list[str]:
    """The languages a country's report may be compiled in: its own, then English.
    Kyrgyzstan's in Kyrgyz or Russian (and English)."""
    return [*COUNTRY_LANGUAGES.get((country_code or "").upper(), ()), "en"]
