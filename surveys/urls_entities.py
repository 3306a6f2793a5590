from django.urls import path

from surveys.views import entities

urlpatterns = [
    path(
        "countries/<str:code>/entities/",
        entities.entity_list_view,
        name="entity-list",
    ),
    path(
        "countries/<str:code>/entities/new/",
        entities.entity_create_view,
        name="entity-create",
    ),
    path(
        "countries/<str:code>/classification-preview/",
        entities.classification_preview_view,
        name="classification-preview",
    ),
    path(
        "countries/<str:code>/sources/",
        entities.source_list_view,
        name="source-list",
    ),
    path("entities/<int:pk>/", entities.entity_detail_view, name="entity-detail"),
    path("entities/<int:pk>/edit/", entities.entity_edit_view, name="entity-edit"),
    # Both figure pages share a name: reversed with a year it is that year's page.
    path(
        "entities/<int:pk>/figures/new/",
        entities.entity_figures_view,
        name="entity-figures",
    ),
    path(
        "entities/<int:pk>/figures/<int:year>/",
        entities.entity_figures_view,
        name="entity-figures",
    ),
    path(
        "entities/<int:pk>/figures/<int:year>/delete/",
        entities.entity_figures_delete_view,
        name="entity-figures-delete",
    ),
    path(
        "entities/<int:pk>/assessment/",
        entities.entity_assessment_view,
        name="entity-assessment",
    ),
]
