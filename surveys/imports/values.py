"""Value mapping: a survey's own answer codes translated to the platform's codes.

A survey asks its questions with its own choice lists (`community_enterprise`, a
legal-form code of its own, `1`/`0`); a mapping keeps, for each coded column, a
table from those values to the platform's codes. Tables are suggested by the
similarity of a survey value to a platform code or to its label in every language
the platform speaks, and the person corrects them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from countries.models import Country, IsicCode, LegalForm
from surveys.imports.parsing import FALSE_WORDS, TRUE_WORDS, split_values
from surveys.spreadsheet import (
    BOOL,
    CODE,
    CODES,
    ISIC,
    ISICS,
    LEGAL_FORM,
    MULTI_VALUED,
    NO,
    YES,
    Column,
)

# The kinds of column whose cells hold a code a survey may spell its own way.
CODED_KINDS = (CODE, CODES, LEGAL_FORM, BOOL, ISIC, ISICS)
# Below this similarity a survey value is left for the person to map.
SIMILAR_ENOUGH = 0.8
# A column is suggested for a coded field only when at least this share of its
# sample values can be read as the field's codes: a free-text answer never is.
CODED_SHARE = 0.5


def is_coded(column: Column) -> bool:
    return column.kind in CODED_KINDS


def _normal(text: str) -> str:
    return re.sub(r"[\W_]+", "", str(text).casefold())


def platform_options(column: Column, country: Country) -> dict[str, list[str]]:
    """The codes a coded column accepts, each with the names it goes by."""
    if column.choices is not None:
        options: dict[str, list[str]] = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for code, label in column.choices.choices:
                    options.setdefault(str(code), [str(code)]).append(str(label))
        return options
    if column.kind == BOOL:
        return {YES: sorted(TRUE_WORDS), NO: sorted(FALSE_WORDS)}
    if column.kind == LEGAL_FORM:
        return {
            form.code: [form.code, form.name_en, form.name_local, form.name_ru]
            for form in LegalForm.objects.filter(country=country)
        }
    if column.kind in (ISIC, ISICS):
        return {
            isic.code: [isic.code, isic.title]
            for isic in IsicCode.objects.filter(level__in=("division", "class"))
        }
    return {}


def suggest_code(value: str, options: dict[str, list[str]]) -> str | None:
    """The platform code a survey value most likely means, if one is close enough."""
    wanted = _normal(value)
    if not wanted:
        return None
    best, best_score = None, 0.0
    for code, names in options.items():
        for name in names:
            normal = _normal(name)
            if not normal:
                continue
            if normal == wanted:
                return code
            score = difflib.SequenceMatcher(None, wanted, normal).ratio()
            if score > best_score:
                best, best_score = code, score
    return best if best_score >= SIMILAR_ENOUGH else None


def survey_values(column: Column, samples: Iterable[Any]) -> list[str]:
    """The distinct answers of a column; a select_multiple's answers one by one."""
    found: dict[str, None] = {}
    for sample in samples:
        if sample is None or not str(sample).strip():
            continue
        if column.kind in MULTI_VALUED:
            parts = split_values(sample, survey=True)
        else:
            parts = [str(sample).strip()]
        for part in parts:
            found.setdefault(part, None)
    return list(found)


def suggest_values(
    column: Column, samples: Iterable[Any], country: Country
) -> dict[str, str]:
    """A value table for a coded column: survey value → platform code, for each
    value that is not already a platform code and that resembles one."""
    options = platform_options(column, country)
    known = {code.casefold() for code in options}
    table: dict[str, str] = {}
    for value in survey_values(column, samples):
        if value.casefold() in known:
            continue
        code = suggest_code(value, options)
        if code is not None:
            table[value] = code
    return table


def reads_as_codes(column: Column, samples: list[Any], country: Country) -> bool:
    """Whether a survey column's answers can be read as this coded column's codes,
    as they are or through a suggested value table."""
    values = survey_values(column, samples)
    if not values:
        return True
    options = platform_options(column, country)
    known = {code.casefold() for code in options}
    readable = sum(
        1
        for value in values
        if value.casefold() in known
        or (re.fullmatch(r"\d{2}(\d{2})?", value) and column.kind in (ISIC, ISICS))
        or suggest_code(value, options) is not None
    )
    return readable >= CODED_SHARE * len(values)


def translate(column: Column, value: Any, table: dict[str, str]) -> Any:
    """A cell's value with the survey's codes replaced by the platform's."""
    if not table or value is None or not str(value).strip():
        return value
    folded = {key.strip().casefold(): code for key, code in table.items()}
    if column.kind in MULTI_VALUED:
        parts = split_values(value, survey=True)
        return " ".join(folded.get(part.casefold(), part) for part in parts)
    return folded.get(str(value).strip().casefold(), value)


def check_tables(
    tables: dict[str, Any], columns: dict[str, Column], country: Country
) -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
    """The value tables cleaned, and the mistakes in them by column."""
    cleaned: dict[str, dict[str, str]] = {}
    errors: dict[str, list[str]] = {}
    for name, table in tables.items():
        column = columns.get(name)
        if column is None or not is_coded(column) or not isinstance(table, dict):
            continue
        options = platform_options(column, country)
        by_fold = {code.casefold(): code for code in options}
        rows: dict[str, str] = {}
        for survey_value, code in table.items():
            survey_value, code = str(survey_value).strip(), str(code or "").strip()
            if not survey_value or not code:
                continue
            if code.casefold() not in by_fold:
                errors.setdefault(name, []).append(
                    _("“%(code)s” (for “%(value)s”) is not a code of this column.")
                    % {"code": code, "value": survey_value}
                )
                continue
            rows[survey_value] = by_fold[code.casefold()]
        if rows:
            cleaned[name] = rows
    return cleaned, errors
