"""How a stored value and its field are shown to a person.

`display_value` is the one way a page, a history entry, a review diff, an export's
description or an import message shows a stored value (the idea of Django admin's
`display_for_field`).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    BooleanField,
    Choices,
    DateField,
    DateTimeField,
    DecimalField,
    Field,
    Manager,
    Model,
    QuerySet,
)
from django.template.defaultfilters import floatformat
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countries.dates import date_format
from countries.models import AdminArea, IsicCode, LegalForm, MacroRegion
from countries.names import isic_title, localized_name
from countries.vocabularies import PrioritySector, SseType, SupportKind, TargetGroup
from surveys.models import (
    DEFINITION_ELEMENTS,
    DefinitionElement,
    Entity,
    EntityFigures,
    NationalDefinition,
    PrinciplesAssessment,
)
from surveys.principles.reasons import reasons_text

# Shown where a value is not given.
NOT_GIVEN = "—"
# Lists of codes kept in JSON fields, by field name, and their labels.
CODE_LISTS: dict[str, type[Choices]] = {
    "target_groups": TargetGroup,
    "affected_sse_types": SseType,
    "affected_sectors": PrioritySector,
    "sse_types": SseType,
    "support_kinds": SupportKind,
}
# Lists of ISIC codes kept in JSON fields, shown with the codes' titles.
ISIC_CODE_LISTS = frozenset({"other_activities"})
# Amounts kept with their currency in the same record's `currency` field.
MONEY_FIELDS = frozenset({"turnover", "assets"})


def _model_field(model: type[Model], name: str) -> Field[Any, Any] | None:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, Field) else None


def _field_of(model: type[Model], key: str) -> tuple[str, Field[Any, Any] | None]:
    """The label prefix and the field an audit or comment key names.

    Keys are a field name, or for parts of a record "2024 members_total" (figures of
    a year), "P1 treatment" (an element of a national definition) or an assessment
    field for an entity.
    """
    field = _model_field(model, key)
    if field is not None:
        return "", field
    if model is Entity:
        field = _model_field(PrinciplesAssessment, key)
        if field is not None:
            return "", field
    head, _sep, tail = key.partition(" ")
    if tail and head.isdigit() and model is Entity:
        return f"{head}: ", _model_field(EntityFigures, tail)
    if tail and head in ELEMENT_LABELS and model is NationalDefinition:
        return f"{ELEMENT_LABELS[head]}: ", _model_field(DefinitionElement, tail)
    return "", None


# The parts of a record kept in rows of their own, as a reviewer names them.
PART_LABELS = {
    "recommendations": gettext_lazy("Recommendations by actor"),
    "counts": gettext_lazy("Counts by SSE type and place"),
}


def field_label(model: type[Model], key: str) -> str:
    """A person's name for a field key of a record (or of its figures or elements)."""
    if key == "figures":
        return str(_("Figures"))
    if key == "assessment":
        return str(_("Principles assessment"))
    if key in PART_LABELS:
        return str(PART_LABELS[key])
    if model is NationalDefinition and key in ELEMENT_LABELS:
        return str(ELEMENT_LABELS[key])
    prefix, field = _field_of(model, key)
    if field is None:
        return key.replace("_", " ")
    return f"{prefix}{capfirst(str(field.verbose_name))}"


def area_label(area: AdminArea) -> str:
    """An area by its name in the active language where known (see
    countries.names); in English with its local name beside when that differs."""
    shown = localized_name(area)
    if shown != area.name_en:
        return shown
    if area.name_local and area.name_local != area.name_en:
        return f"{area.name_en} · {area.name_local}"
    return area.name_en


def display_value(
    model_or_field: type[Model] | Field[Any, Any] | forms.Field | None,
    key: str,
    value: Any,
    *,
    empty: Any = NOT_GIVEN,
    currency: str = "",
) -> Any:
    """A stored value as a person reads it.

    `model_or_field`: the record's model (`key` is then a field name, or a key of an
    audit or comment such as "2024 members_total"), or the model or form field the
    value belongs to. Choices show their label, booleans Yes or No, related records
    their name in the active language (a form field's own label for them first),
    lists item by item, dates in the reader's locale and calendar (2024-05-31 in
    English), amounts in whole units with `currency`, ISIC codes with their title. A value not
    given shows as `empty`.
    """
    field: Field[Any, Any] | forms.Field | None
    if isinstance(model_or_field, type) and issubclass(model_or_field, Model):
        _prefix, field = _field_of(model_or_field, key)
    else:
        field = model_or_field
    if isinstance(value, Manager):
        value = value.all()
    if _is_empty(value):
        return empty
    value = _as_stored(field, value)
    labels = _choice_labels(field, key)
    if key == "classification_reasons":
        return " ".join(reasons_text(value)) or empty
    if isinstance(value, QuerySet | list | tuple | set):
        items = list(value)
        if key in ISIC_CODE_LISTS:
            labels = _isic_titles(items)
        shown = ", ".join(_one(field, labels, item, currency) for item in items)
        return shown or empty
    return _one(field, labels, value, currency)


