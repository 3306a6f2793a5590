"""Forms of the case study, capacity gap and national definition pages.

They parse what a person typed; the services validate, save and audit. Every choice
list is limited to the record's country, so another country's rows are not even offered.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from countries import selectors as dashboard_selectors
from countries.models import AdminArea, Country, MacroRegion, NationalPriority
from countries.selectors import AnyUser
from countries.vocabularies import (
    Actor,
    CapacityGapCategory,
    PrioritySector,
    SseType,
    WorkflowState,
)
from surveys.entities import selectors as entities_selectors
from surveys.form_helpers import RowsFormSet, StyledFormMixin
from surveys.models import (
    CapacityGap,
    CaseStudy,
    DefinitionElement,
    Entity,
    NationalDefinition,
    Recommendation,
)
from surveys.models.entities import SECTOR_FIELDS
from surveys.principles import (
    CRITERIA,
    CriterionTreatment,
    NamedCase,
    rule_from_data,
)
from surveys.records.services import (
    CAPACITY_GAP_FIELDS,
    CASE_STUDY_FIELDS,
    DEFINITION_FIELDS,
)

TEXTAREA_ROWS = 4


class ParseOnlyModelForm(StyledFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    """A model form used only to parse and re-show input; the service validates.

    Building the instance in `_post_clean` would change the record before the service
    has checked its version, so it is skipped.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An edit without the version it started from could overwrite unseen changes.
        self.fields["version"].required = self.instance.pk is not None

    def _post_clean(self) -> None:
        return

    def service_data(self) -> dict[str, Any]:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name in self._meta.fields  # type: ignore[operator]
        }

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")


class AreaChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: AdminArea) -> str:
        return _area_label(obj)


class AreaMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: AdminArea) -> str:
        return _area_label(obj)


class EntityMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Entity) -> str:
        return f"{obj.code} · {obj.display_name}"


def _area_label(area: AdminArea) -> str:
    label = area.name_en
    if area.name_local:
        label = f"{label} ({area.name_local})"
    if not area.is_current:
        label = f"{label} – {_('former unit')}"
    return label


def areas_for(country: Country, chosen: list[int] | None = None) -> QuerySet[AdminArea]:
    """The country's current first-level areas, plus any former unit already chosen,
    so that editing an older record does not silently drop its area."""
    chosen_ids = [pk for pk in chosen or [] if pk]
    return (
        AdminArea.objects.filter(
            Q(pk__in=dashboard_selectors.current_areas(country=country).values("pk"))
            | Q(pk__in=chosen_ids, country=country)
        )
        .select_related("macro_region")
        .order_by("name_en")
    )


def _choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    """A choice field whose rows a form limits to one country."""
    return cast(forms.ModelChoiceField, form.fields[name])  # type: ignore[type-arg]


def _textarea(rows: int = TEXTAREA_ROWS) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class CaseStudyForm(ParseOnlyModelForm):
    entities = EntityMultipleChoiceField(
        label=_("Entities described"),
        queryset=Entity.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or ⌘) to choose more than one."),
    )
    area = AreaChoiceField(
        label=_("Area"), queryset=AdminArea.objects.none(), required=False
    )

    class Meta:
        model = CaseStudy
        fields = CASE_STUDY_FIELDS
        widgets = {
            "summary": _textarea(),
            "context": _textarea(),
            "gender_analysis": _textarea(6),
            "decent_work": _textarea(),
            "principles_evidence": _textarea(),
            "lessons": _textarea(),
        }

    # The sections of the form, as a consultant writes a case study.
    SECTIONS = (
        (
            _("What and where"),
            ("title", "entities", "area", "priority_sector", "sse_type"),
        ),
        (_("Narrative"), ("summary", "context", "principles_evidence", "decent_work")),
        (_("Gender analysis"), ("gender_analysis",)),
        (_("Lessons and consent"), ("lessons", "consent_given")),
    )

    def __init__(
        self, *args: Any, country: Country, user: AnyUser, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "entities").queryset = (
            entities_selectors.entity_list(user=user, country=country)
            .select_related(None)
            .only("id", "code", "name_en", "name_local")
            .order_by("code")
        )
        chosen = [self.instance.area_id] if self.instance.pk else []
        _choices(self, "area").queryset = areas_for(country, chosen)
        self.fields["gender_analysis"].help_text = _(
            "Required before the case study can be submitted for review: how women "
            "and men take part, decide and benefit."
        )

    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [
            (title, [self[name] for name in names]) for title, names in self.SECTIONS
        ]


