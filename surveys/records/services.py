"""Writing case studies, capacity gaps, national definitions and sources."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from countries.models import Country
from countries.selectors import AnyUser
from countries.vocabularies import (
    Actor,
    WorkflowState,
)
from sse_mapping.exceptions import ApplicationError
from surveys import access
from surveys.audit import audit, changed_fields, snapshot
from surveys.entities.classification import (
    Reclassification,
    _classifications,
    _reclassification,
    classification_preview,
    country_reclassify,
    country_reclassify_queue,
    draft_effect_queue,
    national_rule,
)
from surveys.entities.duplicates import possible_duplicates
from surveys.entities.services import (
    assessment_save,
    entity_create,
    entity_update,
    figures_delete,
    figures_save,
)
from surveys.models import (
    DEFINITION_ELEMENTS,
    CapacityGap,
    CaseStudy,
    DefinitionElement,
    NationalDefinition,
    Recommendation,
    Source,
    WorkflowRecord,
)
from surveys.principles import (
    DEFAULT_RULE_VERSION,
    normalised_rules,
    rules_errors,
)
from surveys.review.edits import (
    _after_edit_state,
    _apply,
    _full_clean,
    _lock_for_edit,
    _m2m_snapshot,
    _refuse_changed_resubmit,
    _save_m2m,
    related_country_check,
)

# --- Case studies and capacity gaps -------------------------------------------------------


CASE_STUDY_FIELDS = (
    "title",
    "entities",
    "area",
    "priority_sector",
    "sse_type",
    "summary",
    "context",
    "gender_analysis",
    "decent_work",
    "principles_evidence",
    "lessons",
    "consent_given",
)

CAPACITY_GAP_FIELDS = (
    "title",
    "category",
    "severity",
    "evidence",
    "affected_sse_types",
    "affected_sectors",
    "affected_areas",
    "national_priority",
)
# A capacity gap's part edited with it, as rows: what each actor should do about it.
RECOMMENDATION_FIELDS = ("actor", "text")


def recommendations_clean(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The recommendations as they will be stored; each needs an actor and a text.

    Errors name the row as `recommendations.<index>.<field>`."""
    errors: dict[str, list[str]] = {}
    cleaned = []
    for index, row in enumerate(rows):
        actor = str(row.get("actor") or "")
        text = str(row.get("text") or "").strip()
        if actor not in Actor.values:
            errors[f"recommendations.{index}.actor"] = [
                _("Choose who the recommendation is addressed to.")
            ]
        if not text:
            errors[f"recommendations.{index}.text"] = [_("Write the recommendation.")]
        cleaned.append({"actor": actor, "text": text})
    if errors:
        raise ApplicationError(
            _("Please correct the recommendations marked below."), field_errors=errors
        )
    return cleaned


def recommendations_snapshot(gap: CapacityGap) -> list[str]:
    """The gap's recommendations as the history shows them."""
    return [
        f"{r.get_actor_display()}: {r.text}"
        for r in Recommendation.objects.filter(capacity_gap=gap).order_by(
            "position", "pk"
        )
    ]


def _recommendations_set(gap: CapacityGap, rows: list[dict[str, str]]) -> None:
    Recommendation.objects.filter(capacity_gap=gap).delete()
    Recommendation.objects.bulk_create(
        Recommendation(capacity_gap=gap, position=position, **row)
        for position, row in enumerate(rows)
    )


def _recommendations_of(
    model: type[WorkflowRecord], data: dict[str, Any]
) -> list[dict[str, str]] | None:
    """The recommendations given with a capacity gap, checked; None when not given."""
    rows = data.get("recommendations")
    if model is not CapacityGap or rows is None:
        return None
    return recommendations_clean(list(rows))


@transaction.atomic
def record_create(
    *, model: type[WorkflowRecord], country: Country, by: AnyUser, data: dict[str, Any]
) -> WorkflowRecord:
    """Create a case study or a capacity gap (with its recommendations by actor)."""
    access.require(by, "record.create", country=country)
    recommendations = _recommendations_of(model, data)
    allowed = CASE_STUDY_FIELDS if model is CaseStudy else CAPACITY_GAP_FIELDS
    data = {k: v for k, v in data.items() if k in allowed}
    related_country_check(country, data)
    record = model(country=country, created_by=by, updated_by=by)  # type: ignore[misc]
    m2m = _apply(record, data)
    _full_clean(record, exclude=["created_by", "updated_by", *m2m])
    record.save()
    _save_m2m(record, data, m2m)
    parts: dict[str, Any] = {}
    if recommendations is not None:
        _recommendations_set(record, recommendations)  # type: ignore[arg-type]
        parts["recommendations"] = recommendations_snapshot(record)  # type: ignore[arg-type]
    audit(
        record=record,
        by=by,
        action="created",
        changes={
            k: [None, v]
            for k, v in {
                **snapshot(record, [f for f in data if f not in m2m]),
                **_m2m_snapshot(record, m2m),
                **parts,
            }.items()
            if v not in ("", None, [])
        },
    )
    return record


