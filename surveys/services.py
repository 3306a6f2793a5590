"""Every write to the findings: validated, audited, and safe against concurrent edits."""

from __future__ import annotations

import datetime
import difflib
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from countries.models import AdminArea, Country, IsicCode
from countries.selectors import AnyUser, roles_in
from countries.vocabularies import (
    Classification,
    PrioritySector,
    Rating,
    Role,
    Sex,
    WorkflowState,
    priority_sectors_for,
)
from sse_mapping.exceptions import ApplicationError, ConflictError, NotAllowedError
from surveys.models import (
    DEFINITION_ELEMENTS,
    EDITABLE_STATES,
    PEOPLE_GROUPS,
    AuditEvent,
    CaseStudy,
    DefinitionElement,
    Entity,
    EntityFigures,
    NationalDefinition,
    PrinciplesAssessment,
    WorkflowRecord,
)
from surveys.principles import (
    DEFAULT_RULE_VERSION,
    ClassificationResult,
    NationalRule,
    classify,
)

# Re-classifying more entities than this runs as a Celery job instead of inline.
RECLASSIFY_INLINE_LIMIT = 500
# Points farther than this from their area's centre are flagged for a second look.
GEO_MISMATCH_KM = 250


# --- Audit and versions ----------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A JSON-friendly value for the audit history."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.date | Decimal):
        return str(value)
    if isinstance(value, QuerySet):
        return sorted(str(v) for v in value)
    return value


def snapshot(record: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: _plain(getattr(record, name)) for name in fields}


def changed_fields(
    before: dict[str, Any], after: dict[str, Any]
) -> dict[str, list[Any]]:
    """{field: [old, new]} for every field whose value changed.

    An empty text and no value are the same to a reader: filling in a new record's
    blank fields is not a change of them.
    """
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if _or_none(before.get(name)) != _or_none(value)
    }


def _or_none(value: Any) -> Any:
    return None if value in ("", [], {}) else value


def audit(
    *,
    record: WorkflowRecord | models.Model,
    by: AnyUser | None,
    action: str,
    changes: dict[str, list[Any]] | None = None,
    note: str = "",
) -> AuditEvent:
    country_id = getattr(record, "country_id", None)
    if country_id is None and hasattr(record, "entity"):
        country_id = record.entity.country_id
    return AuditEvent.objects.create(  # type: ignore[misc]
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
        country_id=country_id,
        actor=by if by is not None and by.is_authenticated else None,
        action=action,
        changes=changes or {},
        note=note,
    )


RecordT = TypeVar("RecordT", bound=WorkflowRecord)


def _lock_for_edit(
    model: type[RecordT],
    record: RecordT,
    *,
    by: AnyUser,
    expected_version: int | None,
) -> RecordT:
    """Re-read the row under a lock and check who may edit it and that it is not stale."""
    locked = model.objects.select_for_update().get(pk=record.pk)
    ensure_can_edit(record=locked, by=by)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError(
            _(
                "Someone else saved this record while you were editing it "
                "(your version %(yours)s, now %(now)s). Review their changes below "
                "and apply yours again."
            )
            % {"yours": expected_version, "now": locked.version},
            current={"version": locked.version},
        )
    return locked  # type: ignore[return-value]


def ensure_can_create(*, country: Country, by: AnyUser) -> None:
    if Role.CONSULTANT not in roles_in(user=by, country=country):
        raise NotAllowedError(
            _("Only the national consultants of %(country)s can add records here.")
            % {"country": country.name}
        )


def ensure_can_edit(*, record: WorkflowRecord, by: AnyUser) -> None:
    if Role.CONSULTANT not in roles_in(user=by, country=record.country):
        raise NotAllowedError(
            _("Only the national consultants of %(country)s can change this record.")
            % {"country": record.country.name}
        )
    if record.workflow_state not in EDITABLE_STATES:
        raise ApplicationError(
            _("This record is %(state)s and cannot be changed until the review ends.")
            % {"state": record.get_workflow_state_display()}
        )


def _after_edit_state(record: WorkflowRecord) -> list[str]:
    """An edit to a validated record sends it back to draft: it needs validating again."""
    if record.workflow_state == WorkflowState.VALIDATED:
        record.workflow_state = WorkflowState.DRAFT
        return ["workflow_state"]
    return []


def _apply(record: models.Model, data: dict[str, Any]) -> list[str]:
    """Set plain and foreign-key fields; return many-to-many values left to set later."""
    m2m: list[str] = []
    for name, value in data.items():
        field = record._meta.get_field(name)
        if field.many_to_many:
            m2m.append(name)
        else:
            setattr(record, name, value)
    return m2m


