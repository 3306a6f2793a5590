"""The study's other records: case studies, capacity gaps and the national definition."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from countries.models import (
    AdminArea,
    NationalPriority,
)
from countries.vocabularies import (
    CapacityGapCategory,
    PrioritySector,
    SseType,
    Treatment,
)
from surveys.models.base import WorkflowRecord
from surveys.models.entities import Entity
from surveys.principles import rules_errors


class CaseStudy(WorkflowRecord):
    title = models.CharField(_("title"), max_length=250)
    entities = models.ManyToManyField(
        Entity, blank=True, related_name="case_studies", verbose_name=_("entities")
    )
    area = models.ForeignKey(
        AdminArea,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("area"),
    )
    priority_sector = models.CharField(
        _("priority sector"), max_length=20, choices=PrioritySector.choices, blank=True
    )
    sse_type = models.CharField(
        _("SSE type"), max_length=20, choices=SseType.choices, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    context = models.TextField(_("context and history"), blank=True)
    gender_analysis = models.TextField(
        _("gender analysis"),
        blank=True,
        help_text=_(
            "Required before submission: how women and men take part and benefit."
        ),
    )
    decent_work = models.TextField(_("decent work and informality"), blank=True)
    principles_evidence = models.TextField(
        _("how it lives the SSE principles"), blank=True
    )
    lessons = models.TextField(_("lessons learned"), blank=True)
    consent_given = models.BooleanField(
        _("consent of the people described to publish"), default=False
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name_plural = _("case studies")

    def __str__(self) -> str:
        return self.title


class CaseStudyAttachment(models.Model):
    case_study = models.ForeignKey(
        CaseStudy, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="case-studies/%Y/")
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    consent_given = models.BooleanField(_("consent of the people shown"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.caption or self.file_name

    @property
    def file_name(self) -> str:
        """The file's own name, without the folders it is stored under."""
        return (self.file.name or "").rsplit("/", 1)[-1]


class CapacityGap(WorkflowRecord):
    title = models.CharField(_("title"), max_length=250)
    category = models.CharField(
        _("category"), max_length=24, choices=CapacityGapCategory.choices
    )
    severity = models.PositiveSmallIntegerField(
        _("severity"),
        choices=[
            (1, _("1 – minor")),
            (2, _("2 – significant")),
            (3, _("3 – critical")),
        ],
        default=2,
    )
    evidence = models.TextField(_("evidence"), blank=True)
    affected_sse_types = models.JSONField(
        _("SSE types affected"), default=list, blank=True
    )
    affected_sectors = models.JSONField(
        _("priority sectors affected"), default=list, blank=True
    )
    affected_areas = models.ManyToManyField(
        AdminArea, blank=True, related_name="+", verbose_name=_("areas affected")
    )
    national_priority = models.ForeignKey(
        NationalPriority,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="capacity_gaps",
        verbose_name=_("national priority"),
    )

    class Meta:
        ordering = ["-severity", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(severity__gte=1, severity__lte=3),
                name="capacity_gap_severity_range",
            ),
            models.CheckConstraint(
                condition=Q(category__in=CapacityGapCategory.values),
                name="capacity_gap_category_code",
            ),
        ]

    def __str__(self) -> str:
        return self.title


DEFINITION_ELEMENTS: tuple[tuple[str, str], ...] = (  # type: ignore[assignment]
    ("SCOPE", _("Scope")),
    ("PURPOSE", _("Purpose")),
    ("P1", _("P1 Voluntary cooperation and mutual aid")),
    ("P2", _("P2 Democratic and/or participatory governance")),
    ("P3", _("P3 Autonomy and independence")),
    ("P4", _("P4 Primacy of people and social purpose over capital")),
    ("V1", _("V1 Care for people and planet")),
    ("V2", _("V2 Equality and fairness")),
    ("V3", _("V3 Interdependence")),
    ("V4", _("V4 Self-governance")),
    ("V5", _("V5 Transparency and accountability")),
    ("V6", _("V6 Decent work and livelihoods")),
    ("TYPES", _("Entity types")),
    ("SECTORS", _("Sectors")),
)


class NationalDefinition(WorkflowRecord):
    """A versioned national working definition of the SSE, adapted from ILC 2022."""

    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=250)
    text_local = models.TextField(_("definition (local language)"), blank=True)
    text_en = models.TextField(_("definition (English)"), blank=True)
    informal_groups_allowed = models.BooleanField(
        _("informal groups can be SSE entities"), default=True
    )
    registration_required = models.BooleanField(
        _("registration is required to count as SSE"), default=False
    )
    minimum_years_operating = models.PositiveSmallIntegerField(
        _("minimum years of operation"), default=0
    )
    # Per-criterion treatments and thresholds; the shape is `principles.rules_errors`'s.
    rules = models.JSONField(_("classification rules"), default=dict, blank=True)
    # What classifying the country's entities under this version would change, as
    # computed by the draft-effect job (`entities.classification.draft_effect`).
    draft_effect = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["country", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "number"], name="national_definition_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} v{self.number}: {self.title}"

    @property
    def rule_version(self) -> str:
        return f"{self.country_id}-national-definition-v{self.number}"

    def clean(self) -> None:
        errors = rules_errors(self.rules)
        if errors:
            raise ValidationError({"rules": errors})


class DefinitionElement(models.Model):
    definition = models.ForeignKey(
        NationalDefinition, on_delete=models.CASCADE, related_name="elements"
    )
    element = models.CharField(max_length=10, choices=DEFINITION_ELEMENTS)
    treatment = models.CharField(
        _("treatment"),
        max_length=10,
        choices=Treatment.choices,
        default=Treatment.ADOPTED,
    )
    national_wording = models.TextField(_("national wording"), blank=True)
    rationale = models.TextField(_("rationale"), blank=True)

    class Meta:
        ordering = ["definition", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "element"], name="definition_element_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.element}: {self.get_treatment_display()}"
