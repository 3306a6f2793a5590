"""Reading one cell of the template: a code, a number, a date… or a precise problem.

Each problem names the row, the column, the value and what is allowed, so that a
consultant can fix the file without asking anyone.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from countries.area_reach import AreaReach, area_reaches
from countries.models import AdminArea, Country, IsicCode, LegalForm
from countries.names import country_name
from surveys.imports.reading import Cell
from surveys.models import Entity, EntityFigures, Source
from surveys.spreadsheet import (
    AREA,
    AREAS,
    BOOL,
    CODE,
    CODES,
    DATE,
    DECIMAL,
    INT,
    ISIC,
    ISICS,
    LEGAL_FORM,
    MULTI_SEPARATOR,
    SOURCE,
    TEXT,
    YEAR,
    Column,
    list_title,
)

EARLIEST_YEAR = 1800
# Lists longer than this are named, not spelled out, in a problem's "allowed".
SPELL_OUT = 15
TRUE_WORDS = {"yes", "y", "true", "1", "oui", "x"}
FALSE_WORDS = {"no", "n", "false", "0", "non"}
RANGES: dict[str, tuple[int, int]] = {
    "latitude": (-90, 90),
    "longitude": (-180, 180),
    "surplus_cap_pct": (0, 100),
}


@dataclass
class Problem:
    row: int | None
    column: str
    value: str
    message: str
    allowed: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "allowed": self.allowed,
        }


class CellError(Exception):
    def __init__(self, message: str, allowed: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.allowed = allowed


def shown(value: Any) -> str:
    """A cell's value as the person typed it, for the report."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and not value.time():
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class Lookups:
    """The country's code lists, loaded once per import."""

    country: Country
    areas: dict[str, AdminArea] = field(default_factory=dict)
    current_area_ids: set[int] = field(default_factory=set)
    reaches: dict[int, AreaReach] = field(default_factory=dict)
    legal_forms: dict[str, LegalForm] = field(default_factory=dict)
    divisions: dict[str, IsicCode] = field(default_factory=dict)
    sources: dict[str, list[Source]] = field(default_factory=dict)
    choices: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, country: Country) -> Lookups:
        lookups = cls(country=country)
        areas = list(AdminArea.objects.filter(country=country, level=1))
        names: dict[str, list[AdminArea]] = {}
        for area in areas:
            for name in (area.name_en, area.name_local):
                if name:
                    names.setdefault(name.casefold(), []).append(area)
        lookups.areas = {n: a[0] for n, a in names.items() if len(a) == 1}
        for area in areas:
            for code in (area.code, area.iso_3166_2):
                if code:
                    lookups.areas[code.casefold()] = area
        lookups.reaches = area_reaches(areas)
        lookups.current_area_ids = set(
            AdminArea.objects.current()
            .filter(country=country, level=1)
            .values_list("pk", flat=True)
        )
        for form in LegalForm.objects.filter(country=country):
            lookups.legal_forms[form.name_en.casefold()] = form
            lookups.legal_forms[form.code.casefold()] = form
        lookups.divisions = {
            isic.code: isic
            for isic in IsicCode.objects.filter(level__in=("division", "class"))
        }
        for source in Source.objects.filter(country=country):
            lookups.sources.setdefault(source.title.strip().casefold(), []).append(
                source
            )
        return lookups

    def choice_map(self, column: Column) -> dict[str, str]:
        assert column.choices is not None
        name = column.choices.__name__
        if name not in self.choices:
            mapping: dict[str, str] = {}
            for code, label in column.choices.choices:
                mapping[str(label).casefold()] = str(code)
            for code in column.choices.values:
                mapping[str(code).casefold()] = str(code)
            self.choices[name] = mapping
        return self.choices[name]


def allowed_codes(column: Column, lookups: Lookups) -> str:
    if column.choices is not None:
        return ", ".join(str(c) for c in column.choices.values)
    if column.kind in (LEGAL_FORM,):
        codes = sorted({f.code for f in lookups.legal_forms.values()})
        if len(codes) <= SPELL_OUT:
            return ", ".join(codes)
    return _("a code of the list “%(list)s” (sheet 'code lists' of the template)") % {
        "list": list_title(column.list_name or "")
    }


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if not value.time() else value.isoformat()
    text = str(value).strip()
    # Undo an export's neutralisation: '=x was written for the text =x.
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]
    return text


def split_values(value: Any, *, survey: bool) -> list[str]:
    """Several values in one cell: ';' in the template; KoboToolbox and ODK write
    select_multiple answers separated by spaces."""
    text = _text(value)
    pattern = r"[;\s,]+" if survey else rf"\s*{MULTI_SEPARATOR}\s*"
    parts = [p.strip() for p in re.split(pattern, text) if p.strip()]
    return list(dict.fromkeys(parts))


