from django.urls import include, path

urlpatterns = [
    path("", include("surveys.urls_entities")),
    path("", include("surveys.urls_records")),
    path("", include("surveys.urls_review")),
    path("", include("surveys.urls_reports")),
    path("", include("surveys.urls_transfer")),
]