class CapacityGapForm(ParseOnlyModelForm):
    affected_sse_types = forms.MultipleChoiceField(
        label=_("SSE types affected"),
        choices=SseType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    affected_sectors = forms.MultipleChoiceField(
        label=_("Priority sectors affected"),
        choices=PrioritySector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    affected_areas = AreaMultipleChoiceField(
        label=_("Areas affected"),
        queryset=AdminArea.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Leave empty when the gap is nationwide."),
    )
    national_priority = forms.ModelChoiceField(
        label=_("National priority"),
        queryset=NationalPriority.objects.none(),
        required=False,
    )

    class Meta:
        model = CapacityGap
        fields = CAPACITY_GAP_FIELDS
        widgets = {"evidence": _textarea()}

    def __init__(self, *args: Any, country: Country, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = (
            list(self.instance.affected_areas.values_list("pk", flat=True))
            if self.instance.pk
            else []
        )
        _choices(self, "affected_areas").queryset = areas_for(country, chosen)
        _choices(self, "national_priority").queryset = NationalPriority.objects.filter(
            country=country
        ).order_by("code")
        for name in ("affected_sse_types", "affected_sectors"):
            self.fields[name].widget.attrs["class"] = "form-check-input"
        self.fields["severity"].help_text = _(
            "1 minor · 2 significant · 3 critical: it blocks SSE entities today."
        )


class RecommendationForm(StyledFormMixin, forms.Form):
    actor = forms.ChoiceField(
        label=_("Addressed to"), choices=[("", "—"), *Actor.choices]
    )
    text = forms.CharField(label=_("Recommendation"), widget=_textarea(2))


RecommendationFormSet = forms.formset_factory(
    RecommendationForm, formset=RowsFormSet, extra=2, can_delete=True
)


def recommendation_formset(gap: CapacityGap | None, data: Any = None) -> RowsFormSet:
    """The gap's recommendations by actor as rows, with two blank rows to add more."""
    initial = (
        list(
            Recommendation.objects.filter(capacity_gap=gap)
            .order_by("position", "pk")
            .values("actor", "text")
        )
        if gap is not None and gap.pk
        else []
    )
    return cast(
        RowsFormSet,
        RecommendationFormSet(data=data, initial=initial, prefix="recommendations"),
    )


class DefinitionForm(ParseOnlyModelForm):
    class Meta:
        model = NationalDefinition
        # The rules are asked criterion by criterion, below.
        fields = tuple(name for name in DEFINITION_FIELDS if name != "rules")
        widgets = {"text_local": _textarea(6), "text_en": _textarea(6)}

    RULE_FIELDS = (
        "informal_groups_allowed",
        "registration_required",
        "minimum_years_operating",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["minimum_years_operating"].widget.attrs.update(
            {"min": 0, "max": 100}
        )
        self.fields["text_local"].widget.attrs["class"] += " local-script"
        _add_rule_fields(self)

    def text_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("title", "text_local", "text_en")]

    def rule_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.RULE_FIELDS]

    def criterion_rows(self) -> list[tuple[Any, forms.BoundField]]:
        """(criterion, its treatment field) in the order of the checklist."""
        return [(c, self[_treatment_field(c.code)]) for c in CRITERIA]

    def threshold_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in RULE_THRESHOLDS[:3]]

    def checklist_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in RULE_THRESHOLDS[3:]]

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        # A form without the rule fields (an older client) keeps the stored rules.
        if self.cleaned_data.get("rules_posted"):
            stored = rule_from_data(self.instance.rules or {}, version="", name="")
            data["rules"] = {
                "treatments": {
                    c.code: self.cleaned_data[_treatment_field(c.code)]
                    or stored.treatments[c.code]
                    for c in CRITERIA
                },
                "max_surplus_on_capital_pct": self.cleaned_data[
                    "max_surplus_on_capital_pct"
                ],
                "max_income_share_one_source_pct": self.cleaned_data[
                    "max_income_share_one_source_pct"
                ],
                "minimum_members": self.cleaned_data["minimum_members"] or 0,
                "registration_required_types": list(
                    self.cleaned_data["registration_required_types"]
                ),
                "cases": list(self.cleaned_data["cases"]),
            }
        return data