def empty_value(column: Column) -> Any:
    """What an empty cell stores: as the forms store it."""
    if column.kind in (CODES, AREAS, ISICS):
        return []
    if column.kind in (TEXT, CODE):
        return ""
    return None


# Cells that hold nothing, told apart before any other look at the cell: most of a
# file's cells.
EMPTY_TEXT = frozenset({None, ""})


def parse_cell(
    column: Column, cell: Cell, lookups: Lookups, *, survey: bool = False
) -> Any:
    """The typed value of a cell (model objects for codes), or CellError."""
    if cell.value in EMPTY_TEXT and not (cell.formula or cell.error):
        return empty_value(column)
    if cell.formula:
        raise CellError(
            _(
                "The cell holds a formula (%(formula)s). Imports need the values: copy "
                "the cells and paste them as values."
            )
            % {"formula": cell.value},
            _("a value, not a formula"),
        )
    if cell.error:
        raise CellError(
            _("The cell shows an error (%(error)s).") % {"error": cell.error}
        )
    value = cell.value
    if not cell.literal and isinstance(value, str) and value.strip().startswith("="):
        raise CellError(
            _(
                "The cell holds a formula (%(formula)s). Imports need the values: copy "
                "the cells and paste them as values."
            )
            % {"formula": value.strip()},
            _("a value, not a formula"),
        )
    if cell.empty:
        return empty_value(column)
    parser = _PARSERS[column.kind]
    return parser(column, value, lookups, survey)


def _parse_text(column: Column, value: Any, lookups: Lookups, survey: bool) -> str:
    text = _text(value)
    if column.max_length and len(text) > column.max_length:
        raise CellError(
            _("Too long: %(n)d characters.") % {"n": len(text)},
            _("at most %(max)d characters") % {"max": column.max_length},
        )
    return text


def _parse_code(column: Column, value: Any, lookups: Lookups, survey: bool) -> str:
    text = _text(value)
    code = lookups.choice_map(column).get(text.casefold())
    if code is None:
        raise CellError(
            _("“%(value)s” is not a code of the list “%(list)s”.")
            % {"value": text, "list": list_title(column.list_name or "")},
            allowed_codes(column, lookups),
        )
    return code


def _parse_codes(
    column: Column, value: Any, lookups: Lookups, survey: bool
) -> list[str]:
    single = Column(column.name, CODE, column.part, choices=column.choices)
    return [
        _parse_code(single, part, lookups, survey)
        for part in split_values(value, survey=survey)
    ]


def _parse_area(
    column: Column, value: Any, lookups: Lookups, survey: bool
) -> AdminArea:
    text = _text(value)
    area = lookups.areas.get(text.casefold())
    if area is None:
        raise CellError(
            _("“%(value)s” is not a first-level area of %(country)s.")
            % {"value": text, "country": country_name(lookups.country)},
            allowed_codes(column, lookups),
        )
    return area


def _parse_areas(
    column: Column, value: Any, lookups: Lookups, survey: bool
) -> list[AdminArea]:
    areas = [
        _parse_area(column, part, lookups, survey)
        for part in split_values(value, survey=survey)
    ]
    return list({area.pk: area for area in areas}.values())


def _parse_legal_form(
    column: Column, value: Any, lookups: Lookups, survey: bool
) -> LegalForm:
    text = _text(value)
    form = lookups.legal_forms.get(text.casefold())
    if form is None:
        raise CellError(
            _("“%(value)s” is not a legal form of %(country)s.")
            % {"value": text, "country": country_name(lookups.country)},
            allowed_codes(column, lookups),
        )
    return form


def _isic(text: str) -> str:
    text = text.strip()
    if re.fullmatch(r"\d+(\.0+)?", text):
        # Spreadsheets turn "01" into 1 and the class "0111" into 111.
        number = int(float(text))
        text = f"{number:02d}" if number < 100 else f"{number:04d}"
    return text


def _isic_code(column: Column, value: Any, lookups: Lookups) -> str:
    code = _isic(_text(value))
    if code not in lookups.divisions and re.fullmatch(r"\d{4}", code):
        # A class the platform does not list is read as its division.
        code = code[:2]
    if code not in lookups.divisions:
        raise CellError(
            _(
                "“%(value)s” is not an ISIC Rev.4 division or class (two or four "
                "digits, e.g. 01 or 0111)."
            )
            % {"value": _text(value)},
            allowed_codes(column, lookups),
        )
    return code


def _parse_isic(column: Column, value: Any, lookups: Lookups, survey: bool) -> IsicCode:
    return lookups.divisions[_isic_code(column, value, lookups)]


