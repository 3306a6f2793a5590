"""Checks as you type: the entity and figures forms post what is typed so far and
get back the server's own verdict, before anything is saved.

The answer: {"errors": {field: [message]}, "warnings": {field: [message]},
"missing": [what is still needed before submission], "hidden": [fields that do not
apply]}. Nothing is written.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from countries.models import Country
from countries.selectors import country_get
from surveys.display import area_label
from surveys.entities import selectors as entities_selectors
from surveys.entities import services as entities_services
from surveys.entities.applicability import inapplicable_fields
from surveys.entities.derived import geo_mismatch, geo_mismatch_message
from surveys.entities.forms import EntityForm, FiguresForm
from surveys.form_helpers import page_require
from surveys.models import Entity, EntityFigures
from surveys.record_types import missing_for_submission
from surveys.view_errors import errors_as_pages


def _form_errors(form: forms.BaseForm) -> dict[str, list[str]]:
    """What the form could not read, by field; an untouched version says nothing."""
    form.is_valid()
    return {
        name: [str(message) for message in messages]
        for name, messages in form.errors.items()
        if name not in ("__all__", "version")
    }


def _merged(*sources: dict[str, list[str]]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for source in sources:
        for name, messages in source.items():
            merged.setdefault(name, []).extend(
                m for m in messages if m not in merged.get(name, [])
            )
    return merged


def _entity_answer(
    form: EntityForm, entity: Entity | None, country: Country
) -> JsonResponse:
    parse_errors = _form_errors(form)
    rule_errors, draft = entities_services.entity_draft_check(
        country=country, data=form.cleaned_data, entity=entity
    )
    warnings: dict[str, list[str]] = {}
    outside = geo_mismatch(draft) if draft.area is not None else None
    if outside is not None and draft.area is not None:
        message = geo_mismatch_message(outside, area_label(draft.area))
        warnings = {"longitude": [message]}
    return JsonResponse(
        {
            "errors": _merged(parse_errors, rule_errors),
            "warnings": warnings,
            "missing": missing_for_submission(draft),
            "hidden": inapplicable_fields(form.cleaned_data),
        }
    )


@login_required
@errors_as_pages
@require_POST
def entity_create_check_view(request: HttpRequest, code: str) -> JsonResponse:
    country = country_get(user=request.user, code=code)
    page_require(request, "record.create", country=country)
    return _entity_answer(EntityForm(request.POST, country=country), None, country)


@login_required
@errors_as_pages
@require_POST
def entity_edit_check_view(request: HttpRequest, pk: int) -> JsonResponse:
    entity = entities_selectors.entity_get(user=request.user, pk=pk)
    page_require(request, "record.edit", entity)
    form = EntityForm(request.POST, country=entity.country, entity=entity)
    return _entity_answer(form, entity, entity.country)


@login_required
@errors_as_pages
@require_POST
def entity_figures_check_view(
    request: HttpRequest, pk: int, year: int | None = None
) -> JsonResponse:
    entity = entities_selectors.entity_get(user=request.user, pk=pk)
    page_require(request, "record.edit", entity)
    figures = (
        EntityFigures.objects.filter(entity=entity, reference_year=year).first()
        if year is not None
        else None
    )
    form = FiguresForm(
        request.POST,
        entity=entity,
        sources=entities_selectors.source_list(
            user=request.user, country=entity.country
        ),
        figures=figures,
    )
    parse_errors = _form_errors(form)
    reference_year = form.cleaned_data.get("reference_year") or year
    rule_errors = entities_services.figures_draft_check(
        entity=entity, reference_year=reference_year, data=form.cleaned_data
    )
    return JsonResponse(
        {
            "errors": _merged(parse_errors, rule_errors),
            "warnings": {},
            "missing": [],
            "hidden": [],
        }
    )
