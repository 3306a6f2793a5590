"""Writing the study's own records: legal and policy instruments, support
institutions, sampling frames with their counts, and the methodology.

Each goes through the same steps as a case study: the row lock and version check of
an edit, model validation, the audit event, and back to draft when a validated record
changes. A sampling frame's counts are a part of it, replaced as a whole when given.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from countries.models import AdminArea, Country, MacroRegion
from countries.names import country_name
from countries.selectors import AnyUser
from countries.vocabularies import SseType, WorkflowState
from sse_mapping.exceptions import ApplicationError
from surveys import access
from surveys.audit import audit, changed_fields, snapshot
from surveys.models import (
    FrameCount,
    LegalInstrument,
    SamplingFrame,
    StudyMethodology,
    SupportInstitution,
    WorkflowRecord,
)
from surveys.review.edits import (
    _after_edit_state,
    _apply,
    _full_clean,
    _lock_for_edit,
    _refuse_changed_resubmit,
)

LEGAL_INSTRUMENT_FIELDS = (
    "title_local",
    "title_en",
    "kind",
    "year",
    "status",
    "issuing_body",
    "sse_types",
    "summary",
    "link",
)
SUPPORT_INSTITUTION_FIELDS = (
    "name_local",
    "name_en",
    "kind",
    "role",
    "support_kinds",
    "sse_types",
    "website",
)
SAMPLING_FRAME_FIELDS = ("title", "notes")
FRAME_COUNT_FIELDS = (
    "sse_type",
    "area",
    "macro_region",
    "registered_total",
    "source",
    "year",
)
STUDY_METHODOLOGY_FIELDS = (
    "title",
    "approach",
    "data_collection",
    "period_start",
    "period_end",
    "limitations",
)

FIELDS: dict[type[WorkflowRecord], tuple[str, ...]] = {
    LegalInstrument: LEGAL_INSTRUMENT_FIELDS,
    SupportInstitution: SUPPORT_INSTITUTION_FIELDS,
    SamplingFrame: SAMPLING_FRAME_FIELDS,
    StudyMethodology: STUDY_METHODOLOGY_FIELDS,
}
EARLIEST_YEAR = 1900


def _fields_of(model: type[WorkflowRecord]) -> tuple[str, ...]:
    if model not in FIELDS:
        raise ValueError(f"{model.__name__} is not a study record")
    return FIELDS[model]


# --- A sampling frame's counts -------------------------------------------------------


def frame_counts_clean(
    *, country: Country, rows: list[dict[str, Any]]
) -> list[FrameCount]:
    """The counts as they will be stored, each checked: a known SSE type, one place
    of the country (a first-level area or a macro-region), a total of zero or more,
    a source and a year; one count per SSE type and place.

    Errors name the row as `counts.<index>.<field>`."""
    errors: dict[str, list[str]] = {}
    counts: list[FrameCount] = []
    seen: dict[tuple[str, str, int], int] = {}
    this_year = timezone.localdate().year

    def refuse(index: int, field: str, message: str) -> None:
        errors.setdefault(f"counts.{index}.{field}", []).append(message)

    for index, row in enumerate(rows):
        sse_type = str(row.get("sse_type") or "")
        area: AdminArea | None = row.get("area")
        region: MacroRegion | None = row.get("macro_region")
        total = row.get("registered_total")
        source = str(row.get("source") or "").strip()
        year = row.get("year")
        if sse_type not in SseType.values:
            refuse(index, "sse_type", _("Choose the SSE type counted."))
        if area is not None and region is not None:
            refuse(
                index,
                "macro_region",
                _("Give either a first-level area or a macro-region, not both."),
            )
        elif area is None and region is None:
            refuse(index, "area", _("Give the first-level area or the macro-region."))
        if area is not None and (area.country_id != country.code or area.level != 1):
            refuse(
                index,
                "area",
                _("Choose a first-level area of %(country)s.")
                % {"country": country_name(country)},
            )
        if region is not None and region.country_id != country.code:
            refuse(
                index,
                "macro_region",
                _("Choose a macro-region of %(country)s.")
                % {"country": country_name(country)},
            )
        if not isinstance(total, int) or isinstance(total, bool) or total < 0:
            refuse(
                index,
                "registered_total",
                _("Give the registered total as a whole number, zero or more."),
            )
        if not source:
            refuse(index, "source", _("Name the source of the total."))
        if not isinstance(year, int) or not EARLIEST_YEAR <= year <= this_year:
            refuse(
                index,
                "year",
                _("Give the year of the total, between %(first)s and %(last)s.")
                % {"first": EARLIEST_YEAR, "last": this_year},
            )
        place = (
            ("area", area.pk)
            if area is not None
            else ("region", region.pk)
            if region is not None
            else None
        )
        if place is not None and sse_type:
            key = (sse_type, *place)
            if key in seen:
                refuse(
                    index,
                    "sse_type",
                    _("Row %(row)s already counts this SSE type in this place.")
                    % {"row": seen[key] + 1},
                )
            else:
                seen[key] = index
        counts.append(
            FrameCount(
                sse_type=sse_type,
                area=area,
                macro_region=region,
                registered_total=total if isinstance(total, int) else 0,
                source=source,
                year=year if isinstance(year, int) else 0,
            )
        )
    if errors:
        raise ApplicationError(
            _("Please correct the counts marked below."), field_errors=errors
        )
    return counts


def frame_counts_snapshot(frame: SamplingFrame) -> list[str]:
    """The frame's counts as the history shows them."""
    return [
        f"{count.get_sse_type_display()} · {count.area or count.macro_region}: "
        f"{count.registered_total} ({count.source}, {count.year})"
        for count in FrameCount.objects.filter(frame=frame).select_related(
            "area", "macro_region"
        )
    ]