def _save_m2m(record: models.Model, data: dict[str, Any], names: list[str]) -> None:
    for name in names:
        getattr(record, name).set(data[name])


def _m2m_snapshot(record: models.Model, names: Iterable[str]) -> dict[str, Any]:
    return {name: sorted(str(v) for v in getattr(record, name).all()) for name in names}


def _full_clean(
    record: models.Model, exclude: Iterable[str] = (), *, constraints: bool = True
) -> None:
    from django.core.exceptions import ValidationError

    try:
        record.full_clean(
            exclude=list(exclude),
            validate_unique=False,
            validate_constraints=constraints,
        )
    except ValidationError as error:
        raise ApplicationError(
            _("Please correct the fields marked below."),
            field_errors={
                field: [str(m) for m in messages]
                for field, messages in error.message_dict.items()
            },
        ) from error


# --- Entities --------------------------------------------------------------------------


def name_key(*names: str) -> str:
    """A casefolded, accent- and punctuation-free key for duplicate detection."""
    text = " ".join(n for n in names if n)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


SIMILAR_NAMES = 0.85  # difflib ratio from which two names are "alike"


def alike_to(mine: list[str]) -> Callable[[list[str]], bool]:
    """A test of whether any of another entity's name keys is alike any of `mine`.

    Made once per name and used on many candidates: the cheap upper bounds
    (lengths, then letters) rule most pairs out before the full comparison.
    """
    matchers = [difflib.SequenceMatcher(None, b=key) for key in mine]  # b is indexed

    def test(theirs: list[str]) -> bool:
        for matcher in matchers:
            for other in theirs:
                matcher.set_seq1(other)
                if (
                    matcher.real_quick_ratio() >= SIMILAR_NAMES
                    and matcher.quick_ratio() >= SIMILAR_NAMES
                    and matcher.ratio() >= SIMILAR_NAMES
                ):
                    return True
        return False

    return test


def _name_keys(name_local: str, name_en: str) -> list[str]:
    return [k for k in (name_key(name_local), name_key(name_en)) if k]


def possible_duplicates(
    *,
    country: Country,
    name_local: str = "",
    name_en: str = "",
    area: AdminArea | None = None,
    exclude_pk: int | None = None,
) -> list[Entity]:
    """Entities of the same country and area whose names are alike (ratio ≥ 0.85)."""
    keys = _name_keys(name_local, name_en)
    if not keys:
        return []
    candidates = Entity.objects.filter(country=country)
    if area is not None:
        candidates = candidates.filter(area=area)
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    # A cheap database prefilter on the first letters keeps this fast at 100 000 rows.
    prefix_filter = Q()
    for key in keys:
        prefix_filter |= Q(name_key__startswith=key[:3])
        for word in key.split():
            if len(word) >= 4:
                prefix_filter |= Q(name_key__contains=word)
    alike = alike_to(keys)
    return [
        entity
        for entity in candidates.filter(prefix_filter).only(
            "id", "code", "name_local", "name_en", "name_key", "area", "workflow_state"
        )[:200]
        if alike(_name_keys(entity.name_local, entity.name_en))
    ]


DuplicateRow = tuple[int, str, str, str, str]  # pk, code, name_local, name_en, state


def possible_duplicates_many(
    *,
    country: Country,
    names: list[tuple[str, str, AdminArea | None]],
    exclude: list[int] | None = None,
) -> list[list[DuplicateRow]]:
    """`possible_duplicates` for many names at once (an import of 10 000 rows).

    Each area named is read once, not once per name, and held only while its names
    are matched. Candidates are those whose key starts with the same three letters
    or holds one of the name's words; a word that most of the area's names hold
    ("cooperative") tells nothing and is not used to find candidates.

    `exclude[i]` is the pk of the entity that `names[i]` is, if it exists already.
    """
    found: list[list[DuplicateRow]] = [[] for _ in names]
    by_area: dict[int | None, list[tuple[int, list[str]]]] = {}
    for index, (name_local, name_en, area) in enumerate(names):
        keys = _name_keys(name_local, name_en)
        if keys:
            by_area.setdefault(area.pk if area else None, []).append((index, keys))
    for area_id, wanted in by_area.items():
        if area_id is None:  # no area: the whole country, one name at a time
            for index, _keys in wanted:
                name_local, name_en, _area = names[index]
                found[index] = [
                    (e.pk, e.code, e.name_local, e.name_en, e.workflow_state)
                    for e in possible_duplicates(
                        country=country,
                        name_local=name_local,
                        name_en=name_en,
                        exclude_pk=exclude[index] if exclude else None,
                    )
                ]
            continue
        _match_in_area(country, area_id, wanted, found)
    if exclude:
        for index, own in enumerate(exclude):
            found[index] = [row for row in found[index] if row[0] != own]
    return found


