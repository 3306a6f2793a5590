"""An entity's figures for one reference year: people by sex, leadership, economic size."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from countries.vocabularies import (
    Currency,
    Sex,
)
from surveys.models.entities import Entity, Source

PEOPLE_GROUPS: tuple[tuple[str, str], ...] = (  # type: ignore[assignment]
    ("members", _("Members")),
    ("employees", _("Employees")),
    ("worker_members", _("Worker-members")),
    ("producer_members", _("Producer-members")),
    ("volunteers", _("Volunteers")),
    ("board", _("Governing board seats")),
    # Inclusion, all optional: counted among the members.
    ("youth_members", _("Young members (15–24)")),
    ("members_with_disability", _("Members with disabilities")),
    ("ethnic_minority_members", _("Ethnic minority or indigenous members")),
)
# The groups counted among the members: none can exceed them.
MEMBER_GROUPS = (
    "worker_members",
    "producer_members",
    "youth_members",
    "members_with_disability",
    "ethnic_minority_members",
)


def _people_fields(prefix: str, label: Any) -> dict[str, models.Field[Any, Any]]:
    return {
        f"{prefix}_{part}": models.PositiveIntegerField(
            format_lazy("{}: {}", label, part_label), null=True, blank=True
        )
        for part, part_label in (
            ("total", _("total")),
            ("women", _("women")),
            ("men", _("men")),
        )
    }


def _sex_breakdown_constraint(prefix: str) -> models.CheckConstraint:
    """women ≤ total, men ≤ total and women + men ≤ total, where they are known."""
    total, women, men = f"{prefix}_total", f"{prefix}_women", f"{prefix}_men"

    def unknown(name: str) -> Q:
        return Q(**{f"{name}__isnull": True})

    return models.CheckConstraint(
        condition=unknown(total)
        | (
            (unknown(women) | Q(**{f"{women}__lte": F(total)}))
            & (unknown(men) | Q(**{f"{men}__lte": F(total)}))
            & (
                unknown(women)
                | unknown(men)
                | Q(**{f"{women}__lte": F(total) - F(men)})
            )
        ),
        name=f"figures_{prefix}_women_men_within_total",
    )


class EntityFigures(models.Model):
    """One entity's figures for one reference year, each count by sex."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="figures")
    reference_year = models.PositiveSmallIntegerField(_("reference year"))
    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="figures",
        verbose_name=_("source"),
    )
    chair_sex = models.CharField(
        _("chair"), max_length=3, choices=Sex.choices, blank=True
    )
    manager_sex = models.CharField(
        _("manager"), max_length=3, choices=Sex.choices, blank=True
    )
    turnover = models.DecimalField(
        _("turnover"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    assets = models.DecimalField(
        _("total assets"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    pay_women_monthly = models.DecimalField(
        _("average monthly pay of women"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    pay_men_monthly = models.DecimalField(
        _("average monthly pay of men"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, blank=True
    )

    class Meta:
        ordering = ["entity", "-reference_year"]
        verbose_name_plural = _("entity figures")
        constraints = [
            models.UniqueConstraint(
                fields=["entity", "reference_year"], name="figures_one_row_per_year"
            ),
            *[_sex_breakdown_constraint(prefix) for prefix, _label in PEOPLE_GROUPS],
            # Zero members with a board: a foundation, which has no members.
            models.CheckConstraint(
                condition=Q(board_total__isnull=True)
                | Q(members_total__isnull=True)
                | Q(members_total=0)
                | Q(board_total__lte=F("members_total")),
                name="figures_board_within_members",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{prefix}_total__isnull": True})
                    | Q(members_total__isnull=True)
                    | Q(**{f"{prefix}_total__lte": F("members_total")}),
                    name=f"figures_{prefix}_within_members",
                )
                for prefix in MEMBER_GROUPS
            ],
            models.CheckConstraint(
                condition=Q(reference_year__gte=1800) & Q(reference_year__lte=2100),
                name="figures_reference_year_range",
            ),
            models.CheckConstraint(
                condition=Q(
                    turnover__isnull=True,
                    assets__isnull=True,
                    pay_women_monthly__isnull=True,
                    pay_men_monthly__isnull=True,
                )
                | ~Q(currency=""),
                name="figures_money_has_currency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entity} {self.reference_year}"

    def not_disaggregated(self, prefix: str) -> int | None:
        """People counted in the total but in neither women nor men."""
        total = getattr(self, f"{prefix}_total")
        if total is None:
            return None
        return (
            total
            - (getattr(self, f"{prefix}_women") or 0)
            - (getattr(self, f"{prefix}_men") or 0)
        )

    def rows(self) -> list[dict[str, Any]]:
        """Each group with total, women, men and not disaggregated, for display."""
        return [
            {
                "label": label,
                "total": getattr(self, f"{prefix}_total"),
                "women": getattr(self, f"{prefix}_women"),
                "men": getattr(self, f"{prefix}_men"),
                "unknown": self.not_disaggregated(prefix),
            }
            for prefix, label in PEOPLE_GROUPS
        ]


for _prefix, _label in PEOPLE_GROUPS:
    for _name, _field in _people_fields(_prefix, _label).items():
        EntityFigures.add_to_class(_name, _field)
