"""The export request form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from surveys.form_helpers import StyledFormMixin
from surveys.models import ExportJob

# --- Exports -------------------------------------------------------------------------------


class ExportForm(StyledFormMixin, forms.Form):
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=ExportJob.Format.choices,
        initial=ExportJob.Format.CSV,
        widget=forms.RadioSelect,
    )
    values = forms.ChoiceField(
        label=gettext_lazy("Coded columns (types, states, areas…)"),
        choices=[
            (ExportJob.Values.CODES, gettext_lazy("Codes, to import back or join")),
            (
                ExportJob.Values.LABELS,
                gettext_lazy("Labels in the language of this page, to read"),
            ),
        ],
        initial=ExportJob.Values.CODES,
        required=False,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("CSV and XLSX only."),
    )
    per_year = forms.BooleanField(
        label=gettext_lazy("One row per entity and reference year"),
        required=False,
        help_text=gettext_lazy(
            "CSV and XLSX only. Otherwise one row per entity, with its latest figures."
        ),
    )
    include_unvalidated = forms.BooleanField(
        label=gettext_lazy("Include records not yet validated"),
        required=False,
        help_text=gettext_lazy("Every row then says its workflow state."),
    )

    def __init__(self, *args: Any, staff: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["format"].widget.attrs["class"] = "form-check-input"
        self.fields["values"].widget.attrs["class"] = "form-check-input"
        if not staff:
            del self.fields["include_unvalidated"]
