"""How a page answers each application error: the decorator and the two `with` blocks."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.test import Client
from django.urls import include, path

from sse_mapping.exceptions import (
    ApplicationError,
    ConflictError,
    NotAllowedError,
    NotVisibleError,
)
from surveys.view_errors import errors_as_message, errors_as_pages, errors_on_form
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

RAISED = {
    "not-allowed": NotAllowedError("Only the committee decides."),
    "not-visible": NotVisibleError("No such record."),
    "refused": ApplicationError("The record is with the committee."),
    "conflict": ConflictError("Someone saved it first."),
    "field": ApplicationError("Bad input.", field_errors={"name": ["Too short."]}),
    "other-field": ApplicationError("Bad input.", field_errors={"year": ["Too old."]}),
    "service-field": ApplicationError("Bad input.", field_errors={"title": ["Taken."]}),
}


def _service(kind: str) -> None:
    if kind in RAISED:
        raise RAISED[kind]


class NameForm(forms.Form):
    name = forms.CharField()


@errors_as_pages
def raising_view(request: HttpRequest, kind: str) -> HttpResponse:
    _service(kind)
    return HttpResponse("done")


@errors_as_pages
def form_view(request: HttpRequest, kind: str) -> HttpResponse:
    form = NameForm(request.POST)
    if form.is_valid():
        with errors_on_form(form, renamed={"title": "name"}) as refused:
            _service(kind)
            return HttpResponse("saved")
        if refused.conflict:
            return HttpResponse(
                f"both versions: {refused.conflict.message}", status=409
            )
    status = 400 if form.errors else 200
    return HttpResponse(
        f"{form['name'].value()}|{form.non_field_errors()}|{form['name'].errors}",
        status=status,
    )


@errors_as_pages
def message_view(request: HttpRequest, kind: str) -> HttpResponse:
    with errors_as_message(request, text="Nothing happened. %(reason)s"):
        _service(kind)
        messages.success(request, "It happened.")
    return redirect("home")


@errors_as_pages
def message_form_view(request: HttpRequest, kind: str) -> HttpResponse:
    form = NameForm(request.POST)
    if form.is_valid():
        with errors_as_message(request, level=messages.WARNING, form=form):
            _service(kind)
            return HttpResponse("saved")
    return HttpResponse(
        f"{form['name'].value()}|{form.non_field_errors()}|{form['name'].errors}",
        status=400,
    )


urlpatterns = [
    path("message-form/<str:kind>/", message_form_view),
    path("raising/<str:kind>/", raising_view),
    path("form/<str:kind>/", form_view),
    path("message/<str:kind>/", message_view),
    path("", include("sse_mapping.urls")),
]


@pytest.fixture
def client_in() -> Client:
    client = Client()
    client.force_login(UserFactory())
    return client


def _flashed(response: HttpResponse) -> list[str]:
    return [str(m) for m in messages.get_messages(response.wsgi_request)]


def test_a_refused_role_gets_the_403_page_with_the_reason(client_in: Client) -> None:
    response = client_in.get("/raising/not-allowed/")
    assert response.status_code == 403
    assert "Only the committee decides." in response.content.decode()
    assert "403.html" in [t.name for t in response.templates]


def test_a_record_the_user_may_not_see_is_the_404_page(client_in: Client) -> None:
    response = client_in.get("/raising/not-visible/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]


def test_any_other_refusal_is_a_page_saying_why_never_a_500(client_in: Client) -> None:
    response = client_in.get("/raising/refused/")
    assert response.status_code == 400
    assert "The record is with the committee." in response.content.decode()
    conflict = client_in.get("/raising/conflict/")
    assert conflict.status_code == 409
    assert "Someone saved it first." in conflict.content.decode()


def test_a_view_that_is_not_refused_answers_as_it_wrote(client_in: Client) -> None:
    assert client_in.get("/raising/none/").content == b"done"


def test_a_refusal_goes_on_the_bound_form_which_keeps_what_was_typed(
    client_in: Client,
) -> None:
    response = client_in.post("/form/refused/", {"name": "Typed name"})
    assert response.status_code == 400
    typed, top, on_field = response.content.decode().split("|")
    assert typed == "Typed name"
    assert "The record is with the committee." in top
    assert on_field == ""


def test_a_refusal_naming_a_field_goes_on_that_field(client_in: Client) -> None:
    response = client_in.post("/form/field/", {"name": "Ty"})
    assert response.status_code == 400
    _typed, top, on_field = response.content.decode().split("|")
    assert "Too short." in on_field
    assert "Bad input." not in top


def test_a_field_the_form_lacks_is_named_at_the_top(client_in: Client) -> None:
    response = client_in.post("/form/other-field/", {"name": "Typed"})
    _typed, top, _on_field = response.content.decode().split("|")
    assert "year: Too old." in top


def test_a_field_the_service_names_differently_goes_on_the_forms_field(
    client_in: Client,
) -> None:
    response = client_in.post("/form/service-field/", {"name": "Typed"})
    _typed, _top, on_field = response.content.decode().split("|")
    assert "Taken." in on_field


def test_a_conflict_is_left_for_the_page_to_show_both_versions(
    client_in: Client,
) -> None:
    response = client_in.post("/form/conflict/", {"name": "Typed"})
    assert response.status_code == 409
    assert response.content == b"both versions: Someone saved it first."


def test_the_happy_path_of_a_form_block_runs_to_its_end(client_in: Client) -> None:
    assert client_in.post("/form/none/", {"name": "Typed"}).content == b"saved"


def test_a_refused_role_in_a_form_block_still_gets_the_403(client_in: Client) -> None:
    response = client_in.post("/form/not-allowed/", {"name": "Typed"})
    assert response.status_code == 403


def test_a_refusal_in_a_message_block_is_flashed_and_the_rest_skipped(
    client_in: Client,
) -> None:
    response = client_in.post("/message/refused/")
    assert response.status_code == 302
    assert _flashed(response) == ["Nothing happened. The record is with the committee."]


def test_the_happy_path_of_a_message_block_runs_to_its_end(client_in: Client) -> None:
    response = client_in.post("/message/none/")
    assert response.status_code == 302
    assert _flashed(response) == ["It happened."]


def test_a_message_block_with_a_form_puts_the_named_fields_on_it(
    client_in: Client,
) -> None:
    response = client_in.post("/message-form/field/", {"name": "Ty"})
    assert response.status_code == 400
    _typed, top, on_field = response.content.decode().split("|")
    assert "Too short." in on_field
    assert top == ""
    assert _flashed(response) == ["Bad input."]
    assert [m.level for m in messages.get_messages(response.wsgi_request)] == [
        messages.WARNING
    ]


def test_a_record_out_of_sight_in_a_message_block_still_gets_the_404(
    client_in: Client,
) -> None:
    assert client_in.post("/message/not-visible/").status_code == 404
