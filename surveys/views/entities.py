"""The consultants' pages for SSE entities: list, form, figures, assessment, detail.

Each view parses a form, calls one selector or service and renders. Reads go through
the selectors, so another country's entity is a 404; a role that may read but not
write gets a 403 on the writing pages.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Model, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from countries.models import Country, IsicCode
from countries.selectors import AnyUser, country_get
from countries.vocabularies import (
    Classification,
    ModerationFlag,
    Rating,
    RegistrationStatus,
    TargetGroup,
)
from sse_mapping.exceptions import ApplicationError, ConflictError, NotAllowedError
from surveys import selectors, services
from surveys.filters import ENTITY_PAGE_SIZE, EntityFilter, area_label
from surveys.form_helpers import add_service_errors
from surveys.forms import AssessmentForm, EntityForm, FiguresForm, SourceForm
from surveys.models import Entity, EntityFigures, PrinciplesAssessment
from surveys.paging import IdsFirstPaginator
from surveys.principles import (
    CRITERIA,
    FLAG_ONLY,
    PRINCIPLES,
    VALUES,
    ClassificationResult,
    principle_rating,
)
from surveys.views.review import workflow_context

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


# --- Access --------------------------------------------------------------------------


def _require_consultant(user: AnyUser, country: Country) -> None:
    if not selectors.can_create_records(user=user, country=country):
        raise PermissionDenied(
            _("Only the national consultants of %(country)s can change its entities.")
            % {"country": country.name}
        )


def _refuse_edit(request: HttpRequest, entity: Entity) -> HttpResponse | None:
    """403 for a role that cannot edit; back to the record when its state is locked."""
    _require_consultant(request.user, entity.country)
    if not selectors.can_edit(user=request.user, record=entity):
        messages.error(
            request,
            _("This entity is %(state)s and cannot be changed until the review ends.")
            % {"state": entity.get_workflow_state_display()},
        )
        return redirect("entity-detail", pk=entity.pk)
    return None


# --- Showing values --------------------------------------------------------------------


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or (hasattr(value, "__len__") and not value)


def _comparable(value: Any) -> Any:
    """A value that compares equal however it was loaded (typed, stored, related)."""
    if _is_empty(value):
        return None
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, QuerySet | list | tuple | set):
        return sorted(str(_comparable(v)) for v in value)
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def _shown(field: forms.Field, value: Any) -> str | None:
    """A value as a person reads it in the form, e.g. a choice's label."""
    if _is_empty(value):
        return None
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Model):
        label = getattr(field, "label_from_instance", str)
        return str(label(value))
    if isinstance(value, QuerySet | list | tuple | set):
        return ", ".join(str(_shown(field, v)) for v in value)
    choices = dict(getattr(field, "choices", None) or [])
    if choices and not isinstance(field, forms.ModelChoiceField):
        return str(choices.get(value, value))
    return str(value)


def _conflict_rows(
    form: forms.BaseForm, saved: dict[str, Any]
) -> list[tuple[str, str | None, str | None]]:
    """(label, what the user typed, what is saved now) where the two differ."""
    rows = []
    for name, now in saved.items():
        field = form.fields[name]
        yours = form.cleaned_data.get(name)
        if _comparable(yours) != _comparable(now):
            rows.append((str(field.label), _shown(field, yours), _shown(field, now)))
    return rows


def _rebound_at_version(request: HttpRequest, version: int) -> Any:
    """What the user typed, with the hidden version moved on so saving again works."""
    data = request.POST.copy()
    data["version"] = str(version)
    return data


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


def _form_status(form: forms.BaseForm) -> int:
    return 400 if form.is_bound and form.errors else 200


# --- List ------------------------------------------------------------------------------


@login_required
@require_GET
def entity_list_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    entity_filter = EntityFilter(
        request.GET or None,
        queryset=selectors.entity_list_in_country(user=request.user, country=country),
        country=country,
    )
    page = IdsFirstPaginator(entity_filter.qs, ENTITY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    filtering = any(
        request.GET.get(name) for name in entity_filter.filters if name != "sort"
    )
    return render(
        request,
        "surveys/entity_list.html",
        {
            "country": country,
            "filter": entity_filter,
            "page": page,
            "filtering": filtering,
            "can_add": selectors.can_create_records(user=request.user, country=country),
        },
    )


# --- Create and edit -------------------------------------------------------------------


@login_required
def entity_create_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    _require_consultant(request.user, country)
    form = EntityForm(request.POST or None, country=country)
    duplicates: list[Entity] = []
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        if not form.cleaned_data["confirm_different"]:
            duplicates = services.possible_duplicates(
                country=country,
                name_local=data.get("name_local", ""),
                name_en=data.get("name_en", ""),
                area=data.get("area"),
            )
        if not duplicates:
            try:
                entity = services.entity_create(
                    country=country, by=request.user, data=data
                )
            except NotAllowedError as error:
                raise PermissionDenied(error.message) from error
            except ApplicationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Entity %(code)s saved as a draft.") % {"code": entity.code},
                )
                return redirect("entity-detail", pk=entity.pk)
    return render(
        request,
        "surveys/entity_form.html",
        {"country": country, "form": form, "duplicates": duplicates},
        status=_form_status(form),
    )


