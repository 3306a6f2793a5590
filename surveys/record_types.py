"""The record types that go through review: one row each, read by every page, API
endpoint, queue, notification and report that handles more than one type.

A new reviewed record type is one row here, plus its model, forms and views.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from countries.selectors import AnyUser
from surveys.display import field_label
from surveys.models import (
    DEFINITION_ELEMENTS,
    CapacityGap,
    CaseStudy,
    Entity,
    EntityFigures,
    FrameCount,
    LegalInstrument,
    NationalDefinition,
    SamplingFrame,
    StudyMethodology,
    SupportInstitution,
    WorkflowRecord,
)

# Bookkeeping fields a reviewer never comments on.
NOT_REVIEWED = frozenset(
    {
        "country",
        "workflow_state",
        "version",
        "created_by",
        "updated_by",
        "submitted_at",
        "review_round",
        "classification_rule_version",
        "classification_reasons",
        "share_not_disaggregated",
    }
)


@dataclass(frozen=True)
class Required:
    """Filled before submission: at least one of `fields`, named `label` when missing
    (the field's own name when no label is given)."""

    fields: tuple[str, ...]
    label: str | Promise | None = None

    def missing(self, record: Model) -> str | None:
        for name in self.fields:
            value = getattr(record, record._meta.get_field(name).attname)  # type: ignore[union-attr]
            if value.strip() if isinstance(value, str) else value:
                return None
        if self.label is not None:
            return str(self.label)
        return str(record._meta.get_field(self.fields[0]).verbose_name)  # type: ignore[union-attr]


# A rule needing more than the record's own fields: (record, its figures when the
# caller has them) -> what is missing, by label.
MissingRule = Callable[[Any, list[EntityFigures] | None], list[str]]


@dataclass(frozen=True)
class RecordType:
    name: str  # in URLs and the API
    model: type[WorkflowRecord]
    label: str | Promise
    label_plural: str | Promise
    has_area: bool  # the queue's area filter applies
    required: tuple[Required, ...]
    # Dotted paths of the feature's selectors, imported when first used, so that the
    # registry depends on the models alone and every feature may read it:
    # list_selector(user=...): the records the user reads;
    # get_selector(user=..., pk=...): one of them, else 404.
    list_selector_path: str
    get_selector_path: str
    detail_url_name: str
    edit_url_name: str
    required_rule: MissingRule | None = None
    # Parts shown apart from the model's fields and open to a reviewer's comment.
    reviewed_parts: tuple[str, ...] = ()
    # Dotted path of what else a move of the record's state sets off, if anything:
    # after_move(record, before=state, by=user).
    after_move_path: str = ""
    # Loaded with each record where many records of the type are listed.
    related: tuple[str, ...] = ("country",)
    # The reviewed parts kept in rows of their own, with the dotted path of what
    # shows them to a reviewer: rows(record) -> one line of text per row.
    part_rows_paths: tuple[tuple[str, str], ...] = ()

    def part_rows(self, record: WorkflowRecord) -> list[tuple[str, list[str]]]:
        """(label, lines) of each reviewed part kept in rows, for the review page."""
        return [
            (field_label(self.model, key), import_string(path)(record))
            for key, path in self.part_rows_paths
        ]

    @property
    def list_url_name(self) -> str:
        """The country's list of records of the type (every list takes `code`)."""
        return self.detail_url_name.removesuffix("-detail") + "-list"

    @property
    def list_selector(self) -> Callable[..., QuerySet[Any]]:
        return import_string(self.list_selector_path)  # type: ignore[no-any-return]

    @property
    def get_selector(self) -> Callable[..., Any]:
        return import_string(self.get_selector_path)  # type: ignore[no-any-return]

    def after_move(self, record: WorkflowRecord, *, before: str, by: AnyUser) -> None:
        if self.after_move_path:
            import_string(self.after_move_path)(record, before=before, by=by)

    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.model)

    def reviewable_fields(self) -> list[tuple[str, str]]:
        """The fields a reviewer sees and can comment on, as (key, label)."""
        keys = [
            f.name
            for f in self.model._meta.get_fields()
            if getattr(f, "editable", False)
            and (f.concrete or f.many_to_many)
            and not f.auto_created
            and f.name not in NOT_REVIEWED
            and not f.name.startswith("flag_")
        ]
        keys += self.reviewed_parts
        return [(key, field_label(self.model, key)) for key in keys]

    def missing_for_submission(
        self, record: WorkflowRecord, *, figures: list[EntityFigures] | None = None
    ) -> list[str]:
        """What must be filled before a committee can review the record, by label."""
        missing = [label for rule in self.required if (label := rule.missing(record))]
        if self.required_rule is not None:
            missing += self.required_rule(record, figures)
        return missing


def frame_missing_counts(frame: SamplingFrame) -> list[str]:
    """A sampling frame is reviewed with at least one count."""
    if frame.pk and FrameCount.objects.filter(frame=frame).exists():
        return []
    return [str(_("at least one count by SSE type and place"))]


