from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from surveys import api_reports, api_transfer
from surveys.api import views

router = SimpleRouter()
router.register("countries", views.CountryViewSet, basename="api-country")
router.register("areas", views.AreaViewSet, basename="api-area")
router.register("legal-forms", views.LegalFormViewSet, basename="api-legal-form")
router.register("vocabularies", views.VocabularyViewSet, basename="api-vocabulary")
router.register("entities", views.EntityViewSet, basename="api-entity")
router.register("case-studies", views.CaseStudyViewSet, basename="api-case-study")
router.register("capacity-gaps", views.CapacityGapViewSet, basename="api-capacity-gap")
router.register(
    "national-priorities",
    views.NationalPriorityViewSet,
    basename="api-national-priority",
)
router.register(
    "national-definitions",
    views.NationalDefinitionViewSet,
    basename="api-national-definition",
)
router.register("reviews", views.ReviewDecisionViewSet, basename="api-review")
router.register("meetings", views.MeetingViewSet, basename="api-meeting")
router.register("reports", api_reports.ReportViewSet, basename="api-report")
router.register("exports", api_transfer.ExportJobViewSet, basename="api-export")
router.register("imports", api_transfer.ImportJobViewSet, basename="api-import")

urlpatterns = [
    path("me/", views.MeView.as_view(), name="api-me"),
    path(
        "entities/<int:entity_pk>/figures/",
        views.EntityFiguresViewSet.as_view({"get": "list", "post": "create"}),
        name="api-entity-figures",
    ),
    path(
        "entities/<int:entity_pk>/figures/<int:year>/",
        views.EntityFiguresViewSet.as_view(
            {"get": "retrieve", "put": "update", "delete": "destroy"}
        ),
        name="api-entity-figures-year",
    ),
    *router.urls,
    # Anything else under /api/v1/ is a JSON 404, never the HTML error page. Register
    # new API routes above this line (in this module): a route added to
    # sse_mapping/urls.py after the include would never be reached.
    re_path(r"^[\s\S]*/$", views.not_found),
]
