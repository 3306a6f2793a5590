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
from surveys.imports.survey import (
    GPS,
    MAPPABLE,
    REVIEW_STATES,
    SAMPLE_HEADERS,
    SUBMISSION_ID,
)
from surveys.imports.values import is_coded
from surveys.models import ColumnMapping, ImportJob

# --- Imports --------------------------------------------------------------------------------


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "XLSX, XLS or CSV (UTF-8 or UTF-16), at most %(mb)d MB and %(rows)s rows."
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
        empty_label=gettext_lazy("None: the platform's template or survey form"),
        help_text=gettext_lazy(
            "For KoboToolbox and ODK Central exports of a form other than the "
            "platform's."
        ),
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
        initial_values: dict[str, dict[str, str]] | None = None,
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
        for column in CODED_COLUMNS:
            field_name = VALUES_PREFIX + column.name
            self.fields[field_name] = forms.CharField(
                label=_("Values of %(column)s") % {"column": column.name},
                required=False,
                widget=forms.Textarea(
                    attrs={"rows": 3, "class": "form-control form-control-sm"}
                ),
                help_text=_(
                    "One line per survey answer: survey value = platform code. "
                    "Answers that are already platform codes need no line."
                ),
            )
            table = (initial_values or {}).get(column.name)
            if table:
                self.initial[field_name] = format_table(table)
        self.fields["review_states"] = forms.MultipleChoiceField(
            label=_("Import only submissions whose review state is"),
            choices=REVIEW_STATES,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_(
                "ReviewState in ODK Central, _validation_status in KoboToolbox. "
                "Choose none to import every submission."
            ),
        )

    def value_fields(self) -> list[forms.BoundField]:
        return [self[VALUES_PREFIX + c.name] for c in CODED_COLUMNS]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for column in CODED_COLUMNS:
            name = VALUES_PREFIX + column.name
            try:
                cleaned[name] = parse_table(cleaned.get(name) or "")
            except ValueError as error:
                self.add_error(name, str(error))
        return cleaned

    def values(self) -> dict[str, dict[str, str]]:
        return {
            c.name: self.cleaned_data[VALUES_PREFIX + c.name]
            for c in CODED_COLUMNS
            if self.cleaned_data.get(VALUES_PREFIX + c.name)
        }

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

VALUES_PREFIX = "values_"
CODED_COLUMNS = tuple(c for c in MAPPABLE if is_coded(c))


def format_table(table: dict[str, str]) -> str:
    return "\n".join(f"{value} = {code}" for value, code in table.items())


def parse_table(text: str) -> dict[str, str]:
    """'survey value = CODE' lines; the last '=' separates, so a value may hold one."""
    table: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        value, separator, code = line.rpartition("=")
        if not separator or not value.strip() or not code.strip():
            raise ValueError(
                _("Line %(number)d (“%(line)s”) is not 'survey value = platform code'.")
                % {"number": number, "line": line.strip()}
            )
        table[value.strip()] = code.strip()
    return table


NOT_MAPPED = ("", gettext_lazy("— not in the survey —"))
