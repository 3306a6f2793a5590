from django.urls import path

from surveys.imports import views

urlpatterns = [
    path(
        "countries/<str:code>/template.<str:fmt>",
        views.import_template_view,
        name="import-template",
    ),
    path(
        "countries/<str:code>/survey-form.xlsx",
        views.import_xlsform_view,
        name="import-xlsform",
    ),
    path(
        "countries/<str:code>/imports/",
        views.import_list_view,
        name="import-list",
    ),
    path("imports/<int:pk>/", views.import_detail_view, name="import-detail"),
    path(
        "imports/<int:pk>/confirm/",
        views.import_confirm_view,
        name="import-confirm",
    ),
    path(
        "imports/<int:pk>/decide/",
        views.import_decide_view,
        name="import-decide",
    ),
    path(
        "imports/<int:pk>/status/",
        views.import_status_view,
        name="import-status",
    ),
    path(
        "imports/<int:pk>/problems.csv",
        views.import_report_view,
        name="import-report",
    ),
    path(
        "countries/<str:code>/mappings/",
        views.mapping_list_view,
        name="mapping-list",
    ),
    path(
        "countries/<str:code>/mappings/new/",
        views.mapping_create_view,
        name="mapping-create",
    ),
    path("mappings/<int:pk>/", views.mapping_edit_view, name="mapping-edit"),
]
