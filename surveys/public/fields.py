"""What the public may see of a released entity: the allow-list, declared once.

A released entity's snapshot (`ReleaseRecord.data`, see surveys.releases.snapshot)
holds everything the study recorded, personal data included: the name or role of
whoever gave the consent, notes, registration details, the sex of the chair and the
manager. Nothing reaches a public page, the public API or an open-data file except
the fields named here, each with the least consent level that publishes it. A field
added to the model later stays private until it is named here.

An entity whose consent level is NONE (or missing) is not published at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from countries.vocabularies import ConsentLevel, GeoPrecision
from surveys.models import PEOPLE_GROUPS

# The consent levels that publish an entity, from least to most.
PUBLISHED_LEVELS = (ConsentLevel.NAME_PLACE, ConsentLevel.FIGURES)
# Decimal places a published point keeps: never finer than it was recorded.
POINT_PLACES: dict[str, int] = {
    GeoPrecision.EXACT: 5,
    GeoPrecision.VILLAGE: 2,
    GeoPrecision.DISTRICT: 1,
    GeoPrecision.PROVINCE: 0,
}


@dataclass(frozen=True)
class PublicField:
    name: str
    description: str | Promise
    # The least consent level that publishes it.
    level: str = ConsentLevel.NAME_PLACE
    # Several values, separated by ";" in CSV.
    many: bool = False


ENTITY_FIELDS: tuple[PublicField, ...] = (
    PublicField(
        "code", _("The entity's code on the platform, stable across releases.")
    ),
    PublicField("name_local", _("Name in the local script.")),
    PublicField("name_en", _("Name in English.")),
    PublicField("acronym", _("Acronym.")),
    PublicField("sse_type", _("SSE type (code, see the code lists).")),
    PublicField("coop_member_type", _("Cooperative member type (code).")),
    PublicField("org_level", _("Organisation level: primary, union or apex (code).")),
    PublicField("legal_form", _("Legal form (the country's code).")),
    PublicField("registration_status", _("Registration status (code).")),
    PublicField("year_established", _("Year established.")),
    PublicField("activity_status", _("Activity status (code).")),
    PublicField("area", _("First-level area (code, ISO 3166-2 where one exists).")),
    PublicField("other_areas", _("Other areas where it works (codes)."), many=True),
    PublicField("locality", _("Village, town or district.")),
    PublicField("urban_rural", _("Urban or rural (code).")),
    PublicField(
        "latitude",
        _("Latitude (WGS 84), rounded to the location precision."),
    ),
    PublicField(
        "longitude",
        _("Longitude (WGS 84), rounded to the location precision."),
    ),
    PublicField("geo_precision", _("Location precision (code).")),
    PublicField("main_activity", _("Main economic activity (ISIC Rev.4 code).")),
    PublicField(
        "other_activities",
        _("Other economic activities (ISIC Rev.4 codes)."),
        many=True,
    ),
    PublicField("priority_sectors", _("Priority sectors (codes)."), many=True),
    PublicField("classification", _("Classification under the national definition.")),
    PublicField(
        "classification_provisional",
        _("True when classified while no national definition was validated."),
    ),
    PublicField("consent_level", _("What the entity agreed may be published (code).")),
)

# One year's figures, published only with consent to publish figures.
FIGURE_FIELDS: tuple[PublicField, ...] = (
    PublicField(
        "reference_year", _("The year the figures describe."), ConsentLevel.FIGURES
    ),
    *(
        PublicField(
            f"{prefix}_{part}",
            description,
            ConsentLevel.FIGURES,
        )
        for prefix, label in PEOPLE_GROUPS
        for part, description in (
            ("total", label),
            ("women", format_lazy(_("{group}: women"), group=label)),
            ("men", format_lazy(_("{group}: men"), group=label)),
        )
    ),
    PublicField("turnover", _("Annual turnover."), ConsentLevel.FIGURES),
    PublicField("assets", _("Assets."), ConsentLevel.FIGURES),
    PublicField("currency", _("Currency (ISO 4217 code)."), ConsentLevel.FIGURES),
    PublicField("source", _("Where the figures come from."), ConsentLevel.FIGURES),
)

_RANK = {level: rank for rank, level in enumerate(ConsentLevel.values)}


def consent_of(data: dict[str, Any]) -> str:
    level = data.get("consent_level") or ConsentLevel.NONE
    return level if level in _RANK else ConsentLevel.NONE


def allows(level: str, field: PublicField) -> bool:
    return _RANK[level] >= _RANK[field.level]


def _rounded(value: Any, precision: str) -> float | None:
    if value in (None, ""):
        return None
    places = POINT_PLACES.get(precision, POINT_PLACES[GeoPrecision.DISTRICT])
    return round(float(value), places)


def public_figures(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The entity's figures per year, newest first, when its consent allows them."""
    if consent_of(data) != ConsentLevel.FIGURES:
        return []
    years = data.get("figures") or {}
    names = [f.name for f in FIGURE_FIELDS if f.name != "reference_year"]
    return [
        {"reference_year": int(year), **{n: years[year].get(n) for n in names}}
        for year in sorted(years, key=int, reverse=True)
    ]


def public_entity(data: dict[str, Any]) -> dict[str, Any] | None:
    """The released entity as the public may see it, or None when it is not
    published. The only door from a snapshot to anything public."""
    level = consent_of(data)
    if level not in PUBLISHED_LEVELS:
        return None
    shown = {f.name: data.get(f.name) for f in ENTITY_FIELDS if allows(level, f)}
    precision = data.get("geo_precision") or GeoPrecision.DISTRICT
    shown["latitude"] = _rounded(data.get("latitude"), precision)
    shown["longitude"] = _rounded(data.get("longitude"), precision)
    shown["consent_level"] = level
    shown["figures"] = public_figures(data)
    return shown


def latest_figures(entity: dict[str, Any]) -> dict[str, Any]:
    """The newest year's figures of a public entity ({} when none are published)."""
    return entity["figures"][0] if entity["figures"] else {}
