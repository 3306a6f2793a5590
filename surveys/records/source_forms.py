"""The source form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MinValueValidator

from surveys.entities.forms import EARLIEST_YEAR, ServiceValidatedModelForm
from surveys.models import (
    Source,
)


class SourceForm(ServiceValidatedModelForm):
    class Meta:
        model = Source
        fields = ("kind", "title", "year", "coverage_note")
        widgets = {"coverage_note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].validators.append(MinValueValidator(EARLIEST_YEAR))