def _match_in_area(
    country: Country,
    area_id: int,
    wanted: list[tuple[int, list[str]]],
    found: list[list[DuplicateRow]],
) -> None:
    rows: list[DuplicateRow] = []
    row_keys: list[list[str]] = []
    by_token: dict[str, list[int]] = {}
    for row in (
        Entity.objects.filter(country=country, area_id=area_id)
        .values_list(
            "pk", "code", "name_local", "name_en", "workflow_state", "name_key"
        )
        .iterator(chunk_size=5000)
    ):
        position = len(rows)
        rows.append(row[:5])
        row_keys.append(_name_keys(row[2], row[3]))
        stored = row[5]
        for token in {f"^{stored[:3]}", *(f" {word}" for word in stored.split())}:
            by_token.setdefault(token, []).append(position)
    common = max(50, len(rows) // 20)
    for index, keys in wanted:
        candidates: set[int] = set()
        for key in keys:
            candidates.update(by_token.get(f"^{key[:3]}", ()))
            for word in key.split():
                bucket = by_token.get(f" {word}", ())
                if len(word) >= 4 and len(bucket) <= common:
                    candidates.update(bucket)
        alike = alike_to(keys)
        found[index] = [rows[c] for c in sorted(candidates) if alike(row_keys[c])]


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    radius = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


def missing_for_submission(
    entity: Entity, *, figures: list[EntityFigures] | None = None
) -> list[str]:
    """The fields a committee needs before the entity can be submitted, by label.

    `figures`: all of the entity's figures when the caller has them (an import,
    before the entity is saved); otherwise they are read.
    """
    missing: list[str] = []
    if not (entity.name_local or entity.name_en):
        missing.append(str(_("name (local script or English)")))
    checks = [
        ("area", entity.area_id),
        ("sse_type", entity.sse_type),
        ("registration_status", entity.registration_status),
        ("main_activity", entity.main_activity_id),
        ("year_established", entity.year_established),
    ]
    for name, value in checks:
        if not value:
            missing.append(str(Entity._meta.get_field(name).verbose_name))  # type: ignore[union-attr]
    if figures is not None:
        has_members = any(f.members_total is not None for f in figures)  # type: ignore[attr-defined]
    else:
        has_members = not entity.pk or (
            entity.figures.exclude(members_total__isnull=True).exists()
        )
    if not has_members:
        missing.append(
            str(_("figures with the number of members for at least one year"))
        )
    if entity.classification == Classification.UNASSESSED:
        missing.append(str(_("the principles assessment")))
    return missing


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


def entity_refresh_derived(
    entity: Entity,
    *,
    rule: NationalRule | None = None,
    save: bool = True,
    look_alikes: bool = True,
    figures: list[EntityFigures] | None = None,
) -> list[str]:
    """Recompute what is derived (sectors, women-led, sex gap, flags, classification).

    Returns the names of the fields that changed. `look_alikes=False` leaves the
    possible-duplicate flag to the caller (an import sets it for all rows at once);
    `figures`, all of a new entity's figures, spares reading them.
    """
    before = {name: getattr(entity, name) for name in DERIVED_FIELDS}
    codes = ([entity.main_activity_id] if entity.main_activity_id else []) + list(
        entity.other_activities or []
    )
    sectors = priority_sectors_for(codes)
    entity.sector_farm_small = PrioritySector.FARM_SMALL in sectors
    entity.sector_asm = PrioritySector.ASM in sectors
    entity.sector_construction = PrioritySector.CONSTRUCTION in sectors

    if figures is not None:
        latest = max(figures, key=lambda f: f.reference_year) if figures else None
    else:
        latest = (
            entity.figures.order_by("-reference_year").first() if entity.pk else None
        )
    entity.women_led = _women_led(latest)
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
        registration_status=entity.registration_status,
        year_established=entity.year_established,
        rule=rule or national_rule(entity.country),
    )
    entity.classification = result.classification
    entity.classification_reasons = result.reasons
    entity.classification_rule_version = result.rule_version

    entity.flag_geo_mismatch = _geo_mismatch(entity)
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


def _women_led(figures: EntityFigures | None) -> bool | None:
    """A woman chairs or manages it, or women hold at least half the board seats."""
    if figures is None:
        return None
    if Sex.FEMALE in (figures.chair_sex, figures.manager_sex):
        return True
    if figures.board_total and figures.board_women is not None:  # type: ignore[attr-defined]
        return figures.board_women * 2 >= figures.board_total  # type: ignore[attr-defined]
    if figures.chair_sex == Sex.MALE and figures.manager_sex in (Sex.MALE, ""):
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


