"""Writing entities, their figures and their principles assessment."""

from __future__ import annotations

import copy
from collections.abc import Collection, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from countries.models import Country, IsicCode, LegalForm
from countries.selectors import AnyUser
from countries.vocabularies import (
    Rating,
    WorkflowState,
)
from sse_mapping.exceptions import ApplicationError
from surveys import access
from surveys.audit import audit, changed_fields, snapshot
from surveys.entities.applicability import APPLIES_WHEN, clear_inapplicable
from surveys.entities.derived import entity_refresh_derived
from surveys.entities.duplicates import name_key, possible_duplicates
from surveys.models import (
    MEMBER_GROUPS,
    PEOPLE_GROUPS,
    Entity,
    EntityFigures,
    LegalFormChange,
    PrinciplesAssessment,
)
from surveys.principles import WITHOUT_MEMBERS
from surveys.review.edits import (
    _after_edit_state,
    _apply,
    _full_clean,
    _lock_for_edit,
    _m2m_snapshot,
    _refuse_changed_resubmit,
    _save_m2m,
    related_country_errors,
)


def _next_entity_code(country: Country) -> str:
    last = (
        # Codes of digits only ("KH-000123"): ":" sorts right after "9", so other
        # codes (the benchmark's "KH-B…") are left out of the count. Deleted drafts
        # keep their codes, so they are counted too.
        Entity.all_objects.filter(
            country=country,
            code__gte=f"{country.code}-0",
            code__lt=f"{country.code}-:",
        )
        .order_by("-code")
        .values_list("code", flat=True)
        .first()
    )
    number = int(last.split("-")[1]) + 1 if last else 1
    return f"{country.code}-{number:06d}"


ENTITY_FIELDS = (
    "name_local",
    "name_en",
    "acronym",
    "area",
    "other_areas",
    "locality",
    "urban_rural",
    "latitude",
    "longitude",
    "geo_precision",
    "sse_type",
    "coop_member_type",
    "org_level",
    "legal_form",
    "registration_status",
    "registration_authority",
    "registration_number",
    "registration_date",
    "former_legal_form",
    "year_established",
    "activity_status",
    "main_activity",
    "other_activities",
    "farm_scale",
    "mining_scale",
    "small_farmers_cbo",
    "target_groups",
    "purpose",
    "surplus_rule",
    "surplus_cap_pct",
    "asset_lock",
    "visibility",
    "consent_level",
    "consent_by",
    "consent_date",
    "notes",
)


def _check_entity_data(
    country: Country,
    data: Mapping[str, Any],
    *,
    isic_codes: Collection[str] | None = None,
) -> None:
    """`isic_codes`: the ISIC codes there are, when the caller has read them."""
    errors = related_country_errors(country, data)
    other = set(data.get("other_activities") or [])
    if isic_codes is None and other:
        isic_codes = set(
            IsicCode.objects.filter(code__in=other).values_list("code", flat=True)
        )
    unknown = sorted(other - set(isic_codes or ()))
    if unknown:
        errors["other_activities"] = [
            _("Unknown ISIC Rev.4 codes: %(codes)s.") % {"codes": ", ".join(unknown)}
        ]
    year = data.get("year_established")
    if year is not None and year > timezone.now().year:
        errors["year_established"] = [
            _("The year established cannot be in the future.")
        ]
    if errors:
        raise ApplicationError(
            _("Please correct the fields marked below."), field_errors=errors
        )


class PossibleDuplicatesError(ApplicationError):
    """Entities with a look-alike name are recorded in the same area already."""

    def __init__(self, duplicates: list[Entity]):
        super().__init__(
            _(
                "Entities in the same area have very similar names. Nothing was "
                "saved yet."
            )
        )
        self.duplicates = duplicates


def _cleared_fields(names: list[str]) -> list[str]:
    """The fields an edit may empty though not given: those that stop applying."""
    return [name for name in APPLIES_WHEN if name not in names]


