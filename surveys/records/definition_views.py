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
from countries.names import country_name
from countries.selectors import country_get
from countries.vocabularies import Classification, SseType, WorkflowState
from surveys import access, audit
from surveys.entities import classification as entities_classification
from surveys.form_helpers import edit_refusal, posted_at_version
from surveys.models import (
    DEFINITION_ELEMENTS,
    NationalDefinition,
)
from surveys.principles import (
    CRITERIA,
    ILC_2022_TEXT,
    CriterionTreatment,
    NamedCase,
    NationalRule,
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
from surveys.review import comments as review_comments
from surveys.review.views import workflow_context
from surveys.submit_once import submitted_once
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
            "rule_provisional": entities_classification.national_rule(
                country
            ).provisional,
        },
    )


@login_required
@errors_as_pages
def definition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    definition = records_selectors.national_definition_get(user=request.user, pk=pk)
    in_force = entities_classification.national_rule(definition.country)
    return render(
        request,
        "surveys/records/definition_detail.html",
        {
            "record": definition,
            "country": definition.country,
            "elements": _elements_in_order(definition),
            "in_force": in_force.version == definition.rule_version,
            "rule_provisional": in_force.provisional,
            **_rule_context(definition),
            **_effect_context(definition),
            "can_edit": access.can(request.user, "record.edit", definition),
            "history": audit.record_history(record=definition),
            **workflow_context(request, definition),
        },
    )


def _rule_context(definition: NationalDefinition) -> dict[str, Any]:
    """The definition's rule as a person reads it: thresholds, named cases, treatments."""
    rule = entities_classification.definition_rule(definition)
    treatments = dict(CriterionTreatment.choices)
    types = dict(SseType.choices)
    return {
        "rule": rule,
        "registration_types": [
            str(types[t]) for t in sorted(rule.registration_required_types)
        ],
        "cases": [label for code, label in NamedCase.choices if code in rule.cases],
        "criterion_rows": [(c, treatments[rule.treatments[c.code]]) for c in CRITERIA],
    }


def _effect_context(definition: NationalDefinition) -> dict[str, Any]:
    """What the draft would change: the stored summary of the draft-effect job."""
    effect = definition.draft_effect or {}
    labels = dict(Classification.choices)
    computed_at = effect.get("computed_at")
    return {
        "effect": effect,
        "effect_summary": entities_classification.effect_summary(effect)
        if effect
        else "",
        "effect_computed_at": computed_at[:16].replace("T", " ") if computed_at else "",
        "effect_stale": effect.get("definition_version") != definition.version,
        "moved": [
            {
                **row,
                "from_label": labels.get(row["from"], row["from"]),
                "to_label": labels.get(row["to"], row["to"]),
            }
            for row in effect.get("moved", [])
        ],
    }


def _elements_in_order(definition: NationalDefinition) -> list[Any]:
    order = {code: index for index, (code, _label) in enumerate(DEFINITION_ELEMENTS)}
    return sorted(definition.elements.all(), key=lambda e: order.get(e.element, 99))


def _report_reclassification(
    request: HttpRequest,
    outcome: entities_classification.Reclassification,
    country: Country,
    definition: NationalDefinition | None = None,
) -> None:
    if not outcome.rule_changed:
        if definition is not None and definition.draft_effect.get("status"):
            messages.info(
                request,
                _(
                    "This version is not in force, so no entity was re-classified. "
                    "Which entities would move if it were validated is computed in "
                    "the background and shown on its page."
                ),
            )
        return
    if outcome.queued:
        messages.info(
            request,
            _(
                "The classification rule changed. The entities of %(country)s are being "
                "re-classified in the background; counts update in a few minutes."
            )
            % {"country": country_name(country)},
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
            review_comments.comment_resolutions_save(
                record=definition,
                by=request.user,
                resolved=review_comments.resolved_posted(request.POST),
            )
            messages.success(
                request, _("Saved “%(title)s”.") % {"title": definition.title}
            )
            _report_reclassification(request, outcome, definition.country, definition)
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
@submitted_once
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


@login_required
def definition_compare(request: HttpRequest) -> HttpResponse:
    """The national definitions side by side, criterion by criterion, after the ILC
    2022 text and default rule: each country's version in force, else its newest."""
    newest: dict[str, NationalDefinition] = {}
    for definition in (
        records_selectors.national_definition_list(user=request.user)
        .exclude(workflow_state=WorkflowState.REJECTED)
        .prefetch_related("elements")
        .order_by("country__name", "-number")
    ):
        current = newest.get(definition.country_id)
        if current is None or (
            definition.workflow_state == WorkflowState.VALIDATED
            and current.workflow_state != WorkflowState.VALIDATED
        ):
            newest[definition.country_id] = definition
    columns = list(newest.values())
    rules = [entities_classification.definition_rule(d) for d in columns]
    default = NationalRule()
    treatments = dict(CriterionTreatment.choices)
    elements = [
        {e.element: e for e in definition.elements.all()} for definition in columns
    ]

    def threshold(rule: NationalRule, name: str) -> str:
        value = getattr(rule, name)
        return "—" if value in (None, 0) else f"{value}"

    rows = [
        {
            "code": c.code,
            "label": c.label,
            "ilc": treatments[default.treatments[c.code]],
            "cells": [treatments[r.treatments[c.code]] for r in rules],
        }
        for c in CRITERIA
    ]
    thresholds = [
        {
            "label": label,
            "ilc": threshold(default, name),
            "cells": [threshold(r, name) for r in rules],
        }
        for name, label in (
            ("max_surplus_on_capital_pct", _("P4.2: most surplus paid on capital (%)")),
            (
                "max_income_share_one_source_pct",
                _("P3.3: flag above this share of income from one source (%)"),
            ),
            ("minimum_members", _("P1.3: minimum members")),
            ("minimum_years_operating", _("Minimum years of operation")),
        )
    ]
    element_rows = [
        {
            "label": label,
            "cells": [by_code.get(code) for by_code in elements],
        }
        for code, label in DEFINITION_ELEMENTS
    ]
    return render(
        request,
        "surveys/records/definition_compare.html",
        {
            "columns": columns,
            "ilc_text": ILC_2022_TEXT,
            "rows": rows,
            "thresholds": thresholds,
            "element_rows": element_rows,
        },
    )
