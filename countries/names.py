"""Reference names (areas, legal forms, regions) in the reader's language.

The local name when the active language is the country's, the Russian name for
Kyrgyzstan's areas and legal forms when reading in Russian, else the English name.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation

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
