from __future__ import annotations

import datetime
from typing import Any, Self

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from countries.languages import LANGUAGES as PLATFORM_LANGUAGES
from countries.names import country_name, isic_title
from countries.vocabularies import Constituency, Role, Sex, SseType


class CountryScopedQuerySet(models.QuerySet[Any]):
    """The one place that decides which countries' rows a user may read: every model
    with a country reads through `visible_to`, so another country's row is simply not
    there (a 404 on a page, absent from a list, a count or an export)."""

    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> Self:
        # Imported here: the selectors read Membership, defined below.
        from countries.selectors import countries_of, has_all_countries

        if not user.is_authenticated:
            return self.none()
        if has_all_countries(user):
            return self
        # The codes written into the query, not a join on memberships: no DISTINCT,
        # so the country's indexes still serve a list's ordering at 100 000 rows.
        return self.filter(country__in=countries_of(user))

    def in_country(self, country: Country | str) -> Self:
        return self.filter(country=country)


class Country(models.Model):
    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    name_local = models.CharField(_("local name"), max_length=100, blank=True)
    currency = models.CharField(_("national currency"), max_length=3)
    review_quorum = models.PositiveSmallIntegerField(
        _("approvals needed to validate a record"), default=1
    )
    committee_second_factor = models.BooleanField(
        _("committee members sign in with a second factor"),
        default=False,
        help_text=_(
            "On top of the roles in MFA_REQUIRED_ROLES: this country's committee "
            "members must set up a second factor."
        ),
    )
    # The country's definition of a women-led entity: any part that is met makes it
    # women-led; a part switched off is neither counted nor reported.
    women_led_chair = models.BooleanField(
        _("women-led: a woman chairs it"), default=True
    )
    women_led_manager = models.BooleanField(
        _("women-led: a woman manages it"), default=True
    )
    women_led_board_pct = models.PositiveSmallIntegerField(
        _("women-led: women's share of board seats at least (%)"),
        null=True,
        blank=True,
        default=50,
        help_text=_("Blank: the board is not part of the definition."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return country_name(self)


class MacroRegion(models.Model):
    """A grouping of first-level areas, to check that case selection is inclusive."""

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="macro_regions"
    )
    code = models.CharField(max_length=40)
    name_en = models.CharField(_("English name"), max_length=120)
    name_local = models.CharField(_("local name"), max_length=120, blank=True)

    class Meta:
        ordering = ["country", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "code"], name="macro_region_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name_en


class AdminAreaQuerySet(CountryScopedQuerySet):
    def current(self, on: datetime.date | None = None) -> AdminAreaQuerySet:
        on = on or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on),
            Q(valid_to__isnull=True) | Q(valid_to__gte=on),
        )


class AdminArea(models.Model):
    """An administrative unit, dated so that older data aggregates after reforms."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="areas")
    level = models.PositiveSmallIntegerField(default=1)
    code = models.CharField(max_length=20)
    iso_3166_2 = models.CharField(
        _("ISO 3166-2 code"), max_length=10, blank=True, default=""
    )
    kind = models.CharField(max_length=60, blank=True)
    name_en = models.CharField(_("English name"), max_length=120)
    name_local = models.CharField(_("local name"), max_length=120, blank=True)
    # Kyrgyzstan has two official languages: the Russian name beside the Kyrgyz one.
    name_ru = models.CharField(_("Russian name"), max_length=120, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    macro_region = models.ForeignKey(
        MacroRegion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="areas",
    )
    # An approximate centre, used to flag entity locations far outside their area.
    centroid_lat = models.DecimalField(
        max_digits=8, decimal_places=5, null=True, blank=True
    )
    centroid_lon = models.DecimalField(
        max_digits=8, decimal_places=5, null=True, blank=True
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        help_text=_("The unit this one was merged into."),
    )

    objects = AdminAreaQuerySet.as_manager()

    class Meta:
        ordering = ["country", "level", "name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "code"], name="admin_area_code_unique"
            )
        ]

    def __str__(self) -> str:
        if self.valid_to:
            return f"{self.name_en} (until {self.valid_to:%Y-%m-%d})"
        return self.name_en

    @property
    def is_current(self) -> bool:
        return self.valid_to is None or self.valid_to >= timezone.localdate()

    def current_successor(self) -> AdminArea:
        """The unit that holds this one's territory today (itself when unchanged)."""
        area = self
        while area.replaced_by_id is not None and area.replaced_by is not None:
            area = area.replaced_by
        return area


class IsicCode(models.Model):
    """ISIC Rev.4 sections (one letter), divisions (two digits) and classes (four
    digits). Divisions and classes name their section; a class's division is its
    first two digits."""

    code = models.CharField(max_length=4, primary_key=True)
    level = models.CharField(
        max_length=10,
        choices=[("section", "Section"), ("division", "Division"), ("class", "Class")],
    )
    title = models.CharField(max_length=250)
    section = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="divisions",
        limit_choices_to={"level": "section"},
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("ISIC Rev.4 code")

    def __str__(self) -> str:
        return f"{self.code} {isic_title(self.code, self.title)}"

    @property
    def division_code(self) -> str | None:
        """The division a division or class rolls up to (none for a section)."""
        return self.code[:2] if self.section_id else None


