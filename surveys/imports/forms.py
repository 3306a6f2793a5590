"""The import upload and column-mapping forms."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys.form_helpers import StyledFormMixin
from surveys.imports.reading import MAX_UPLOAD_BYTES
from surveys.imports.survey import GPS, MAPPABLE, SAMPLE_HEADERS, SUBMISSION_ID
from surveys.models import ColumnMapping, ImportJob

# --- Imports --------------------------------------------------------------------------------


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "XLSX or CSV (UTF-8 or UTF-16), at most %(mb)d MB and %(rows)s rows."
        )
        % {"mb": MAX_UPLOAD_BYTES // 1024 // 1024, "rows": "20,000"},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of file"),
        choices=ImportJob.Kind.choices,
        initial=ImportJob.Kind.TEMPLATE,
    )
    mapping = forms.ModelChoiceField(
        label=gettext_lazy("Column mapping"),
        queryset=ColumnMapping.objects.none(),
        required=False,
        empty_label=gettext_lazy("None: the platform's template"),
        help_text=gettext_lazy("For KoboToolbox and ODK Central exports."),
    )

    def __init__(self, *args: Any, mappings: QuerySet[ColumnMapping], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["mapping"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = mappings


class MappingForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    tool = forms.ChoiceField(
        label=gettext_lazy("Survey tool"), choices=ColumnMapping.Tool.choices
    )
    sample = forms.FileField(
        label=gettext_lazy("A CSV export of the survey"),
        required=False,
        help_text=gettext_lazy(
            "Its first row gives the columns to choose from; the first rows are shown "
            "so you can check each choice. It is not imported."
        ),
    )
    headers = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        headers: list[str],
        initial_columns: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.survey_headers = headers
        self.initial["headers"] = json.dumps(headers)
        choices = [NOT_MAPPED, *((h, h) for h in headers)]
        self.fields[SUBMISSION_ID] = forms.ChoiceField(
            label=_("Submission id"),
            choices=choices,
            required=False,
            help_text=_(
                "The column that identifies a submission: _uuid in KoboToolbox, KEY in "
                "ODK Central. Importing the same submissions again updates them."
            ),
        )
        self.fields[GPS] = forms.ChoiceField(
            label=_("Geopoint (latitude longitude altitude accuracy)"),
            choices=choices,
            required=False,
        )
        for column in MAPPABLE:
            label = column.label
            self.fields[column.name] = forms.ChoiceField(
                label=label if label == column.name else f"{label} ({column.name})",
                choices=choices,
                required=False,
            )
        for name, header in initial_columns.items():
            if name in self.fields and header in headers:
                self.initial[name] = header
        # Added after the mixin styled the form's fields, so styled here.
        for name in (SUBMISSION_ID, GPS, *(c.name for c in MAPPABLE)):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"

    def column_fields(self) -> list[forms.BoundField]:
        return [self[c.name] for c in MAPPABLE]

    def columns(self) -> dict[str, Any]:
        chosen: dict[str, Any] = {
            name: self.cleaned_data[name]
            for name in (SUBMISSION_ID, GPS, *(c.name for c in MAPPABLE))
            if self.cleaned_data.get(name)
        }
        chosen[SAMPLE_HEADERS] = self.survey_headers
        return chosen


# --- Column mappings -------------------------------------------------------------------------

NOT_MAPPED = ("", gettext_lazy("— not in the survey —"))
