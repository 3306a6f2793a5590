"""Local-script data marked with its language, and reference and country names in the
reader's.

`{{ entity.name_local|local:entity.country_id }}` → `<span lang="th" …>…</span>`, so
that a screen reader reads it with a Thai voice and the browser picks a Thai font.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from countries.languages import local_language
from countries.names import country_name as _country_name
from countries.names import localized_name

register = template.Library()


def _code(country: Any) -> str:
    return str(
        getattr(country, "code", None) or getattr(country, "pk", None) or country or ""
    )


@register.filter
def local(value: Any, country: Any) -> SafeString | str:
    """The value in a span carrying the language of `country` (a Country or a code)."""
    if value in (None, ""):
        return ""
    language = local_language(_code(country))
    if not language:
        return format_html('<span class="local-script">{}</span>', value)
    return format_html(
        '<span lang="{}" class="local-script">{}</span>', language, value
    )


@register.filter
def lang_of(country: Any) -> str:
    """The language code of a country's local-script data, for a `lang` attribute."""
    return local_language(_code(country))


@register.filter
def country_name(country: Any) -> str:
    """A country's name in the active language."""
    return _country_name(country) if country else ""


@register.filter
def in_language(item: Any) -> str:
    """An area's, legal form's or region's name in the active language where known."""
    return localized_name(item)


# Letters only Vietnamese uses among the platform's Latin-script languages.
_VIETNAMESE = frozenset("ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


@register.filter
def text_lang(text: Any, fallback: str = "") -> str:
    """The language of a name by its script, for a `lang` attribute on a report's
    name cells: Khmer and Thai by their scripts, Vietnamese by its letters, Cyrillic
    as `fallback` (the country's language; Kyrgyz, Russian and Mongolian share it)."""
    for char in str(text or ""):
        if "\u1780" <= char <= "\u17ff":
            return "km"
        if "\u0e00" <= char <= "\u0e7f":
            return "th"
        if char in _VIETNAMESE:
            return "vi"
        if "\u0400" <= char <= "\u04ff":
            return fallback if fallback in ("ky", "ru", "mn") else "ru"
    return ""


@register.filter
def lang_attr(text: Any, country: Any = None) -> SafeString:
    """` lang="km"` for the element holding a piece of free text (a comment, a
    description, a narrative) written in one of the platform's scripts, Cyrillic read
    as the language of `country` (a Country or a code); nothing for other text, which
    then reads in the page's language."""
    language = text_lang(text, local_language(_code(country)))
    return format_html(' lang="{}"', language) if language else SafeString("")
