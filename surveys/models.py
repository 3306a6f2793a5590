"""The findings of a mapping study (DESIGN §3)."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from countries.models import (
    AdminArea,
    Country,
    IsicCode,
    LegalForm,
    NationalPriority,
)
from countries.vocabularies import (
    ActivityStatus,
    AssetLock,
    CapacityGapCategory,
    Classification,
    CoopMemberType,
    Currency,
    EvidenceType,
    GeoPrecision,
    ModerationFlag,
    OrgLevel,
    PrioritySector,
    Rating,
    RegistrationStatus,
    Role,
    Sex,
    SourceKind,
    SseType,
    SurplusRule,
    Treatment,
    UrbanRural,
    Visibility,
    WorkflowState,
)
from surveys.principles import CRITERIA, VALUES

AnyUser = AbstractBaseUser | AnonymousUser

EDITABLE_STATES = (
    WorkflowState.DRAFT,
    WorkflowState.RETURNED,
    WorkflowState.VALIDATED,
)


def _countries_of(user: AnyUser, role: str | None = None) -> list[str]:
    """The codes of the countries a user holds a role in."""
    from countries.selectors import memberships_of

    return [
        country
        for country, held in memberships_of(user)
        if country and (role is None or held == role)
    ]


class CountryScopedQuerySet(models.QuerySet[Any]):
    """The one place that decides which countries' records a user may read."""

    def visible_to(self, user: AnyUser) -> CountryScopedQuerySet:
        from countries.selectors import has_all_countries

        if not user.is_authenticated:
            return self.none()
        if has_all_countries(user):
            return self
        # A subquery, not a join: no DISTINCT, so the country's indexes still serve
        # the list's ordering at 100 000 rows.
        return self.filter(country__in=_countries_of(user))

    def editable_by(self, user: AnyUser) -> CountryScopedQuerySet:
        """Records the user may change: a consultant's own country, editable states."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            country__in=_countries_of(user, role=Role.CONSULTANT),
            workflow_state__in=EDITABLE_STATES,
        )

    def in_country(self, country: Country | str) -> CountryScopedQuerySet:
        return self.filter(country=country)

    def validated(self) -> CountryScopedQuerySet:
        return self.filter(workflow_state=WorkflowState.VALIDATED)


class WorkflowRecord(models.Model):
    """What every reviewed record has: a country, a state, authors and a version."""

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, verbose_name=_("country")
    )
    workflow_state = models.CharField(
        _("workflow state"),
        max_length=20,
        choices=WorkflowState.choices,
        default=WorkflowState.DRAFT,
    )
    # Incremented by every save through a service; a stale form answers 409.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("last edited by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = CountryScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        return self.workflow_state in EDITABLE_STATES


class Source(models.Model):
    """Where a figure came from: a register, a survey, a census, an interview…"""

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="sources"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    title = models.CharField(_("title"), max_length=250)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    coverage_note = models.TextField(_("coverage"), blank=True)

    objects = CountryScopedQuerySet.as_manager()

    class Meta:
        ordering = ["country", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_kind_display()})"


class Entity(WorkflowRecord):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("code"), max_length=20, unique=True, editable=False)
    name_local = models.CharField(_("name (local script)"), max_length=250, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=250, blank=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    # A casefolded, punctuation-free key used to find possible duplicates quickly.
    name_key = models.CharField(max_length=250, blank=True, editable=False)

    area = models.ForeignKey(
        AdminArea,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entities",
        verbose_name=_("first-level area"),
    )
    other_areas = models.ManyToManyField(
        AdminArea, blank=True, related_name="+", verbose_name=_("other areas")
    )
    locality = models.CharField(_("locality"), max_length=250, blank=True)
    urban_rural = models.CharField(
        _("urban or rural"), max_length=10, choices=UrbanRural.choices, blank=True
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    geo_precision = models.CharField(
        _("location precision"), max_length=10, choices=GeoPrecision.choices, blank=True
    )

    sse_type = models.CharField(
        _("SSE type"), max_length=20, choices=SseType.choices, blank=True
    )
    coop_member_type = models.CharField(
        _("cooperative member type"),
        max_length=20,
        choices=CoopMemberType.choices,
        blank=True,
    )
    org_level = models.CharField(
        _("organisation level"), max_length=10, choices=OrgLevel.choices, blank=True
    )
    legal_form = models.ForeignKey(
        LegalForm,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entities",
        verbose_name=_("legal form"),
    )
    registration_status = models.CharField(
        _("registration status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        blank=True,
    )
    registration_authority = models.CharField(
        _("registering authority"), max_length=250, blank=True
    )
    registration_number = models.CharField(
        _("registration number"), max_length=80, blank=True
    )
    registration_date = models.DateField(_("registration date"), null=True, blank=True)
    former_legal_form = models.ForeignKey(
        LegalForm,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("former legal form"),
        help_text=_(
            "For entities that changed legal form, e.g. an NGO that became a company."
        ),
    )
    year_established = models.PositiveSmallIntegerField(
        _("year established"), null=True, blank=True
    )
    activity_status = models.CharField(
        _("activity status"),
        max_length=10,
        choices=ActivityStatus.choices,
        default=ActivityStatus.ACTIVE,
    )

    main_activity = models.ForeignKey(
        IsicCode,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "division"},
        verbose_name=_("main economic activity (ISIC Rev.4)"),
    )
    other_activities = models.JSONField(
        _("other economic activities (ISIC Rev.4)"), default=list, blank=True
    )
    # Derived from the ISIC codes by the services.
    sector_farm_small = models.BooleanField(default=False, editable=False)
    sector_asm = models.BooleanField(default=False, editable=False)
    sector_construction = models.BooleanField(default=False, editable=False)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)

    surplus_rule = models.CharField(
        _("surplus rule"), max_length=20, choices=SurplusRule.choices, blank=True
    )
    surplus_cap_pct = models.PositiveSmallIntegerField(
        _("cap on distributed surplus (%)"), null=True, blank=True
    )
    asset_lock = models.CharField(
        _("asset lock on dissolution"),
        max_length=3,
        choices=AssetLock.choices,
        blank=True,
    )

    visibility = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.AGGREGATE_ONLY,
    )
    consent_given = models.BooleanField(_("consent to publish given"), default=False)
    consent_date = models.DateField(_("consent date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Where an imported record came from (KoboToolbox / ODK submission id), so that
    # importing the same submissions again updates instead of duplicating.
    external_source = models.CharField(max_length=20, blank=True, editable=False)
    external_id = models.CharField(max_length=120, blank=True, editable=False)

    # Derived and stored by the services (DESIGN §2: result, rule version and reasons).
    classification = models.CharField(
        _("classification"),
        max_length=12,
        choices=Classification.choices,
        default=Classification.UNASSESSED,
    )
    classification_rule_version = models.CharField(max_length=80, blank=True)
    classification_reasons = models.JSONField(default=list, blank=True)
    women_led = models.BooleanField(
        _("women-led"), null=True, blank=True, editable=False
    )
    share_not_disaggregated = models.FloatField(
        _("share of people not disaggregated by sex"), null=True, blank=True
    )
    flag_possible_duplicate = models.BooleanField(default=False)
    flag_geo_mismatch = models.BooleanField(default=False)
    flag_disagg_inconsistent = models.BooleanField(default=False)
    flag_missing_required = models.BooleanField(default=False)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name_plural = _("entities")
        indexes = [
            models.Index(fields=["country", "workflow_state"]),
            models.Index(fields=["country", "sse_type"]),
            models.Index(fields=["country", "classification"]),
            models.Index(fields=["country", "area"]),
            models.Index(fields=["country", "-updated_at", "-id"]),
            models.Index(fields=["country", "name_key"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "external_source", "external_id"],
                condition=~Q(external_id=""),
                name="entity_external_id_unique",
            ),
            models.CheckConstraint(
                condition=Q(sse_type__in=SseType.values) | Q(sse_type=""),
                name="entity_sse_type_code",
            ),
            models.CheckConstraint(
                condition=Q(registration_status__in=RegistrationStatus.values)
                | Q(registration_status=""),
                name="entity_registration_status_code",
            ),
            models.CheckConstraint(
                condition=Q(workflow_state__in=WorkflowState.values),
                name="entity_workflow_state_code",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90),
                name="entity_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True)
                | Q(longitude__gte=-180, longitude__lte=180),
                name="entity_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(surplus_cap_pct__isnull=True) | Q(surplus_cap_pct__lte=100),
                name="entity_surplus_cap_pct_range",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_en or self.name_local or self.code

    @property
    def priority_sectors(self) -> list[str]:
        chosen = {
            PrioritySector.FARM_SMALL: self.sector_farm_small,
            PrioritySector.ASM: self.sector_asm,
            PrioritySector.CONSTRUCTION: self.sector_construction,
        }
        return [sector.value for sector, on in chosen.items() if on]

    @property
    def flags(self) -> list[str]:
        chosen = {
            ModerationFlag.POSSIBLE_DUPLICATE: self.flag_possible_duplicate,
            ModerationFlag.GEO_MISMATCH: self.flag_geo_mismatch,
            ModerationFlag.DISAGG_INCONSISTENT: self.flag_disagg_inconsistent,
            ModerationFlag.MISSING_REQUIRED: self.flag_missing_required,
        }
        return [flag.value for flag, on in chosen.items() if on]

    def flag_labels(self) -> list[str]:
        return [str(ModerationFlag(flag).label) for flag in self.flags]

    def priority_sector_labels(self) -> list[str]:
        return [str(PrioritySector(s).label) for s in self.priority_sectors]


PEOPLE_GROUPS: tuple[tuple[str, str], ...] = (  # type: ignore[assignment]
    ("members", _("Members")),
    ("employees", _("Employees")),
    ("worker_members", _("Worker-members")),
    ("producer_members", _("Producer-members")),
    ("volunteers", _("Volunteers")),
    ("board", _("Governing board seats")),
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
            models.CheckConstraint(
                condition=Q(board_total__isnull=True)
                | Q(members_total__isnull=True)
                | Q(board_total__lte=F("members_total")),
                name="figures_board_within_members",
            ),
            models.CheckConstraint(
                condition=Q(reference_year__gte=1800) & Q(reference_year__lte=2100),
                name="figures_reference_year_range",
            ),
            models.CheckConstraint(
                condition=Q(turnover__isnull=True, assets__isnull=True)
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
        return self.caption or self.file.name or ""


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
    recommendation = models.TextField(_("recommendation"), blank=True)

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


class AuditEvent(models.Model):
    """Who changed what, when: one row per change to a finding."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    changes = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor} at {self.at:%Y-%m-%d %H:%M}"


