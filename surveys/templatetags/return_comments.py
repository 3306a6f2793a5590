"""The committee's comments of a return, shown where the consultant makes the fix."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.http import QueryDict

from surveys.models import WorkflowRecord
from surveys.review.comments import (
    POSTED_NAME,
    ReturnComment,
    return_comments_answered,
)

register = template.Library()


def _ticked(form: forms.BaseForm, comment: ReturnComment) -> bool:
    """Ticked as posted when the form is shown again, else as stored."""
    if form.is_bound and isinstance(form.data, QueryDict):
        return comment.posted_value in form.data.getlist(POSTED_NAME)
    return comment.resolved


def _box(form: forms.BaseForm, comment: ReturnComment) -> dict[str, Any]:
    return {"comment": comment, "ticked": _ticked(form, comment), "name": POSTED_NAME}


@register.inclusion_tag("surveys/review/_field_comment.html")
def field_return_comment(field: forms.BoundField) -> dict[str, Any]:
    """`{% field_return_comment field %}`: the comment on this field, if any."""
    comments = getattr(field.form, "return_comments", None)
    comment = comments.for_field(field.name) if comments is not None else None
    if comment is None or comments is None:
        return {"box": None}
    return {"box": _box(field.form, comment), "country": comments.decision.country_id}


@register.inclusion_tag("surveys/review/_return_comments_top.html")
def return_comments_top(form: forms.BaseForm) -> dict[str, Any]:
    """`{% return_comments_top form %}`: who returned the record, the general comment
    and the comments on parts edited elsewhere, above the form."""
    comments = getattr(form, "return_comments", None)
    if comments is None:
        return {"comments": None}
    return {
        "comments": comments,
        "boxes": [_box(form, c) for c in comments.apart_from(form.fields)],
        "country": comments.decision.country_id,
    }


@register.inclusion_tag("surveys/review/_return_comments_answered.html")
def return_comments_answered_panel(record: WorkflowRecord) -> dict[str, Any]:
    """`{% return_comments_answered_panel record %}`: on the review page, the previous
    return's comments and which of them the consultant marked resolved."""
    return {
        "comments": return_comments_answered(record),
        "country": record.country_id,
    }
