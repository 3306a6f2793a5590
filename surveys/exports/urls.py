from django.urls import path

from surveys.exports import views

urlpatterns = [
    path(
        "countries/<str:code>/exports/",
        views.export_list_view,
        name="export-list",
    ),
    path(
        "countries/<str:code>/exports/status/",
        views.export_status_view,
        name="export-status",
    ),
    path(
        "exports/<int:pk>/download/",
        views.export_download_view,
        name="export-download",
    ),
]