class ReviewDecision(models.Model):
    """One committee member's decision on one version of a record. Never changed."""

    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approve")
        RETURN = "return", _("Return for changes")
        REJECT = "reject", _("Reject")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="review_decisions",
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    comment = models.TextField(_("comment"), blank=True)
    field_comments = models.JSONField(_("comments per field"), default=dict, blank=True)
    meeting = models.ForeignKey(
        "countries.CommitteeMeeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    record_version = models.PositiveIntegerField()
    # The round of review this decision belongs to: the record's submission time.
    round_started_at = models.DateTimeField()
    decided_at = models.DateTimeField(auto_now_add=True)

    objects = CountryScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-decided_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=["approve", "return", "reject"]),
                name="review_decision_code",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} by {self.reviewer}"


class MeetingAgendaItem(models.Model):
    """A record put on a committee meeting's agenda."""

    meeting = models.ForeignKey(
        "countries.CommitteeMeeting", on_delete=models.CASCADE, related_name="agenda"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "content_type", "object_id"],
                name="agenda_item_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """A long piece of work done by a Celery worker, followed through its row.

    Tasks lock the row with select_for_update before moving it on, so a redelivered
    task finds it running or done and does no harm.
    """

    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class ExportJob(Job):
    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        GEOJSON = "geojson", "GeoJSON"
        JSONLD = "jsonld", "JSON-LD"

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    filters = models.JSONField(_("filters used"), default=dict, blank=True)
    include_unvalidated = models.BooleanField(
        _("include records not yet validated"), default=False
    )
    per_year = models.BooleanField(_("one row per entity and year"), default=False)
    row_count = models.PositiveIntegerField(null=True, blank=True)
    file_path = models.CharField(max_length=500, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    objects = CountryScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["country", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_format_display()} export of {self.country_id} #{self.pk}"


class ColumnMapping(models.Model):
    """How a survey tool's CSV columns map onto the template, saved per country."""

    class Tool(models.TextChoices):
        KOBO = "kobo", "KoboToolbox"
        ODK = "odk", "ODK Central"

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    tool = models.CharField(_("survey tool"), max_length=10, choices=Tool.choices)
    columns = models.JSONField(_("columns"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = CountryScopedQuerySet.as_manager()

    class Meta:
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"], name="mapping_name_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_tool_display()})"


