"""Dates in the reader's locale and calendar.

Stored dates are Gregorian; a person who chose the Buddhist Era reads the year plus
543. Both the template `date` filter (see templatetags/calendar.py) and
`surveys.display.display_value` format through `date_format` below.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import formats

from countries.preferences import buddhist_era_active

# The Buddhist Era counts from 543 BCE: 2024 CE is 2567 BE.
BUDDHIST_ERA_OFFSET = 543
FORMAT_SETTINGS = frozenset(
    {
        "DATE_FORMAT",
        "DATETIME_FORMAT",
        "SHORT_DATE_FORMAT",
        "SHORT_DATETIME_FORMAT",
        "YEAR_MONTH_FORMAT",
        "MONTH_DAY_FORMAT",
    }
)


def buddhist_format(fmt: str, year: int) -> str:
    """`fmt` with its year characters (Y, y) replaced by the Buddhist Era year, as
    escaped literals so the formatter prints them as they are."""
    era_year = str(year + BUDDHIST_ERA_OFFSET)
    out: list[str] = []
    chars = iter(fmt)
    for char in chars:
        if char == "\\":
            out.append(char + next(chars, ""))
        elif char == "Y":
            out.append("".join(f"\\{digit}" for digit in era_year))
        elif char == "y":
            out.append("".join(f"\\{digit}" for digit in era_year[-2:]))
        else:
            out.append(char)
    return "".join(out)


def with_calendar(value: Any, fmt: str | None) -> str | None:
    """The format to give Django's formatter for `value` in the reader's calendar."""
    if not buddhist_era_active.get() or not isinstance(value, datetime.date):
        return fmt
    fmt = fmt or "DATE_FORMAT"
    if fmt in FORMAT_SETTINGS:
        fmt = str(formats.get_format(fmt))
    return buddhist_format(fmt, value.year)


def date_format(value: datetime.date, fmt: str = "SHORT_DATE_FORMAT") -> str:
    """A date (or an aware datetime, already in local time) as the reader reads it."""
    return formats.date_format(value, with_calendar(value, fmt))
