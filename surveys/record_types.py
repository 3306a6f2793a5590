"""The record types that go through review, by the short name used in URLs and the API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils.translation import gettext_lazy

from countries.selectors import (
    AnyUser,
)
from surveys.entities.selectors import entity_get
from surveys.models import (
    CapacityGap,
    CaseStudy,
    Entity,
    NationalDefinition,
    WorkflowRecord,
)
from surveys.records.selectors import (
    capacity_gap_get,
    case_study_get,
    national_definition_get,
)

RECORD_GETTERS: dict[str, Callable[..., Any]] = {
    "entity": entity_get,
    "case_study": case_study_get,
    "capacity_gap": capacity_gap_get,
    "national_definition": national_definition_get,
}
# Record types that are tied to an area, so the queue's area filter applies to them.
TYPES_WITH_AREA = ("entity", "case_study")
RECORD_TYPE_NAMES: dict[str, Any] = {
    "entity": gettext_lazy("Entity"),
    "case_study": gettext_lazy("Case study"),
    "capacity_gap": gettext_lazy("Capacity gap"),
    "national_definition": gettext_lazy("National definition"),
}


def workflow_record_get(*, user: AnyUser, record_type: str, pk: int) -> Any:
    """One reviewed record of any type the user may read; anything else answers 404."""
    getter = RECORD_GETTERS.get(record_type)
    if getter is None:
        raise Http404
    return getter(user=user, pk=pk)


def _content_type(record_type: str) -> ContentType:
    return ContentType.objects.get_for_model(RECORD_TYPES[record_type])


# The record types that go through review, by the short name used in URLs and the API.
RECORD_TYPES: dict[str, type[WorkflowRecord]] = {
    "entity": Entity,
    "case_study": CaseStudy,
    "capacity_gap": CapacityGap,
    "national_definition": NationalDefinition,
}
RECORD_TYPE_LABELS: dict[str, str] = {
    "entity": "Entity",
    "case_study": "Case study",
    "capacity_gap": "Capacity gap",
    "national_definition": "National definition",
}


def record_type_of(record: WorkflowRecord) -> str:
    for name, model in RECORD_TYPES.items():
        if isinstance(record, model):
            return name
    raise ValueError(f"{type(record).__name__} is not reviewed")
