from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from countries import preference_views, token_views
from countries import views as country_views
from sse_mapping.health import health
from sse_mapping.server_error import server_error

handler500 = server_error


def api_docs_view(view: type[APIView], **kwargs: Any) -> Callable[..., HttpResponse]:
    """The schema and its page, behind the sign-in when API_DOCS_SIGNED_IN_ONLY."""
    public = view.as_view(**kwargs)
    private = login_required(
        view.as_view(permission_classes=[IsAuthenticated], **kwargs)
    )

    def serve(request: HttpRequest, *args: Any, **kw: Any) -> HttpResponse:
        chosen = private if settings.API_DOCS_SIGNED_IN_ONLY else public
        return chosen(request, *args, **kw)

    return serve


urlpatterns = [
    path("", country_views.home, name="home"),
    path("health/", health, name="health"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("accounts.urls")),
    path("webauthn/", include("django_otp_webauthn.urls", namespace="otp_webauthn")),
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
    path("api/schema/", api_docs_view(SpectacularAPIView), name="api-schema"),
    path(
        "api/docs/",
        api_docs_view(SpectacularSwaggerView, url_name="api-schema"),
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
