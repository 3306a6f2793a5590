from django.urls import path

from surveys.views import transfer

urlpatterns = [
    path(
        "countries/<str:code>/exports/",
        transfer.export_list_view,
        name="export-list",
    ),
    path(
        "countries/<str:code>/exports/status/",
        transfer.export_status_view,
        name="export-status",
    ),
    path(
        "exports/<int:pk>/download/",
        transfer.export_download_view,
        name="export-download",
    ),
    path(
        "countries/<str:code>/template.<str:fmt>",
        transfer.import_template_view,
        name="import-template",
    ),
    path(
        "countries/<str:code>/imports/",
        transfer.import_list_view,
        name="import-list",
    ),
    path("imports/<int:pk>/", transfer.import_detail_view, name="import-detail"),
    path(
        "imports/<int:pk>/confirm/",
        transfer.import_confirm_view,
        name="import-confirm",
    ),
    path(
        "imports/<int:pk>/status/",
        transfer.import_status_view,
        name="import-status",
    ),
    path(
        "imports/<int:pk>/problems.csv",
        transfer.import_report_view,
        name="import-report",
    ),
    path(
        "countries/<str:code>/mappings/",
        transfer.mapping_list_view,
        name="mapping-list",
    ),
    path(
        "countries/<str:code>/mappings/new/",
        transfer.mapping_create_view,
        name="mapping-create",
    ),
    path("mappings/<int:pk>/", transfer.mapping_edit_view, name="mapping-edit"),
]