def _geo_mismatch(entity: Entity) -> bool:
    if entity.latitude is None or entity.longitude is None or entity.area is None:
        return False
    area = entity.area
    if area.centroid_lat is None or area.centroid_lon is None:
        return False
    distance = _distance_km(
        float(entity.latitude),
        float(entity.longitude),
        float(area.centroid_lat),
        float(area.centroid_lon),
    )
    return distance > GEO_MISMATCH_KM


def _next_entity_code(country: Country) -> str:
    last = (
        # Codes of digits only ("KH-000123"): ":" sorts right after "9", so other
        # codes (the benchmark's "KH-B…") are left out of the count.
        Entity.objects.filter(
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
    "target_groups",
    "purpose",
    "surplus_rule",
    "surplus_cap_pct",
    "asset_lock",
    "visibility",
    "consent_given",
    "consent_date",
    "notes",
)


def _check_entity_data(country: Country, data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    for name in ("area",):
        area = data.get(name)
        if area is not None and area.country_id != country.code:
            errors[name] = [
                _("Choose an area of %(country)s.") % {"country": country.name}
            ]
    for name in ("legal_form", "former_legal_form"):
        form = data.get(name)
        if form is not None and form.country_id != country.code:
            errors[name] = [
                _("Choose a legal form of %(country)s.") % {"country": country.name}
            ]
    other = data.get("other_activities") or []
    unknown = sorted(
        set(other)
        - set(IsicCode.objects.filter(code__in=other).values_list("code", flat=True))
    )
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


@transaction.atomic
def entity_create(*, country: Country, by: AnyUser, data: dict[str, Any]) -> Entity:
    ensure_can_create(country=country, by=by)
    data = {k: v for k, v in data.items() if k in ENTITY_FIELDS}
    _check_entity_data(country, data)
    entity = Entity(country=country, created_by=by, updated_by=by)  # type: ignore[misc]
    m2m = _apply(entity, data)
    entity.name_key = name_key(entity.name_local, entity.name_en)
    # Serialise code allocation per country so two consultants never get the same code.
    Country.objects.select_for_update().get(pk=country.pk)
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
    *, entity: Entity, by: AnyUser, data: dict[str, Any], expected_version: int | None
) -> Entity:
    entity = _lock_for_edit(Entity, entity, by=by, expected_version=expected_version)
    data = {k: v for k, v in data.items() if k in ENTITY_FIELDS}
    _check_entity_data(entity.country, data)
    plain = [name for name in data if not entity._meta.get_field(name).many_to_many]
    many = [name for name in data if name not in plain]
    before = {**snapshot(entity, plain), **_m2m_snapshot(entity, many)}
    _apply(entity, data)
    after_plain = snapshot(entity, plain)
    entity.name_key = name_key(entity.name_local, entity.name_en)
    _full_clean(entity, exclude=["code", "created_by", "updated_by", "other_areas"])
    _save_m2m(entity, data, many)
    changes = changed_fields(before, {**after_plain, **_m2m_snapshot(entity, many)})
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
    + ["source", "chair_sex", "manager_sex", "turnover", "assets", "currency"]
)


def _check_figures(entity: Entity, reference_year: int, data: dict[str, Any]) -> None:
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
    if board is not None and members is not None and board > members:
        errors["board_total"] = [
            _(
                "Board seats (%(board)s) cannot exceed the number of members (%(members)s)."
            )
            % {"board": board, "members": members}
        ]
    if (
        data.get("turnover") is not None or data.get("assets") is not None
    ) and not data.get("currency"):
        errors["currency"] = [_("Give the currency of the turnover and assets.")]
    source = data.get("source")
    if source is not None and source.country_id != entity.country_id:
        errors["source"] = [_("Choose a source of this country.")]
    if errors:
        raise ApplicationError(
            _("Please correct the figures marked below."), field_errors=errors
        )


@transaction.atomic
def figures_save(
    *,
    entity: Entity,
    by: AnyUser,
    reference_year: int,
    data: dict[str, Any],
    expected_version: int | None,
) -> EntityFigures:
    """Create or replace the entity's figures for one reference year."""
    entity = _lock_for_edit(Entity, entity, by=by, expected_version=expected_version)
    data = {k: v for k, v in data.items() if k in FIGURE_FIELDS}
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
    *, entity: Entity, by: AnyUser, data: dict[str, Any], expected_version: int | None
) -> PrinciplesAssessment:
    entity = _lock_for_edit(Entity, entity, by=by, expected_version=expected_version)
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
    _touch(entity, by=by, changes=changes, action="assessment saved")
    return assessment


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
    from surveys.tasks import reclassify_country

    reclassify_country.delay_on_commit(country.code)
    return True


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
    "recommendation",
)


