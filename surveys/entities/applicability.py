"""Which entity fields apply to which entities, declared once: the form hides a field
that does not apply, and the services clear a value left in one.

A field listed here applies when the field it depends on holds one of the values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from countries.vocabularies import SseType, SurplusRule

COOPERATIVE_TYPES = frozenset({SseType.COOP, SseType.PRECOOP, SseType.SCC})

# field -> (the field it depends on, the values under which it applies)
APPLIES_WHEN: dict[str, tuple[str, frozenset[str]]] = {
    "coop_member_type": ("sse_type", COOPERATIVE_TYPES),
    "surplus_cap_pct": ("surplus_rule", frozenset({SurplusRule.CAPPED})),
}


def inapplicable_fields(values: Mapping[str, Any]) -> list[str]:
    """The fields that do not apply given these values (a form's or a record's)."""
    return [
        name
        for name, (depends_on, chosen) in APPLIES_WHEN.items()
        if values.get(depends_on) not in chosen
    ]


def clear_inapplicable(entity: Any) -> None:
    """Empty the fields that do not apply to the entity as it now stands."""
    values = {
        depends_on: getattr(entity, depends_on)
        for depends_on, _ in APPLIES_WHEN.values()
    }
    for name in inapplicable_fields(values):
        field = entity._meta.get_field(name)
        setattr(entity, name, None if field.null else "")
