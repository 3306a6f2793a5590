"""The study's own records beside the entities: the legal and policy framework, the
institutions that support the SSE, the sampling frame the mapping is measured against,
and the methodology with its limitations. Each is reviewed like any other record."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from countries.models import AdminArea, MacroRegion
from countries.vocabularies import (
    Actor,
    InstitutionKind,
    InstrumentKind,
    InstrumentStatus,
    SseType,
)
from surveys.models.base import WorkflowRecord
from surveys.models.records import CapacityGap


class LegalInstrument(WorkflowRecord):
    """A law, decree, policy, strategy or programme that concerns the SSE."""

    title_local = models.CharField(_("title (local language)"), max_length=400)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=InstrumentKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=InstrumentStatus.choices,
        default=InstrumentStatus.IN_FORCE,
    )
    issuing_body = models.CharField(_("issuing body"), max_length=250, blank=True)
    # SseType codes.
    sse_types = models.JSONField(_("SSE types concerned"), default=list, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    link = models.URLField(_("link to the text"), max_length=500, blank=True)

    class Meta:
        ordering = ["kind", "-year", "title_local"]
        verbose_name = _("legal or policy instrument")
        verbose_name_plural = _("legal and policy instruments")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=InstrumentKind.values),
                name="legal_instrument_kind_code",
            ),
            models.CheckConstraint(
                condition=Q(status__in=InstrumentStatus.values),
                name="legal_instrument_status_code",
            ),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_local


class SupportInstitution(WorkflowRecord):
    """A ministry, agency, network, financial body or donor and its role for the SSE."""

    name_local = models.CharField(_("name (local language)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=InstitutionKind.choices)
    role = models.TextField(_("role for the SSE"), blank=True)
    # SupportKind codes.
    support_kinds = models.JSONField(_("kinds of support"), default=list, blank=True)
    # SseType codes.
    sse_types = models.JSONField(_("SSE types served"), default=list, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "name_local"]
        verbose_name = _("support institution")
        verbose_name_plural = _("support institutions")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=InstitutionKind.values),
                name="support_institution_kind_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en or self.name_local


class SamplingFrame(WorkflowRecord):
    """What the mapping is measured against: how many entities of each type are
    registered in each area, from official sources."""

    title = models.CharField(_("title"), max_length=250)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["country", "-updated_at"]
        verbose_name = _("sampling frame")
        verbose_name_plural = _("sampling frames")

    def __str__(self) -> str:
        return self.title


class FrameCount(models.Model):
    """One cell of a sampling frame: the registered total of one SSE type in one
    first-level area or macro-region, with its source and year."""

    frame = models.ForeignKey(
        SamplingFrame, on_delete=models.CASCADE, related_name="counts"
    )
    sse_type = models.CharField(_("SSE type"), max_length=20, choices=SseType.choices)
    area = models.ForeignKey(
        AdminArea,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("first-level area"),
    )
    macro_region = models.ForeignKey(
        MacroRegion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("macro-region"),
    )
    registered_total = models.PositiveIntegerField(_("registered total"))
    source = models.CharField(_("source"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        ordering = ["frame", "sse_type", "area", "macro_region"]
        constraints = [
            models.CheckConstraint(
                condition=Q(area__isnull=True) ^ Q(macro_region__isnull=True),
                name="frame_count_one_place",
            ),
            models.UniqueConstraint(
                fields=["frame", "sse_type", "area"],
                condition=Q(area__isnull=False),
                name="frame_count_area_unique",
            ),
            models.UniqueConstraint(
                fields=["frame", "sse_type", "macro_region"],
                condition=Q(macro_region__isnull=False),
                name="frame_count_region_unique",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.sse_type} {self.area or self.macro_region}: {self.registered_total}"
        )


class StudyMethodology(WorkflowRecord):
    """How the country's mapping was done and what it cannot say."""

    title = models.CharField(_("title"), max_length=250)
    approach = models.TextField(_("approach and sampling"), blank=True)
    data_collection = models.TextField(_("data collection"), blank=True)
    period_start = models.DateField(_("data collected from"), null=True, blank=True)
    period_end = models.DateField(_("data collected until"), null=True, blank=True)
    limitations = models.TextField(_("limitations"), blank=True)

    class Meta:
        ordering = ["country", "-updated_at"]
        verbose_name = _("methodology and limitations")
        verbose_name_plural = _("methodology and limitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="study_methodology_period_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Recommendation(models.Model):
    """What one actor should do about a capacity gap; reviewed with its gap."""

    capacity_gap = models.ForeignKey(
        CapacityGap, on_delete=models.CASCADE, related_name="recommendations"
    )
    actor = models.CharField(_("addressed to"), max_length=24, choices=Actor.choices)
    text = models.TextField(_("recommendation"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["capacity_gap", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(actor__in=Actor.values), name="recommendation_actor_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_actor_display()}: {self.text[:60]}"
