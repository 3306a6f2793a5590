"""The committee meeting form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from countries.models import CommitteeMeeting, CommitteeMember, Country
from surveys.form_helpers import StyledFormMixin
from surveys.review.forms import (
    member_label,
    parse_record_key,
)


class MeetingForm(StyledFormMixin, forms.ModelForm):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"),
        queryset=CommitteeMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    agenda = forms.MultipleChoiceField(
        label=_("Agenda: records awaiting review"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    class Meta:
        model = CommitteeMeeting
        fields = ["date", "place", "online", "minutes"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(
        self,
        *args: Any,
        country: Country,
        agenda_choices: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = CommitteeMember.objects.filter(  # type: ignore[attr-defined]
            country=country, active=True
        ).order_by("name")
        self.fields["attendees"].label_from_instance = member_label  # type: ignore[attr-defined]
        self.fields["agenda"].choices = agenda_choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("online") and not (data.get("place") or "").strip():
            self.add_error("place", _("Give the place, or tick “held online”."))
        return data

    def agenda_keys(self) -> list[tuple[str, int]]:
        return [parse_record_key(key) for key in self.cleaned_data.get("agenda", [])]