class LegalForm(models.Model):
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="legal_forms"
    )
    code = models.CharField(max_length=40)
    name_en = models.CharField(_("English name"), max_length=160)
    name_local = models.CharField(_("local name"), max_length=160, blank=True)
    name_ru = models.CharField(_("Russian name"), max_length=160, blank=True)
    governing_law = models.CharField(_("governing law"), max_length=250, blank=True)
    default_sse_type = models.CharField(
        _("default SSE type"), max_length=20, choices=SseType.choices
    )
    to_be_confirmed = models.BooleanField(
        _("to be confirmed by the national consultants"), default=True
    )

    objects = CountryScopedQuerySet.as_manager()

    class Meta:
        ordering = ["country", "name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "code"], name="legal_form_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name_en


class Membership(models.Model):
    """A user's role in one country; staff and admins may hold one in all countries."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        help_text=_("Empty means all countries (staff and administrators only)."),
    )
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["user", "country", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "country", "role"], name="membership_unique"
            ),
            models.CheckConstraint(
                condition=Q(country__isnull=False)
                | Q(role__in=[Role.STAFF, Role.ADMIN]),
                name="membership_all_countries_only_for_staff",
            ),
        ]

    def __str__(self) -> str:
        where = country_name(self.country) if self.country else _("all countries")
        return f"{self.user} · {self.get_role_display()} · {where}"


class NationalPriority(models.Model):
    """A priority of the country's own plans that capacity gaps are measured against."""

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="national_priorities"
    )
    code = models.CharField(max_length=40)
    title = models.CharField(_("title"), max_length=250)
    source_document = models.CharField(_("source document"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = CountryScopedQuerySet.as_manager()

    class Meta:
        ordering = ["country", "code"]
        verbose_name_plural = _("national priorities")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "code"], name="national_priority_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class CommitteeMember(models.Model):
    """A member of a national advisory committee (tripartite plus SSE bodies)."""

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="committee_members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_seats",
        help_text=_("The member's login, when they review on the platform."),
    )
    name = models.CharField(_("name"), max_length=160)
    organisation = models.CharField(_("organisation"), max_length=250)
    constituency = models.CharField(
        _("constituency"), max_length=10, choices=Constituency.choices
    )
    sex = models.CharField(_("sex"), max_length=3, choices=Sex.choices, blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = CountryScopedQuerySet.as_manager()

    class Meta:
        ordering = ["country", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class CommitteeMeeting(models.Model):
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="committee_meetings"
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=250, blank=True)
    online = models.BooleanField(_("held online"), default=False)
    attendees = models.ManyToManyField(
        CommitteeMember,
        blank=True,
        related_name="meetings",
        verbose_name=_("attendees"),
    )
    minutes = models.TextField(_("minutes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CountryScopedQuerySet.as_manager()

    class Meta:
        ordering = ["country", "-date"]

    def __str__(self) -> str:
        where = _("online") if self.online else self.place
        return f"{self.country_id} {self.date:%Y-%m-%d} {where}"


class ApiToken(models.Model):
    """A personal key for scripts calling the API; only its SHA-256 hash is stored.

    The key itself is shown once, when it is created; a lost key is revoked and a new
    one made.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    # The first characters of the key, so that a person can tell their keys apart.
    key_prefix = models.CharField(_("key starts with"), max_length=8)
    hashed_key = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["user", "-created_at", "-id"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    def is_usable(self, now: datetime.datetime) -> bool:
        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > now
        )


class ExchangeRate(models.Model):
    """A currency's annual average rate to the US dollar, as published by a named
    source; the regional report converts with it and never fetches a rate."""

    currency = models.CharField(_("currency"), max_length=3)
    year = models.PositiveSmallIntegerField(_("year"))
    units_per_usd = models.DecimalField(
        _("units of the currency per US dollar"), max_digits=14, decimal_places=4
    )
    source = models.CharField(_("source"), max_length=250)

    class Meta:
        ordering = ["currency", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "year"], name="exchange_rate_currency_year_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(units_per_usd__gt=0),
                name="exchange_rate_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.year}: {self.units_per_usd} per USD"


class Profile(models.Model):
    """A person's own preferences, kept across devices: the interface language applied
    at every sign-in, and the calendar years are shown in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    language = models.CharField(
        _("language"), max_length=8, blank=True, choices=PLATFORM_LANGUAGES
    )
    buddhist_era = models.BooleanField(
        _("show years in the Buddhist Era"),
        default=False,
        help_text=_("Thai dates as 2567 instead of 2024; stored dates do not change."),
    )

    def __str__(self) -> str:
        return f"{self.user} · {self.language or '—'}"