@transaction.atomic
def record_update(
    *,
    record: WorkflowRecord,
    by: AnyUser,
    data: dict[str, Any],
    expected_version: int | None,
) -> WorkflowRecord:
    """Change a case study or a capacity gap (and the gap's recommendations, when
    given: they replace the stored ones)."""
    model = type(record)
    record = _lock_for_edit(
        model, record, by=by, expected_version=expected_version, own_resubmit=True
    )
    recommendations = _recommendations_of(model, data)
    allowed = CASE_STUDY_FIELDS if model is CaseStudy else CAPACITY_GAP_FIELDS
    data = {k: v for k, v in data.items() if k in allowed}
    related_country_check(record.country, data)
    plain = [name for name in data if not record._meta.get_field(name).many_to_many]
    many = [name for name in data if name not in plain]
    before = {**snapshot(record, plain), **_m2m_snapshot(record, many)}
    if recommendations is not None:
        before["recommendations"] = recommendations_snapshot(record)  # type: ignore[arg-type]
    _apply(record, data)
    _full_clean(record, exclude=["created_by", "updated_by", *many])
    _save_m2m(record, data, many)
    after = {**snapshot(record, plain), **_m2m_snapshot(record, many)}
    if recommendations is not None:
        _recommendations_set(record, recommendations)  # type: ignore[arg-type]
        after["recommendations"] = recommendations_snapshot(record)  # type: ignore[arg-type]
    changes = changed_fields(before, after)
    _refuse_changed_resubmit(record, changes)
    if not changes:
        return record
    if _after_edit_state(record):
        changes["workflow_state"] = [WorkflowState.VALIDATED, WorkflowState.DRAFT]
    record.version += 1
    record.updated_by = by  # type: ignore[assignment]
    record.save()
    audit(record=record, by=by, action="updated", changes=changes)
    return record


# --- National definition -------------------------------------------------------------------

DEFINITION_FIELDS = (
    "title",
    "text_local",
    "text_en",
    "informal_groups_allowed",
    "registration_required",
    "minimum_years_operating",
    "rules",
)
RULE_FIELDS = (
    "informal_groups_allowed",
    "registration_required",
    "minimum_years_operating",
    "rules",
)