def entity_draft_check(
    *, country: Country, data: dict[str, Any], entity: Entity | None = None
) -> tuple[dict[str, list[str]], Entity]:
    """The errors saving these values would meet, and the entity as it would stand,
    unsaved: the checks as you type run the same rules as saving."""
    data = entity_part(data)
    errors: dict[str, list[str]] = {}
    try:
        _check_entity_data(country, data)
    except ApplicationError as error:
        errors.update(error.field_errors)
    draft = copy.copy(entity) if entity is not None else Entity(country=country)
    _apply(draft, {k: v for k, v in data.items() if k not in errors})
    clear_inapplicable(draft)
    try:
        _full_clean(
            draft,
            exclude=["code", "created_by", "updated_by", "other_areas", *errors],
        )
    except ApplicationError as error:
        for name, messages in error.field_errors.items():
            errors.setdefault(name, []).extend(messages)
    return errors, draft


def _name_errors(entity: Entity) -> dict[str, list[str]]:
    if (entity.name_en or "").strip() or (entity.name_local or "").strip():
        return {}
    message = _("Give the entity's name in English or in the local language.")
    return {"name_en": [message], "name_local": [message]}


def _check_named(entity: Entity) -> None:
    errors = _name_errors(entity)
    if errors:
        raise ApplicationError(
            _("Please correct the fields marked below."), field_errors=errors
        )


def _check_saveable(entity: Entity) -> None:
    """A new entity is saved once it has a name and an SSE type (its country is the
    page's): an empty or half-typed form never leaves a record behind."""
    errors = _name_errors(entity)
    if not entity.sse_type:
        errors["sse_type"] = [_("Choose the SSE type.")]
    if errors:
        raise ApplicationError(
            _("A new entity needs at least its name and SSE type. Nothing was saved."),
            field_errors=errors,
        )


@transaction.atomic
def entity_create(
    *,
    country: Country,
    by: AnyUser,
    data: dict[str, Any],
    refuse_look_alikes: bool = False,
) -> Entity:
    """Record a new entity as a draft.

    With `refuse_look_alikes`, an entity whose name looks like one already recorded in
    the same area is not saved: `PossibleDuplicatesError` lists the look-alikes.
    """
    access.require(by, "record.create", country=country)
    data = entity_part(data)
    _check_entity_data(country, data)
    entity = Entity(country=country, created_by=by, updated_by=by)  # type: ignore[misc]
    m2m = _apply(entity, data)
    clear_inapplicable(entity)
    _check_saveable(entity)
    entity.name_key = name_key(entity.name_local, entity.name_en)
    # Serialise creation per country: two consultants never get the same code, and
    # of two look-alikes sent at once the second one sees the first.
    Country.objects.select_for_update().get(pk=country.pk)
    if refuse_look_alikes:
        duplicates = possible_duplicates(
            country=country,
            name_local=entity.name_local,
            name_en=entity.name_en,
            area=entity.area,
        )
        if duplicates:
            raise PossibleDuplicatesError(duplicates)
    entity.code = _next_entity_code(country)
    _full_clean(entity, exclude=["code", "created_by", "updated_by", "other_areas"])
    entity.save()
    _save_m2m(entity, data, m2m)
    entity_refresh_derived(entity)
    audit(
        record=entity,
        by=by,
        action="created",
        changes={
            k: [None, v]
            for k, v in snapshot(entity, [f for f in data if f not in m2m]).items()
            if v not in ("", None, [])
        },
    )
    return entity


