"""What a release freezes of each record: `snapshot_of(record) -> dict`.

One function per record type builds `ReleaseRecord.data`; `released_records` reads a
country's validated records with everything those functions touch loaded in batches.

Values are plain JSON: codes, not labels (labels are translated when shown); dates
and times in ISO 8601; decimals (coordinates, money) as strings, so that nothing is
rounded; a related row by its code (areas, legal forms, ISIC codes, priorities), or
its name where it has none (a figure's source). Who created or edited a record is
not kept. Empty values stay in, so that every release has the same keys.

Every record type: each of the model's own fields (the bookkeeping of the workflow
left out: state, version, authors, timestamps), its many-to-many fields as sorted
lists of codes, and `title`, what a list calls it.

Entities (`entity`), besides their own fields, which are:
  `code`, `uid`, `name_local`, `name_en`, `acronym`, `area` (first-level area code),
  `other_areas` (codes), `locality`, `urban_rural`, `latitude`, `longitude`,
  `geo_precision`, `sse_type`, `coop_member_type`, `org_level`, `legal_form` (code),
  `registration_status`, `registration_authority`, `registration_number`,
  `registration_date`, `former_legal_form`, `year_established`, `activity_status`,
  `main_activity` (ISIC code), `other_activities` (ISIC codes), `farm_scale`,
  `mining_scale`, `small_farmers_cbo`, `sector_farm_small`, `sector_asm`,
  `sector_construction`, `target_groups`, `purpose`, `surplus_rule`,
  `surplus_cap_pct`, `asset_lock`, `visibility`, `consent_level`, `consent_by`, `consent_date`,
  `notes`, `classification`, `classification_rule_version`,
  `classification_reasons`, `women_led`, `share_not_disaggregated`, `flag_*`
  (and any field added to the model later, consent and personal fields included:
  the public side keeps only what its allow-list names);
- `priority_sectors`: the priority-sector codes;
- `classification_provisional`: classified while no national definition was valid;
- `figures`: {reference year (string): the year's figures}: `source` (its title),
  `chair_sex`, `manager_sex`, `turnover`, `assets`, `pay_women_monthly`,
  `pay_men_monthly`, `currency`, and `<group>_total|women|men` for each people group
  (`surveys.models.PEOPLE_GROUPS`: members, employees, worker_members, …);
- `assessment`: the principles assessment's ratings and evidence by field, or {};
- `legal_form_changes`: [{`from_form`, `to_form`, `year`}];
- `federations`: codes of the unions and federations it belongs to.
Capacity gaps: `recommendations`: [{`actor`, `text`}]. National definitions:
`elements`: {element: {`treatment`, `national_wording`, `rationale`}}. Sampling
frames: `counts`: [{`sse_type`, `area`, `macro_region`, `registered_total`, `source`,
`year`}]. Case studies: `attachments`: [{`file`, `caption`, `consent_given`}].

Why reports keep their numbers: the report's tables read many more rows than these
snapshots hold (committee meetings, review decisions, reference data), so the task
that accepts a release also computes the country report's tables from the same
records, in every language a report can be compiled in, and stores them
(`ReleaseTables`). A report compiled from the release renders those tables: the same
release always gives the same numbers, however its records change afterwards.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from django.db.models import Model, Prefetch, QuerySet

from countries.models import Country
from countries.vocabularies import WorkflowState
from surveys.models import EntityFigures, LegalFormChange
from surveys.record_types import RECORD_TYPES

# Records read, and snapshot rows written, at a time.
BATCH_SIZE = 500
# The workflow's bookkeeping and internal keys: not part of what was released.
SKIPPED = frozenset(
    {
        "id",
        "country",
        "workflow_state",
        "version",
        "created_by",
        "updated_by",
        "created_at",
        "updated_at",
        "submitted_at",
        "review_round",
        "name_key",
        "map_row",
        "map_col",
        "external_source",
        "external_id",
        "draft_effect",
    }
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, Model):
        return getattr(value, "code", None) or str(value)
    if hasattr(value, "name") and hasattr(value, "url"):  # a stored file
        return value.name or ""
    return value


def _is_person(field: Any) -> bool:
    return bool(field.is_relation and field.related_model is _user_model())


def _user_model() -> type[Model]:
    from django.contrib.auth import get_user_model

    return get_user_model()


def row(obj: Model, *, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The object's own fields as plain JSON, relations by code."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in SKIPPED or field.name in skip or _is_person(field):
            continue
        data[field.name] = _plain(getattr(obj, field.name))
    for field in obj._meta.many_to_many:
        related = getattr(obj, field.name).all()
        data[field.name] = sorted(str(_plain(r)) for r in related)
    return data


def _title(record: Model) -> str:
    code = getattr(record, "code", "")
    return f"{code} {record}".strip() if code and str(record) != code else str(record)


def record_snapshot(record: Model) -> dict[str, Any]:
    """Any record type's own fields; the types with parts add them."""
    return {**row(record), "title": _title(record)}


