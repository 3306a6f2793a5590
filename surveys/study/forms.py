"""Forms of the study records' pages: they parse what a person typed; the services
check, save and audit. Choice lists hold the record's country's rows only."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from countries.models import AdminArea, Country, MacroRegion
from countries.vocabularies import (
    InstitutionKind,
    InstrumentKind,
    InstrumentStatus,
    SseType,
    SupportKind,
    WorkflowState,
)
from surveys.form_helpers import RowsFormSet, StyledFormMixin
from surveys.models import (
    FrameCount,
    LegalInstrument,
    SamplingFrame,
    StudyMethodology,
    SupportInstitution,
)
from surveys.records.forms import (
    AreaChoiceField,
    ParseOnlyModelForm,
    areas_for,
)
from surveys.study.services import (
    LEGAL_INSTRUMENT_FIELDS,
    SAMPLING_FRAME_FIELDS,
    STUDY_METHODOLOGY_FIELDS,
    SUPPORT_INSTITUTION_FIELDS,
)


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _codes(label: Any, choices: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )


class StudyRecordForm(ParseOnlyModelForm):
    """The form of one study record; `country` limits the choices offered."""

    def __init__(self, *args: Any, country: Country, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.country = country
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = "form-check-input"


def _url(label: Any) -> forms.URLField:
    return forms.URLField(
        label=label, max_length=500, required=False, assume_scheme="https"
    )


class LegalInstrumentForm(StudyRecordForm):
    sse_types = _codes(_("SSE types concerned"), SseType.choices)
    link = _url(_("Link to the text"))

    class Meta:
        model = LegalInstrument
        fields = LEGAL_INSTRUMENT_FIELDS
        widgets = {"summary": _textarea()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_local"].widget.attrs["class"] += " local-script"
        self.fields["year"].widget.attrs.update({"min": 1900, "max": 2100})


class SupportInstitutionForm(StudyRecordForm):
    support_kinds = _codes(_("Kinds of support"), SupportKind.choices)
    sse_types = _codes(_("SSE types served"), SseType.choices)
    website = _url(_("Website"))

    class Meta:
        model = SupportInstitution
        fields = SUPPORT_INSTITUTION_FIELDS
        widgets = {"role": _textarea()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_local"].widget.attrs["class"] += " local-script"


class SamplingFrameForm(StudyRecordForm):
    class Meta:
        model = SamplingFrame
        fields = SAMPLING_FRAME_FIELDS
        widgets = {"notes": _textarea(3)}


class StudyMethodologyForm(StudyRecordForm):
    class Meta:
        model = StudyMethodology
        fields = STUDY_METHODOLOGY_FIELDS
        widgets = {
            "approach": _textarea(5),
            "data_collection": _textarea(4),
            "limitations": _textarea(5),
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }


# --- A sampling frame's counts, as rows -------------------------------------------------


class FrameCountForm(StyledFormMixin, forms.Form):
    sse_type = forms.ChoiceField(
        label=_("SSE type"), choices=[("", "—"), *SseType.choices]
    )
    area = AreaChoiceField(
        label=_("First-level area"), queryset=AdminArea.objects.none(), required=False
    )
    macro_region = forms.ModelChoiceField(
        label=_("or macro-region"), queryset=MacroRegion.objects.none(), required=False
    )
    registered_total = forms.IntegerField(
        label=_("Registered total"), min_value=0, max_value=2**31 - 1
    )
    source = forms.CharField(label=_("Source"), max_length=300)
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)

    def __init__(self, *args: Any, country: Country, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["area"]).queryset = areas_for(  # type: ignore[type-arg]
            country, self._chosen_area()
        )
        regions: QuerySet[MacroRegion] = MacroRegion.objects.filter(
            country=country
        ).order_by("name_en")
        cast(forms.ModelChoiceField, self.fields["macro_region"]).queryset = regions  # type: ignore[type-arg]
        self.fields["registered_total"].widget.attrs["style"] = "width: 8em"
        self.fields["year"].widget.attrs["style"] = "width: 6em"

    def _chosen_area(self) -> list[int]:
        area = self.initial.get("area")
        return [area.pk] if isinstance(area, AdminArea) else []


FrameCountFormSet = forms.formset_factory(
    FrameCountForm, formset=RowsFormSet, extra=2, can_delete=True
)


def frame_count_formset(
    frame: SamplingFrame | None, country: Country, data: Any = None
) -> RowsFormSet:
    """The frame's counts as rows, with two blank rows to add more."""
    initial = []
    if frame is not None and frame.pk:
        for count in FrameCount.objects.filter(frame=frame).select_related(
            "area", "macro_region"
        ):
            initial.append(
                {
                    "sse_type": count.sse_type,
                    "area": count.area,
                    "macro_region": count.macro_region,
                    "registered_total": count.registered_total,
                    "source": count.source,
                    "year": count.year,
                }
            )
    return cast(
        RowsFormSet,
        FrameCountFormSet(
            data=data,
            initial=initial,
            prefix="counts",
            form_kwargs={"country": country},
        ),
    )


# --- Filters of the lists -----------------------------------------------------------------


def _any(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("Any")), *choices]


class StudyFilterForm(StyledFormMixin, forms.Form):
    """Narrows a list a selector has already scoped; it can never widen it.

    `LOOKUPS` names how each filter applies: a field equal to the value, or a list
    of codes holding it."""

    state = forms.ChoiceField(
        label=_("State"), choices=_any(WorkflowState.choices), required=False
    )
    LOOKUPS: dict[str, str] = {"state": "workflow_state"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(list(self.LOOKUPS))

    def apply(self, records: QuerySet[Any]) -> QuerySet[Any]:
        if not self.is_valid():
            return records
        for name, lookup in self.LOOKUPS.items():
            value = self.cleaned_data.get(name)
            if not value:
                continue
            if lookup.endswith("[]"):
                # The quotes keep one code from matching another that contains it.
                records = records.filter(**{f"{lookup[:-2]}__icontains": f'"{value}"'})
            else:
                records = records.filter(**{lookup: value})
        return records

    @property
    def is_filtered(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


class LegalInstrumentFilterForm(StudyFilterForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=_any(InstrumentKind.choices), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=_any(InstrumentStatus.choices), required=False
    )
    sse_type = forms.ChoiceField(
        label=_("SSE type"), choices=_any(SseType.choices), required=False
    )
    LOOKUPS = {
        "kind": "kind",
        "status": "status",
        "sse_type": "sse_types[]",
        "state": "workflow_state",
    }


class SupportInstitutionFilterForm(StudyFilterForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=_any(InstitutionKind.choices), required=False
    )
    support_kind = forms.ChoiceField(
        label=_("Kind of support"), choices=_any(SupportKind.choices), required=False
    )
    sse_type = forms.ChoiceField(
        label=_("SSE type"), choices=_any(SseType.choices), required=False
    )
    LOOKUPS = {
        "kind": "kind",
        "support_kind": "support_kinds[]",
        "sse_type": "sse_types[]",
        "state": "workflow_state",
    }


class SamplingFrameFilterForm(StudyFilterForm):
    sse_type = forms.ChoiceField(
        label=_("Counts SSE type"), choices=_any(SseType.choices), required=False
    )
    LOOKUPS = {"sse_type": "counts__sse_type", "state": "workflow_state"}

    def apply(self, records: QuerySet[Any]) -> QuerySet[Any]:
        return super().apply(records).distinct()