RULE_THRESHOLDS = (
    "max_surplus_on_capital_pct",
    "max_income_share_one_source_pct",
    "minimum_members",
    "registration_required_types",
    "cases",
)


def _treatment_field(code: str) -> str:
    return "treatment_" + code.replace(".", "_")


def _add_rule_fields(form: DefinitionForm) -> None:
    """The per-criterion treatments and the thresholds, shown from the stored rules."""
    rule = rule_from_data(form.instance.rules or {}, version="", name="")
    form.fields["rules_posted"] = forms.BooleanField(
        required=False, initial=True, widget=forms.HiddenInput
    )
    for c in CRITERIA:
        name = _treatment_field(c.code)
        form.fields[name] = forms.ChoiceField(
            label=f"{c.code} {c.label}",
            choices=CriterionTreatment.choices,
            initial=rule.treatments[c.code],
            required=False,
        )
        form.fields[name].widget.attrs["class"] = "form-select form-select-sm"
    form.fields["max_surplus_on_capital_pct"] = forms.IntegerField(
        label=_("P4.2: largest share of surplus that may be paid on capital (%)"),
        help_text=_("Empty: any capped share is accepted, as in ILC 2022."),
        required=False,
        min_value=0,
        max_value=100,
        initial=rule.max_surplus_on_capital_pct,
    )
    form.fields["max_income_share_one_source_pct"] = forms.IntegerField(
        label=_("P3.3: largest share of income from one public or donor source (%)"),
        help_text=_("More is flagged. Empty: 50 %, as in ILC 2022."),
        required=False,
        min_value=0,
        max_value=100,
        initial=rule.max_income_share_one_source_pct,
    )
    form.fields["minimum_members"] = forms.IntegerField(
        label=_("P1.3: minimum number of members"),
        help_text=_("0: no minimum. Foundations are exempt."),
        required=False,
        min_value=0,
        initial=rule.minimum_members,
    )
    form.fields["registration_required_types"] = forms.MultipleChoiceField(
        label=_("Types that must be registered to count as SSE"),
        choices=SseType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        initial=sorted(rule.registration_required_types),
    )
    form.fields["cases"] = forms.MultipleChoiceField(
        label=_("Named cases of the ILC 2022 definition applied"),
        choices=NamedCase.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        initial=sorted(rule.cases),
    )
    for name in ("max_surplus_on_capital_pct", "max_income_share_one_source_pct"):
        form.fields[name].widget.attrs.update({"class": "form-control"})
    form.fields["minimum_members"].widget.attrs.update({"class": "form-control"})