def _check_same_country(country: Country, data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    for name, value in data.items():
        items = value if isinstance(value, list | tuple | QuerySet) else [value]
        for item in items:
            if getattr(item, "country_id", country.code) != country.code:
                errors[name] = [
                    _("Choose only records of %(country)s.") % {"country": country.name}
                ]
    if errors:
        raise ApplicationError(
            _("Please correct the fields marked below."), field_errors=errors
        )


@transaction.atomic
def record_create(
    *, model: type[WorkflowRecord], country: Country, by: AnyUser, data: dict[str, Any]
) -> WorkflowRecord:
    """Create a case study or a capacity gap."""
    ensure_can_create(country=country, by=by)
    allowed = CASE_STUDY_FIELDS if model is CaseStudy else CAPACITY_GAP_FIELDS
    data = {k: v for k, v in data.items() if k in allowed}
    _check_same_country(country, data)
    record = model(country=country, created_by=by, updated_by=by)  # type: ignore[misc]
    m2m = _apply(record, data)
    _full_clean(record, exclude=["created_by", "updated_by", *m2m])
    record.save()
    _save_m2m(record, data, m2m)
    audit(
        record=record,
        by=by,
        action="created",
        changes={
            k: [None, v]
            for k, v in {
                **snapshot(record, [f for f in data if f not in m2m]),
                **_m2m_snapshot(record, m2m),
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
    """Change a case study or a capacity gap."""
    model = type(record)
    record = _lock_for_edit(model, record, by=by, expected_version=expected_version)
    allowed = CASE_STUDY_FIELDS if model is CaseStudy else CAPACITY_GAP_FIELDS
    data = {k: v for k, v in data.items() if k in allowed}
    _check_same_country(record.country, data)
    plain = [name for name in data if not record._meta.get_field(name).many_to_many]
    many = [name for name in data if name not in plain]
    before = {**snapshot(record, plain), **_m2m_snapshot(record, many)}
    _apply(record, data)
    _full_clean(record, exclude=["created_by", "updated_by", *many])
    _save_m2m(record, data, many)
    changes = changed_fields(
        before, {**snapshot(record, plain), **_m2m_snapshot(record, many)}
    )
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
)
RULE_FIELDS = (
    "informal_groups_allowed",
    "registration_required",
    "minimum_years_operating",
)


@transaction.atomic
def national_definition_create(
    *, country: Country, by: AnyUser, data: dict[str, Any]
) -> NationalDefinition:
    """Start a new version, carrying over the newest version's elements and rule."""
    ensure_can_create(country=country, by=by)
    Country.objects.select_for_update().get(pk=country.pk)
    previous = (
        NationalDefinition.objects.filter(country=country).order_by("-number").first()
    )
    number = previous.number + 1 if previous else 1
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
    country_reclassify_queue(country=country)
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
    """Change the text, the rule and the element treatments; a rule change re-classifies
    the country's entities."""
    definition = _lock_for_edit(
        NationalDefinition, definition, by=by, expected_version=expected_version
    )
    data = {k: v for k, v in data.items() if k in DEFINITION_FIELDS}
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
    if not changes:
        return definition
    if _after_edit_state(definition):
        changes["workflow_state"] = [WorkflowState.VALIDATED, WorkflowState.DRAFT]
    definition.version += 1
    definition.updated_by = by  # type: ignore[assignment]
    definition.save()
    audit(record=definition, by=by, action="updated", changes=changes)
    if set(RULE_FIELDS) & set(changes):
        country_reclassify_queue(country=definition.country)
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
    "missing_for_submission",
    "national_definition_create",
    "national_definition_update",
    "possible_duplicates",
    "record_create",
    "record_update",
]


# --- Sources and figures summaries (appended for the entity pages) --------------------

# Imported here rather than at the top so that this section stays a pure addition.
from surveys.models import Source  # noqa: E402

SOURCE_FIELDS = ("kind", "title", "year", "coverage_note")


@transaction.atomic
def source_create(*, country: Country, by: AnyUser, data: dict[str, Any]) -> Source:
    """Add a source that a country's figures can cite."""
    ensure_can_create(country=country, by=by)
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


def figures_gender_summary(figures: EntityFigures) -> dict[str, Any]:
    """Women-led and the share not disaggregated by sex for one year's figures, by the
    same rules that set them on the entity from its latest year."""
    return {
        "women_led": _women_led(figures),
        "share_not_disaggregated": _share_not_disaggregated(figures),
    }


# --- National definition outcome and case study attachments (appended for the record
# pages) ---------------------------------------------------------------------------------

import dataclasses  # noqa: E402

from django.core.files.uploadedfile import UploadedFile  # noqa: E402

from surveys.models import CaseStudyAttachment  # noqa: E402


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


ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
# Extension → the first bytes such a file starts with (empty: plain text, not checked).
ATTACHMENT_TYPES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),
    "docx": _ZIP,
    "xlsx": _ZIP,
    "pptx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
    "odp": _ZIP,
    "doc": _OLE,
    "xls": _OLE,
    "ppt": _OLE,
    "rtf": (b"{\\rtf",),
    "txt": (),
    "csv": (),
}


