"""How a stored value and its field are shown to a person."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    Field,
    Model,
)
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from surveys.models import (
    DEFINITION_ELEMENTS,
    DefinitionElement,
    Entity,
    EntityFigures,
    NationalDefinition,
    PrinciplesAssessment,
)


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


def field_label(model: type[Model], key: str) -> str:
    """A person's name for a field key of a record (or of its figures or elements)."""
    if key == "figures":
        return str(_("Figures"))
    if key == "assessment":
        return str(_("Principles assessment"))
    if model is NationalDefinition and key in ELEMENT_LABELS:
        return str(ELEMENT_LABELS[key])
    prefix, field = _field_of(model, key)
    if field is None:
        return key
    return f"{prefix}{capfirst(str(field.verbose_name))}"


def field_value_label(model: type[Model], key: str, value: Any) -> Any:
    """A stored code shown with its label (e.g. COOP → Cooperative)."""
    if value == "":
        return None
    _prefix, field = _field_of(model, key)
    if field is None or not field.choices or isinstance(value, list | dict):
        return value
    return dict(field.flatchoices).get(value, value)


def reviewable_fields(model: type[Model]) -> list[tuple[str, str]]:
    """The fields a reviewer can comment on, as (key, label)."""
    internal = {
        "country",
        "workflow_state",
        "version",
        "created_by",
        "updated_by",
        "submitted_at",
        "classification_rule_version",
        "classification_reasons",
        "share_not_disaggregated",
    }
    keys = [
        f.name
        for f in model._meta.get_fields()
        if getattr(f, "editable", False)
        and (f.concrete or f.many_to_many)
        and not f.auto_created
        and f.name not in internal
        and not f.name.startswith("flag_")
    ]
    if model is Entity:
        keys += ["figures", "assessment"]
    if model is NationalDefinition:
        keys += [code for code, _label in DEFINITION_ELEMENTS]
    return [(key, field_label(model, key)) for key in keys]


ELEMENT_LABELS = dict(DEFINITION_ELEMENTS)
