"""What is derived from an entity's fields and figures: classification, flags, women-led, the share not disaggregated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from countries.area_reach import AreaReach, Outside, country_area_reaches
from countries.models import Country
from countries.vocabularies import (
    PrioritySector,
    Sex,
    priority_sectors_for,
)
from surveys.entities.classification import entity_facts, national_rule
from surveys.entities.duplicates import possible_duplicates
from surveys.models import (
    PEOPLE_GROUPS,
    Entity,
    EntityFigures,
    PrinciplesAssessment,
)
from surveys.principles import (
    NationalRule,
    classify,
)
from surveys.record_types import missing_for_submission


def entity_refresh_derived(
    entity: Entity,
    *,
    rule: NationalRule | None = None,
    reaches: dict[int, AreaReach] | None = None,
    save: bool = True,
    look_alikes: bool = True,
    figures: list[EntityFigures] | None = None,
) -> list[str]:
    """Recompute what is derived (sectors, women-led, sex gap, flags, classification).

    Returns the names of the fields that changed. `look_alikes=False` leaves the
    possible-duplicate flag to the caller (an import sets it for all rows at once);
    `figures`, all of a new entity's figures, and `reaches`, the country's areas'
    (`countries.area_reach`), spare reading them.
    """
    before = {name: getattr(entity, name) for name in DERIVED_FIELDS}
    codes = ([entity.main_activity_id] if entity.main_activity_id else []) + list(
        entity.other_activities or []
    )
    sectors = priority_sectors_for(
        codes, farm_scale=entity.farm_scale, mining_scale=entity.mining_scale
    )
    entity.sector_farm_small = PrioritySector.FARM_SMALL in sectors
    entity.sector_asm = PrioritySector.ASM in sectors
    entity.sector_construction = PrioritySector.CONSTRUCTION in sectors

    if figures is not None:
        latest = max(figures, key=lambda f: f.reference_year) if figures else None
    else:
        latest = (
            entity.figures.order_by("-reference_year").first() if entity.pk else None
        )
    entity.women_led = _women_led(latest, WomenLedRule.of(entity.country))
    entity.share_not_disaggregated = _share_not_disaggregated(latest)
    entity.flag_disagg_inconsistent = latest is not None and _disagg_inconsistent(
        latest
    )

    assessment = (
        PrinciplesAssessment.objects.filter(entity=entity).first()
        if entity.pk
        else None
    )
    result = classify(
        assessment.ratings() if assessment else None,
        facts=entity_facts(
            entity,
            assessment=assessment,
            members=latest.members_total if latest is not None else None,  # type: ignore[attr-defined]
        ),
        rule=rule or national_rule(entity.country),
    )
    entity.classification = result.classification
    entity.classification_reasons = result.reasons
    entity.classification_rule_version = result.rule_version

    entity.flag_geo_mismatch = geo_mismatch(entity, reaches) is not None
    if look_alikes:
        entity.flag_possible_duplicate = bool(
            possible_duplicates(
                country=entity.country,
                name_local=entity.name_local,
                name_en=entity.name_en,
                area=entity.area,
                exclude_pk=entity.pk,
            )
        )
    entity.flag_missing_required = bool(missing_for_submission(entity, figures=figures))
    changed = [name for name in DERIVED_FIELDS if getattr(entity, name) != before[name]]
    if save and changed and entity.pk:
        entity.save(update_fields=[*changed, "updated_at"])
    return changed


DERIVED_FIELDS = (
    "sector_farm_small",
    "sector_asm",
    "sector_construction",
    "women_led",
    "share_not_disaggregated",
    "flag_disagg_inconsistent",
    "classification",
    "classification_reasons",
    "classification_rule_version",
    "flag_geo_mismatch",
    "flag_possible_duplicate",
    "flag_missing_required",
)


@dataclass(frozen=True)
class WomenLedRule:
    """A country's definition of a women-led entity (the default: a woman chairs or
    manages it, or women hold at least half the board seats)."""

    chair: bool = True
    manager: bool = True
    board_pct: int | None = 50

    @classmethod
    def of(cls, country: Country) -> WomenLedRule:
        return cls(
            chair=country.women_led_chair,
            manager=country.women_led_manager,
            board_pct=country.women_led_board_pct,
        )


WOMEN_LED_PART_LABELS = {
    "chair": _("A woman chairs it"),
    "manager": _("A woman manages it"),
    "board": _("Women's share of board seats"),
}


def women_led_parts(
    figures: EntityFigures, rule: WomenLedRule
) -> dict[str, bool | None]:
    """Each part of the country's definition: met, not met, or not known (None)."""

    def woman(sex: str) -> bool | None:
        return None if not sex else sex == Sex.FEMALE

    parts: dict[str, bool | None] = {}
    if rule.chair:
        parts["chair"] = woman(figures.chair_sex)
    if rule.manager:
        parts["manager"] = woman(figures.manager_sex)
    if rule.board_pct is not None:
        total = figures.board_total  # type: ignore[attr-defined]
        women = figures.board_women  # type: ignore[attr-defined]
        parts["board"] = (
            women * 100 >= rule.board_pct * total
            if total and women is not None
            else None
        )
    return parts


