from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from countries import preference_views, token_views
from countries import views as country_views
from sse_mapping.health import health

urlpatterns = [
    path("", country_views.home, name="home"),
    path("health/", health, name="health"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Before Django's own set_language: the choice is also saved on the profile.
    path("i18n/setlang/", preference_views.language_switch, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/preferences/", preference_views.preferences, name="preferences"),
    path("countries/", country_views.country_list_view, name="country-list"),
    path(
        "countries/<str:code>/reference/",
        country_views.country_reference,
        name="country-reference",
    ),
    path("", include("surveys.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("admin/", admin.site.urls),
    # REST API v1 and the personal API tokens that scripts use with it.
    path("api/v1/", include("sse_mapping.api_urls")),
    path("account/tokens/", token_views.token_list, name="token-list"),
    path(
        "account/tokens/<int:pk>/revoke/",
        token_views.token_revoke,
        name="token-revoke",
    ),
]
