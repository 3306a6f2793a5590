"""What every findings form shares: Bootstrap classes and the service-error path."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages as page_messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect

from countries.models import Country
from sse_mapping.exceptions import ApplicationError, NotAllowedError, NotVisibleError
from surveys import access
from surveys.models import WorkflowRecord
from surveys.review.comments import ReturnComments, return_comments_to_fix


class StyledFormMixin:
    """Give every widget the Bootstrap class it needs, so templates stay plain.

    A form editing a returned record also carries the committee's comments of that
    return (`return_comments`), which `surveys/_field.html` shows beside each field.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        instance = getattr(self, "instance", None)
        self.return_comments: ReturnComments | None = (
            return_comments_to_fix(instance)
            if isinstance(instance, WorkflowRecord)
            else None
        )
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


def page_require(
    request: HttpRequest,
    action: str,
    obj: Model | None = None,
    *,
    country: Country | None = None,
) -> None:
    """`access.require` for a page: 404 outside the user's countries, 403 for a role
    that may not act; a refusal of the record's state is left to the caller."""
    try:
        access.require(request.user, action, obj, country=country)
    except NotVisibleError as error:
        raise Http404(error.message) from error
    except NotAllowedError as error:
        raise PermissionDenied(error.message) from error


def edit_refusal(
    request: HttpRequest, record: Model, back_url: str
) -> HttpResponse | None:
    """403 for a role that may not edit the record; back to the record, saying why,
    when its state does not allow changes (e.g. it is with the committee)."""
    try:
        page_require(request, "record.edit", record)
    except ApplicationError as error:
        page_messages.warning(request, error.message)
        return redirect(back_url)
    return None


class RowsFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    """Rows of a record's part edited on the record's own form (a frame's counts, a
    gap's recommendations). It parses; the record's service checks and saves the rows.

    Blank extra rows are ignored, and rows marked for deletion left out. A post
    without the rows at all (a client that does not know them) leaves them as stored.
    """

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        prefix = kwargs.get("prefix") or self.get_default_prefix()
        self.omitted = data is not None and f"{prefix}-TOTAL_FORMS" not in data
        super().__init__(None if self.omitted else data, *args, **kwargs)
        self.row_forms: list[forms.Form] = []

    def is_valid(self) -> bool:
        return self.omitted or super().is_valid()

    def rows(self) -> list[dict[str, Any]]:
        """The rows to store, in order, once the formset is valid."""
        self.row_forms = []
        rows = []
        for form in self.forms:
            data = {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            self.row_forms.append(form)
            rows.append(data)
        return rows

    def add_row_errors(self, index: int, field: str, messages: list[str]) -> bool:
        """Show a service's error on the row it names; False when there is no such row."""
        if not 0 <= index < len(self.row_forms):
            return False
        form = self.row_forms[index]
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
        return True


def rows_all_valid(form: forms.BaseForm, rows: dict[str, RowsFormSet]) -> bool:
    """The record's form and its rows are valid; every formset is checked, so that
    all their errors show at once."""
    valid = [form.is_valid(), *(formset.is_valid() for formset in rows.values())]
    return all(valid)


def rows_data(rows: dict[str, RowsFormSet]) -> dict[str, list[dict[str, Any]]]:
    """The rows posted, by the part the service names; a part not posted is left out,
    so the service keeps it as stored."""
    return {
        part: formset.rows() for part, formset in rows.items() if not formset.omitted
    }
