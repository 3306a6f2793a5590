"""The classification rule in force in a country, re-classifying its entities, and the
effect a draft national definition would have.

The rule in force is the newest *validated* national definition's. While a country has
none, its entities are classified under the ILC 2022 default, marked provisional: a
draft is never applied as if it were settled, but its effect can be previewed.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from countries.models import Country
from countries.selectors import AnyUser
from countries.vocabularies import Classification, WorkflowState
from surveys.audit import audit
from surveys.jobs.outbox import task_queue
from surveys.models import (
    Entity,
    EntityFigures,
    NationalDefinition,
    PrinciplesAssessment,
)
from surveys.principles import (
    ClassificationResult,
    EntityFacts,
    NationalRule,
    classify,
    rule_from_data,
)
from surveys.principles.reasons import label, message

# Re-classifying more entities than this runs as a queued task instead of inline.
RECLASSIFY_INLINE_LIMIT = 500
# The draft-effect summary lists at most this many moving entities by name.
EFFECT_LIST_LIMIT = 500


def definition_rule(
    definition: NationalDefinition, *, provisional: bool = False
) -> NationalRule:
    """The rule a national definition declares."""
    return rule_from_data(
        definition.rules or {},
        version=definition.rule_version,
        # A message, so that the reasons that name the rule read in each reader's
        # language.
        name=message(
            gettext_noop("the national definition of %(country)s (version %(number)d)"),
            country=label("country", definition.country_id),
            number=definition.number,
        ),
        provisional=provisional,
        informal_groups_allowed=definition.informal_groups_allowed,
        registration_required=definition.registration_required,
        minimum_years_operating=definition.minimum_years_operating,
    )


def validated_definition(country: Country) -> NationalDefinition | None:
    return (
        NationalDefinition.objects.filter(
            country=country, workflow_state=WorkflowState.VALIDATED
        )
        .select_related("country")
        .order_by("-number")
        .first()
    )


def national_rule(country: Country) -> NationalRule:
    """The classification rule in force: the newest validated national definition,
    else the ILC 2022 default marked provisional."""
    definition = validated_definition(country)
    if definition is None:
        return NationalRule(provisional=True)
    return definition_rule(definition)


def entity_facts(
    entity: Entity,
    *,
    assessment: PrinciplesAssessment | None,
    members: int | None,
) -> EntityFacts:
    return EntityFacts(
        sse_type=entity.sse_type,
        registration_status=entity.registration_status,
        year_established=entity.year_established,
        surplus_rule=entity.surplus_rule,
        surplus_cap_pct=entity.surplus_cap_pct,
        asset_lock=entity.asset_lock,
        members=members,
        income_share_largest_funder=(
            assessment.income_share_largest_funder if assessment else None
        ),
    )


def classification_preview(
    *,
    country: Country,
    ratings: dict[str, str],
    registration_status: str = "",
    year_established: int | None = None,
    facts: EntityFacts | None = None,
) -> ClassificationResult:
    return classify(
        ratings,
        facts=facts
        or EntityFacts(
            registration_status=registration_status, year_established=year_established
        ),
        rule=national_rule(country),
    )


def _entities_with_facts(country: Country) -> Any:
    latest_members = (
        EntityFigures.objects.filter(entity=OuterRef("pk"))
        .order_by("-reference_year")
        .values("members_total")[:1]
    )
    return (
        Entity.objects.filter(country=country)
        .select_related("country", "assessment")
        .annotate(latest_members=Subquery(latest_members))
        .order_by("pk")
    )


def _classify_entity(entity: Entity, rule: NationalRule) -> ClassificationResult:
    assessment = getattr(entity, "assessment", None)
    return classify(
        assessment.ratings() if assessment else None,
        facts=entity_facts(
            entity,
            assessment=assessment,
            members=entity.latest_members,  # type: ignore[attr-defined]
        ),
        rule=rule,
    )


def country_reclassify(*, country: Country, by: AnyUser | None = None) -> int:
    """Re-classify every entity of a country under its rule in force, auditing each
    entity whose classification changed; returns how many changed. Runs in batches so
    that memory stays flat."""
    rule = national_rule(country)
    changed = 0
    for entity in _entities_with_facts(country).iterator(chunk_size=500):
        result = _classify_entity(entity, rule)
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
            if result.classification != entity.classification:
                audit(
                    record=entity,
                    by=by,
                    action="reclassified",
                    changes={
                        "classification": [
                            entity.classification,
                            result.classification,
                        ]
                    },
                    note=result.rule_version,
                )
            changed += 1
    return changed


def country_reclassify_queue(*, country: Country, by: AnyUser | None = None) -> bool:
    """Re-classify now when few, else as a queued task (outbox). True when queued."""
    if Entity.objects.filter(country=country).count() <= RECLASSIFY_INLINE_LIMIT:
        country_reclassify(country=country, by=by)
        return False
    by_id = by.pk if by is not None and by.is_authenticated else None
    task_queue("surveys.entities.tasks.reclassify_country", country.code, by_id)
    return True


# --- The effect of a draft ----------------------------------------------------------


def draft_effect(definition: NationalDefinition) -> dict[str, Any]:
    """What classifying the country's entities under this definition would change,
    saving nothing: counts per move (from → to) and the moving entities."""
    rule = definition_rule(definition)
    moves: Counter[str] = Counter()
    moved: list[dict[str, Any]] = []
    total = 0
    for entity in _entities_with_facts(definition.country).iterator(chunk_size=500):
        total += 1
        result = _classify_entity(entity, rule)
        if result.classification == entity.classification:
            continue
        moves[f"{entity.classification}>{result.classification}"] += 1
        if len(moved) < EFFECT_LIST_LIMIT:
            moved.append(
                {
                    "id": entity.pk,
                    "code": entity.code,
                    "name": str(entity),
                    "from": entity.classification,
                    "to": result.classification,
                    "reasons": result.reasons,
                }
            )
    return {
        "status": "done",
        "computed_at": timezone.now().isoformat(),
        "definition_version": definition.version,
        "entities": total,
        "moving": sum(moves.values()),
        "moves": dict(sorted(moves.items())),
        "moved": moved,
    }


def draft_effect_compute(definition: NationalDefinition) -> dict[str, Any]:
    """Compute and store the draft's effect on the definition row."""
    effect = draft_effect(definition)
    NationalDefinition.objects.filter(pk=definition.pk).update(draft_effect=effect)
    definition.draft_effect = effect
    return effect


