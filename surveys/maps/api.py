"""The entity map's clusters and the coverage by area, as API endpoints."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from surveys.api.base import ApiViewSet
from surveys.api.schema import rule_error
from surveys.api.strict import StrictFilterBackend
from surveys.entities import selectors as entities_selectors
from surveys.entities.api_filters import ApiEntityFilter
from surveys.maps import coverage
from surveys.maps.clusters import MAX_ZOOM, WORLD, Box, entity_clusters


class MapQuerySerializer(serializers.Serializer[Any]):
    zoom = serializers.IntegerField(
        min_value=0,
        max_value=MAX_ZOOM,
        default=2,
        help_text=gettext_lazy("Map zoom level: each step halves the cell size."),
    )
    south = serializers.FloatField(min_value=-90, max_value=90, required=False)
    west = serializers.FloatField(min_value=-180, max_value=180, required=False)
    north = serializers.FloatField(min_value=-90, max_value=90, required=False)
    east = serializers.FloatField(min_value=-180, max_value=180, required=False)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        sides = ("south", "west", "north", "east")
        given = [side for side in sides if side in data]
        if given and len(given) < len(sides):
            raise serializers.ValidationError(
                _("Give the box's four sides (south, west, north, east), or none.")
            )
        if given and (data["south"] > data["north"] or data["west"] > data["east"]):
            raise serializers.ValidationError(
                _("South must not be above north, nor west east of east.")
            )
        return data


class ClusterSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()


class PointSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_local = serializers.CharField()
    sse_type = serializers.CharField()
    sse_type_label = serializers.CharField()
    classification = serializers.CharField()
    classification_label = serializers.CharField()
    workflow_state = serializers.CharField()
    workflow_state_label = serializers.CharField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    url = serializers.CharField()


class EntityMapSerializer(serializers.Serializer[Any]):
    zoom = serializers.IntegerField()
    cell_degrees = serializers.FloatField()
    clusters = ClusterSerializer(many=True)
    points = PointSerializer(many=True)
    without_coordinates = serializers.IntegerField(
        help_text=gettext_lazy("Filtered entities with no coordinates, not on the map")
    )


class AreaCoverageSerializer(serializers.Serializer[Any]):
    pk = serializers.IntegerField()
    country = serializers.CharField()
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_local = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    entities = serializers.IntegerField()


class EntityMapViewSet(ApiViewSet):
    """Where the entities are: clusters and single points for a map, and counts by
    first-level area. Both take the entity list's filters and read only the entities
    the caller may read."""

    filter_backends = [StrictFilterBackend]
    filterset_class = ApiEntityFilter
    pagination_class = None

    def get_queryset(self) -> Any:
        return entities_selectors.entity_list(user=self.request.user)

    @extend_schema(
        tags=["maps"],
        parameters=[MapQuerySerializer],
        responses={
            200: EntityMapSerializer,
            400: rule_error(
                gettext_lazy(
                    "Bad input, or only some of the box's sides: give south, west, "
                    "north and east together, or none for the whole world."
                )
            ),
        },
        filters=True,
    )
    @action(detail=False)
    def clusters(self, request: Request) -> Response:
        """The filtered entities at this zoom within the box: a cell holding one
        entity is a point with its names, type, classification and state; a cell
        holding more is a cluster. The clusters' counts, the points and those without
        coordinates add up to the filtered list's count."""
        query = MapQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        box = (
            Box(
                south=params["south"],
                west=params["west"],
                north=params["north"],
                east=params["east"],
            )
            if "south" in params
            else WORLD
        )
        entities = self.filter_queryset(self.get_queryset())
        return Response(
            entity_clusters(entities=entities, zoom=params["zoom"], box=box)
        )

    @extend_schema(tags=["maps"], responses=AreaCoverageSerializer(many=True))
    @action(detail=False, url_path="coverage")
    def coverage(self, request: Request) -> Response:
        """The filtered entities counted by current first-level area, each area with
        its centroid; entities recorded under a unit merged since count in its
        successor."""
        entities: Any = self.filter_queryset(self.get_queryset())
        country = str(request.query_params.get("country", "")).strip().upper()
        return Response(
            coverage.area_coverage(
                entities=entities, user=request.user, country_code=country or None
            )
        )
