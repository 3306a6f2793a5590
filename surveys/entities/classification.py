"""The classification rule in force in a country and re-classifying its entities."""

from __future__ import annotations

import dataclasses

from countries.models import Country
from countries.vocabularies import (
    WorkflowState,
)
from surveys.models import (
    Entity,
    NationalDefinition,
)
from surveys.principles import (
    ClassificationResult,
    NationalRule,
    classify,
)

# Re-classifying more entities than this runs as a Celery job instead of inline.
RECLASSIFY_INLINE_LIMIT = 500


def national_rule(country: Country) -> NationalRule:
    """The classification rule in force: the newest validated national definition,
    else the newest draft, else the ILC 2022 default."""
    definitions = NationalDefinition.objects.filter(country=country).exclude(
        workflow_state=WorkflowState.REJECTED
    )
    definition = (
        definitions.filter(workflow_state=WorkflowState.VALIDATED)
        .order_by("-number")
        .first()
        or definitions.order_by("-number").first()
    )
    if definition is None:
        return NationalRule()
    return NationalRule(
        version=definition.rule_version,
        informal_groups_allowed=definition.informal_groups_allowed,
        registration_required=definition.registration_required,
        minimum_years_operating=definition.minimum_years_operating,
    )


def classification_preview(
    *,
    country: Country,
    ratings: dict[str, str],
    registration_status: str = "",
    year_established: int | None = None,
) -> ClassificationResult:
    return classify(
        ratings,
        registration_status=registration_status,
        year_established=year_established,
        rule=national_rule(country),
    )


def country_reclassify(*, country: Country) -> int:
    """Re-classify every entity of a country under its rule in force; returns how many
    changed. Runs in batches so that memory stays flat."""
    rule = national_rule(country)
    changed = 0
    entities = (
        Entity.objects.filter(country=country)
        .select_related("country", "area", "assessment")
        .order_by("pk")
    )
    for entity in entities.iterator(chunk_size=500):
        assessment = getattr(entity, "assessment", None)
        result = classify(
            assessment.ratings() if assessment else None,
            registration_status=entity.registration_status,
            year_established=entity.year_established,
            rule=rule,
        )
        if (
            result.classification != entity.classification
            or result.rule_version != entity.classification_rule_version
            or result.reasons != entity.classification_reasons
        ):
            Entity.objects.filter(pk=entity.pk).update(
                classification=result.classification,
                classification_reasons=result.reasons,
                classification_rule_version=result.rule_version,
            )
            changed += 1
    return changed


def country_reclassify_queue(*, country: Country) -> bool:
    """Re-classify now when few, else as a Celery job after commit. True when queued."""
    if Entity.objects.filter(country=country).count() <= RECLASSIFY_INLINE_LIMIT:
        country_reclassify(country=country)
        return False
    from surveys.entities.tasks import reclassify_country

    reclassify_country.delay_on_commit(country.code)
    return True


@dataclasses.dataclass(frozen=True)
class Reclassification:
    """What a change to a national definition did to the country's entities."""

    # The rule in force (informal groups, registration, minimum years) changed.
    rule_changed: bool
    # Too many entities to re-classify inline: a background job does it.
    queued: bool
    # Entities whose classification changed (0 while queued).
    changed: int


def _rule_terms(rule: NationalRule) -> tuple[bool, bool, int]:
    return (
        rule.informal_groups_allowed,
        rule.registration_required,
        rule.minimum_years_operating,
    )


def _classifications(country: Country) -> dict[int, str] | None:
    """Every entity's classification, unless there are too many to read inline."""
    entities = Entity.objects.filter(country=country)
    if entities.count() > RECLASSIFY_INLINE_LIMIT:
        return None
    return dict(entities.values_list("pk", "classification"))


def _reclassification(
    country: Country, rule_before: NationalRule, before: dict[int, str] | None
) -> Reclassification:
    rule_changed = _rule_terms(national_rule(country)) != _rule_terms(rule_before)
    if before is None:
        return Reclassification(
            rule_changed=rule_changed, queued=rule_changed, changed=0
        )
    after = dict(
        Entity.objects.filter(country=country).values_list("pk", "classification")
    )
    changed = sum(1 for pk, value in after.items() if before.get(pk) != value)
    return Reclassification(rule_changed=rule_changed, queued=False, changed=changed)
