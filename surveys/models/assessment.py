"""An entity's assessment against the ILC 2022 principles and values, criterion by criterion."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from countries.vocabularies import (
    EvidenceType,
    Rating,
)
from surveys.models.entities import Entity
from surveys.principles import CRITERIA, VALUES


def _rating_fields() -> dict[str, models.Field[Any, Any]]:
    fields: dict[str, models.Field[Any, Any]] = {}
    for criterion in (*CRITERIA, *VALUES):
        fields[criterion.field] = models.CharField(
            format_lazy("{} {}", criterion.code, criterion.label),
            max_length=8,
            choices=Rating.choices,
            default=Rating.UNKNOWN,
        )
        fields[f"{criterion.field}_evidence"] = models.CharField(
            format_lazy("{} {}", criterion.code, _("evidence")),
            max_length=12,
            choices=EvidenceType.choices,
            blank=True,
        )
    return fields


class PrinciplesAssessment(models.Model):
    """The entity assessed against the ILC 2022 principles and values."""

    entity = models.OneToOneField(
        Entity, on_delete=models.CASCADE, related_name="assessment"
    )
    income_share_largest_funder = models.PositiveSmallIntegerField(
        _("share of income from the largest single public or donor source (%)"),
        null=True,
        blank=True,
    )
    evidence_notes = models.TextField(_("evidence notes"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(income_share_largest_funder__isnull=True)
                | Q(income_share_largest_funder__lte=100),
                name="assessment_income_share_range",
            )
        ]

    def __str__(self) -> str:
        return f"Assessment of {self.entity}"

    def ratings(self) -> dict[str, str]:
        return {c.code: getattr(self, c.field) for c in (*CRITERIA, *VALUES)}


for _name, _field in _rating_fields().items():
    PrinciplesAssessment.add_to_class(_name, _field)
