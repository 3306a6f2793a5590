"""How a public entity's codes read in the active language: one lookup of the
country's areas and legal forms per page, then `display_value` for the code lists."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from countries.models import AdminArea, IsicCode, LegalForm
from countries.names import isic_title, localized_name
from countries.vocabularies import PrioritySector
from surveys.display import area_label, display_value, field_label
from surveys.models import PEOPLE_GROUPS, Entity, EntityFigures
from surveys.public.fields import ENTITY_FIELDS

# Shown on the entity page, in this order (the code and names are its heading).
DETAIL_FIELDS = tuple(
    f.name
    for f in ENTITY_FIELDS
    if f.name
    not in ("code", "name_local", "name_en", "acronym", "latitude", "longitude")
)


class Labels:
    def __init__(self, country_id: str) -> None:
        self.areas = {
            area.code: area_label(area)
            for area in AdminArea.objects.filter(country_id=country_id)
        }
        self.legal_forms = {
            form.code: localized_name(form)
            for form in LegalForm.objects.filter(country_id=country_id)
        }

    def value(self, name: str, value: Any) -> Any:
        if name == "area":
            return self.areas.get(value, value) if value else None
        if name == "other_areas":
            return ", ".join(self.areas.get(code, code) for code in value or []) or None
        if name == "priority_sectors":
            labels = dict(PrioritySector.choices)
            return (
                ", ".join(str(labels.get(code, code)) for code in value or []) or None
            )
        if name == "legal_form":
            return self.legal_forms.get(value, value) if value else None
        if name == "main_activity" and value:
            title = IsicCode.objects.filter(code=value).values_list("title", flat=True)
            return f"{value} {isic_title(value, title[0])}" if title else value
        return display_value(Entity, name, value, empty=None)

    def rows(self, entity: dict[str, Any]) -> list[tuple[str, Any]]:
        return [
            (str(_LABELS.get(name) or field_label(Entity, name)), self.value(name, v))
            for name, v in ((name, entity[name]) for name in DETAIL_FIELDS)
        ]

    def summary(self, entity: dict[str, Any]) -> dict[str, Any]:
        """What a list row shows."""
        return {
            **entity,
            "sse_type_label": self.value("sse_type", entity["sse_type"]),
            "classification_label": self.value(
                "classification", entity["classification"]
            ),
            "area_label": self.value("area", entity["area"]),
            "sector_labels": self.value("priority_sectors", entity["priority_sectors"]),
        }


_LABELS = {
    "priority_sectors": _("priority sectors"),
    "classification_provisional": _("classification provisional"),
}


def figure_rows(figures: dict[str, Any]) -> list[tuple[str, Any, Any, Any]]:
    """(group, total, women, men) for the people groups counted that year."""
    return [
        (
            str(label),
            figures.get(f"{prefix}_total"),
            figures.get(f"{prefix}_women"),
            figures.get(f"{prefix}_men"),
        )
        for prefix, label in PEOPLE_GROUPS
        if figures.get(f"{prefix}_total") is not None
    ]


def money(figures: dict[str, Any], name: str) -> Any:
    """A turnover or assets figure (kept as a decimal string) with its currency."""
    value = figures.get(name)
    return display_value(
        EntityFigures,
        name,
        Decimal(value) if value not in (None, "") else None,
        empty=None,
        currency=figures.get("currency") or "",
    )
