"""An entity's principles assessment arranged for its pages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from countries.vocabularies import (
    Rating,
)
from surveys.models import Entity, PrinciplesAssessment
from surveys.principles import (
    CRITERIA,
    FLAG_ONLY,
    PRINCIPLES,
    VALUES,
    principle_rating,
)

# --- Principles assessment --------------------------------------------------------------


def _principle_results(ratings: dict[str, str]) -> list[dict[str, Any]]:
    """Each principle's result from its criteria, by the rule in surveys.principles."""
    return [
        {
            "code": code,
            "name": name,
            "rating": (
                rating := principle_rating(
                    [
                        ratings.get(c.code, Rating.UNKNOWN)
                        for c in CRITERIA
                        if c.principle == code and c.code not in FLAG_ONLY
                    ]
                )
            ),
            "label": Rating(rating).label,
        }
        for code, name in PRINCIPLES.items()
    ]


def _assessment_of(entity: Entity) -> PrinciplesAssessment | None:
    try:
        return entity.assessment
    except PrinciplesAssessment.DoesNotExist:
        return None


def _assessment_groups(assessment: PrinciplesAssessment) -> list[dict[str, Any]]:
    groups = []
    for code, name in [*PRINCIPLES.items(), ("V", _("Values"))]:
        criteria = (
            VALUES if code == "V" else [c for c in CRITERIA if c.principle == code]
        )
        groups.append(
            {
                "code": code,
                "name": name,
                "rows": [
                    {
                        "criterion": c,
                        "rating": getattr(assessment, c.field),
                        "label": getattr(assessment, f"get_{c.field}_display")(),
                        "evidence": getattr(
                            assessment, f"get_{c.field}_evidence_display"
                        )(),
                    }
                    for c in criteria
                ],
            }
        )
    return groups
