"""`{% menu_counts country as counts %}`: the numbers beside the menu's review links."""

from __future__ import annotations

from django import template

from countries.models import Country
from surveys.review.selectors import menu_counts as counts_for

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_counts(context: template.Context, country: Country) -> dict[str, int | None]:
    """Records to review and records returned to the page's user in `country`."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return {"to_review": None, "returned": None}
    return counts_for(user=request.user, country=country)
