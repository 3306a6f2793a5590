"""Committee meetings in the API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import (
    extend_schema,
)
from rest_framework import mixins, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from surveys.api.base import ApiViewSet, record_id
from surveys.meetings import filters
from surveys.meetings import selectors as meetings_selectors
from surveys.meetings import serializers as api
from surveys.meetings import services as meetings_services


@extend_schema(tags=["review"])
class MeetingViewSet(mixins.ListModelMixin, ApiViewSet):
    """Committee meetings, with attendees and the records on the agenda."""

    serializer_class = api.MeetingSerializer
    filterset_class = filters.MeetingFilter
    search_fields = ("place", "minutes")
    ordering_fields = ("date",)
    ordering = ("-date", "-id")

    def get_queryset(self) -> QuerySet[Any]:
        return meetings_selectors.meeting_list_all(user=self.request.user)

    def retrieve(self, request: Request, pk: str) -> Response:
        meeting = self.get_queryset().filter(pk=record_id(pk)).first()
        if meeting is None:
            raise NotFound
        return Response(self.get_serializer(meeting).data)

    @extend_schema(
        request=api.MeetingCreateSerializer, responses={201: api.MeetingSerializer}
    )
    def create(self, request: Request) -> Response:
        serializer = api.MeetingCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        country = data.pop("country")
        attendees = data.pop("attendees", [])
        agenda = data.pop("agenda", [])
        meeting = meetings_services.meeting_create(
            country=country,
            by=request.user,
            data=data,
            attendees=attendees,
            agenda=agenda,
        )
        meeting = self.get_queryset().get(pk=meeting.pk)
        return Response(
            self.get_serializer(meeting).data, status=status.HTTP_201_CREATED
        )