@transaction.atomic
def entity_update(
    *,
    entity: Entity,
    by: AnyUser,
    data: Mapping[str, Any],
    expected_version: int | None,
) -> Entity:
    entity = _lock_for_edit(
        Entity, entity, by=by, expected_version=expected_version, own_resubmit=True
    )
    data = entity_part(data)
    _check_entity_data(entity.country, data)
    plain = [name for name in data if not entity._meta.get_field(name).many_to_many]
    many = [name for name in data if name not in plain]
    watched = [*plain, *_cleared_fields(plain)]
    before = {**snapshot(entity, watched), **_m2m_snapshot(entity, many)}
    _apply(entity, data)
    clear_inapplicable(entity)
    _check_named(entity)
    after_plain = snapshot(entity, watched)
    entity.name_key = name_key(entity.name_local, entity.name_en)
    _full_clean(entity, exclude=["code", "created_by", "updated_by", "other_areas"])
    _save_m2m(entity, data, many)
    changes = changed_fields(before, {**after_plain, **_m2m_snapshot(entity, many)})
    _refuse_changed_resubmit(entity, changes)
    if not changes:
        return entity
    reset = _after_edit_state(entity)
    entity.version += 1
    entity.updated_by = by  # type: ignore[assignment]
    entity.save()
    entity_refresh_derived(entity)
    if reset:
        changes["workflow_state"] = [WorkflowState.VALIDATED, WorkflowState.DRAFT]
    audit(record=entity, by=by, action="updated", changes=changes)
    return entity


FIGURE_FIELDS = tuple(
    [
        f"{prefix}_{part}"
        for prefix, _label in PEOPLE_GROUPS
        for part in ("total", "women", "men")
    ]
    + [
        "source",
        "chair_sex",
        "manager_sex",
        "turnover",
        "assets",
        "pay_women_monthly",
        "pay_men_monthly",
        "currency",
    ]
)
_ENTITY_NAMES = frozenset(ENTITY_FIELDS)
_FIGURE_NAMES = frozenset(FIGURE_FIELDS)


def entity_part(data: Mapping[str, Any]) -> dict[str, Any]:
    """The values of `data` that are the entity's own fields (`ENTITY_FIELDS`)."""
    return {k: v for k, v in data.items() if k in _ENTITY_NAMES}


def figures_part(data: Mapping[str, Any]) -> dict[str, Any]:
    """The values of `data` that are one year's figures (`FIGURE_FIELDS`)."""
    return {k: v for k, v in data.items() if k in _FIGURE_NAMES}


# The groups counted among the members, with their labels.
MEMBER_GROUP_LABELS = tuple(
    (prefix, label) for prefix, label in PEOPLE_GROUPS if prefix in MEMBER_GROUPS
)


def _check_figures(
    entity: Entity, reference_year: int, data: Mapping[str, Any]
) -> None:
    errors: dict[str, list[str]] = {}
    this_year = timezone.now().year
    if reference_year > this_year:
        errors["reference_year"] = [_("The reference year cannot be in the future.")]
    elif reference_year < 1800:
        errors["reference_year"] = [_("The reference year cannot be before 1800.")]
    if entity.year_established and reference_year < entity.year_established:
        errors["reference_year"] = [
            _(
                "The reference year (%(ref)s) is before the year the entity was established (%(est)s)."
            )
            % {"ref": reference_year, "est": entity.year_established}
        ]
    for prefix, label in PEOPLE_GROUPS:
        total = data.get(f"{prefix}_total")
        women = data.get(f"{prefix}_women") or 0
        men = data.get(f"{prefix}_men") or 0
        if total is not None and women + men > total:
            errors[f"{prefix}_total"] = [
                _(
                    "%(group)s: women (%(women)s) and men (%(men)s) add up to more than the total (%(total)s)."
                )
                % {"group": label, "women": women, "men": men, "total": total}
            ]
    board, members = data.get("board_total"), data.get("members_total")
    for prefix, label in MEMBER_GROUP_LABELS:
        part = data.get(f"{prefix}_total")
        if part is not None and members is not None and part > members:
            errors.setdefault(f"{prefix}_total", []).append(
                _(
                    "%(group)s (%(part)s) cannot exceed the number of members (%(members)s)."
                )
                % {"group": label, "part": part, "members": members}
            )
    # A foundation has no members, yet has a board.
    without_members = entity.sse_type in WITHOUT_MEMBERS and not members
    if (
        board is not None
        and members is not None
        and board > members
        and not without_members
    ):
        errors["board_total"] = [
            _(
                "Board seats (%(board)s) cannot exceed the number of members (%(members)s)."
            )
            % {"board": board, "members": members}
        ]
    money = ("turnover", "assets", "pay_women_monthly", "pay_men_monthly")
    if any(data.get(name) is not None for name in money) and not data.get("currency"):
        errors["currency"] = [_("Give the currency of the turnover, assets and pay.")]
    errors.update(related_country_errors(entity.country, data))
    if errors:
        raise ApplicationError(
            _("Please correct the figures marked below."), field_errors=errors
        )


