from django.urls import include, path

urlpatterns = [
    path("", include(f"surveys.{feature}.urls"))
    for feature in (
        "dashboard",
        "entities",
        "records",
        "study",
        "review",
        "meetings",
        "reports",
        "releases",
        "exports",
        "imports",
        "maps",
        "public",
        "drafts",
    )
]
