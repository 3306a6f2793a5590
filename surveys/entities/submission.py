"""What an entity needs beyond its own fields before it can be submitted."""

from __future__ import annotations

from django.utils.translation import gettext as _

from countries.vocabularies import Classification
from surveys.models import Entity, EntityFigures


def entity_missing_figures_or_assessment(
    entity: Entity, figures: list[EntityFigures] | None
) -> list[str]:
    """Members counted for at least one year, and a principles assessment.

    `figures`: all of the entity's figures when the caller has them (an import,
    before the entity is saved); otherwise they are read.
    """
    missing: list[str] = []
    if figures is not None:
        has_members = any(f.members_total is not None for f in figures)  # type: ignore[attr-defined]
    else:
        has_members = not entity.pk or (
            entity.figures.exclude(members_total__isnull=True).exists()
        )
    if not has_members:
        missing.append(
            str(_("figures with the number of members for at least one year"))
        )
    if entity.classification == Classification.UNASSESSED:
        missing.append(str(_("the principles assessment")))
    return missing