def draft_effect_queue(definition: NationalDefinition) -> None:
    """Mark the effect as being computed and queue its task (outbox)."""
    effect = {"status": "queued", "definition_version": definition.version}
    NationalDefinition.objects.filter(pk=definition.pk).update(draft_effect=effect)
    definition.draft_effect = effect
    task_queue("surveys.entities.tasks.compute_draft_effect", definition.pk)


def effect_summary(effect: dict[str, Any]) -> str:
    """“3 entities would move: 2 from SSE to borderline, 1 from outside to SSE.”"""
    labels = dict(Classification.choices)
    if effect.get("status") != "done":
        return _("The effect of this version is being computed.")
    moving = effect.get("moving", 0)
    if not moving:
        return _("No entity would change classification under this version.")
    parts = []
    for move, count in effect.get("moves", {}).items():
        before, after = move.split(">")
        parts.append(
            _("%(count)d from %(from)s to %(to)s")
            % {
                "count": count,
                "from": str(labels.get(before, before)).lower(),
                "to": str(labels.get(after, after)).lower(),
            }
        )
    if moving == 1:
        head = _("1 entity would move")
    else:
        head = _("%d entities would move") % moving
    return f"{head}: {', '.join(parts)}."


@dataclasses.dataclass(frozen=True)
class Reclassification:
    """What a change to a national definition did to the country's entities."""

    # The rule in force changed (a definition validated, reopened or edited).
    rule_changed: bool
    # Too many entities to re-classify inline: a background job does it.
    queued: bool
    # Entities whose classification changed (0 while queued).
    changed: int


def _classifications(country: Country) -> dict[int, str] | None:
    """Every entity's classification, unless there are too many to read inline."""
    entities = Entity.objects.filter(country=country)
    if entities.count() > RECLASSIFY_INLINE_LIMIT:
        return None
    return dict(entities.values_list("pk", "classification"))


def _reclassification(
    country: Country, rule_before: NationalRule, before: dict[int, str] | None
) -> Reclassification:
    rule_changed = national_rule(country) != rule_before
    if before is None:
        return Reclassification(
            rule_changed=rule_changed, queued=rule_changed, changed=0
        )
    after = dict(
        Entity.objects.filter(country=country).values_list("pk", "classification")
    )
    changed = sum(1 for pk, value in after.items() if before.get(pk) != value)
    return Reclassification(rule_changed=rule_changed, queued=False, changed=changed)


def definition_moved(
    definition: NationalDefinition, *, before: str, by: AnyUser
) -> None:
    """A national definition validated or reopened changes the country's rule in
    force: its entities are re-classified, each change audited."""
    if WorkflowState.VALIDATED in (before, definition.workflow_state):
        country_reclassify_queue(country=definition.country, by=by)