@login_required
def entity_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    entity = selectors.entity_get(user=request.user, pk=pk)
    refusal = _refuse_edit(request, entity)
    if refusal:
        return refusal
    form = EntityForm(request.POST or None, country=entity.country, entity=entity)
    conflict = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.entity_update(
                entity=entity,
                by=request.user,
                data=form.service_data(),
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError as error:
            entity = selectors.entity_get(user=request.user, pk=pk)
            conflict = {
                "message": error.message,
                "rows": _conflict_rows(
                    form, _entity_values(entity, tuple(form.service_data()))
                ),
            }
            form = EntityForm(
                _rebound_at_version(request, entity.version),
                country=entity.country,
                entity=entity,
            )
            status = 409
        except NotAllowedError as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect("entity-detail", pk=entity.pk)
    return render(
        request,
        "surveys/entity_form.html",
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
def entity_figures_view(
    request: HttpRequest, pk: int, year: int | None = None
) -> HttpResponse:
    entity = selectors.entity_get(user=request.user, pk=pk)
    refusal = _refuse_edit(request, entity)
    if refusal:
        return refusal
    figures = (
        get_object_or_404(EntityFigures, entity=entity, reference_year=year)
        if year is not None
        else None
    )
    sources = selectors.source_list(user=request.user, country=entity.country)
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
        try:
            services.figures_save(
                entity=entity,
                by=request.user,
                reference_year=reference_year,
                data=form.service_data(),
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError as error:
            entity = selectors.entity_get(user=request.user, pk=pk)
            saved = EntityFigures.objects.filter(
                entity=entity, reference_year=reference_year
            ).first()
            conflict = {
                "message": error.message,
                "rows": _conflict_rows(
                    form,
                    {
                        name: getattr(saved, name) if saved else None
                        for name in form.service_data()
                    },
                ),
            }
            form = FiguresForm(
                _rebound_at_version(request, entity.version),
                entity=entity,
                sources=sources.order_by("title"),
                figures=figures,
            )
        except NotAllowedError as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Figures for %(year)s saved.") % {"year": reference_year},
            )
            return redirect(reverse("entity-detail", args=[entity.pk]) + "#figures")
    return render(
        request,
        "surveys/entity_figures.html",
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
@require_POST
def entity_figures_delete_view(
    request: HttpRequest, pk: int, year: int
) -> HttpResponse:
    entity = selectors.entity_get(user=request.user, pk=pk)
    refusal = _refuse_edit(request, entity)
    if refusal:
        return refusal
    get_object_or_404(EntityFigures, entity=entity, reference_year=year)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        services.figures_delete(
            entity=entity,
            by=request.user,
            reference_year=year,
            expected_version=version,
        )
    except NotAllowedError as error:
        raise PermissionDenied(error.message) from error
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Figures for %(year)s deleted.") % {"year": year})
    return redirect(reverse("entity-detail", args=[entity.pk]) + "#figures")


# --- Principles assessment --------------------------------------------------------------


def _principle_results(ratings: dict[str, str]) -> list[dict[str, Any]]:
    """Each principle's result from its criteria, by the rule in surveys.principles."""
    return [
        {
            "code": code,
            "name": name,
            "rating": (
                rating := principle_rating(
                    [
                        ratings.get(c.code, Rating.UNKNOWN)
                        for c in CRITERIA
                        if c.principle == code and c.code not in FLAG_ONLY
                    ]
                )
            ),
            "label": Rating(rating).label,
        }
        for code, name in PRINCIPLES.items()
    ]


def _assessment_of(entity: Entity) -> PrinciplesAssessment | None:
    try:
        return entity.assessment
    except PrinciplesAssessment.DoesNotExist:
        return None


@login_required
def entity_assessment_view(request: HttpRequest, pk: int) -> HttpResponse:
    entity = selectors.entity_get(user=request.user, pk=pk)
    refusal = _refuse_edit(request, entity)
    if refusal:
        return refusal
    assessment = _assessment_of(entity)
    form = AssessmentForm(request.POST or None, entity=entity, assessment=assessment)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(
                entity=entity,
                by=request.user,
                data=form.service_data(),
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError as error:
            entity = selectors.entity_get(user=request.user, pk=pk)
            assessment = _assessment_of(entity)
            conflict = {
                "message": error.message,
                "rows": _conflict_rows(
                    form,
                    {
                        name: getattr(assessment, name) if assessment else None
                        for name in form.service_data()
                    },
                ),
            }
            form = AssessmentForm(
                _rebound_at_version(request, entity.version),
                entity=entity,
                assessment=assessment,
            )
        except NotAllowedError as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            add_service_errors(form, error)
        else:
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
    return render(
        request,
        "surveys/entity_assessment.html",
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
        "reasons": result.reasons,
        "rule_version": result.rule_version,
    }


@login_required
@require_POST
def classification_preview_view(request: HttpRequest, code: str) -> JsonResponse:
    """The classification the ratings being typed would give, without saving them."""
    country = country_get(user=request.user, code=code)
    if not selectors.can_create_records(user=request.user, country=country):
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
    if request.POST.get("entity", "").isdigit():
        # The entity's own registration and age count, as they will when saved.
        entity = get_object_or_404(
            selectors.entity_list(user=request.user, country=country),
            pk=int(request.POST["entity"]),
        )
        registration_status = entity.registration_status
        year_established = str(entity.year_established or "")
    result = services.classification_preview(
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


# --- Detail ----------------------------------------------------------------------------


def _shown_field(entity: Entity, name: str, isic_titles: dict[str, str]) -> Any:
    field = Entity._meta.get_field(name)
    if name == "other_areas":
        return ", ".join(area_label(a) for a in entity.other_areas.all())
    if name == "other_activities":
        return ", ".join(
            f"{code} {isic_titles.get(code, '')}".strip()
            for code in entity.other_activities
        )
    if name == "target_groups":
        labels = dict(TargetGroup.choices)
        return ", ".join(str(labels.get(g, g)) for g in entity.target_groups)
    if name == "area" and entity.area:
        label = area_label(entity.area)
        if not entity.area.is_current:
            label = _("%(area)s (former unit, now part of %(current)s)") % {
                "area": label,
                "current": entity.area.current_successor().name_en,
            }
        return label
    if getattr(field, "choices", None):
        return getattr(entity, f"get_{name}_display")()
    value = getattr(entity, name)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal):
        # Coordinates are stored with six decimals; show what was typed.
        return f"{value.normalize():f}"
    return value


def _entity_sections(entity: Entity) -> list[tuple[Any, list[tuple[Any, Any]]]]:
    codes = [entity.main_activity_id or "", *entity.other_activities]
    isic_titles = dict(
        IsicCode.objects.filter(code__in=codes).values_list("code", "title")
    )
    return [
        (
            title,
            [
                (
                    getattr(Entity._meta.get_field(name), "verbose_name", name),
                    _shown_field(entity, name, isic_titles),
                )
                for name in names
            ],
        )
        for _key, title, names in EntityForm.SECTIONS
    ]


def _assessment_groups(assessment: PrinciplesAssessment) -> list[dict[str, Any]]:
    groups = []
    for code, name in [*PRINCIPLES.items(), ("V", _("Values"))]:
        criteria = (
            VALUES if code == "V" else [c for c in CRITERIA if c.principle == code]
        )
        groups.append(
            {
                "code": code,
                "name": name,
                "rows": [
                    {
                        "criterion": c,
                        "rating": getattr(assessment, c.field),
                        "label": getattr(assessment, f"get_{c.field}_display")(),
                        "evidence": getattr(
                            assessment, f"get_{c.field}_evidence_display"
                        )(),
                    }
                    for c in criteria
                ],
            }
        )
    return groups


@login_required
@require_GET
def entity_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    entity = selectors.entity_get(user=request.user, pk=pk)
    assessment = _assessment_of(entity)
    figures = [
        {
            "figures": f,
            "rows": f.rows(),
            **services.figures_gender_summary(f),
        }
        for f in entity.figures.all()
    ]
    duplicates = (
        services.possible_duplicates(
            country=entity.country,
            name_local=entity.name_local,
            name_en=entity.name_en,
            area=entity.area,
            exclude_pk=entity.pk,
        )
        if entity.flag_possible_duplicate
        else []
    )
    return render(
        request,
        "surveys/entity_detail.html",
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
            "missing": services.missing_for_submission(entity),
            "can_edit": selectors.can_edit(user=request.user, record=entity),
            "history": selectors.record_history(record=entity),
        },
    )


# --- Sources ---------------------------------------------------------------------------


@login_required
def source_list_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    can_add = selectors.can_create_records(user=request.user, country=country)
    if request.method == "POST" and not can_add:
        raise PermissionDenied(_("Only the national consultants can add sources."))
    form = SourceForm(request.POST or None) if can_add else None
    back = request.POST.get("next") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ""
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            source = services.source_create(
                country=country, by=request.user, data=form.cleaned_data
            )
        except NotAllowedError as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Source “%(title)s” added.") % {"title": source.title}
            )
            return redirect(back or reverse("source-list", args=[country.code]))
    return render(
        request,
        "surveys/source_list.html",
        {
            "country": country,
            "sources": selectors.source_list(user=request.user, country=country)
            .annotate(figure_count=Count("figures"))
            .order_by("title"),
            "form": form,
            "next": back,
        },
        status=_form_status(form) if form is not None else 200,
    )