def _check_attachment(file: UploadedFile) -> None:
    name = file.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = ", ".join(sorted(ATTACHMENT_TYPES))
    if extension not in ATTACHMENT_TYPES:
        raise ApplicationError(
            _("This kind of file cannot be attached. Use one of: %(types)s.")
            % {"types": allowed},
            field_errors={
                "file": [
                    _(
                        "“%(name)s” is not a document or image type we accept (%(types)s)."
                    )
                    % {"name": name, "types": allowed}
                ]
            },
        )
    if (file.size or 0) > ATTACHMENT_MAX_BYTES:
        raise ApplicationError(
            _("The file is too large."),
            field_errors={
                "file": [
                    _("“%(name)s” is %(size).1f MB; files can be at most 10 MB.")
                    % {"name": name, "size": (file.size or 0) / 1024 / 1024}
                ]
            },
        )
    signatures = ATTACHMENT_TYPES[extension]
    if signatures:
        file.seek(0)
        head = file.read(16)
        file.seek(0)
        if not any(head.startswith(signature) for signature in signatures):
            raise ApplicationError(
                _("The file's content does not match its name."),
                field_errors={
                    "file": [
                        _(
                            "“%(name)s” does not look like a .%(ext)s file. Save it "
                            "again in that format, or rename it to its real type."
                        )
                        % {"name": name, "ext": extension}
                    ]
                },
            )


@transaction.atomic
def case_study_attachment_add(
    *,
    case_study: CaseStudy,
    by: AnyUser,
    file: UploadedFile,
    caption: str,
    consent_given: bool,
) -> CaseStudyAttachment:
    """Attach a document or photo to a case study. It counts as an edit of the study:
    its version goes up and a validated study needs validating again."""
    case_study = _lock_for_edit(  # type: ignore[assignment]
        CaseStudy, case_study, by=by, expected_version=None
    )
    _check_attachment(file)
    attachment = CaseStudyAttachment(
        case_study=case_study,
        file=file,
        caption=caption.strip(),
        consent_given=consent_given,
        uploaded_by=by,  # type: ignore[misc]
    )
    _full_clean(attachment, exclude=["case_study", "uploaded_by", "file"])
    attachment.save()
    changes: dict[str, list[Any]] = {
        "attachment": [None, attachment.caption or file.name],
        "attachment consent": [None, consent_given],
    }
    if _after_edit_state(case_study):
        changes["workflow_state"] = [WorkflowState.VALIDATED, WorkflowState.DRAFT]
    case_study.version += 1
    case_study.updated_by = by  # type: ignore[assignment]
    case_study.save()
    audit(record=case_study, by=by, action="attachment added", changes=changes)
    return attachment


# --- Country mapping reports (appended for surveys/reports) ----------------------------

from django.conf import settings  # noqa: E402
from django.db.models import Max  # noqa: E402

from surveys.models import JobStatus, Report  # noqa: E402


def _unfinished_report(kind: str, country: Country | None) -> Report | None:
    """A version of the same report still compiling, unless it is so old that its
    worker must be gone (older than the hard time limit plus Redis' redelivery)."""
    horizon = timezone.now() - datetime.timedelta(
        seconds=settings.CELERY_TASK_HARD_TIME_LIMIT + 600
    )
    return (
        Report.objects.filter(
            kind=kind,
            country=country,
            status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
            created_at__gte=horizon,
        )
        .order_by("-number")
        .first()
    )


