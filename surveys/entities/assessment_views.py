"""The principles assessment page and the live classification preview."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from countries.selectors import country_get
from countries.vocabularies import (
    Classification,
    Rating,
    RegistrationStatus,
)
from surveys import access
from surveys.entities import classification as entities_classification
from surveys.entities import selectors as entities_selectors
from surveys.entities import services as entities_services
from surveys.entities.assessment_display import _assessment_of, _principle_results
from surveys.entities.forms import AssessmentForm
from surveys.entities.page_helpers import (
    _conflict_rows,
    _form_status,
)
from surveys.form_helpers import edit_refusal, posted_at_version
from surveys.models import Entity
from surveys.principles import (
    CRITERIA,
    VALUES,
    ClassificationResult,
)
from surveys.principles.reasons import reasons_text
from surveys.view_errors import errors_as_pages, errors_on_form


@login_required
@errors_as_pages
def entity_assessment_view(request: HttpRequest, pk: int) -> HttpResponse:
    entity = entities_selectors.entity_get(user=request.user, pk=pk)
    refusal = edit_refusal(request, entity, reverse("entity-detail", args=[entity.pk]))
    if refusal:
        return refusal
    assessment = _assessment_of(entity)
    form = AssessmentForm(request.POST or None, entity=entity, assessment=assessment)
    conflict = None
    if request.method == "POST" and form.is_valid():
        with errors_on_form(form) as refused:
            entities_services.assessment_save(
                entity=entity,
                by=request.user,
                data=form.service_data(),
                expected_version=form.cleaned_data["version"],
            )
            messages.success(
                request,
                _("Assessment saved: %(label)s.")
                % {
                    "label": Entity.objects.get(
                        pk=entity.pk
                    ).get_classification_display()
                },
            )
            return redirect(reverse("entity-detail", args=[entity.pk]) + "#assessment")
        if refused.conflict:
            entity = entities_selectors.entity_get(user=request.user, pk=pk)
            assessment = _assessment_of(entity)
            conflict = {
                "message": refused.conflict.message,
                "rows": _conflict_rows(
                    form,
                    {
                        name: getattr(assessment, name) if assessment else None
                        for name in form.service_data()
                    },
                ),
            }
            form = AssessmentForm(
                posted_at_version(request, entity.version),
                entity=entity,
                assessment=assessment,
            )
    return render(
        request,
        "surveys/entities/entity_assessment.html",
        {
            "country": entity.country,
            "entity": entity,
            "form": form,
            "conflict": conflict,
            "principle_results": _principle_results(
                assessment.ratings() if assessment else {}
            ),
            "preview_url": reverse(
                "classification-preview", args=[entity.country.code]
            ),
        },
        status=409 if conflict else _form_status(form),
    )


def _preview_json(result: ClassificationResult) -> dict[str, Any]:
    return {
        "classification": result.classification,
        "label": str(Classification(result.classification).label),
        "principles": {
            code: {"rating": rating, "label": str(Rating(rating).label)}
            for code, rating in result.principles.items()
        },
        "reasons": reasons_text(result.reasons),
        "rule_version": result.rule_version,
        "provisional": result.provisional,
        "mismatches": result.mismatches,
    }


@login_required
@require_POST
def classification_preview_view(request: HttpRequest, code: str) -> JsonResponse:
    """The classification the ratings being typed would give, without saving them."""
    country = country_get(user=request.user, code=code)
    if not access.can(request.user, "record.create", country=country):
        return JsonResponse(
            {"detail": _("Only the national consultants can assess entities.")},
            status=403,
        )
    ratings = {}
    for criterion in (*CRITERIA, *VALUES):
        value = request.POST.get(criterion.field, Rating.UNKNOWN)
        ratings[criterion.code] = value if value in Rating.values else Rating.UNKNOWN
    registration_status = request.POST.get("registration_status", "")
    year_established = request.POST.get("year_established", "")
    share = request.POST.get("income_share_largest_funder", "")
    income_share = int(share) if share.isdigit() and int(share) <= 100 else None
    facts = None
    if request.POST.get("entity", "").isdigit():
        # The entity's own fields count, as they will when saved.
        entity = get_object_or_404(
            entities_selectors.entity_list(user=request.user, country=country),
            pk=int(request.POST["entity"]),
        )
        latest = entity.figures.order_by("-reference_year").first()
        facts = dataclasses.replace(
            entities_classification.entity_facts(
                entity,
                assessment=None,
                members=latest.members_total if latest else None,  # type: ignore[attr-defined]
            ),
            income_share_largest_funder=income_share,
        )
    result = entities_classification.classification_preview(
        facts=facts,
        country=country,
        ratings=ratings,
        registration_status=(
            registration_status
            if registration_status in RegistrationStatus.values
            else ""
        ),
        year_established=int(year_established) if year_established.isdigit() else None,
    )
    return JsonResponse(_preview_json(result))