@transaction.atomic
def national_definition_create(
    *, country: Country, by: AnyUser, data: dict[str, Any]
) -> NationalDefinition:
    """Start a new version, carrying over the newest version's elements and rule."""
    access.require(by, "record.create", country=country)
    Country.objects.select_for_update().get(pk=country.pk)
    previous = (
        NationalDefinition.objects.filter(country=country).order_by("-number").first()
    )
    # A deleted draft keeps its number: numbers are never given twice.
    last = (
        NationalDefinition.all_objects.filter(country=country)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    number = (last or 0) + 1
    base = snapshot(previous, DEFINITION_FIELDS) if previous else {}
    definition = NationalDefinition(  # type: ignore[misc]
        country=country,
        number=number,
        created_by=by,
        updated_by=by,
        **{**base, **{k: v for k, v in data.items() if k in DEFINITION_FIELDS}},
    )
    if not definition.title:
        definition.title = _("National definition of the SSE, version %d") % number
    _full_clean(definition, exclude=["created_by", "updated_by"])
    definition.save()
    old_elements = {e.element: e for e in previous.elements.all()} if previous else {}
    DefinitionElement.objects.bulk_create(
        DefinitionElement(
            definition=definition,
            element=code,
            treatment=old_elements[code].treatment
            if code in old_elements
            else "ADOPTED",
            national_wording=old_elements[code].national_wording
            if code in old_elements
            else "",
            rationale=old_elements[code].rationale if code in old_elements else "",
        )
        for code, _label in DEFINITION_ELEMENTS
    )
    audit(record=definition, by=by, action="created", note=f"version {number}")
    draft_effect_queue(definition)
    return definition


@transaction.atomic
def national_definition_update(
    *,
    definition: NationalDefinition,
    by: AnyUser,
    data: dict[str, Any],
    elements: dict[str, dict[str, Any]],
    expected_version: int | None,
) -> NationalDefinition:
    """Change the text, the rule and the element treatments. Editing a draft's rule
    queues the preview of its effect; editing the validated version sends it back to
    draft, so the country's entities are re-classified under the rule then in force."""
    definition = _lock_for_edit(
        NationalDefinition,
        definition,
        by=by,
        expected_version=expected_version,
        own_resubmit=True,
    )
    rule_before = national_rule(definition.country)
    data = {k: v for k, v in data.items() if k in DEFINITION_FIELDS}
    if (
        "rules" in data
        and not rules_errors(data["rules"])
        and not rules_errors(definition.rules)
        and normalised_rules(data["rules"]) == normalised_rules(definition.rules)
    ):
        # The same rule written another way (the form writes every key) is no change.
        del data["rules"]
    before = snapshot(definition, data.keys())
    _apply(definition, data)
    _full_clean(definition, exclude=["created_by", "updated_by"])
    changes = changed_fields(before, snapshot(definition, data.keys()))
    for element in definition.elements.all():
        new = elements.get(element.element)
        if not new:
            continue
        fields = [f for f in ("treatment", "national_wording", "rationale") if f in new]
        old = snapshot(element, fields)
        _apply(element, {f: new[f] for f in fields})
        diff = changed_fields(old, snapshot(element, fields))
        if diff:
            _full_clean(element, exclude=["definition"])
            element.save()
            changes.update({f"{element.element} {k}": v for k, v in diff.items()})
    _refuse_changed_resubmit(definition, changes)
    if not changes:
        return definition
    if _after_edit_state(definition):
        changes["workflow_state"] = [WorkflowState.VALIDATED, WorkflowState.DRAFT]
    definition.version += 1
    definition.updated_by = by  # type: ignore[assignment]
    definition.save()
    audit(record=definition, by=by, action="updated", changes=changes)
    if national_rule(definition.country) != rule_before:
        country_reclassify_queue(country=definition.country, by=by)
    if set(RULE_FIELDS) & set(changes) or "workflow_state" in changes:
        draft_effect_queue(definition)
    return definition


__all__ = [
    "DEFAULT_RULE_VERSION",
    "assessment_save",
    "classification_preview",
    "country_reclassify",
    "entity_create",
    "entity_update",
    "figures_delete",
    "figures_save",
    "national_definition_create",
    "national_definition_update",
    "possible_duplicates",
    "record_create",
    "record_update",
]

SOURCE_FIELDS = ("kind", "title", "year", "coverage_note")


@transaction.atomic
def source_create(*, country: Country, by: AnyUser, data: dict[str, Any]) -> Source:
    """Add a source that a country's figures can cite."""
    access.require(by, "record.create", country=country)
    source = Source(
        country=country, **{k: v for k, v in data.items() if k in SOURCE_FIELDS}
    )
    if source.year is not None and source.year > timezone.now().year:
        raise ApplicationError(
            _("Please correct the fields marked below."),
            field_errors={"year": [_("The year of a source cannot be in the future.")]},
        )
    _full_clean(source, exclude=["country"])
    source.save()
    audit(
        record=source,
        by=by,
        action="created",
        changes={
            k: [None, v]
            for k, v in snapshot(source, SOURCE_FIELDS).items()
            if v not in ("", None)
        },
    )
    return source


@transaction.atomic
def national_definition_update_reported(
    *,
    definition: NationalDefinition,
    by: AnyUser,
    data: dict[str, Any],
    elements: dict[str, dict[str, Any]],
    expected_version: int | None,
) -> tuple[NationalDefinition, Reclassification]:
    """`national_definition_update`, telling also how many entities it re-classified."""
    country = definition.country
    rule_before, before = national_rule(country), _classifications(country)
    definition = national_definition_update(
        definition=definition,
        by=by,
        data=data,
        elements=elements,
        expected_version=expected_version,
    )
    return definition, _reclassification(country, rule_before, before)


@transaction.atomic
def national_definition_create_reported(
    *, country: Country, by: AnyUser, data: dict[str, Any]
) -> tuple[NationalDefinition, Reclassification]:
    """`national_definition_create`, telling also how many entities it re-classified."""
    rule_before, before = national_rule(country), _classifications(country)
    definition = national_definition_create(country=country, by=by, data=data)
    return definition, _reclassification(country, rule_before, before)
