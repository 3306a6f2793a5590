"""Text that must stay on one line: names, titles, codes and e-mail subjects."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

# Line and paragraph separators are not category Cc, yet they break a line as well.
_LINE_BREAKERS = {"\u2028", "\u2029", "\u0085"}
# Text of several lines may hold line breaks and tabs, never other control characters.
_MULTILINE_ALLOWED = {"\n", "\r", "\t"}


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" or char in _LINE_BREAKERS


# The characters `_is_control` finds, category Cc being U+0000–U+001F and U+007F–U+009F.
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{''.join(sorted(_LINE_BREAKERS))}]")
_CONTROL_MULTILINE = re.compile(
    f"(?![{re.escape(''.join(sorted(_MULTILINE_ALLOWED)))}]){_CONTROL.pattern}"
)


def has_control_characters(text: str, *, multiline: bool = False) -> bool:
    return (_CONTROL_MULTILINE if multiline else _CONTROL).search(text) is not None


def control_character_message(field: models.Field[Any, Any], value: Any) -> str | None:
    """What is wrong with `value` in `field`, a text field holding control characters:
    none at all in a single-line field (a name, a title), only line breaks and tabs
    in a text."""
    if not isinstance(field, models.CharField | models.TextField):
        return None
    if not isinstance(value, str):
        return None
    multiline = isinstance(field, models.TextField)
    if not has_control_characters(value, multiline=multiline):
        return None
    if multiline:
        return _("Remove the control characters from this text.")
    return _(
        "Write this on one line: remove line breaks, tabs and other control characters."
    )


def control_character_errors(record: models.Model) -> dict[str, list[str]]:
    """The record's text fields holding control characters."""
    errors: dict[str, list[str]] = {}
    for field in record._meta.concrete_fields:
        message = control_character_message(field, getattr(record, field.attname, None))
        if message is not None:
            errors[field.name] = [message]
    return errors


def one_line(text: str, *, limit: int = 150) -> str:
    """`text` on one line and at most `limit` characters, as an e-mail subject must be."""
    cleaned = "".join(" " if _is_control(c) else c for c in text)
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1].rstrip() + "…"
