"""Entities, the sources of their figures, their legal-form history and affiliations."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Cast, Coalesce, Floor, Lower, NullIf
from django.utils.translation import gettext_lazy as _

from countries.models import (
    AdminArea,
    Country,
    IsicCode,
    LegalForm,
)
from countries.vocabularies import (
    ON_THE_MENU,
    ActivityStatus,
    AssetLock,
    Classification,
    ConsentLevel,
    CoopMemberType,
    GeoPrecision,
    ModerationFlag,
    OrgLevel,
    PrioritySector,
    RegistrationStatus,
    Scale,
    SourceKind,
    SseType,
    SurplusRule,
    UrbanRural,
    Visibility,
    WorkflowState,
)
from surveys.models.base import CountryScopedQuerySet, WorkflowRecord
from surveys.models.indexes import SortIndex
from surveys.principles import DEFAULT_RULE_VERSION

if TYPE_CHECKING:  # the figures module imports this one
    from surveys.models.figures import EntityFigures


# The rule versions of a provisional classification: none yet, or the ILC 2022 default
# applied while no national definition is validated.
PROVISIONAL_RULE_VERSIONS = ("", DEFAULT_RULE_VERSION)
# The map's finest stored grid: four cells across a 256-pixel tile at this zoom, so
# MAP_GRID_CELLS cells around the world (a cell is about 150 m).
MAP_GRID_ZOOM = 16
MAP_GRID_CELLS = 4 * 2**MAP_GRID_ZOOM


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


# Unions, federations and apex bodies: organisations of organisations.
FEDERATION_LEVELS = (OrgLevel.SECONDARY, OrgLevel.APEX)
# The column that says an entity is in each priority sector, derived from its main and
# other activities: an entity can be in more than one.
SECTOR_FIELDS: dict[str, str] = {
    PrioritySector.FARM_SMALL: "sector_farm_small",
    PrioritySector.ASM: "sector_asm",
    PrioritySector.CONSTRUCTION: "sector_construction",
}
# The column of each moderation flag, raised when a record needs a second look.
FLAG_FIELDS: dict[str, str] = {
    ModerationFlag.POSSIBLE_DUPLICATE: "flag_possible_duplicate",
    ModerationFlag.GEO_MISMATCH: "flag_geo_mismatch",
    ModerationFlag.DISAGG_INCONSISTENT: "flag_disagg_inconsistent",
    ModerationFlag.MISSING_REQUIRED: "flag_missing_required",
}
# The list's filters on columns of few values, carried in the index of its order so
# that a filtered page and its count are read from the index alone, however few
# entities match.
LIST_FILTER_COLUMNS = (
    *FLAG_FIELDS.values(),
    "women_led",
    "registration_status",
    "legal_form",
    "classification_rule_version",
)
# The name a list sorts by: the English name, or the local one where there is none,
# whatever its case.
SORT_NAME = Lower(Coalesce(NullIf("name_en", Value("")), "name_local"))


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
    # The point's cell on the map's finest grid (MAP_GRID_ZOOM): the database keeps
    # it for every write path (forms, imports, COPY), and a coarser zoom's cell is
    # this one shifted right, so a whole country is grouped on two small integers.
    map_row = models.GeneratedField(
        expression=Cast(
            Floor(F("latitude") * MAP_GRID_CELLS / Value(360.0)), models.IntegerField()
        ),
        output_field=models.IntegerField(),
        db_persist=True,
    )
    map_col = models.GeneratedField(
        expression=Cast(
            Floor(F("longitude") * MAP_GRID_CELLS / Value(360.0)),
            models.IntegerField(),
        ),
        output_field=models.IntegerField(),
        db_persist=True,
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
        # A division, or a class (four digits) that reports roll up to its division.
        limit_choices_to={"level__in": ("division", "class")},
        verbose_name=_("main economic activity (ISIC Rev.4)"),
    )
    other_activities = models.JSONField(
        _("other economic activities (ISIC Rev.4)"), default=list, blank=True
    )
    farm_scale = models.CharField(
        _("scale of farming"),
        max_length=8,
        choices=Scale.choices,
        blank=True,
        help_text=_(
            "Larger than small-scale: the farming activities are not counted as "
            "small-scale farming."
        ),
    )
    mining_scale = models.CharField(
        _("scale of mining"),
        max_length=8,
        choices=Scale.choices,
        blank=True,
        help_text=_(
            "Larger than small-scale: the mining activities are not counted as "
            "artisanal and small-scale mining (crude oil and gas never are)."
        ),
    )
    small_farmers_cbo = models.BooleanField(
        _("community-based organisation of small-scale farmers"),
        default=False,
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
    consent_level = models.CharField(
        _("consent to publication"),
        max_length=12,
        choices=ConsentLevel.choices,
        default=ConsentLevel.NONE,
    )
    # A person's name or role: personal data, never published (surveys/public/fields).
    consent_by = models.CharField(
        _("consent given by"),
        max_length=250,
        blank=True,
        help_text=_("The name or role of the person who gave it."),
    )
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
            # The list's filters and order, over the records not deleted (every list,
            # count and report reads only those): a filtered count reads the index
            # alone.
            *(
                models.Index(
                    fields=["country", *fields],
                    condition=Q(deleted_at__isnull=True),
                    name=f"entity_live_{name}",
                )
                for name, fields in (
                    ("state", ["workflow_state"]),
                    ("type", ["sse_type"]),
                    ("classification", ["classification"]),
                    ("area", ["area"]),
                )
            ),
            models.Index(
                fields=["country", "-updated_at", "-id"],
                include=LIST_FILTER_COLUMNS,
                condition=Q(deleted_at__isnull=True),
                name="entity_live_updated",
            ),
            # The list sorted by name, code or year established: a page read from
            # the index in either direction, the id breaking ties in the same
            # direction. Entities without a year come last either way, so each
            # direction of the year has its own.
            *(
                SortIndex(
                    F("country"),
                    term,
                    F("id").desc() if descending else F("id"),
                    condition=Q(deleted_at__isnull=True),
                    name=f"entity_live_by_{name}",
                    fillfactor=fillfactor,
                )
                for name, term, descending, fillfactor in (
                    # A new entity's name falls anywhere in the country's: room
                    # for it in each page, as a page split leaves in the end.
                    ("name", SORT_NAME, False, 70),
                    # Codes, and ids within a year, come in order: new entries
                    # go last.
                    ("code", F("code"), False, None),
                    ("year", F("year_established"), False, None),
                    (
                        "year_desc",
                        F("year_established").desc(nulls_last=True),
                        True,
                        None,
                    ),
                )
            ),
            # A priority sector's entities, counted and listed newest first without
            # reading the country's others (a sector holds a sixth of them or less).
            *(
                models.Index(
                    fields=["country", "-updated_at", "-id"],
                    condition=Q(deleted_at__isnull=True, **{field: True}),
                    name=f"entity_live_{sector.lower()}",
                )
                for sector, field in SECTOR_FIELDS.items()
            ),
            # The deleted drafts staff may restore.
            models.Index(
                fields=["country", "-deleted_at"],
                condition=Q(deleted_at__isnull=False),
                name="entity_deleted",
            ),
            # The map groups a country's points by grid cell: every column it reads,
            # the borderline filter's included, is in the index, and deleted drafts
            # are not, so 100 000 points are scanned without touching the table.
            models.Index(
                fields=["country", "map_row", "map_col"],
                include=["latitude", "longitude", "id", "classification"],
                condition=Q(deleted_at__isnull=True),
                name="entity_country_map_cells",
            ),
            # Staff's map of every country at once: the same scan without the
            # country.
            models.Index(
                fields=["map_row", "map_col"],
                include=["id", "classification"],
                condition=Q(deleted_at__isnull=True),
                name="entity_map_cells",
            ),
            # The map's count of entities without coordinates, in any country or all.
            models.Index(
                fields=["country"],
                condition=Q(map_row__isnull=True) | Q(map_col__isnull=True),
                name="entity_without_map_cell",
            ),
            # The few unions and federations of a country, found without reading
            # its other entities (the entity page offers them as affiliations).
            models.Index(
                fields=["country", "org_level"],
                condition=Q(org_level__in=FEDERATION_LEVELS),
                name="entity_federations",
            ),
            # The menu's counts of records to review and returned to their author,
            # read from the index alone on every page.
            models.Index(
                fields=["country", "workflow_state"],
                include=["id", "created_by", "updated_by"],
                condition=Q(deleted_at__isnull=True)
                & Q(workflow_state__in=sorted(ON_THE_MENU)),
                name="entity_on_the_menu",
            ),
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
                condition=Q(consent_level__in=ConsentLevel.values),
                name="entity_consent_level_code",
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
    def classification_provisional(self) -> bool:
        """Classified under the ILC 2022 default: no national definition validated."""
        return self.classification_rule_version in PROVISIONAL_RULE_VERSIONS

    @property
    def priority_sectors(self) -> list[str]:
        return [
            str(sector)
            for sector, field in SECTOR_FIELDS.items()
            if getattr(self, field)
        ]

    @property
    def flags(self) -> list[str]:
        return [
            str(flag) for flag, field in FLAG_FIELDS.items() if getattr(self, field)
        ]

    def flag_labels(self) -> list[str]:
        return [str(ModerationFlag(flag).label) for flag in self.flags]

    def priority_sector_labels(self) -> list[str]:
        return [str(PrioritySector(s).label) for s in self.priority_sectors]

    def missing_figures_or_assessment(
        self, figures: list[EntityFigures] | None = None
    ) -> list[str]:
        """Members counted for at least one year, and a principles assessment.

        `figures`: all of the entity's figures when the caller has them (an import,
        before the entity is saved); otherwise those prefetched, or they are read.
        """
        missing: list[str] = []
        if figures is None and "figures" in getattr(
            self, "_prefetched_objects_cache", {}
        ):
            figures = list(self.figures.all())
        if figures is not None:
            has_members = any(f.members_total is not None for f in figures)  # type: ignore[attr-defined]
        else:
            has_members = not self.pk or (
                self.figures.exclude(members_total__isnull=True).exists()
            )
        if not has_members:
            missing.append(
                str(_("figures with the number of members for at least one year"))
            )
        if self.classification == Classification.UNASSESSED:
            missing.append(str(_("the principles assessment")))
        return missing


class LegalFormChange(models.Model):
    """One transformation of an entity: the legal form it left, the one it took, the
    year. The entity's `former_legal_form` is the form it left in the latest one."""

    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="legal_form_changes"
    )
    from_form = models.ForeignKey(
        LegalForm,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("from legal form"),
    )
    to_form = models.ForeignKey(
        LegalForm,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("to legal form"),
    )
    # Unknown for a transformation recorded only as the entity's former legal form.
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta:
        ordering = ["entity", F("year").asc(nulls_first=True), "id"]
        verbose_name = _("legal form change")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_form=F("to_form")),
                name="legal_form_change_changes_form",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1800, year__lte=2100),
                name="legal_form_change_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_form} → {self.to_form} ({self.year or '?'})"


class Affiliation(models.Model):
    """A member organisation's link to the union, federation or apex body it belongs
    to, since a year. Recorded on the member organisation, as part of its record."""

    member = models.ForeignKey(
        Entity,
        on_delete=models.CASCADE,
        related_name="affiliations",
        verbose_name=_("member organisation"),
    )
    federation = models.ForeignKey(
        Entity,
        on_delete=models.CASCADE,
        related_name="member_links",
        verbose_name=_("union, federation or apex body"),
    )
    year = models.PositiveSmallIntegerField(_("member since (year)"), null=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["federation__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "federation"], name="affiliation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(member=F("federation")), name="affiliation_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.federation}"