def figures_draft_check(
    *, entity: Entity, reference_year: int | None, data: dict[str, Any]
) -> dict[str, list[str]]:
    """The errors saving these figures would meet, without saving them."""
    data = figures_part(data)
    try:
        _check_figures(entity, reference_year or timezone.now().year, data)
    except ApplicationError as error:
        errors = dict(error.field_errors)
        if reference_year is None:  # not typed yet: nothing to say about it
            errors.pop("reference_year", None)
        return errors
    return {}


@transaction.atomic
def figures_save(
    *,
    entity: Entity,
    by: AnyUser,
    reference_year: int,
    data: Mapping[str, Any],
    expected_version: int | None,
) -> EntityFigures:
    """Create or replace the entity's figures for one reference year."""
    entity = _lock_for_edit(
        Entity, entity, by=by, expected_version=expected_version, own_resubmit=True
    )
    data = figures_part(data)
    _check_figures(entity, reference_year, data)
    figures = EntityFigures.objects.filter(
        entity=entity, reference_year=reference_year
    ).first()
    if figures is None:
        figures, before = (
            EntityFigures(entity=entity, reference_year=reference_year),
            {},
        )
    else:
        before = snapshot(figures, FIGURE_FIELDS)
    for name, value in data.items():
        setattr(figures, name, value)
    try:
        with transaction.atomic():
            figures.save()
    except IntegrityError as error:  # a database rule the checks above did not foresee
        raise ApplicationError(_("These figures break a rule: %s") % error) from error
    changes = changed_fields(before, snapshot(figures, data.keys()))
    changes = {f"{reference_year} {k}": v for k, v in changes.items() if v[0] != v[1]}
    _refuse_changed_resubmit(entity, changes)
    _touch(entity, by=by, changes=changes, action="figures saved")
    return figures


@transaction.atomic
def figures_delete(
    *, entity: Entity, by: AnyUser, reference_year: int, expected_version: int | None
) -> None:
    entity = _lock_for_edit(Entity, entity, by=by, expected_version=expected_version)
    deleted, _count = EntityFigures.objects.filter(
        entity=entity, reference_year=reference_year
    ).delete()
    if deleted:
        _touch(
            entity,
            by=by,
            changes={f"{reference_year} figures": ["recorded", None]},
            action="figures deleted",
        )


@transaction.atomic
def legal_form_change_record(
    *,
    entity: Entity,
    by: AnyUser,
    from_form: LegalForm,
    to_form: LegalForm,
    year: int | None,
    expected_version: int | None,
) -> LegalFormChange:
    """Record one transformation of the entity; its former legal form becomes the form
    it left in the latest transformation."""
    entity = _lock_for_edit(Entity, entity, by=by, expected_version=expected_version)
    errors = related_country_errors(
        entity.country, {"from_form": from_form, "to_form": to_form}
    )
    if from_form.pk == to_form.pk:
        errors["to_form"] = [_("The entity must change to another legal form.")]
    if year is not None:
        if year > timezone.now().year or year < 1800:
            errors["year"] = [_("Give a year between 1800 and this year.")]
        elif entity.year_established and year < entity.year_established:
            errors["year"] = [
                _("The entity was established in %(est)s, after %(year)s.")
                % {"est": entity.year_established, "year": year}
            ]
    if errors:
        raise ApplicationError(
            _("Please correct the legal form change marked below."),
            field_errors=errors,
        )
    change = LegalFormChange.objects.create(
        entity=entity, from_form=from_form, to_form=to_form, year=year
    )
    changes: dict[str, list[Any]] = {
        "legal form change": [None, str(change)],
    }
    changes.update(_sync_former_legal_form(entity))
    _touch(entity, by=by, changes=changes, action="legal form change recorded")
    return change


