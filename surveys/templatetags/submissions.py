"""`{% submission_key %}`: the hidden key of a create form (see surveys.submit_once)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from surveys.submit_once import KEY_FIELD, new_submission_key

register = template.Library()


@register.simple_tag
def submission_key() -> SafeString:
    return format_html(
        '<input type="hidden" name="{}" value="{}">', KEY_FIELD, new_submission_key()
    )