def display_changes(
    model: type[Model], changes: Mapping[str, Any]
) -> list[tuple[str, Any, Any]]:
    """(label, old, new) as a person reads them, for each field an audit event
    changed; amounts with the currency the same event gave their year."""
    rows = []
    for key, values in changes.items():
        if not (isinstance(values, list) and len(values) == 2):
            continue
        year, _sep, name = key.rpartition(" ")
        currency = ""
        if name in MONEY_FIELDS:
            given = changes.get(f"{year} currency" if year else "currency")
            currency = given[1] if isinstance(given, list) and given[1] else ""
        rows.append(
            (
                field_label(model, key),
                display_value(model, key, values[0], empty=None, currency=currency),
                display_value(model, key, values[1], empty=None, currency=currency),
            )
        )
    return rows


def display_field(record: Model, name: str, *, empty: Any = NOT_GIVEN) -> Any:
    """A field of a record as a person reads it (see display_value)."""
    currency = getattr(record, "currency", "") if name in MONEY_FIELDS else ""
    return display_value(
        type(record), name, getattr(record, name), empty=empty, currency=currency
    )


def choice_label(record: Model, name: str) -> Any:
    """The label of a choice field's value, as `get_<name>_display` gives it (a value
    outside the choices as it is), from the field's labels in the active language,
    worked out once per language: a list shows hundreds."""
    value = getattr(record, name)
    if value is None:
        return None
    labels = _labels_in(type(record), name, translation.get_language())
    return labels.get(str(value), value)


@functools.cache
def _labels_in(model: type[Model], name: str, language: str | None) -> dict[str, str]:
    labels = _choice_labels(_model_field(model, name), name)
    return {code: str(label) for code, label in labels.items()}


def _as_stored(field: Field[Any, Any] | forms.Field | None, value: Any) -> Any:
    """A value as its field holds it, from the text an audit event keeps of it (a
    date as "2025-10-07", an amount as "1250000.00"), so that both read the same."""
    if not isinstance(value, str) or not isinstance(field, Field):
        return value
    try:
        if isinstance(field, DateTimeField):
            return datetime.datetime.fromisoformat(value)
        if isinstance(field, DateField):
            return datetime.date.fromisoformat(value)
        if isinstance(field, DecimalField):
            return Decimal(value)
        if isinstance(field, BooleanField) and value in ("True", "False"):
            return value == "True"
    except (ValueError, ArithmeticError):
        return value
    return value


def _is_empty(value: Any) -> bool:
    if isinstance(value, QuerySet):
        return not value
    return (
        value is None
        or value == ""
        or (isinstance(value, list | tuple | set | dict) and not value)
    )


def _choice_labels(
    field: Field[Any, Any] | forms.Field | None, key: str
) -> Mapping[str, Any]:
    name = getattr(field, "name", None) or key.rpartition(" ")[2]
    if name in CODE_LISTS:
        return {str(code): label for code, label in CODE_LISTS[name].choices}
    if isinstance(field, Field) and field.choices:
        return {str(code): label for code, label in field.flatchoices}
    if isinstance(field, forms.ChoiceField) and not isinstance(
        field, forms.ModelChoiceField
    ):
        return {str(code): label for code, label in field.choices}  # type: ignore[misc,union-attr]
    return {}


def _isic_titles(codes: list[Any]) -> dict[str, str]:
    """Each code with its title in the reader's language; a class, whose title stays
    English, with its division's beside it for a reader of another language."""
    wanted = {str(c) for c in codes}
    titles = dict(
        IsicCode.objects.filter(
            code__in=wanted | {c[:2] for c in wanted if len(c) == 4}
        ).values_list("code", "title")
    )
    english = (translation.get_language() or "en").startswith("en")
    shown = {}
    for code in wanted & set(titles):
        label = f"{code} {isic_title(code, titles[code])}"
        division = code[:2]
        if len(code) == 4 and not english and division in titles:
            label += f" ({division} {isic_title(division, titles[division])})"
        shown[code] = label
    return shown


def _one(
    field: Field[Any, Any] | forms.Field | None,
    labels: Mapping[str, Any],
    value: Any,
    currency: str,
) -> str:
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, Model):
        if isinstance(field, forms.ModelChoiceField):
            return str(field.label_from_instance(value))
        if isinstance(value, AdminArea):
            return area_label(value)
        if isinstance(value, IsicCode):
            return _isic_titles([value.code]).get(value.code, str(value))
        if isinstance(value, LegalForm | MacroRegion):
            return localized_name(value)
        return str(value)
    if labels:
        return str(labels.get(str(value), value))
    if isinstance(value, Decimal | int | float) and (
        currency or getattr(field, "name", "") in MONEY_FIELDS
    ):
        return f"{floatformat(value, '0g')} {currency}".strip()
    if isinstance(value, Decimal):
        # Stored with a fixed number of places; shown as typed.
        return f"{value.normalize():f}"
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value)
    return str(value)


ELEMENT_LABELS = dict(DEFINITION_ELEMENTS)
