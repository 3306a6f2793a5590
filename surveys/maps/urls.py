from django.urls import path

from surveys.maps import views

urlpatterns = [
    path("countries/<str:code>/map/", views.entity_map_view, name="entity-map"),
    path(
        "countries/<str:code>/coverage/", views.coverage_map_view, name="coverage-map"
    ),
    path("map/", views.entity_map_all_view, name="entity-map-all"),
]
