from django.urls import path

from surveys.entities import affiliation_views, assessment_views, check_views, views

urlpatterns = [
    path(
        "countries/<str:code>/entities/",
        views.entity_list_view,
        name="entity-list",
    ),
    path(
        "countries/<str:code>/entities/new/",
        views.entity_create_view,
        name="entity-create",
    ),
    path(
        "countries/<str:code>/classification-preview/",
        assessment_views.classification_preview_view,
        name="classification-preview",
    ),
    path(
        "countries/<str:code>/entities/new/check/",
        check_views.entity_create_check_view,
        name="entity-create-check",
    ),
    path(
        "entities/<int:pk>/edit/check/",
        check_views.entity_edit_check_view,
        name="entity-edit-check",
    ),
    path(
        "entities/<int:pk>/figures/check/",
        check_views.entity_figures_check_view,
        name="entity-figures-check",
    ),
    path(
        "entities/<int:pk>/figures/<int:year>/check/",
        check_views.entity_figures_check_view,
        name="entity-figures-check",
    ),
    path("entities/<int:pk>/", views.entity_detail_view, name="entity-detail"),
    path("entities/<int:pk>/edit/", views.entity_edit_view, name="entity-edit"),
    path(
        "entities/<int:pk>/affiliations/",
        affiliation_views.affiliation_add_view,
        name="entity-affiliation-add",
    ),
    path(
        "entities/<int:pk>/affiliations/<int:affiliation_pk>/delete/",
        affiliation_views.affiliation_remove_view,
        name="entity-affiliation-remove",
    ),
    # Both figure pages share a name: reversed with a year it is that year's page.
    path(
        "entities/<int:pk>/figures/new/",
        views.entity_figures_view,
        name="entity-figures",
    ),
    path(
        "entities/<int:pk>/figures/<int:year>/",
        views.entity_figures_view,
        name="entity-figures",
    ),
    path(
        "entities/<int:pk>/figures/<int:year>/delete/",
        views.entity_figures_delete_view,
        name="entity-figures-delete",
    ),
    path(
        "entities/<int:pk>/assessment/",
        assessment_views.entity_assessment_view,
        name="entity-assessment",
    ),
]