class DefinitionElementForm(StyledFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    """One of the 14 elements: how the country treats it, its wording and why."""

    class Meta:
        model = DefinitionElement
        fields = ("treatment", "national_wording", "rationale")
        widgets = {
            "national_wording": forms.Textarea(attrs={"rows": 2}),
            "rationale": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self) -> None:
        return


def definition_element_forms(
    definition: NationalDefinition, data: Any = None
) -> list[DefinitionElementForm]:
    """A form per element, in the order of the international definition."""
    forms_ = []
    for element in definition.elements.all():
        form = DefinitionElementForm(
            data=data, instance=element, prefix=f"element-{element.element}"
        )
        form.element = element  # type: ignore[attr-defined]
        forms_.append(form)
    return forms_


# --- Filters of the lists ------------------------------------------------------------


GENDER_ANALYSIS_CHOICES = (
    ("", _("Any")),
    ("written", _("Written")),
    ("missing", _("Missing")),
)


class CaseStudyFilterForm(StyledFormMixin, forms.Form):
    """Narrows a list a selector has already scoped; it can never widen it."""

    region = forms.ModelChoiceField(
        label=_("Macro-region"),
        queryset=MacroRegion.objects.none(),
        required=False,
        empty_label=_("Any"),
    )
    area = AreaChoiceField(
        label=_("Area"),
        queryset=AdminArea.objects.none(),
        required=False,
        empty_label=_("Any"),
    )
    sector = forms.ChoiceField(
        label=_("Priority sector"),
        choices=[("", _("Any")), *PrioritySector.choices],
        required=False,
    )
    sse_type = forms.ChoiceField(
        label=_("SSE type"), choices=[("", _("Any")), *SseType.choices], required=False
    )
    state = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("Any")), *WorkflowState.choices],
        required=False,
    )
    gender_analysis = forms.ChoiceField(
        label=_("Gender analysis"), choices=GENDER_ANALYSIS_CHOICES, required=False
    )

    def __init__(self, *args: Any, country: Country, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "region").queryset = MacroRegion.objects.filter(
            country=country
        ).order_by("code")
        _choices(self, "area").queryset = areas_for(country)

    def apply(self, case_studies: QuerySet[CaseStudy]) -> QuerySet[CaseStudy]:
        """The same reading as the coverage matrix: a study counts in its own sector,
        type and region, and in those of the entities it describes."""
        if not self.is_valid():
            return case_studies
        data = self.cleaned_data
        # Conditions on the entities described go through a subquery: a join here
        # would repeat rows and narrow the list's entity counts to the matching ones.
        through_entities = Q()
        if data["region"]:
            through_entities &= Q(area__macro_region=data["region"]) | Q(
                area__macro_region__isnull=True,
                entities__area__macro_region=data["region"],
            )
        if data["sector"]:
            through_entities &= Q(priority_sector=data["sector"]) | Q(
                **{f"entities__{SECTOR_FIELDS[data['sector']]}": True}
            )
        if data["sse_type"]:
            through_entities &= Q(sse_type=data["sse_type"]) | Q(
                entities__sse_type=data["sse_type"]
            )
        if through_entities:
            case_studies = case_studies.filter(
                pk__in=CaseStudy.objects.filter(through_entities).values("pk")
            )
        if data["area"]:
            case_studies = case_studies.filter(area=data["area"])
        if data["state"]:
            case_studies = case_studies.filter(workflow_state=data["state"])
        if data["gender_analysis"] == "written":
            case_studies = case_studies.exclude(gender_analysis__regex=r"^\s*$")
        elif data["gender_analysis"] == "missing":
            case_studies = case_studies.filter(gender_analysis__regex=r"^\s*$")
        return case_studies

    @property
    def is_filtered(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


class CapacityGapFilterForm(StyledFormMixin, forms.Form):
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("Any")), *CapacityGapCategory.choices],
        required=False,
    )

    def apply(self, gaps: QuerySet[CapacityGap]) -> QuerySet[CapacityGap]:
        if self.is_valid() and self.cleaned_data["category"]:
            gaps = gaps.filter(category=self.cleaned_data["category"])
        return gaps.order_by("-severity", "title")


class AttachmentForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("File"))
    caption = forms.CharField(label=_("Caption"), max_length=250, required=False)
    consent_given = forms.BooleanField(
        label=_("The people shown or named agreed to its use"), required=False
    )
