"""The national definition pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from countries.models import Country
from countries.selectors import country_get
from surveys import access, audit
from surveys.entities import classification as entities_classification
from surveys.form_helpers import edit_refusal, posted_at_version
from surveys.models import (
    DEFINITION_ELEMENTS,
    NationalDefinition,
)
from surveys.records import selectors as records_selectors
from surveys.records import services as records_services
from surveys.records.forms import (
    DefinitionForm,
    definition_element_forms,
)
from surveys.records.views import (
    _conflict_rows,
    _country_for_create,
)
from surveys.review.views import workflow_context
from surveys.view_errors import errors_as_message, errors_as_pages, errors_on_form

# --- National definition ------------------------------------------------------------------


@login_required
@errors_as_pages
def definition_list(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    return render(
        request,
        "surveys/records/definition_list.html",
        {
            "country": country,
            "definitions": records_selectors.national_definition_list(
                user=request.user, country=country
            ).order_by("-number"),
            "rule_in_force": entities_classification.national_rule(country).version,
            "can_create": access.can(request.user, "record.create", country=country),
        },
    )


@login_required
@errors_as_pages
def definition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    definition = records_selectors.national_definition_get(user=request.user, pk=pk)
    return render(
        request,
        "surveys/records/definition_detail.html",
        {
            "record": definition,
            "country": definition.country,
            "elements": _elements_in_order(definition),
            "in_force": entities_classification.national_rule(
                definition.country
            ).version
            == definition.rule_version,
            "can_edit": access.can(request.user, "record.edit", definition),
            "history": audit.record_history(record=definition),
            **workflow_context(request, definition),
        },
    )


def _elements_in_order(definition: NationalDefinition) -> list[Any]:
    order = {code: index for index, (code, _label) in enumerate(DEFINITION_ELEMENTS)}
    return sorted(definition.elements.all(), key=lambda e: order.get(e.element, 99))


def _report_reclassification(
    request: HttpRequest,
    outcome: entities_classification.Reclassification,
    country: Country,
) -> None:
    if not outcome.rule_changed:
        return
    if outcome.queued:
        messages.info(
            request,
            _(
                "The classification rule changed. The entities of %(country)s are being "
                "re-classified in the background; counts update in a few minutes."
            )
            % {"country": country.name},
        )
    elif outcome.changed:
        messages.info(
            request,
            ngettext(
                "The classification rule changed: %(count)d entity was re-classified.",
                "The classification rule changed: %(count)d entities were re-classified.",
                outcome.changed,
            )
            % {"count": outcome.changed},
        )
    else:
        messages.info(
            request,
            _(
                "The classification rule changed; no entity's classification changed "
                "with it."
            ),
        )


@login_required
@errors_as_pages
def definition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    definition = records_selectors.national_definition_get(user=request.user, pk=pk)
    detail_url = reverse("definition-detail", args=[definition.pk])
    refusal = edit_refusal(request, definition, detail_url)
    if refusal is not None:
        return refusal
    if request.method != "POST":
        form = DefinitionForm(
            instance=definition, initial={"version": definition.version}
        )
        return _render_definition_form(
            request, definition, form, definition_element_forms(definition)
        )
    form = DefinitionForm(request.POST, instance=definition)
    element_forms = definition_element_forms(definition, request.POST)
    # Every form is validated, so that each shows its own errors.
    elements_valid = [f.is_valid() for f in element_forms]
    if form.is_valid() and all(elements_valid):
        with errors_on_form(form) as refused:
            definition, outcome = records_services.national_definition_update_reported(
                definition=definition,
                by=request.user,
                data=form.service_data(),
                elements={
                    f.element.element: f.cleaned_data  # type: ignore[attr-defined]
                    for f in element_forms
                },
                expected_version=form.expected_version,
            )
            messages.success(
                request, _("Saved “%(title)s”.") % {"title": definition.title}
            )
            _report_reclassification(request, outcome, definition.country)
            return redirect(detail_url)
        if refused.conflict:
            current = records_selectors.national_definition_get(
                user=request.user, pk=pk
            )
            rows = _conflict_rows(form, current, names=list(form._meta.fields or ()))
            current_elements = {e.element: e for e in current.elements.all()}
            for element_form in element_forms:
                code = element_form.element.element  # type: ignore[attr-defined]
                if code in current_elements:
                    rows += _conflict_rows(
                        element_form,
                        current_elements[code],
                        names=list(element_form._meta.fields or ()),
                        prefix_label=f"{code} · ",
                    )
            data = posted_at_version(request, current.version)
            return _render_definition_form(
                request,
                current,
                DefinitionForm(data, instance=current),
                definition_element_forms(current, data),
                status=409,
                conflict={"message": refused.conflict.message, "rows": rows},
            )
    return _render_definition_form(request, definition, form, element_forms, status=400)


def _render_definition_form(
    request: HttpRequest,
    definition: NationalDefinition,
    form: DefinitionForm,
    element_forms: list[Any],
    *,
    status: int = 200,
    conflict: dict[str, Any] | None = None,
) -> HttpResponse:
    order = {code: index for index, (code, _label) in enumerate(DEFINITION_ELEMENTS)}
    element_forms = sorted(
        element_forms, key=lambda f: order.get(f.element.element, 99)
    )
    return render(
        request,
        "surveys/records/definition_form.html",
        {
            "record": definition,
            "country": definition.country,
            "form": form,
            "element_forms": element_forms,
            "conflict": conflict,
        },
        status=status,
    )


@login_required
@errors_as_pages
@require_POST
def definition_create(request: HttpRequest, code: str) -> HttpResponse:
    """Start a new version from the newest one, then edit it."""
    country = _country_for_create(request, code)
    with errors_as_message(request):
        definition, outcome = records_services.national_definition_create_reported(
            country=country, by=request.user, data={}
        )
        messages.success(request, _started_message(definition))
        _report_reclassification(request, outcome, country)
        return redirect("definition-edit", pk=definition.pk)
    return redirect("definition-list", code=country.code)


def _started_message(definition: NationalDefinition) -> str:
    if definition.number == 1:
        return _(
            "Version 1 started from the international definition (ILC 2022), every "
            "element adopted. Adapt it below."
        )
    return _(
        "Version %(number)d started as a copy of version %(previous)d. Adapt it below."
    ) % {"number": definition.number, "previous": definition.number - 1}
