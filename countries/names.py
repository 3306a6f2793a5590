"""Reference names (countries, areas, legal forms, regions, ISIC titles) in the
reader's language.

The local name when the active language is the country's, the Russian name for
Kyrgyzstan's areas and legal forms when reading in Russian, else the English name
(for a country, its English name as the catalogue translates it).
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext

from countries.languages import COUNTRY_LANGUAGES


def localized_name(item: Any, language: str | None = None) -> str:
    """`item`'s name_local, name_ru or name_en, whichever fits `language` (default:
    the active language); English when the fitting one is empty."""
    language = (language or translation.get_language() or "en").split("-")[0]
    english = str(getattr(item, "name_en", "") or item)
    country = str(getattr(item, "country_id", "") or "")
    russian = str(getattr(item, "name_ru", None) or "")
    local = str(getattr(item, "name_local", None) or "")
    if language == "ru" and russian:
        return russian
    if local and language in COUNTRY_LANGUAGES.get(country, ())[:1]:
        return local
    return english


def country_name(country: Any, language: str | None = None) -> str:
    """A country's name in `language` (default: the active one): its own name in its
    own language, else its English name as the catalogue translates it. `country` is
    a Country or anything with `code`, `name` and `name_local`."""
    language = (language or translation.get_language() or "en").split("-")[0]
    code = str(getattr(country, "code", "") or "")
    local = str(getattr(country, "name_local", "") or "")
    if local and language in COUNTRY_LANGUAGES.get(code, ())[:1]:
        return local
    english = str(getattr(country, "name", "") or code)
    with translation.override(language):
        return gettext(english)


def isic_title(code: str, title: str) -> str:
    """An ISIC section's, division's or class's title in the active language: the
    catalogue's translation of the UN's English title."""
    return gettext(title)
