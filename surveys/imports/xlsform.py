"""The entity questionnaire as an XLSForm, for offline fieldwork on KoboToolbox or ODK
Central.

Its question names are the template's column names and its choice names the
platform's codes, so that an export of it imports with no mapping to set up
(`surveys.imports.survey.builtin_mapping`). Labels come in English and in the
country's languages, from the same catalogues as the pages; the rules the platform
checks on import (women and men within the total, years, non-negative numbers) are
the form's constraints, so that fieldworkers fix a slip where they make it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import xlsxwriter
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countries.languages import COUNTRY_LANGUAGES
from countries.models import AdminArea, Country, IsicCode, LegalForm
from countries.names import country_name, localized_name
from countries.vocabularies import ConsentLevel
from surveys.display import display_value
from surveys.entities.forms import EntityForm
from surveys.imports.parsing import EARLIEST_YEAR
from surveys.imports.survey import GPS
from surveys.models import PEOPLE_GROUPS
from surveys.models.figures import MEMBER_GROUPS
from surveys.spreadsheet import (
    AREA,
    AREAS,
    BOOL,
    CODE,
    CODES,
    COLUMNS_BY_NAME,
    DATE,
    DECIMAL,
    INT,
    ISIC,
    ISICS,
    LEGAL_FORM,
    NO,
    TEXT,
    YEAR,
    YES,
    Column,
)

# The point the device reads stands for the coordinates and their precision.
POINT_FIELDS = ("latitude", "longitude", "geo_precision")
FIGURES_GROUP = (
    "figures",
    gettext_lazy("Figures"),
    (
        "reference_year",
        *(
            f"{prefix}_{part}"
            for prefix, _label in PEOPLE_GROUPS
            for part in ("total", "women", "men")
        ),
        "chair_sex",
        "manager_sex",
        "turnover",
        "assets",
        "currency",
    ),
)


def form_groups() -> list[tuple[str, Any, tuple[str, ...]]]:
    """The form's pages: the entity page's sections, with the template's columns
    only, then the figures by sex."""
    groups = []
    for name, label, fields in EntityForm.SECTIONS:
        questions: list[str] = []
        for field_name in fields:
            if field_name in POINT_FIELDS:
                if GPS not in questions:
                    questions.append(GPS)
            elif field_name in COLUMNS_BY_NAME:
                questions.append(field_name)
        groups.append((name, label, tuple(questions)))
    return [*groups, FIGURES_GROUP]


# The template's notes that read right in a form too; the others speak of cells,
# separators and code lists, which a form's pick lists replace.
FORM_HINTS = (
    "name_local",
    "name_en",
    "locality",
    "coop_member_type",
    "former_legal_form",
    "surplus_cap_pct",
    "visibility",
    "turnover",
    "assets",
)
COOPERATIVE_TYPES = ("COOP", "PRECOOP", "SCC")
THIS_YEAR = "number(format-date(today(), '%Y'))"

Texts = Callable[[], Any]


@dataclass
class Question:
    type: str
    name: str
    label: Texts
    hint: Texts | None = None
    required: str = ""
    required_message: Texts | None = None
    constraint: str = ""
    constraint_message: Texts | None = None
    relevant: str = ""
    appearance: str = ""
    default: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def _question_type(column: Column) -> str:
    kinds = {
        TEXT: "text",
        INT: "integer",
        YEAR: "integer",
        DECIMAL: "decimal",
        DATE: "date",
        BOOL: "select_one yes_no",
        AREA: "select_one area",
        AREAS: "select_multiple area",
        LEGAL_FORM: "select_one legal_form",
        ISIC: "select_one isic",
        ISICS: "select_multiple isic",
    }
    if column.kind == CODE:
        return f"select_one {column.list_name}"
    if column.kind == CODES:
        return f"select_multiple {column.list_name}"
    return kinds[column.kind]


def _not_negative() -> Any:
    return _("0 or more.")


def _within_total() -> Any:
    return _("Women and men together may not exceed the total.")


def _year_range() -> Any:
    return _("A year from %(low)s to this year.") % {"low": EARLIEST_YEAR}


def _rules(question: Question, column: Column) -> None:
    """The platform's import rules for this column, as the form's constraints."""
    name = column.name
    if column.kind in (INT, DECIMAL):
        question.constraint = ". >= 0"
        question.constraint_message = _not_negative
    prefix, _sep, part = name.rpartition("_")
    if column.part == "figures" and part in ("women", "men"):
        total, women = f"${{{prefix}_total}}", f"${{{prefix}_women}}"
        added = ". + coalesce(" + women + ", 0)" if part == "men" else "."
        question.constraint = f". >= 0 and ({total} = '' or {added} <= {total})"
        question.constraint_message = _within_total
    if prefix in MEMBER_GROUPS and part == "total":
        question.constraint = (
            ". >= 0 and (${members_total} = '' or . <= ${members_total})"
        )
        question.constraint_message = lambda: _("At most the number of members.")
    if name == "surplus_cap_pct":
        question.constraint = ". >= 0 and . <= 100"
        question.constraint_message = lambda: _("A percentage from 0 to 100.")
        question.relevant = "${surplus_rule} = 'CAPPED'"
    if column.kind == YEAR:
        question.constraint = f". >= {EARLIEST_YEAR} and . <= {THIS_YEAR}"
        question.constraint_message = _year_range
    if name == "reference_year":
        question.constraint += (
            " and (${year_established} = '' or . >= ${year_established})"
        )
        question.constraint_message = lambda: _(
            "A year from the year established to this year."
        )
        question.required = "yes"
        question.default = str(timezone.localdate().year)
    if column.kind == DATE:
        question.constraint = ". <= today()"
        question.constraint_message = lambda: _("Not in the future.")
    if name == "name_en":
        question.required = "${name_local} = ''"
        question.required_message = lambda: _(
            "Give a name in the local script or in English."
        )
    if name in ("area", "sse_type"):
        question.required = "yes"
    if name == "coop_member_type":
        question.relevant = " or ".join(
            f"${{sse_type}} = '{code}'" for code in COOPERATIVE_TYPES
        )
    if name in ("registration_authority", "registration_number", "registration_date"):
        question.relevant = "${registration_status} != 'INFORMAL'"
    if name in ("consent_by", "consent_date"):
        question.relevant = f"${{consent_level}} != '{ConsentLevel.NONE}'"
    if name == "main_activity":
        question.appearance = "autocomplete"
    if name in ("purpose", "notes"):
        question.appearance = "multiline"


def _questions(country: Country) -> list[Question]:
    questions: list[Question] = []
    for group, label, names in form_groups():
        questions.append(Question("begin_group", group, partial(str, label)))
        for name in names:
            if name == GPS:
                questions.append(
                    Question(
                        "geopoint",
                        GPS,
                        lambda: _("Location (GPS)"),
                        hint=lambda: _(
                            "At the entity's place; wait until the accuracy is a few "
                            "metres."
                        ),
                    )
                )
                continue
            column = COLUMNS_BY_NAME[name]
            question = Question(
                _question_type(column),
                name,
                partial(_label, column),
                hint=partial(str, column.help) if name in FORM_HINTS else None,
            )
            _rules(question, column)
            if name == "currency":
                question.default = country.currency
            questions.append(question)
        questions.append(Question("end_group", "", partial(str, "")))
    return questions


def _label(column: Column) -> str:
    return capfirst(column.label)


def _same(text: Any, language: str) -> str:
    """A label that reads the same in every language, or is translated by itself."""
    return str(text)


def _yes_no(value: bool, language: str) -> str:
    return str(display_value(None, "", value))


def _choices(country: Country) -> list[tuple[str, str, Callable[[str], str]]]:
    """(list, code, label in a language) for every choice list the form uses."""
    found: list[tuple[str, str, Callable[[str], str]]] = []
    lists: set[str] = set()
    for _group, _label, names in form_groups():
        for name in names:
            column = COLUMNS_BY_NAME.get(name)
            if column is None or column.choices is None or column.list_name in lists:
                continue
            lists.add(column.list_name or "")
            for code, label in column.choices.choices:
                found.append((column.list_name or "", str(code), partial(_same, label)))
    for area in (
        AdminArea.objects.current().filter(country=country, level=1).order_by("code")
    ):
        found.append(("area", area.code, partial(localized_name, area)))
    for form in LegalForm.objects.filter(country=country).order_by("code"):
        found.append(("legal_form", form.code, partial(localized_name, form)))
    for isic in IsicCode.objects.filter(level__in=("division", "class")).order_by(
        "code"
    ):
        found.append(("isic", isic.code, partial(_same, f"{isic.code} · {isic.title}")))
    for code, value in ((YES, True), (NO, False)):
        found.append(("yes_no", code, partial(_yes_no, value)))
    return found


def form_languages(country: Country) -> list[tuple[str, str]]:
    """(language code, the XLSForm's name for it): English, then the country's."""
    codes = ["en", *COUNTRY_LANGUAGES.get(country.code, ())]
    return [
        (code, f"{translation.get_language_info(code)['name']} ({code})")
        for code in codes
    ]


def _in(language: str, text: Callable[[], Any] | None) -> str:
    if text is None:
        return ""
    with translation.override(language):
        return str(text())


def form_id(country: Country) -> str:
    return f"sse_entities_{country.code.lower()}"


def xlsform(country: Country) -> bytes:
    """The country's entity questionnaire as an XLSForm workbook (survey, choices and
    settings sheets)."""
    languages = form_languages(country)
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    bold = workbook.add_format({"bold": True})
    translated = ("label", "hint", "required_message", "constraint_message")
    headers = ["type", "name"]
    for column in translated:
        headers += [f"{column}::{name}" for _code, name in languages]
    headers += ["required", "constraint", "relevant", "appearance", "default"]
    survey = workbook.add_worksheet("survey")
    survey.write_row(0, 0, headers, bold)
    for number, question in enumerate(_questions(country), start=1):
        values: list[str] = [question.type, question.name]
        for column in translated:
            text = getattr(question, column)
            values += [_in(code, text) for code, _name in languages]
        values += [
            question.required,
            question.constraint,
            question.relevant,
            question.appearance,
            question.default,
        ]
        survey.write_row(number, 0, values)
    choices = workbook.add_worksheet("choices")
    choices.write_row(
        0, 0, ["list_name", "name", *(f"label::{n}" for _c, n in languages)], bold
    )
    for number, (list_name, code, label) in enumerate(_choices(country), start=1):
        labels = [_in(language, partial(label, language)) for language, _n in languages]
        choices.write_row(number, 0, [list_name, code, *labels])
    settings_sheet = workbook.add_worksheet("settings")
    settings_sheet.write_row(
        0, 0, ["form_title", "form_id", "version", "default_language"], bold
    )
    with translation.override("en"):
        title = _("SSE entities of %(country)s") % {"country": country_name(country)}
    settings_sheet.write_row(
        1,
        0,
        [
            title,
            form_id(country),
            timezone.now().strftime("%Y%m%d%H%M"),
            languages[0][1],
        ],
    )
    workbook.close()
    return output.getvalue()