@transaction.atomic
def legal_form_change_delete(
    *, change: LegalFormChange, by: AnyUser, expected_version: int | None
) -> None:
    entity = _lock_for_edit(
        Entity, change.entity, by=by, expected_version=expected_version
    )
    shown = str(change)
    change.delete()
    changes: dict[str, list[Any]] = {"legal form change": [shown, None]}
    changes.update(_sync_former_legal_form(entity))
    _touch(entity, by=by, changes=changes, action="legal form change deleted")


def _sync_former_legal_form(entity: Entity) -> dict[str, list[Any]]:
    """Keep `former_legal_form` the form left in the latest transformation."""
    latest = entity.legal_form_changes.select_related("from_form").last()
    former = latest.from_form if latest is not None else entity.former_legal_form
    if former == entity.former_legal_form:
        return {}
    before = str(entity.former_legal_form or "")
    entity.former_legal_form = former
    entity.save(update_fields=["former_legal_form"])
    return {"former_legal_form": [before, str(former or "")]}


def _touch(
    entity: Entity, *, by: AnyUser, changes: dict[str, list[Any]], action: str
) -> None:
    """Bump the entity's version for a change made to one of its parts."""
    if not changes:
        return
    reset = _after_edit_state(entity)
    entity.version += 1
    entity.updated_by = by  # type: ignore[assignment]
    entity.save(update_fields=["version", "updated_by", "updated_at", *reset])
    entity_refresh_derived(entity)
    if reset:
        changes["workflow_state"] = [WorkflowState.VALIDATED, WorkflowState.DRAFT]
    audit(record=entity, by=by, action=action, changes=changes)


ASSESSMENT_FIELDS = tuple(
    name
    for name in (f.name for f in PrinciplesAssessment._meta.get_fields())
    if name not in {"id", "entity", "assessed_by", "assessed_at"}
)


@transaction.atomic
def assessment_save(
    *,
    entity: Entity,
    by: AnyUser,
    data: Mapping[str, Any],
    expected_version: int | None,
) -> PrinciplesAssessment:
    entity = _lock_for_edit(
        Entity, entity, by=by, expected_version=expected_version, own_resubmit=True
    )
    data = {k: v for k, v in data.items() if k in ASSESSMENT_FIELDS}
    share = data.get("income_share_largest_funder")
    if share is not None and share > 50 and data.get("p3_3") in (Rating.MET, None):
        # The share answers P3.3 by itself; keep the two consistent.
        data["p3_3"] = Rating.NOT_MET
    assessment = PrinciplesAssessment.objects.filter(entity=entity).first()
    before = snapshot(assessment, data.keys()) if assessment else {}
    if assessment is None:
        assessment = PrinciplesAssessment(entity=entity, assessed_by=by)  # type: ignore[misc]
    for name, value in data.items():
        setattr(assessment, name, value)
    assessment.assessed_by = by  # type: ignore[assignment]
    _full_clean(assessment, exclude=["entity", "assessed_by"])
    assessment.save()
    changes = changed_fields(before, snapshot(assessment, data.keys()))
    _refuse_changed_resubmit(entity, changes)
    _touch(entity, by=by, changes=changes, action="assessment saved")
    return assessment
