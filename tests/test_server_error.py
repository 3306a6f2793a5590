"""An error nobody handled: JSON on the API, the site's page elsewhere, and that page
never reads the database."""

import pytest
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sse_mapping.urls import handler500
from sse_mapping.urls import urlpatterns as site_urlpatterns

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.test_server_error")]


def broken_page(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a page")


class BrokenEndpoint(APIView):
    def get(self, request: Request) -> Response:
        raise RuntimeError("a bug in the API")


urlpatterns = [
    path("api/v1/broken/", BrokenEndpoint.as_view()),
    path("broken/", broken_page),
    *site_urlpatterns,
]
__all__ = ["handler500", "urlpatterns"]


def test_an_api_error_nobody_handled_is_json(kh_consultant: User) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(kh_consultant)

    response = client.get("/api/v1/broken/")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "The server failed to answer this request" in response.json()["detail"]


def test_a_page_error_is_the_sites_page_without_the_menu(
    kh_consultant: User,
) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(kh_consultant)

    response = client.get("/broken/")

    assert response.status_code == 500
    page = response.content.decode()
    assert 'data-testid="server-error"' in page
    assert "site-nav" in page and "Back to the start page" in page
    # The page knows nobody: it is rendered without the request.
    assert "kh-consultant" not in page
    assert "a bug in a page" not in page


def test_the_error_page_reads_nothing_from_the_database(
    django_assert_num_queries: object,
) -> None:
    request = RequestFactory().get("/countries/")
    with django_assert_num_queries(0):  # type: ignore[operator]
        response = handler500(request)
    assert response.status_code == 500
