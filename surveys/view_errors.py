"""How the HTML pages answer a service's refusal: one decorator and two `with` blocks.

`@errors_as_pages` wraps every page view: a role that may not act gets the 403 page, a
record the user may not see the 404 page, and any other refusal that no `with` block
took care of the 400 page saying why, with the error's status (never a 500).

A view writes the happy path inside one of the blocks and what to show otherwise after
it; the block swallows the refusal and says it where the person will read it:

    with errors_on_form(form) as refused:
        entity_update(...)
        return redirect(...)
    if refused.conflict:
        ...  # show both versions, status 409
    return render(..., status=400)

    with errors_as_message(request):
        record_submit(...)
        messages.success(request, ...)
    return redirect(...)

A `NotAllowedError` or `NotVisibleError` is never swallowed: it goes on to the decorator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import wraps
from typing import ParamSpec, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from sse_mapping.exceptions import (
    ApplicationError,
    ConflictError,
    NotAllowedError,
    NotVisibleError,
)
from surveys.form_helpers import RowsFormSet, add_service_errors

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)


def errors_as_pages(view: Callable[P, R]) -> Callable[P, R | HttpResponse]:
    """403 for a refused role, 404 for an unseen record, a page saying why for the rest."""

    @wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R | HttpResponse:
        try:
            return view(*args, **kwargs)
        except NotVisibleError as error:
            raise Http404(error.message) from error
        except NotAllowedError as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            request = args[0]
            assert isinstance(request, HttpRequest)
            return render(
                request,
                "400.html",
                {"exception": error.message},
                status=error.status_code,
            )

    return wrapped


@dataclass
class Refusal:
    """The application error a `with` block swallowed, if any."""

    error: ApplicationError | None = None

    def __bool__(self) -> bool:
        return self.error is not None

    @property
    def conflict(self) -> ConflictError | None:
        """The stale-version error, for a page that shows both versions."""
        return self.error if isinstance(self.error, ConflictError) else None


def _passes_on(error: ApplicationError) -> bool:
    return isinstance(error, NotAllowedError | NotVisibleError)


@contextmanager
def _refused(handle: Callable[[ApplicationError], None]) -> Iterator[Refusal]:
    """Swallow the block's refusal into the yielded `Refusal` and `handle` it."""
    refusal = Refusal()
    try:
        yield refusal
    except ApplicationError as error:
        if _passes_on(error):
            raise
        refusal.error = error
        handle(error)


def errors_on_form(
    form: forms.BaseForm, *, renamed: Mapping[str, str] | None = None
) -> AbstractContextManager[Refusal]:
    """Put a refusal on the bound form, which keeps what the user typed.

    The form then has errors, so the page re-renders it with its 400 status.
    `renamed` maps a field the service names to the form field that asks for it.
    """

    def on_form(error: ApplicationError) -> None:
        if renamed:
            error.field_errors = {
                renamed.get(name, name): found
                for name, found in error.field_errors.items()
            }
        add_service_errors(form, error)

    return _refused(on_form)


def errors_as_message(
    request: HttpRequest,
    *,
    text: str = "%(reason)s",
    level: int = messages.ERROR,
    form: forms.BaseForm | None = None,
) -> AbstractContextManager[Refusal]:
    """Say a refusal in a flash message on the next page.

    `text` frames the message (`%(reason)s` is the refusal's). With a `form`, the
    errors that name one of its fields are shown on that field as well.
    """

    def in_message(error: ApplicationError) -> None:
        messages.add_message(request, level, text % {"reason": error.message})
        if form is not None:
            for field, found in error.field_errors.items():
                if field in form.fields:
                    for message in found:
                        form.add_error(field, message)

    return _refused(in_message)


def errors_on_form_and_rows(
    form: forms.BaseForm, rows: Mapping[str, RowsFormSet]
) -> AbstractContextManager[Refusal]:
    """`errors_on_form`, with the errors a service names `<part>.<row>.<field>` shown
    on that row of the part's formset (e.g. `counts.1.area`)."""

    def on_form(error: ApplicationError) -> None:
        rest: dict[str, list[str]] = {}
        for key, found in error.field_errors.items():
            part, _dot, tail = key.partition(".")
            index, _dot, name = tail.partition(".")
            formset = rows.get(part)
            if formset is None or not index.isdigit():
                rest[key] = found
            elif not formset.add_row_errors(int(index), name, found):
                rest[part] = found
        error.field_errors = rest
        add_service_errors(form, error)

    return _refused(on_form)