def _frame_counts_set(frame: SamplingFrame, counts: list[FrameCount]) -> None:
    FrameCount.objects.filter(frame=frame).delete()
    for count in counts:
        count.frame = frame
    FrameCount.objects.bulk_create(counts)


def _counts_of(
    model: type[WorkflowRecord], country: Country, data: dict[str, Any]
) -> list[FrameCount] | None:
    rows = data.get("counts")
    if model is not SamplingFrame or rows is None:
        return None
    return frame_counts_clean(country=country, rows=list(rows))


# --- Create and change ---------------------------------------------------------------


@transaction.atomic
def study_record_create(
    *, model: type[WorkflowRecord], country: Country, by: AnyUser, data: dict[str, Any]
) -> WorkflowRecord:
    """Create an instrument, an institution, a sampling frame (with its counts) or a
    methodology record, as a draft."""
    access.require(by, "record.create", country=country)
    allowed = _fields_of(model)
    counts = _counts_of(model, country, data)
    data = {k: v for k, v in data.items() if k in allowed}
    record = model(country=country, created_by=by, updated_by=by)  # type: ignore[misc]
    _apply(record, data)
    _full_clean(record, exclude=["created_by", "updated_by"])
    record.save()
    created = snapshot(record, list(data))
    if counts is not None:
        _frame_counts_set(record, counts)  # type: ignore[arg-type]
        created["counts"] = frame_counts_snapshot(record)  # type: ignore[arg-type]
    audit(
        record=record,
        by=by,
        action="created",
        changes={k: [None, v] for k, v in created.items() if v not in ("", None, [])},
    )
    return record


@transaction.atomic
def study_record_update(
    *,
    record: WorkflowRecord,
    by: AnyUser,
    data: dict[str, Any],
    expected_version: int | None,
) -> WorkflowRecord:
    """Change a study record; a frame's counts, when given, replace the stored ones.
    A validated record that changes goes back to draft."""
    model = type(record)
    record = _lock_for_edit(
        model, record, by=by, expected_version=expected_version, own_resubmit=True
    )
    allowed = _fields_of(model)
    counts = _counts_of(model, record.country, data)
    data = {k: v for k, v in data.items() if k in allowed}
    before = snapshot(record, list(data))
    if counts is not None:
        before["counts"] = frame_counts_snapshot(record)  # type: ignore[arg-type]
    _apply(record, data)
    _full_clean(record, exclude=["created_by", "updated_by"])
    after = snapshot(record, list(data))
    if counts is not None:
        _frame_counts_set(record, counts)  # type: ignore[arg-type]
        after["counts"] = frame_counts_snapshot(record)  # type: ignore[arg-type]
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
