"""The review workflow in the API: submit, decide, reopen, decisions and meetings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from sse_mapping.exceptions import ConflictError
from surveys.api.base import ApiViewSet, expected_version, record_id
from surveys.api.schema import IF_MATCH
from surveys.models import (
    WorkflowRecord,
)
from surveys.record_types import RECORD_TYPES, RecordType
from surveys.review import filters
from surveys.review import selectors as review_selectors
from surveys.review import serializers as api
from surveys.review import workflow as review_workflow

# --- Reviewed records -----------------------------------------------------------------


def record_schema(tag: str) -> Callable[[type[RecordViewSet]], type[RecordViewSet]]:
    """The OpenAPI description of a record type's endpoints, from the serializers the
    viewset declares."""

    def describe(viewset: type[RecordViewSet]) -> type[RecordViewSet]:
        read = viewset.read_serializer
        return extend_schema_view(
            list=extend_schema(
                tags=[tag], responses=viewset.list_serializer(many=True)
            ),
            retrieve=extend_schema(tags=[tag], responses=read),
            create=extend_schema(
                tags=[tag], request=viewset.create_serializer, responses={201: read}
            ),
            partial_update=extend_schema(
                tags=[tag],
                request=viewset.update_serializer,
                responses=read,
                parameters=[IF_MATCH],
            ),
            submit=extend_schema(tags=[tag]),
            decide=extend_schema(tags=[tag]),
            reopen=extend_schema(tags=[tag]),
        )(viewset)

    return describe


class RecordViewSet(ApiViewSet):
    """List, read, create, change, and move through review one kind of record: the
    row of RECORD_TYPES named by `record_type` gives its model and selectors."""

    record_type: str
    read_serializer: type[serializers.Serializer]
    list_serializer: type[serializers.Serializer]
    create_serializer: type[serializers.Serializer]
    update_serializer: type[serializers.Serializer]

    @property
    def kind(self) -> RecordType:
        return RECORD_TYPES[self.record_type]

    def get_serializer_class(self) -> type[serializers.Serializer]:
        if self.action == "list":
            return self.list_serializer
        return self.read_serializer

    def get_queryset(self) -> QuerySet[Any]:
        records = self.kind.list_selector(user=self.request.user)
        if self.related:  # select_related() with no names would follow every key
            records = records.select_related(*self.related)
        return records.prefetch_related(*self.prefetched)

    def get_object(self) -> Any:
        return self.kind.get_selector(
            user=self.request.user, pk=record_id(self.kwargs["pk"])
        )

    def _respond(self, record: Model, code: int = status.HTTP_200_OK) -> Response:
        data = self.read_serializer(record, context=self.get_serializer_context()).data
        return Response(data, status=code, headers={"ETag": f'"{record.version}"'})  # type: ignore[attr-defined]

    def _input(
        self, serializer_class: type[serializers.Serializer], **kwargs: Any
    ) -> dict[str, Any]:
        serializer = serializer_class(
            data=self.request.data, context=self.get_serializer_context(), **kwargs
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    # What to load with each record.
    related: tuple[str, ...] = ()
    prefetched: tuple[str, ...] = ()

    def create_record(self, *, country: Any, data: dict[str, Any]) -> Model:
        """Each record type's viewset creates through its own service."""
        raise NotImplementedError

    def update_record(
        self, *, record: Any, data: dict[str, Any], expected: int | None
    ) -> Model:
        """Each record type's viewset changes a record through its own service."""
        raise NotImplementedError

    def list(self, request: Request) -> Response:
        records = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(records)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request: Request, pk: str) -> Response:
        return self._respond(self.get_object())

    def create(self, request: Request) -> Response:
        data = self._input(self.create_serializer)
        country = data.pop("country")
        record = self.create_record(country=country, data=data)
        return self._respond(
            self.kind.get_selector(user=request.user, pk=record.pk),
            status.HTTP_201_CREATED,
        )

    def partial_update(self, request: Request, pk: str) -> Response:
        record = self.get_object()
        data = self._input(self.update_serializer, partial=True)
        expected = expected_version(request, data.pop("version", None))
        try:
            record = self.update_record(record=record, data=data, expected=expected)
        except ConflictError as conflict:
            raise self._conflict(conflict) from conflict
        return self._respond(self.kind.get_selector(user=request.user, pk=record.pk))

    def _conflict(self, conflict: ConflictError) -> ConflictError:
        """The same refusal, with the record as it is saved now."""
        current = self.read_serializer(
            self.get_object(), context=self.get_serializer_context()
        ).data
        return ConflictError(conflict.message, current=current)

    def _outcome(self, record: WorkflowRecord, review: Any = None) -> Response:
        state, version = (
            type(record)
            .objects.filter(pk=record.pk)
            .values_list("workflow_state", "version")
            .get()
        )
        return Response(
            api.WorkflowOutcomeSerializer(
                {
                    "id": record.pk,
                    "record_type": self.record_type,
                    "workflow_state": state,
                    "version": version,
                    "review": review,
                }
            ).data
        )

    @extend_schema(request=None, responses=api.WorkflowOutcomeSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        """Send the record to the committee (consultants of its country)."""
        record = review_workflow.record_submit(
            record=self.get_object(), by=request.user
        )
        return self._outcome(record)

    @extend_schema(
        request=api.DecisionSerializer, responses=api.WorkflowOutcomeSerializer
    )
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str) -> Response:
        """Approve, return or reject (committee members of its country who did not
        create or edit it). A return or a rejection needs a comment."""
        record = self.get_object()
        data = self._input(api.DecisionSerializer)
        review = review_workflow.review_decide(
            record=record,
            by=request.user,
            decision=data["decision"],
            comment=data.get("comment", ""),
            field_comments=data.get("field_comments"),
            meeting=data.get("meeting"),
        )
        return self._outcome(record, review)

    @extend_schema(
        request=api.ReopenSerializer, responses=api.WorkflowOutcomeSerializer
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str) -> Response:
        """Send a validated or rejected record back to draft (staff)."""
        record = self.get_object()
        data = self._input(api.ReopenSerializer)
        record = review_workflow.record_reopen(
            record=record, by=request.user, reason=data.get("reason", "")
        )
        return self._outcome(record)


# --- Reviews and meetings -------------------------------------------------------------


@extend_schema(tags=["review"])
class ReviewDecisionViewSet(mixins.ListModelMixin, ApiViewSet):
    """The committee's decisions on the caller's countries' records. Decide with
    POST …/{id}/decide/ on the record."""

    serializer_class = api.ReviewDecisionSerializer
    filterset_class = filters.ReviewFilter
    search_fields = ("comment",)
    ordering_fields = ("decided_at",)
    ordering = ("-decided_at", "-id")

    def get_queryset(self) -> QuerySet[Any]:
        return review_selectors.review_decision_list(user=self.request.user)

    def retrieve(self, request: Request, pk: str) -> Response:
        review = self.get_queryset().filter(pk=record_id(pk)).first()
        if review is None:
            raise NotFound
        return Response(self.get_serializer(review).data)


class ServiceWritesViewSet(RecordViewSet):
    """A record type whose services take the model: created by `create_service`,
    changed by `update_service` (both given as staticmethods)."""

    create_service: Callable[..., Model]
    update_service: Callable[..., Model]

    def create_record(self, *, country: Any, data: dict[str, Any]) -> Model:
        return self.create_service(
            model=self.kind.model, country=country, by=self.request.user, data=data
        )

    def update_record(
        self, *, record: Any, data: dict[str, Any], expected: int | None
    ) -> Model:
        return self.update_service(
            record=record, by=self.request.user, data=data, expected_version=expected
        )