def entity_snapshot(entity: Any) -> dict[str, Any]:
    figures = {
        str(f.reference_year): row(f, skip=frozenset({"entity", "reference_year"}))
        for f in entity.figures.all()
    }
    assessment = getattr(entity, "assessment", None)
    return {
        **record_snapshot(entity),
        "priority_sectors": entity.priority_sectors,
        "classification_provisional": entity.classification_provisional,
        "figures": figures,
        "assessment": row(assessment, skip=frozenset({"entity", "assessed_at"}))
        if assessment is not None
        else {},
        "legal_form_changes": [
            {"from_form": c.from_form.code, "to_form": c.to_form.code, "year": c.year}
            for c in entity.legal_form_changes.all()
        ],
        "federations": sorted(a.federation.code for a in entity.affiliations.all()),
    }


def capacity_gap_snapshot(gap: Any) -> dict[str, Any]:
    return {
        **record_snapshot(gap),
        "recommendations": [
            {"actor": r.actor, "text": r.text} for r in gap.recommendations.all()
        ],
    }


def national_definition_snapshot(definition: Any) -> dict[str, Any]:
    return {
        **record_snapshot(definition),
        "elements": {
            e.element: {
                "treatment": e.treatment,
                "national_wording": e.national_wording,
                "rationale": e.rationale,
            }
            for e in definition.elements.all()
        },
    }


def sampling_frame_snapshot(frame: Any) -> dict[str, Any]:
    return {
        **record_snapshot(frame),
        "counts": [row(c, skip=frozenset({"frame"})) for c in frame.counts.all()],
    }


def case_study_snapshot(case_study: Any) -> dict[str, Any]:
    return {
        **record_snapshot(case_study),
        "attachments": [
            {
                "file": a.file.name,
                "caption": a.caption,
                "consent_given": a.consent_given,
            }
            for a in case_study.attachments.all()
        ],
    }


SNAPSHOTS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "entity": entity_snapshot,
    "case_study": case_study_snapshot,
    "capacity_gap": capacity_gap_snapshot,
    "national_definition": national_definition_snapshot,
    "sampling_frame": sampling_frame_snapshot,
}

# What each type's snapshot reads beyond the row, loaded once per batch.
_PREFETCH: dict[str, tuple[Any, ...]] = {
    "entity": (
        "other_areas",
        Prefetch(
            "figures",
            EntityFigures.objects.select_related("source").order_by("reference_year"),
        ),
        Prefetch(
            "legal_form_changes",
            LegalFormChange.objects.select_related("from_form", "to_form"),
        ),
        "affiliations__federation",
    ),
    "case_study": ("entities", "attachments"),
    "capacity_gap": ("affected_areas", "recommendations"),
    "national_definition": ("elements",),
    "sampling_frame": ("counts__area", "counts__macro_region"),
}
_SELECT: dict[str, tuple[str, ...]] = {"entity": ("assessment",)}


def snapshot_of(record: Any) -> dict[str, Any]:
    """The record as a release keeps it (the keys are in this module's docstring)."""
    from surveys.record_types import record_type_of

    return SNAPSHOTS.get(record_type_of(record).name, record_snapshot)(record)


def _related_codes(model: type[Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.name not in SKIPPED and not _is_person(f)
    ]


def released_records(
    record_type: str, *, country: Country, cutoff: datetime.datetime
) -> QuerySet[Any]:
    """The country's records of one type that stood validated at the cut-off, with
    what their snapshot reads."""
    model = RECORD_TYPES[record_type].model
    return (
        model.objects.filter(
            country=country,
            workflow_state=WorkflowState.VALIDATED,
            updated_at__lte=cutoff,
        )
        .select_related(*_related_codes(model), *_SELECT.get(record_type, ()))
        .prefetch_related(*_PREFETCH.get(record_type, ()))
        .order_by("pk")
    )


def snapshots(
    record_type: str,
    *,
    country: Country,
    cutoff: datetime.datetime,
    chunk_size: int = BATCH_SIZE,
) -> Iterator[tuple[Any, dict[str, Any]]]:
    """(record, snapshot) of each released record, read `chunk_size` at a time."""
    records = released_records(record_type, country=country, cutoff=cutoff)
    for record in records.iterator(chunk_size=chunk_size):
        yield record, SNAPSHOTS.get(record_type, record_snapshot)(record)
