"""The entity pages: list, create, edit, figures and detail."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from countries.selectors import country_get
from countries.vocabularies import (
    ModerationFlag,
)
from surveys import access, audit, record_types
from surveys.display import display_field
from surveys.entities import affiliations as entities_affiliations
from surveys.entities import classification as entities_classification
from surveys.entities import derived as entities_derived
from surveys.entities import duplicates as entities_duplicates
from surveys.entities import selectors as entities_selectors
from surveys.entities import selectors as records_selectors
from surveys.entities import services as entities_services
from surveys.entities.assessment_display import (
    _assessment_groups,
    _assessment_of,
    _principle_results,
)
from surveys.entities.filters import ENTITY_PAGE_SIZE, EntityFilter
from surveys.entities.forms import AffiliationForm, EntityForm, FiguresForm
from surveys.entities.page_helpers import (
    _conflict_rows,
    _form_status,
)
from surveys.form_helpers import edit_refusal, page_require, posted_at_version
from surveys.models import Entity, EntityFigures
from surveys.paging import FROM_THE_END, KeysetPage
from surveys.review import comments as review_comments
from surveys.review.views import workflow_context
from surveys.submit_once import submitted_once
from surveys.view_errors import errors_as_message, errors_as_pages, errors_on_form

FLAG_EXPLANATIONS = {
    ModerationFlag.POSSIBLE_DUPLICATE: gettext_lazy(
        "Another entity in the same area has a very similar name. Check that they "
        "are not the same organisation."
    ),
    ModerationFlag.GEO_MISMATCH: gettext_lazy(
        "The coordinates lie far from the centre of the area it is recorded in. "
        "Check the area and the coordinates."
    ),
    ModerationFlag.DISAGG_INCONSISTENT: gettext_lazy(
        "In the latest figures, women or men are counted without a total, or more "
        "women sit on the board than are members."
    ),
    ModerationFlag.MISSING_REQUIRED: gettext_lazy(
        "Some information the committee needs is still missing (listed above)."
    ),
}


def _entity_values(entity: Entity, names: tuple[str, ...]) -> dict[str, Any]:
    values = {}
    for name in names:
        field = Entity._meta.get_field(name)
        values[name] = (
            list(getattr(entity, name).all())
            if field.many_to_many
            else getattr(entity, name)
        )
    return values


# --- List ------------------------------------------------------------------------------


@login_required
@errors_as_pages
@require_GET
def entity_list_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    entity_filter = EntityFilter(
        request.GET or None,
        queryset=entities_selectors.entity_list(user=request.user, country=country),
        country=country,
    )
    page = KeysetPage(
        entity_filter.qs,
        ENTITY_PAGE_SIZE,
        after=request.GET.get("after"),
        before=request.GET.get("before"),
    )
    filtering = any(
        request.GET.get(name) for name in entity_filter.filters if name != "sort"
    )
    return render(
        request,
        "surveys/entities/entity_list.html",
        {
            "country": country,
            "filter": entity_filter,
            "page": page,
            "from_the_end": FROM_THE_END,
            "filtering": filtering,
            "can_add": access.can(request.user, "record.create", country=country),
            "classification_provisional": entities_classification.national_rule(
                country
            ).provisional,
        },
    )


# --- Create and edit -------------------------------------------------------------------


@login_required
@submitted_once
@errors_as_pages
def entity_create_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    page_require(request, "record.create", country=country)
    form = EntityForm(request.POST or None, country=country)
    duplicates: list[Entity] = []
    if request.method == "POST" and form.is_valid():
        with errors_on_form(form):
            try:
                entity = entities_services.entity_create(
                    country=country,
                    by=request.user,
                    data=form.service_data(),
                    refuse_look_alikes=not form.cleaned_data["confirm_different"],
                )
            except entities_services.PossibleDuplicatesError as found:
                duplicates = found.duplicates
            else:
                messages.success(
                    request,
                    _("Entity %(code)s saved as a draft.") % {"code": entity.code},
                )
                return redirect("entity-detail", pk=entity.pk)
    return render(
        request,
        "surveys/entities/entity_form.html",
        {"country": country, "form": form, "duplicates": duplicates},
        status=_form_status(form),
    )


@login_required
@errors_as_pages
def entity_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    entity = entities_selectors.entity_get(user=request.user, pk=pk)
    refusal = edit_refusal(request, entity, reverse("entity-detail", args=[entity.pk]))
    if refusal:
        return refusal
    form = EntityForm(request.POST or None, country=entity.country, entity=entity)
    conflict = None
    status = 200
    if request.method == "POST" and form.is_valid():
        with errors_on_form(form) as refused:
            entities_services.entity_update(
                entity=entity,
                by=request.user,
                data=form.service_data(),
                expected_version=form.cleaned_data["version"],
            )
            review_comments.comment_resolutions_save(
                record=entity,
                by=request.user,
                resolved=review_comments.resolved_posted(request.POST),
            )
            messages.success(request, _("Your changes were saved."))
            return redirect("entity-detail", pk=entity.pk)
        if refused.conflict:
            entity = entities_selectors.entity_get(user=request.user, pk=pk)
            conflict = {
                "message": refused.conflict.message,
                "rows": _conflict_rows(
                    form, _entity_values(entity, tuple(form.service_data()))
                ),
            }
            form = EntityForm(
                posted_at_version(request, entity.version),
                country=entity.country,
                entity=entity,
            )
            status = 409
    return render(
        request,
        "surveys/entities/entity_form.html",
        {
            "country": entity.country,
            "entity": entity,
            "form": form,
            "conflict": conflict,
        },
        status=status if conflict else _form_status(form),
    )


# --- Figures ---------------------------------------------------------------------------


@login_required
@errors_as_pages
def entity_figures_view(
    request: HttpRequest, pk: int, year: int | None = None
) -> HttpResponse:
    entity = entities_selectors.entity_get(user=request.user, pk=pk)
    refusal = edit_refusal(request, entity, reverse("entity-detail", args=[entity.pk]))
    if refusal:
        return refusal
    figures = (
        get_object_or_404(EntityFigures, entity=entity, reference_year=year)
        if year is not None
        else None
    )
    sources = records_selectors.source_list(user=request.user, country=entity.country)
    form = FiguresForm(
        request.POST or None,
        entity=entity,
        sources=sources.order_by("title"),
        figures=figures,
        taken_years={f.reference_year for f in entity.figures.all()},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        reference_year = form.cleaned_data["reference_year"]
        with errors_on_form(form) as refused:
            entities_services.figures_save(
                entity=entity,
                by=request.user,
                reference_year=reference_year,
                data=form.service_data(),
                expected_version=form.cleaned_data["version"],
            )
            messages.success(
                request,
                _("Figures for %(year)s saved.") % {"year": reference_year},
            )
            return redirect(reverse("entity-detail", args=[entity.pk]) + "#figures")
        if refused.conflict:
            entity = entities_selectors.entity_get(user=request.user, pk=pk)
            saved = EntityFigures.objects.filter(
                entity=entity, reference_year=reference_year
            ).first()
            conflict = {
                "message": refused.conflict.message,
                "rows": _conflict_rows(
                    form,
                    {
                        name: getattr(saved, name) if saved else None
                        for name in form.service_data()
                    },
                ),
            }
            form = FiguresForm(
                posted_at_version(request, entity.version),
                entity=entity,
                sources=sources.order_by("title"),
                figures=figures,
            )
    return render(
        request,
        "surveys/entities/entity_figures.html",
        {
            "country": entity.country,
            "entity": entity,
            "figures": figures,
            "form": form,
            "conflict": conflict,
            "has_sources": sources.exists(),
        },
        status=409 if conflict else _form_status(form),
    )


@login_required
@errors_as_pages
@require_POST
def entity_figures_delete_view(
    request: HttpRequest, pk: int, year: int
) -> HttpResponse:
    entity = entities_selectors.entity_get(user=request.user, pk=pk)
    refusal = edit_refusal(request, entity, reverse("entity-detail", args=[entity.pk]))
    if refusal:
        return refusal
    get_object_or_404(EntityFigures, entity=entity, reference_year=year)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    with errors_as_message(request):
        entities_services.figures_delete(
            entity=entity,
            by=request.user,
            reference_year=year,
            expected_version=version,
        )
        messages.success(request, _("Figures for %(year)s deleted.") % {"year": year})
    return redirect(reverse("entity-detail", args=[entity.pk]) + "#figures")


# --- Detail ----------------------------------------------------------------------------


def _shown_field(entity: Entity, name: str) -> Any:
    shown = display_field(entity, name, empty=None)
    if name == "area" and entity.area and not entity.area.is_current:
        return _("%(area)s (former unit, now part of %(current)s)") % {
            "area": shown,
            "current": entity.area.current_successor().name_en,
        }
    return shown


def _entity_sections(entity: Entity) -> list[tuple[Any, list[tuple[Any, Any]]]]:
    return [
        (
            title,
            [
                (
                    getattr(Entity._meta.get_field(name), "verbose_name", name),
                    _shown_field(entity, name),
                )
                for name in names
            ],
        )
        for _key, title, names in EntityForm.SECTIONS
    ]


@login_required
@errors_as_pages
@require_GET
def entity_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    entity = entities_selectors.entity_get(user=request.user, pk=pk)
    assessment = _assessment_of(entity)
    women_led_rule = entities_derived.WomenLedRule.of(entity.country)
    figures = [
        {
            "figures": f,
            "rows": f.rows(),
            **entities_derived.figures_gender_summary(f, women_led_rule),
        }
        for f in entity.figures.all()
    ]
    duplicates = (
        entities_duplicates.possible_duplicates(
            country=entity.country,
            name_local=entity.name_local,
            name_en=entity.name_en,
            area=entity.area,
            exclude_pk=entity.pk,
        )
        if entity.flag_possible_duplicate
        else []
    )
    can_edit = access.can(request.user, "record.edit", entity)
    federations = entities_affiliations.federation_choices(entity)
    return render(
        request,
        "surveys/entities/entity_detail.html",
        {
            **workflow_context(request, entity),
            "country": entity.country,
            "entity": entity,
            "sections": _entity_sections(entity),
            "figures_by_year": figures,
            "assessment": assessment,
            "assessment_groups": _assessment_groups(assessment) if assessment else [],
            "principle_results": _principle_results(
                assessment.ratings() if assessment else {}
            ),
            "flags": [
                (ModerationFlag(flag).label, FLAG_EXPLANATIONS[ModerationFlag(flag)])
                for flag in entity.flags
            ],
            "duplicates": duplicates,
            "missing": record_types.missing_for_submission(entity),
            "can_edit": can_edit,
            "history": audit.record_history(record=entity),
            "affiliations": entity.affiliations.all(),
            "member_links": entity.member_links.select_related("member"),
            "affiliation_form": AffiliationForm(
                initial={"version": entity.version}, federations=federations
            )
            if can_edit and federations.exists()
            else None,
        },
    )
