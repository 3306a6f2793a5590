"""Case studies, capacity gaps, national priorities and the national definition.

Every read goes through a selector (another country's record answers 404), every write
through a service (a role that may only read answers 403, a stale form 409).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Model
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from countries.models import Country
from countries.selectors import country_get
from countries.vocabularies import PrioritySector, SseType
from sse_mapping.exceptions import ApplicationError, ConflictError, NotAllowedError
from surveys import selectors, services
from surveys.form_helpers import add_service_errors
from surveys.models import (
    DEFINITION_ELEMENTS,
    CapacityGap,
    CaseStudy,
    NationalDefinition,
    WorkflowRecord,
)
from surveys.record_forms import (
    AttachmentForm,
    CapacityGapFilterForm,
    CapacityGapForm,
    CaseStudyFilterForm,
    CaseStudyForm,
    DefinitionForm,
    ParseOnlyModelForm,
    definition_element_forms,
)
from surveys.views.review import workflow_context

LIST_PAGE_SIZE = 50
CONFLICT_TEXT_LIMIT = 200

# --- Shared steps --------------------------------------------------------------------


def _country_for_create(request: HttpRequest, code: str) -> Country:
    """The country to add a record in: 404 outside the user's scope, 403 for readers."""
    country = country_get(user=request.user, code=code)
    if not selectors.can_create_records(user=request.user, country=country):
        raise PermissionDenied(
            _("Only the national consultants of %(country)s can add records here.")
            % {"country": country.name}
        )
    return country


def _refuse_edit(
    request: HttpRequest, record: WorkflowRecord, detail_url: str
) -> HttpResponse | None:
    """403 for a role that only reads; back to the record, saying why, when its state
    does not allow changes (e.g. it is with the committee)."""
    try:
        services.ensure_can_edit(record=record, by=request.user)
    except NotAllowedError as error:
        raise PermissionDenied(error.message) from error
    except ApplicationError as error:
        messages.warning(request, error.message)
        return redirect(detail_url)
    return None


def _shown(field: forms.Field, value: Any) -> str | None:
    """A value as the person sees it, for the side-by-side of a conflict."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(sorted(field.label_from_instance(v) for v in value)) or None
    if isinstance(field, forms.ModelChoiceField):
        return field.label_from_instance(value)
    if isinstance(field, forms.ChoiceField):
        labels = {str(k): str(v) for k, v in field.choices}  # type: ignore[misc,union-attr]
        if isinstance(value, list | tuple):
            return ", ".join(labels.get(str(v), str(v)) for v in value) or None
        return labels.get(str(value), str(value))
    return str(value)


def _current_value(record: Model, name: str) -> Any:
    field = record._meta.get_field(name)
    if field.many_to_many:
        return list(getattr(record, name).all())
    return getattr(record, name)


def _clip(text: str | None) -> str | None:
    if text is None or len(text) <= CONFLICT_TEXT_LIMIT:
        return text
    return text[:CONFLICT_TEXT_LIMIT] + "…"


def _conflict_rows(
    form: forms.BaseForm,
    current: Model,
    *,
    names: Iterable[str],
    prefix_label: str = "",
) -> list[tuple[str, str | None, str | None]]:
    """The fields where the person's version and the saved one differ."""
    rows = []
    for name in names:
        field = form.fields[name]
        yours = _shown(field, form.cleaned_data.get(name))
        theirs = _shown(field, _current_value(current, name))
        if yours != theirs:
            label = f"{prefix_label}{field.label}"
            rows.append((label, _clip(yours), _clip(theirs)))
    return rows


def _with_version(request: HttpRequest, version: int) -> Any:
    """The submitted data on top of the newest version, so saving again keeps it."""
    data = request.POST.copy()
    data["version"] = str(version)
    return data


# --- Case studies and capacity gaps: the same steps for both ---------------------------


class RecordPage:
    """How one kind of record is read, shown and edited."""

    def __init__(
        self,
        *,
        model: type[WorkflowRecord],
        form_class: type[ParseOnlyModelForm],
        get: Callable[..., Any],
        url_prefix: str,
        template_prefix: str,
        noun: str,
    ) -> None:
        self.model = model
        self.form_class = form_class
        self.get = get
        self.url_prefix = url_prefix
        self.template_prefix = template_prefix
        self.noun = noun

    def form(
        self, request: HttpRequest, country: Country, *args: Any, **kwargs: Any
    ) -> ParseOnlyModelForm:
        if self.form_class is CaseStudyForm:
            kwargs["user"] = request.user
        return self.form_class(*args, country=country, **kwargs)

    def detail_url(self, record: WorkflowRecord) -> str:
        return reverse(f"{self.url_prefix}-detail", args=[record.pk])

    def render_form(
        self,
        request: HttpRequest,
        *,
        form: forms.BaseForm,
        country: Country,
        record: WorkflowRecord | None,
        status: int = 200,
        conflict: dict[str, Any] | None = None,
    ) -> HttpResponse:
        return render(
            request,
            f"surveys/{self.template_prefix}_form.html",
            {"form": form, "country": country, "record": record, "conflict": conflict},
            status=status,
        )


