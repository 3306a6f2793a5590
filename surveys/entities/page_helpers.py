"""What the entity pages share: the consultant check, refused edits and the conflict shown on a stale edit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Model, QuerySet

from surveys.display import display_value

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


def _conflict_rows(
    form: forms.BaseForm, saved: dict[str, Any]
) -> list[tuple[str, str | None, str | None]]:
    """(label, what the user typed, what is saved now) where the two differ."""
    rows = []
    for name, now in saved.items():
        field = form.fields[name]
        yours = form.cleaned_data.get(name)
        if _comparable(yours) != _comparable(now):
            rows.append(
                (
                    str(field.label),
                    display_value(field, name, yours, empty=None),
                    display_value(field, name, now, empty=None),
                )
            )
    return rows


def _form_status(form: forms.BaseForm) -> int:
    return 400 if form.is_bound and form.errors else 200
