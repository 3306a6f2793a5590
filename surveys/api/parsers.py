"""The API reads JSON only, and only text a database can store."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def _is_storable(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return "\x00" not in value
    if isinstance(value, dict):
        return all(_is_storable(k) and _is_storable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_is_storable(item) for item in value)
    return True


class StrictJSONParser(JSONParser):
    """JSON whose text is valid Unicode without NUL characters: JSON allows a lone
    surrogate ("\\ud800") or "\\u0000", which neither SQLite nor PostgreSQL store."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        data = super().parse(stream, media_type, parser_context)
        if not _is_storable(data):
            raise ParseError(
                _("The JSON holds text that is not valid Unicode, or a NUL character.")
            )
        return data
