from django.urls import path

from surveys.reports import views as reports

urlpatterns = [
    path("countries/<str:code>/reports/", reports.report_list, name="report-list"),
    path("reports/regional/", reports.report_regional, name="report-regional"),
    path("reports/<int:pk>/", reports.report_detail, name="report-detail"),
    path("reports/<int:pk>/progress/", reports.report_progress, name="report-progress"),
    path(
        "reports/<int:pk>/<str:kind>/", reports.report_download, name="report-download"
    ),
]
