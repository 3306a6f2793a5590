from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from surveys.api import base as api_base
from surveys.api import reference as api_reference
from surveys.entities import api as entities_api
from surveys.exports import api as exports_api
from surveys.imports import api as imports_api
from surveys.maps import api as maps_api
from surveys.meetings import api as meetings_api
from surveys.public import api as public_api
from surveys.public import views as public_views
from surveys.public.caching import public
from surveys.records import api as records_api
from surveys.releases import api as releases_api
from surveys.reports import api as api_reports
from surveys.review import api as review_api
from surveys.study import api as study_api

router = SimpleRouter()
router.register("countries", api_reference.CountryViewSet, basename="api-country")
router.register("areas", api_reference.AreaViewSet, basename="api-area")
router.register(
    "legal-forms", api_reference.LegalFormViewSet, basename="api-legal-form"
)
router.register(
    "vocabularies", api_reference.VocabularyViewSet, basename="api-vocabulary"
)
router.register("entities", entities_api.EntityViewSet, basename="api-entity")
router.register("entity-map", maps_api.EntityMapViewSet, basename="api-entity-map")
router.register("case-studies", records_api.CaseStudyViewSet, basename="api-case-study")
router.register(
    "capacity-gaps", records_api.CapacityGapViewSet, basename="api-capacity-gap"
)
router.register(
    "national-priorities",
    api_reference.NationalPriorityViewSet,
    basename="api-national-priority",
)
router.register(
    "national-definitions",
    records_api.NationalDefinitionViewSet,
    basename="api-national-definition",
)
router.register(
    "legal-instruments",
    study_api.LegalInstrumentViewSet,
    basename="api-legal-instrument",
)
router.register(
    "support-institutions",
    study_api.SupportInstitutionViewSet,
    basename="api-support-institution",
)
router.register(
    "sampling-frames", study_api.SamplingFrameViewSet, basename="api-sampling-frame"
)
router.register(
    "methodology", study_api.StudyMethodologyViewSet, basename="api-study-methodology"
)
router.register("reviews", review_api.ReviewDecisionViewSet, basename="api-review")
router.register("meetings", meetings_api.MeetingViewSet, basename="api-meeting")
router.register("reports", api_reports.ReportViewSet, basename="api-report")
router.register("releases", releases_api.ReleaseViewSet, basename="api-release")
router.register("exports", exports_api.ExportJobViewSet, basename="api-export")
router.register("imports", imports_api.ImportJobViewSet, basename="api-import")
router.register(
    "import-mappings", imports_api.ColumnMappingViewSet, basename="api-import-mapping"
)

urlpatterns = [
    path("me/", api_reference.MeView.as_view(), name="api-me"),
    path(
        "entities/<int:entity_pk>/figures/",
        entities_api.EntityFiguresViewSet.as_view({"get": "list", "post": "create"}),
        name="api-entity-figures",
    ),
    path(
        "entities/<int:entity_pk>/figures/<int:year>/",
        entities_api.EntityFiguresViewSet.as_view(
            {"get": "retrieve", "put": "update", "delete": "destroy"}
        ),
        name="api-entity-figures-year",
    ),
    path(
        "public/releases/",
        public(public_views.catalogue_etag, throttled=False)(
            public_api.PublicReleaseViewSet.as_view({"get": "list"})
        ),
        name="api-public-releases",
    ),
    path(
        "public/countries/<str:code>/entities/",
        public(public_views.release_etag, throttled=False)(
            public_api.PublicEntityViewSet.as_view({"get": "list"})
        ),
        name="api-public-entities",
    ),
    path(
        "public/countries/<str:code>/entities/<str:entity_code>/",
        public(public_views.release_etag, throttled=False)(
            public_api.PublicEntityViewSet.as_view({"get": "retrieve"})
        ),
        name="api-public-entity",
    ),
    *router.urls,
    # Anything else under /api/v1/ is a JSON 404, never the HTML error page. Register
    # new API routes above this line (in this module): a route added to
    # sse_mapping/urls.py after the include would never be reached.
    re_path(r"^[\s\S]*/$", api_base.not_found),
]