def _parse_isics(
    column: Column, value: Any, lookups: Lookups, survey: bool
) -> list[str]:
    return list(
        dict.fromkeys(
            _isic_code(column, part, lookups)
            for part in split_values(value, survey=survey)
        )
    )


def _parse_source(column: Column, value: Any, lookups: Lookups, survey: bool) -> Source:
    text = _text(value)
    found = lookups.sources.get(text.casefold(), [])
    if len(found) != 1:
        raise CellError(
            _("“%(value)s” is not the title of a source of %(country)s.")
            % {"value": text, "country": country_name(lookups.country)}
            if not found
            else _("Several sources of %(country)s have the title “%(value)s”.")
            % {"value": text, "country": country_name(lookups.country)},
            _("the exact title of one source; add the source first if it is new"),
        )
    return found[0]


def _number(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise InvalidOperation
    if isinstance(value, int | float):
        return Decimal(repr(value))
    return Decimal(_text(value).replace(" ", "").replace("\u00a0", ""))


def _parse_int(column: Column, value: Any, lookups: Lookups, survey: bool) -> int:
    try:
        number = _number(value)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number != number.to_integral():
        raise CellError(
            _("“%(value)s” is not a whole number.") % {"value": shown(value)},
            _("a whole number, 0 or more"),
        )
    low, high = RANGES.get(column.name, (0, 2_000_000_000))
    if not low <= number <= high:
        raise CellError(
            _("%(value)s is out of range.") % {"value": shown(value)},
            _("a whole number from %(low)s to %(high)s") % {"low": low, "high": high},
        )
    return int(number)


def _parse_year(column: Column, value: Any, lookups: Lookups, survey: bool) -> int:
    if isinstance(value, datetime.date):
        return value.year
    text = _text(value)
    match = re.fullmatch(r"(\d{4})(-\d{2}-\d{2}([T ].*)?)?(\.0+)?", text)
    this_year = timezone.now().year
    if not match:
        raise CellError(
            _("“%(value)s” is not a year.") % {"value": text},
            _("a year of four digits, %(low)s to %(high)s")
            % {"low": EARLIEST_YEAR, "high": this_year},
        )
    year = int(match.group(1))
    if year < EARLIEST_YEAR:
        raise CellError(
            _("%(year)s is too early.") % {"year": year},
            _("a year from %(low)s to %(high)s")
            % {"low": EARLIEST_YEAR, "high": this_year},
        )
    return year


def _decimal_places(column: Column) -> int:
    model = EntityFigures if column.part == "figures" else Entity
    return model._meta.get_field(column.name).decimal_places  # type: ignore[union-attr]


def _parse_decimal(
    column: Column, value: Any, lookups: Lookups, survey: bool
) -> Decimal:
    try:
        number = _number(value)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise CellError(
            _("“%(value)s” is not a number.") % {"value": shown(value)},
            _("a number with a point for decimals, e.g. 11.5564"),
        )
    low, high = RANGES.get(column.name, (0, 10**17))
    if not low <= number <= high:
        raise CellError(
            _("%(value)s is out of range.") % {"value": shown(value)},
            _("a number from %(low)s to %(high)s") % {"low": low, "high": high},
        )
    places = Decimal(1).scaleb(-_decimal_places(column))
    return number.quantize(places, rounding=ROUND_HALF_UP)


def _parse_date(
    column: Column, value: Any, lookups: Lookups, survey: bool
) -> datetime.date:
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    else:
        text = _text(value)
        try:
            day = datetime.date.fromisoformat(text[:10])
        except ValueError:
            raise CellError(
                _("“%(value)s” is not a date.") % {"value": text},
                _("a date written YYYY-MM-DD, e.g. 2024-03-31"),
            ) from None
    if day > timezone.localdate():
        raise CellError(
            _("%(date)s is in the future.") % {"date": day.isoformat()},
            _("a date up to today"),
        )
    if day.year < EARLIEST_YEAR:
        raise CellError(
            _("%(date)s is too early.") % {"date": day.isoformat()},
            _("a date from %(year)s on") % {"year": EARLIEST_YEAR},
        )
    return day


def _parse_bool(column: Column, value: Any, lookups: Lookups, survey: bool) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).casefold()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(
        _("“%(value)s” is neither yes nor no.") % {"value": _text(value)}, "yes, no"
    )


_PARSERS: dict[str, Any] = {
    TEXT: _parse_text,
    CODE: _parse_code,
    CODES: _parse_codes,
    AREA: _parse_area,
    AREAS: _parse_areas,
    LEGAL_FORM: _parse_legal_form,
    ISIC: _parse_isic,
    ISICS: _parse_isics,
    SOURCE: _parse_source,
    INT: _parse_int,
    YEAR: _parse_year,
    DECIMAL: _parse_decimal,
    DATE: _parse_date,
    BOOL: _parse_bool,
}