class ImportJob(Job):
    class Kind(models.TextChoices):
        TEMPLATE = "template", _("Platform template (XLSX or CSV)")
        KOBO = "kobo", "KoboToolbox CSV"
        ODK = "odk", "ODK Central CSV"

    class Stage(models.TextChoices):
        VALIDATING = "validating", _("Checking the file")
        INVALID = "invalid", _("Errors found: nothing imported")
        READY = "ready", _("Checked: ready to import")
        COMMITTING = "committing", _("Importing")
        IMPORTED = "imported", _("Imported")

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of file"), max_length=10, choices=Kind.choices)
    stage = models.CharField(
        max_length=12, choices=Stage.choices, default=Stage.VALIDATING
    )
    mapping = models.ForeignKey(
        ColumnMapping,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    original_filename = models.CharField(max_length=255)
    file_path = models.CharField(max_length=500)
    row_count = models.PositiveIntegerField(null=True, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    # The first errors, for the page; the full report is a downloadable file.
    errors = models.JSONField(default=list, blank=True)
    report_path = models.CharField(max_length=500, blank=True)
    duplicates = models.JSONField(default=list, blank=True)
    duplicate_decisions = models.JSONField(default=dict, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)

    objects = CountryScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import of {self.original_filename} into {self.country_id}"


class Report(Job):
    """One version of a compiled country mapping report, or a regional comparison."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country mapping report")
        REGIONAL = "regional", _("Regional comparison")

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COUNTRY)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    countries = models.JSONField(_("countries compared"), default=list, blank=True)
    number = models.PositiveIntegerField(_("version"))
    cutoff_at = models.DateTimeField(_("data cut-off"))
    include_unvalidated = models.BooleanField(default=False)
    tables = models.JSONField(default=dict, blank=True)
    html_path = models.CharField(max_length=500, blank=True)
    pdf_path = models.CharField(max_length=500, blank=True)
    xlsx_path = models.CharField(max_length=500, blank=True)
    aggregation_seconds = models.FloatField(null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)
    query_count = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "country", "number"], name="report_version_unique"
            )
        ]

    def __str__(self) -> str:
        where = self.country_id or ",".join(self.countries)
        return f"{self.get_kind_display()} {where} v{self.number}"