@transaction.atomic
def report_compile_request(
    *,
    by: AnyUser,
    country: Country | None = None,
    countries: Iterable[str] | None = None,
) -> Report:
    """Queue a new version of a country's mapping report, or (without `country`) of the
    regional comparison of `countries` (all countries when not given).

    Staff compile any report; committee members their own country's; nobody else.
    """
    from surveys.selectors import report_can_compile
    from surveys.tasks import compile_report

    if not report_can_compile(user=by, country=country):
        if country is None:
            raise NotAllowedError(_("Only staff compile the regional comparison."))
        raise NotAllowedError(
            _(
                "Only staff and the national advisory committee of %(country)s "
                "compile its mapping report."
            )
            % {"country": country.name}
        )
    if country is not None:
        kind, codes = Report.Kind.COUNTRY, [country.code]
        # Numbering versions per country: one request at a time.
        Country.objects.select_for_update().get(pk=country.pk)
    else:
        kind = Report.Kind.REGIONAL
        known = set(Country.objects.values_list("pk", flat=True))
        codes = sorted({code.upper() for code in countries} if countries else known)
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise ApplicationError(
                _("Unknown countries: %(codes)s.") % {"codes": ", ".join(unknown)},
                field_errors={"countries": [_("Choose countries from the list.")]},
            )
        if len(codes) < 2:
            raise ApplicationError(
                _("Choose at least two countries to compare."),
                field_errors={"countries": [_("Choose at least two countries.")]},
            )
        # Regional versions are numbered across all countries: lock them all.
        list(Country.objects.select_for_update().order_by("pk"))
    running = _unfinished_report(kind, country)
    if running is not None:
        raise ApplicationError(
            _(
                "Version %(number)s of this report is still being compiled. Wait for "
                "it to finish before compiling another."
            )
            % {"number": running.number}
        )
    latest = Report.objects.filter(kind=kind, country=country).aggregate(
        latest=Max("number")
    )["latest"]
    report = Report.objects.create(  # type: ignore[misc]
        kind=kind,
        country=country,
        countries=codes,
        number=(latest or 0) + 1,
        cutoff_at=timezone.now(),
        requested_by=by,
    )
    compile_report.delay_on_commit(report.pk)
    return report


# --- Many new entities at once, for imports (appended for issue 6) --------------------


@dataclasses.dataclass
class NewEntity:
    """One entity to create from an import, with its figures by reference year."""

    data: dict[str, Any]
    figures: dict[int, dict[str, Any]] = dataclasses.field(default_factory=dict)
    external_source: str = ""
    external_id: str = ""


def _unsaved_audit(
    content_type: ContentType,
    record: Entity,
    *,
    by: AnyUser,
    action: str,
    changes: dict[str, list[Any]] | None = None,
    note: str = "",
) -> AuditEvent:
    """The event `audit` would write, to be written with others in one query."""
    return AuditEvent(
        content_type=content_type,
        object_id=record.pk,
        country_id=record.country_id,
        actor=by if by is not None and by.is_authenticated else None,  # type: ignore[misc]
        action=action,
        changes=changes or {},
        note=note,
    )


# Entity's foreign keys, for full_clean to leave alone on the import path.
RELATIONS = [f.name for f in Entity._meta.concrete_fields if f.is_relation]
IMPORT_BATCH = 500


@dataclasses.dataclass
class _NewRow:
    """One entity of an import, checked and ready to write."""

    entity: Entity
    data: dict[str, Any]
    m2m: list[str]
    years: list[tuple[EntityFigures, dict[str, list[Any]]]]


def _import_prepare(
    item: NewEntity, *, country: Country, by: AnyUser, rule: NationalRule, number: int
) -> _NewRow:

    data = {k: v for k, v in item.data.items() if k in ENTITY_FIELDS}
    _check_entity_data(country, data)
    entity = Entity(country=country, created_by=by, updated_by=by)  # type: ignore[misc]
    m2m = _apply(entity, data)
    entity.name_key = name_key(entity.name_local, entity.name_en)
    entity.code = f"{country.code}-{number:06d}"
    entity.external_source = item.external_source
    entity.external_id = item.external_id
    # The keys were resolved to this country's rows when the file was read; checking
    # each again would cost a query per key per row. The database checks constraints.
    _full_clean(
        entity,
        exclude=["code", "created_by", "updated_by", *m2m, *RELATIONS],
        constraints=False,
    )
    years: list[tuple[EntityFigures, dict[str, list[Any]]]] = []
    for year, values in sorted(item.figures.items()):
        figure_data = {k: v for k, v in values.items() if k in FIGURE_FIELDS}
        _check_figures(entity, year, figure_data)
        figures = EntityFigures(reference_year=year, **figure_data)
        changes = changed_fields({}, snapshot(figures, figure_data.keys()))
        years.append((figures, {f"{year} {k}": v for k, v in changes.items()}))
        if changes:
            entity.version += 1
    # Derived fields first, so that the entity is written once.
    entity_refresh_derived(
        entity,
        rule=rule,
        save=False,
        look_alikes=False,
        figures=[figures for figures, _changes in years],
    )
    return _NewRow(entity=entity, data=data, m2m=m2m, years=years)