def _women_led(
    figures: EntityFigures | None, rule: WomenLedRule | None = None
) -> bool | None:
    """Women-led when any part of the definition is met; not when the board part is
    known and not met, or when the chair and manager parts are not met (no manager
    given counts as no woman manager)."""
    if figures is None:
        return None
    parts = women_led_parts(figures, rule or WomenLedRule())
    if any(parts.values()):
        return True
    if parts.get("board") is False:
        return False
    heads = [parts[name] for name in ("chair", "manager") if name in parts]
    if "chair" in parts and parts["chair"] is False:
        heads = [False if known is None else known for known in heads]
    if heads and all(known is False for known in heads):
        return False
    return None


def _share_not_disaggregated(figures: EntityFigures | None) -> float | None:
    """Of all people counted in the totals, the share not counted as women or men."""
    if figures is None:
        return None
    total = unknown = 0
    for prefix, _label in PEOPLE_GROUPS:
        group_total = getattr(figures, f"{prefix}_total")
        if group_total:
            total += group_total
            unknown += figures.not_disaggregated(prefix) or 0
    return round(unknown / total, 4) if total else None


def _disagg_inconsistent(figures: EntityFigures) -> bool:
    """A breakdown given without a total, or members fewer than board seats."""
    for prefix, _label in PEOPLE_GROUPS:
        total = getattr(figures, f"{prefix}_total")
        women = getattr(figures, f"{prefix}_women")
        men = getattr(figures, f"{prefix}_men")
        if total is None and (women or men):
            return True
    return bool(
        figures.board_women is not None  # type: ignore[attr-defined]
        and figures.members_women is not None  # type: ignore[attr-defined]
        and figures.board_women > figures.members_women  # type: ignore[attr-defined]
    )


def geo_mismatch(
    entity: Entity, reaches: dict[int, AreaReach] | None = None
) -> Outside | None:
    """Why the entity's point lies outside its area (see `countries.area_reach`), or
    None. `reaches`, the country's, spares reading them for each of many entities."""
    if entity.latitude is None or entity.longitude is None or entity.area_id is None:
        return None
    if reaches is None:
        reaches = country_area_reaches(entity.country_id)
    return point_outside(entity.area_id, entity.latitude, entity.longitude, reaches)


def point_outside(
    area_id: int, latitude: Any, longitude: Any, reaches: dict[int, AreaReach]
) -> Outside | None:
    """Why a point given for an area lies outside it, or None."""
    reach = reaches.get(area_id)
    if reach is None:
        return None
    return reach.outside((float(latitude), float(longitude)))


# What a person is told of a point outside its area, by why it is outside.
GEO_MISMATCH_MESSAGES = {
    "nearer": _(
        "The point lies nearer the centre of %(other)s than that of %(area)s "
        "(%(km)s km away): check the area and the coordinates."
    ),
    "far": _(
        "The point lies %(km)s km from the centre of %(area)s, beyond its reach of "
        "%(reach)s km: check the area and the coordinates."
    ),
}


def geo_mismatch_message(outside: Outside, area: str) -> str:
    """Why the point is outside, with `area` named for the reader."""
    values = {
        "other": outside.nearer,
        "area": area,
        "km": outside.km,
        "reach": outside.reach_km,
    }
    return GEO_MISMATCH_MESSAGES["nearer" if outside.nearer else "far"] % values


def figures_gender_summary(
    figures: EntityFigures, rule: WomenLedRule | None = None
) -> dict[str, Any]:
    """Women-led (each part of the definition and the whole) and the share not
    disaggregated by sex for one year's figures, by the same rules that set them on
    the entity from its latest year."""
    rule = rule or WomenLedRule()
    return {
        "women_led": _women_led(figures, rule),
        "women_led_parts": [
            {"label": WOMEN_LED_PART_LABELS[name], "met": met}
            for name, met in women_led_parts(figures, rule).items()
        ],
        "share_not_disaggregated": _share_not_disaggregated(figures),
    }
