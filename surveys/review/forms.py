"""The review decision, field comment, bulk decision and queue filter forms."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from countries.models import AdminArea, CommitteeMeeting, CommitteeMember, Country
from countries.selectors import current_areas
from countries.vocabularies import WorkflowState
from surveys.form_helpers import StyledFormMixin
from surveys.models import ReviewDecision
from surveys.record_types import RECORD_TYPES, record_type_choices

# A record named in a form as "<record_type>:<pk>", e.g. "entity:12".
RECORD_KEY_PATTERN = rf"^({'|'.join(RECORD_TYPES)}):\d+$"


def parse_record_key(key: str) -> tuple[str, int]:
    record_type, _sep, pk = key.partition(":")
    return record_type, int(pk)


def member_label(member: CommitteeMember) -> str:
    return (
        f"{member.name} · {member.organisation} · {member.get_constituency_display()}"
    )


class DecisionFieldsMixin(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=ReviewDecision.Decision.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to return or reject: say what the consultant should do."),
    )
    meeting = forms.ModelChoiceField(
        label=_("Decided in the committee meeting of"),
        queryset=CommitteeMeeting.objects.none(),
        required=False,
        empty_label=_("— not in a meeting —"),
    )

    def _setup(self, country: Country) -> None:
        self.fields["meeting"].queryset = _meetings_of(country)  # type: ignore[attr-defined]
        self.fields["meeting"].label_from_instance = meeting_label  # type: ignore[attr-defined]
        # StyledFormMixin gives every widget a text-box class; radios need their own.
        self.fields["decision"].widget.attrs["class"] = "form-check-input"


class DecisionForm(StyledFormMixin, DecisionFieldsMixin):
    def __init__(self, *args: Any, country: Country, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._setup(country)


class FieldCommentForm(StyledFormMixin, forms.Form):
    """One "field → comment" line of a decision."""

    field = forms.ChoiceField(label=_("Field"), required=False)
    comment = forms.CharField(
        label=_("Comment on this field"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args: Any, field_choices: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("— choose a field —")), *field_choices]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("comment", "").strip() and not data.get("field"):
            self.add_error("field", _("Choose the field this comment is about."))
        return data


FieldCommentFormSet = formset_factory(
    FieldCommentForm, extra=2, max_num=40, validate_max=True
)


def field_comments_from(formset: Any) -> dict[str, str]:
    """{field: comment} from a valid formset; two lines on one field are joined."""
    comments: dict[str, str] = {}
    for form in formset.forms:
        field = form.cleaned_data.get("field")
        text = form.cleaned_data.get("comment", "").strip()
        if field and text:
            comments[field] = (
                f"{comments[field]}\n{text}" if field in comments else text
            )
    return comments


class RecordKeysField(forms.Field):
    """Records ticked in a list, each posted as "<record_type>:<pk>"."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Select at least one record."),
        "invalid": _("Some selected records are not recognised."),
    }

    def to_python(self, value: Any) -> list[tuple[str, int]]:
        if not value:
            return []
        keys = [value] if isinstance(value, str) else list(value)
        if not all(re.match(RECORD_KEY_PATTERN, str(key)) for key in keys):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return list(dict.fromkeys(parse_record_key(key) for key in keys))


class BulkDecisionForm(StyledFormMixin, DecisionFieldsMixin):
    records = RecordKeysField(label=_("Records"))

    def __init__(self, *args: Any, country: Country, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._setup(country)


class QueueFilterForm(StyledFormMixin, forms.Form):
    record_type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types")), *record_type_choices()],
    )
    area: forms.ModelChoiceField[AdminArea] = forms.ModelChoiceField(
        label=_("Area"),
        required=False,
        queryset=AdminArea.objects.none(),
        empty_label=_("All areas"),
        help_text=_("Entities and case studies only."),
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("", _("Submitted or in review")),
            (WorkflowState.SUBMITTED, WorkflowState.SUBMITTED.label),
            (WorkflowState.IN_REVIEW, WorkflowState.IN_REVIEW.label),
        ],
    )
    attention = forms.BooleanField(
        label=_("Only borderline or flagged entities"), required=False
    )

    def __init__(self, *args: Any, country: Country, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = current_areas(country=country).order_by(  # type: ignore[attr-defined]
            "name_en"
        )


def _meetings_of(country: Country) -> Any:
    return CommitteeMeeting.objects.filter(country=country).order_by("-date", "-id")


def meeting_label(meeting: CommitteeMeeting) -> str:
    where = _("online") if meeting.online else meeting.place
    return f"{meeting.date:%Y-%m-%d} · {where}"