_TYPES = (
    RecordType(
        name="entity",
        model=Entity,
        label=_("Entity"),
        label_plural=_("Entities"),
        has_area=True,
        required=(
            Required(("name_local", "name_en"), _("name (local script or English)")),
            Required(("area",)),
            Required(("sse_type",)),
            Required(("registration_status",)),
            Required(("main_activity",)),
            Required(("year_established",)),
        ),
        required_rule=Entity.missing_figures_or_assessment,
        list_selector_path="surveys.entities.selectors.entity_list",
        get_selector_path="surveys.entities.selectors.entity_get",
        detail_url_name="entity-detail",
        edit_url_name="entity-edit",
        reviewed_parts=("figures", "assessment"),
        related=("country", "area"),
    ),
    RecordType(
        name="case_study",
        model=CaseStudy,
        label=_("Case study"),
        label_plural=_("Case studies"),
        has_area=True,
        required=(
            Required(("gender_analysis",), _("gender analysis")),
            Required(("summary",), _("summary")),
        ),
        list_selector_path="surveys.records.selectors.case_study_list",
        get_selector_path="surveys.records.selectors.case_study_get",
        detail_url_name="case-study-detail",
        edit_url_name="case-study-edit",
        related=("country", "area"),
    ),
    RecordType(
        name="capacity_gap",
        model=CapacityGap,
        label=_("Capacity gap"),
        label_plural=_("Capacity gaps"),
        has_area=False,
        required=(Required(("evidence",), _("evidence")),),
        list_selector_path="surveys.records.selectors.capacity_gap_list",
        get_selector_path="surveys.records.selectors.capacity_gap_get",
        detail_url_name="capacity-gap-detail",
        edit_url_name="capacity-gap-edit",
        reviewed_parts=("recommendations",),
        part_rows_paths=(
            ("recommendations", "surveys.records.services.recommendations_snapshot"),
        ),
        related=("country", "national_priority"),
    ),
    RecordType(
        name="national_definition",
        model=NationalDefinition,
        label=_("National definition"),
        label_plural=_("National definition versions"),
        has_area=False,
        required=(Required(("text_en", "text_local"), _("definition text")),),
        list_selector_path="surveys.records.selectors.national_definition_list",
        get_selector_path="surveys.records.selectors.national_definition_get",
        detail_url_name="definition-detail",
        edit_url_name="definition-edit",
        reviewed_parts=tuple(code for code, _label in DEFINITION_ELEMENTS),
        after_move_path="surveys.entities.classification.definition_moved",
    ),
    RecordType(
        name="legal_instrument",
        model=LegalInstrument,
        label=_("Legal or policy instrument"),
        label_plural=_("Legal and policy instruments"),
        has_area=False,
        required=(
            Required(("year",)),
            Required(("summary",), _("summary")),
            Required(("sse_types",), _("SSE types concerned")),
        ),
        list_selector_path="surveys.study.selectors.legal_instrument_list",
        get_selector_path="surveys.study.selectors.legal_instrument_get",
        detail_url_name="legal-instrument-detail",
        edit_url_name="legal-instrument-edit",
    ),
    RecordType(
        name="support_institution",
        model=SupportInstitution,
        label=_("Support institution"),
        label_plural=_("Support institutions"),
        has_area=False,
        required=(
            Required(("role",), _("role for the SSE")),
            Required(("support_kinds",), _("kinds of support")),
        ),
        list_selector_path="surveys.study.selectors.support_institution_list",
        get_selector_path="surveys.study.selectors.support_institution_get",
        detail_url_name="support-institution-detail",
        edit_url_name="support-institution-edit",
    ),
    RecordType(
        name="sampling_frame",
        model=SamplingFrame,
        label=_("Sampling frame"),
        label_plural=_("Sampling frames"),
        has_area=False,
        required=(),
        required_rule=lambda frame, _figures: frame_missing_counts(frame),
        list_selector_path="surveys.study.selectors.sampling_frame_list",
        get_selector_path="surveys.study.selectors.sampling_frame_get",
        detail_url_name="sampling-frame-detail",
        edit_url_name="sampling-frame-edit",
        reviewed_parts=("counts",),
        part_rows_paths=(("counts", "surveys.study.services.frame_counts_snapshot"),),
    ),
    RecordType(
        name="study_methodology",
        model=StudyMethodology,
        label=_("Methodology and limitations"),
        label_plural=_("Methodology and limitations"),
        has_area=False,
        required=(
            Required(("approach",), _("approach and sampling")),
            Required(("data_collection",), _("data collection")),
            Required(("period_start",), _("when data collection began")),
            Required(("limitations",), _("limitations")),
        ),
        list_selector_path="surveys.study.selectors.study_methodology_list",
        get_selector_path="surveys.study.selectors.study_methodology_get",
        detail_url_name="study-methodology-detail",
        edit_url_name="study-methodology-edit",
    ),
)

RECORD_TYPES: dict[str, RecordType] = {kind.name: kind for kind in _TYPES}


def record_type_of(record: WorkflowRecord | type[Model]) -> RecordType:
    """The row of a record or of a model; ValueError for a model that is not reviewed."""
    model = record if isinstance(record, type) else type(record)
    for kind in _TYPES:
        if issubclass(model, kind.model):
            return kind
    raise ValueError(f"{model.__name__} is not reviewed")


def record_type_of_content_type(content_type_id: int) -> RecordType | None:
    for kind in _TYPES:
        if kind.content_type().pk == content_type_id:
            return kind
    return None


def record_type_choices() -> Sequence[tuple[str, str | Promise]]:
    return [(kind.name, kind.label) for kind in _TYPES]


def missing_for_submission(
    record: WorkflowRecord, *, figures: list[EntityFigures] | None = None
) -> list[str]:
    """What must be filled before a committee can review this record, by label.

    `figures`: all of an entity's figures when the caller has them (an import, before
    the entity is saved); otherwise they are read.
    """
    return record_type_of(record).missing_for_submission(record, figures=figures)


def workflow_record_get(*, user: AnyUser, record_type: str, pk: int) -> Any:
    """One reviewed record of any type the user may read; anything else answers 404."""
    kind = RECORD_TYPES.get(record_type)
    if kind is None:
        raise Http404
    return kind.get_selector(user=user, pk=pk)
