"""What every findings form shares: Bootstrap classes and the service-error path."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, QueryDict

from sse_mapping.exceptions import ApplicationError


class StyledFormMixin:
    """Give every widget the Bootstrap class it needs, so templates stay plain."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.CheckboxSelectMultiple):
                css = ""
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def posted_at_version(request: HttpRequest, version: int) -> QueryDict:
    """What the user typed, with the hidden version moved on so saving again works.

    After a conflict the form is bound to this: the person keeps their input and, once
    they have compared it with the saved version, can save over it.
    """
    data = request.POST.copy()
    data["version"] = str(version)
    return data


def add_service_errors(form: forms.BaseForm, error: ApplicationError) -> None:
    """Show a service's refusal on the form: per field where it names one, else on top.

    The form keeps what the user typed, because it is re-rendered bound.
    """
    placed = False
    for field, messages in error.field_errors.items():
        for message in messages:
            if field in form.fields:
                form.add_error(field, message)
                placed = True
            else:
                form.add_error(None, f"{field}: {message}")
                placed = True
    if not placed:
        form.add_error(None, error.message)