CASE_STUDY = RecordPage(
    model=CaseStudy,
    form_class=CaseStudyForm,
    get=selectors.case_study_get,
    url_prefix="case-study",
    template_prefix="casestudy",
    noun="case study",
)
CAPACITY_GAP = RecordPage(
    model=CapacityGap,
    form_class=CapacityGapForm,
    get=selectors.capacity_gap_get,
    url_prefix="capacity-gap",
    template_prefix="capacitygap",
    noun="capacity gap",
)


def _record_create(request: HttpRequest, code: str, page: RecordPage) -> HttpResponse:
    country = _country_for_create(request, code)
    if request.method != "POST":
        return page.render_form(
            request, form=page.form(request, country), country=country, record=None
        )
    form = page.form(request, country, data=request.POST)
    if form.is_valid():
        try:
            record = services.record_create(
                model=page.model,
                country=country,
                by=request.user,
                data=form.service_data(),
            )
        except NotAllowedError as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved “%(title)s”.") % {"title": record})
            return redirect(page.detail_url(record))
    return page.render_form(
        request, form=form, country=country, record=None, status=400
    )


def _record_edit(request: HttpRequest, pk: int, page: RecordPage) -> HttpResponse:
    record = page.get(user=request.user, pk=pk)
    refusal = _refuse_edit(request, record, page.detail_url(record))
    if refusal is not None:
        return refusal
    country = record.country
    if request.method != "POST":
        form = page.form(
            request, country, instance=record, initial={"version": record.version}
        )
        return page.render_form(request, form=form, country=country, record=record)
    form = page.form(request, country, data=request.POST, instance=record)
    if form.is_valid():
        try:
            services.record_update(
                record=record,
                by=request.user,
                data=form.service_data(),
                expected_version=form.expected_version,
            )
        except ConflictError as error:
            current = page.get(user=request.user, pk=pk)
            conflict = {
                "message": error.message,
                "rows": _conflict_rows(
                    form, current, names=list(form._meta.fields or ())
                ),
            }
            form = page.form(
                request,
                country,
                data=_with_version(request, current.version),
                instance=current,
            )
            return page.render_form(
                request,
                form=form,
                country=country,
                record=current,
                status=409,
                conflict=conflict,
            )
        except NotAllowedError as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved “%(title)s”.") % {"title": record})
            return redirect(page.detail_url(record))
    return page.render_form(
        request, form=form, country=country, record=record, status=400
    )


# --- Case studies ------------------------------------------------------------------------