def _import_write(
    rows: list[_NewRow], *, by: AnyUser, note: str, written: Callable[[int], None]
) -> None:
    """Insert a batch; if the database refuses it, find the entity it refuses."""
    try:
        with transaction.atomic():  # one savepoint for the batch
            Entity.objects.bulk_create([row.entity for row in rows])
            EntityFigures.objects.bulk_create(
                [_with_entity(f, row.entity) for row in rows for f, _c in row.years]
            )
    except IntegrityError:
        for row in rows:
            row.entity.pk = None
            for figures, _changes in row.years:
                figures.pk = None
        for count, row in enumerate(rows):  # the first refused ends the import
            written(count)
            _import_write_one(row)
    for row in rows:
        _save_m2m(row.entity, row.data, [n for n in row.m2m if row.data[n]])
    content_type = ContentType.objects.get_for_model(Entity)
    events = []
    for row in rows:
        entity = row.entity
        created = snapshot(entity, [f for f in row.data if f not in row.m2m])
        events.append(
            _unsaved_audit(
                content_type,
                entity,
                by=by,
                action="created",
                changes={
                    k: [None, v] for k, v in created.items() if v not in ("", None, [])
                },
            )
        )
        events += [
            _unsaved_audit(
                content_type, entity, by=by, action="figures saved", changes=changes
            )
            for _figures, changes in row.years
            if changes
        ]
        events.append(
            _unsaved_audit(content_type, entity, by=by, action="imported", note=note)
        )
    AuditEvent.objects.bulk_create(events)


def _with_entity(figures: EntityFigures, entity: Entity) -> EntityFigures:
    figures.entity = entity
    return figures


def _import_write_one(row: _NewRow) -> None:
    try:
        with transaction.atomic():
            row.entity.save()
    except IntegrityError as error:
        raise ApplicationError(_("This entity breaks a rule: %s") % error) from error
    for figures, _changes in row.years:
        try:
            with transaction.atomic():
                _with_entity(figures, row.entity).save()
        except IntegrityError as error:
            raise ApplicationError(
                _("These figures break a rule: %s") % error
            ) from error


@transaction.atomic
def entities_import_create(
    *,
    country: Country,
    by: AnyUser,
    entities: list[NewEntity],
    note: str,
    progress: Any = None,
) -> list[Entity]:
    """Create many entities, each as `entity_create` and then `figures_save` for each of
    its years would: the same checks, codes, versions, derived fields and audit events
    ("created", then "figures saved" per year), plus an "imported" event with `note`.

    Faster than calling them one by one: the country's rule and the code counter are
    read once, derived fields are worked out before each entity is written, entities
    and figures are inserted 500 at a time, the database's own constraints replace a
    query per check constraint, and the audit events are written together. When the
    database refuses a batch, it is written again one entity at a time, so that the
    error names the entity. `progress(n)` says that n entities are done: when an
    error is raised, the next one is the entity refused.
    """
    ensure_can_create(country=country, by=by)
    Country.objects.select_for_update().get(pk=country.pk)
    rule = national_rule(country)
    number = int(_next_entity_code(country).split("-")[1])
    batch: list[_NewRow] = []
    created: list[Entity] = []

    def write(rows: list[_NewRow]) -> None:
        before = len(created)

        def written(count: int) -> None:
            if progress is not None:
                progress(before + count)

        _import_write(rows, by=by, note=note, written=written)
        created.extend(row.entity for row in rows)
        written(len(rows))

    for index, item in enumerate(entities):
        if progress is not None:
            progress(index)  # an error while preparing is this entity's
        batch.append(
            _import_prepare(item, country=country, by=by, rule=rule, number=number)
        )
        number += 1
        if len(batch) == IMPORT_BATCH:
            write(batch)
            batch = []
    if batch:
        write(batch)
    # The look-alike flag, for all the new entities at once: each area read once.
    alike = possible_duplicates_many(
        country=country,
        names=[(e.name_local, e.name_en, e.area) for e in created],
        exclude=[e.pk for e in created],
    )
    flagged = [entity for entity, found in zip(created, alike, strict=True) if found]
    for entity in flagged:
        entity.flag_possible_duplicate = True
    Entity.objects.filter(pk__in=[e.pk for e in flagged]).update(
        flag_possible_duplicate=True
    )
    return created