@login_required
def case_study_list(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    filters = CaseStudyFilterForm(request.GET or None, country=country)
    case_studies = filters.apply(
        selectors.case_study_list(user=request.user, country=country)
    ).annotate(entity_count=Count("entities", distinct=True))
    page = Paginator(
        case_studies.order_by("-updated_at", "-id"), LIST_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/casestudy_list.html",
        {
            "country": country,
            "filters": filters,
            "page": page,
            "can_create": selectors.can_create_records(
                user=request.user, country=country
            ),
            "query": _query_without_page(request),
        },
    )


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def case_study_create(request: HttpRequest, code: str) -> HttpResponse:
    return _record_create(request, code, CASE_STUDY)


def _case_study_detail(
    request: HttpRequest,
    record: CaseStudy,
    *,
    attachment_form: AttachmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_edit = selectors.can_edit(user=request.user, record=record)
    return render(
        request,
        "surveys/casestudy_detail.html",
        {
            "record": record,
            "country": record.country,
            "can_edit": can_edit,
            "attachment_form": attachment_form
            or (AttachmentForm() if can_edit else None),
            "history": selectors.record_history(record=record),
            **workflow_context(request, record),
        },
        status=status,
    )


@login_required
def case_study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_study_detail(
        request, selectors.case_study_get(user=request.user, pk=pk)
    )


@login_required
def case_study_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_edit(request, pk, CASE_STUDY)


@login_required
@require_POST
def case_study_attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.case_study_get(user=request.user, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.case_study_attachment_add(
                case_study=record,
                by=request.user,
                file=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
                consent_given=form.cleaned_data["consent_given"],
            )
        except NotAllowedError as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The file is attached."))
            return redirect(f"{CASE_STUDY.detail_url(record)}#attachments")
    return _case_study_detail(request, record, attachment_form=form, status=400)


@login_required
def case_study_attachment(
    request: HttpRequest, pk: int, attachment_pk: int
) -> FileResponse:
    """Files are private: served only here, after the same check as the case study."""
    record = selectors.case_study_get(user=request.user, pk=pk)
    attachment = get_object_or_404(record.attachments.all(), pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is no longer stored.")) from error
    return FileResponse(
        handle,
        as_attachment=True,
        filename=(attachment.file.name or "").rsplit("/", 1)[-1],
    )


# --- Capacity gaps and national priorities -------------------------------------------------


@login_required
def capacity_gap_list(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    filters = CapacityGapFilterForm(request.GET or None)
    gaps = filters.apply(
        selectors.capacity_gap_list(user=request.user, country=country)
    )
    page = Paginator(gaps, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/capacitygap_list.html",
        {
            "country": country,
            "filters": filters,
            "page": page,
            "can_create": selectors.can_create_records(
                user=request.user, country=country
            ),
            "query": _query_without_page(request),
        },
    )


@login_required
def capacity_gap_create(request: HttpRequest, code: str) -> HttpResponse:
    return _record_create(request, code, CAPACITY_GAP)


@login_required
def capacity_gap_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.capacity_gap_get(user=request.user, pk=pk)
    return render(
        request,
        "surveys/capacitygap_detail.html",
        {
            "record": record,
            "country": record.country,
            "can_edit": selectors.can_edit(user=request.user, record=record),
            "history": selectors.record_history(record=record),
            **workflow_context(request, record),
            "sse_type_labels": _labels(SseType, record.affected_sse_types),
            "sector_labels": _labels(PrioritySector, record.affected_sectors),
        },
    )


def _labels(choices: type[models.TextChoices], codes: Iterable[str]) -> list[str]:
    return [str(choices(code).label) for code in codes if code in choices.values]


@login_required
def capacity_gap_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_edit(request, pk, CAPACITY_GAP)


@login_required
def national_priority_list(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    grouped = selectors.national_priorities_with_gaps(
        user=request.user, country=country
    )
    return render(
        request,
        "surveys/nationalpriority_list.html",
        {
            "country": country,
            "priorities": grouped["priorities"],
            "unlinked": grouped["unlinked"],
            "can_create": selectors.can_create_records(
                user=request.user, country=country
            ),
        },
    )


# --- National definition ------------------------------------------------------------------


@login_required
def definition_list(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    return render(
        request,
        "surveys/definition_list.html",
        {
            "country": country,
            "definitions": selectors.national_definition_list(
                user=request.user, country=country
            ).order_by("-number"),
            "rule_in_force": services.national_rule(country).version,
            "can_create": selectors.can_create_records(
                user=request.user, country=country
            ),
        },
    )


@login_required
def definition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    definition = selectors.national_definition_get(user=request.user, pk=pk)
    return render(
        request,
        "surveys/definition_detail.html",
        {
            "record": definition,
            "country": definition.country,
            "elements": _elements_in_order(definition),
            "in_force": services.national_rule(definition.country).version
            == definition.rule_version,
            "can_edit": selectors.can_edit(user=request.user, record=definition),
            "history": selectors.record_history(record=definition),
            **workflow_context(request, definition),
        },
    )


def _elements_in_order(definition: NationalDefinition) -> list[Any]:
    order = {code: index for index, (code, _label) in enumerate(DEFINITION_ELEMENTS)}
    return sorted(definition.elements.all(), key=lambda e: order.get(e.element, 99))


def _report_reclassification(
    request: HttpRequest, outcome: services.Reclassification, country: Country
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
def definition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    definition = selectors.national_definition_get(user=request.user, pk=pk)
    detail_url = reverse("definition-detail", args=[definition.pk])
    refusal = _refuse_edit(request, definition, detail_url)
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
        try:
            definition, outcome = services.national_definition_update_reported(
                definition=definition,
                by=request.user,
                data=form.service_data(),
                elements={
                    f.element.element: f.cleaned_data  # type: ignore[attr-defined]
                    for f in element_forms
                },
                expected_version=form.expected_version,
            )
        except ConflictError as error:
            current = selectors.national_definition_get(user=request.user, pk=pk)
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
            data = _with_version(request, current.version)
            return _render_definition_form(
                request,
                current,
                DefinitionForm(data, instance=current),
                definition_element_forms(current, data),
                status=409,
                conflict={"message": error.message, "rows": rows},
            )
        except NotAllowedError as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Saved “%(title)s”.") % {"title": definition.title}
            )
            _report_reclassification(request, outcome, definition.country)
            return redirect(detail_url)
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
        "surveys/definition_form.html",
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
@require_POST
def definition_create(request: HttpRequest, code: str) -> HttpResponse:
    """Start a new version from the newest one, then edit it."""
    country = _country_for_create(request, code)
    try:
        definition, outcome = services.national_definition_create_reported(
            country=country, by=request.user, data={}
        )
    except NotAllowedError as error:
        raise PermissionDenied(error.message) from error
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("definition-list", code=country.code)
    if definition.number == 1:
        started = _(
            "Version 1 started from the international definition (ILC 2022), every "
            "element adopted. Adapt it below."
        )
    else:
        started = _(
            "Version %(number)d started as a copy of version %(previous)d. Adapt it "
            "below."
        ) % {"number": definition.number, "previous": definition.number - 1}
    messages.success(request, started)
    _report_reclassification(request, outcome, country)
    return redirect("definition-edit", pk=definition.pk)
