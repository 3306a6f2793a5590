"""Filters for lists of findings, shared by the pages and the REST API.

A FilterSet only narrows a queryset it is given: the caller passes one that a selector
has already scoped to the user, so a filter can never widen what someone may read.
"""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, OrderBy, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from countries.models import AdminArea, Country, LegalForm
from countries.selectors import area_with_predecessors
from countries.vocabularies import (
    Classification,
    ModerationFlag,
    PrioritySector,
    RegistrationStatus,
    SseType,
    WorkflowState,
)
from surveys.display import area_label
from surveys.entities.duplicates import name_key
from surveys.form_helpers import StyledFormMixin
from surveys.models import PROVISIONAL_RULE_VERSIONS, Entity
from surveys.models.entities import FLAG_FIELDS, SECTOR_FIELDS, SORT_NAME

ENTITY_PAGE_SIZE = 50

ANY_FLAG = "ANY"

PROVISIONAL_CHOICES = (
    ("yes", _("Provisional: no national definition validated")),
    ("no", _("Under a validated national definition")),
)
WOMEN_LED_CHOICES = (
    ("yes", _("Women-led")),
    ("no", _("Not women-led")),
    ("unknown", _("Not known")),
)


# Areas and legal forms change seldom; a change starts a new generation of the lists.
CHOICES_KEEP = 3600
CHOICES_GENERATION = "entity-filter-choices-generation"


def filter_choices_forget(**_kwargs: Any) -> None:
    """Forget the cached lists (connected to every change of an area or legal form)."""
    try:
        cache.incr(CHOICES_GENERATION)
    except ValueError:
        cache.set(CHOICES_GENERATION, 1, None)


def _cached_choices(
    name: str, country: Country, field: forms.ModelChoiceField[Any]
) -> list[tuple[Any, str]]:
    generation = cache.get(CHOICES_GENERATION, 0)
    key = f"entity-filter-choices:{generation}:{name}:{country.code}:{get_language()}"
    choices: list[tuple[Any, str]] | None = cache.get(key)
    if choices is None:
        assert field.queryset is not None
        choices = [
            (item.pk, field.label_from_instance(item)) for item in field.queryset
        ]
        cache.set(key, choices, CHOICES_KEEP)
    return choices


class AreaChoiceFilter(django_filters.ModelChoiceFilter):
    """A current area also matches entities recorded against the units merged into it."""

    def filter(self, qs: QuerySet[Entity], value: AdminArea | None) -> QuerySet[Entity]:
        if not value:
            return qs
        return qs.filter(area__in=area_with_predecessors(value))


def day_start(day: datetime.date) -> datetime.datetime:
    """The first moment of `day` in the active time zone: what "since" a date means."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class SinceFilter(django_filters.DateFilter):
    """Entities whose timestamp falls on or after the given day."""

    def filter(
        self, qs: QuerySet[Entity], value: datetime.date | None
    ) -> QuerySet[Entity]:
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__gte": day_start(value)})


class StyledFilterForm(StyledFormMixin, forms.Form):
    """Bootstrap classes for the filter form a page shows; the API ignores them."""


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Entities with no value (no year established) sort last either way, on
    SQLite and PostgreSQL alike. A column that always has a value sorts plainly, so
    one index serves both directions (`surveys.models.indexes.SortIndex`)."""

    # The default order (empty_label), newest update first, is offered once.
    HIDDEN = frozenset({"-updated"})

    def build_choices(self, fields: Any, labels: Any) -> list[tuple[str, Any]]:
        return [
            choice
            for choice in super().build_choices(fields, labels)
            if choice[0] not in self.HIDDEN
        ]

    def get_ordering_value(self, param: str) -> OrderBy:
        descending = param.startswith("-")
        name = self.param_map.get(param.lstrip("-"), param.lstrip("-"))
        field = F(name)
        nulls_last = True if _may_be_empty(name) else None
        return (
            field.desc(nulls_last=nulls_last)
            if descending
            else field.asc(nulls_last=nulls_last)
        )


def _may_be_empty(name: str) -> bool:
    try:
        return bool(Entity._meta.get_field(name).null)
    except FieldDoesNotExist:
        return False  # the sort name: every entity has a name


class EntityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        help_text=_("Name in either script, or code"),
    )
    area = AreaChoiceFilter(
        label=_("Area"), queryset=AdminArea.objects.none(), empty_label=_("All areas")
    )
    sse_type = django_filters.ChoiceFilter(
        label=_("SSE type"), choices=SseType.choices, empty_label=_("All types")
    )
    legal_form = django_filters.ModelChoiceFilter(
        label=_("Legal form"),
        queryset=LegalForm.objects.none(),
        empty_label=_("All legal forms"),
    )
    registration_status = django_filters.ChoiceFilter(
        label=_("Registration"),
        choices=RegistrationStatus.choices,
        empty_label=_("Any registration"),
    )
    sector = django_filters.ChoiceFilter(
        label=_("Priority sector"),
        choices=PrioritySector.choices,
        method="filter_sector",
        empty_label=_("Any sector"),
    )
    classification = django_filters.ChoiceFilter(
        label=_("Classification"),
        choices=Classification.choices,
        empty_label=_("Any classification"),
    )
    provisional = django_filters.ChoiceFilter(
        label=_("Classification rule"),
        choices=PROVISIONAL_CHOICES,
        method="filter_provisional",
        empty_label=_("Any rule"),
    )
    workflow_state = django_filters.ChoiceFilter(
        label=_("Workflow state"),
        choices=WorkflowState.choices,
        empty_label=_("Any state"),
    )
    women_led = django_filters.ChoiceFilter(
        label=_("Women-led"),
        choices=WOMEN_LED_CHOICES,
        method="filter_women_led",
        empty_label=_("Any leadership"),
    )
    flag = django_filters.ChoiceFilter(
        label=_("Flag"),
        choices=[(ANY_FLAG, _("Any flag")), *ModerationFlag.choices],
        method="filter_flag",
        empty_label=_("Flagged or not"),
    )
    added_since = SinceFilter(
        label=_("Added since"),
        field_name="created_at",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    changed_since = SinceFilter(
        label=_("Changed since"),
        field_name="updated_at",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = NullsLastOrderingFilter(
        label=_("Sort by"),
        empty_label=_("Last updated"),
        fields=(
            ("sort_name", "name"),
            ("code", "code"),
            ("updated_at", "updated"),
            ("year_established", "established"),
        ),
        # django-filter names an ascending choice by its model field, a descending
        # one by its parameter.
        field_labels={
            "sort_name": _("Name"),
            "-name": _("Name (Z–A)"),
            "code": _("Code"),
            "-code": _("Code (descending)"),
            "updated_at": _("Updated (oldest first)"),
            "year_established": _("Year established (oldest first)"),
            "-established": _("Year established (newest first)"),
        },
    )

    queryset: QuerySet[Entity]

    class Meta:
        model = Entity
        fields: list[str] = []
        form = StyledFilterForm

    def __init__(
        self, *args: Any, country: Country | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        areas = AdminArea.objects.current().filter(level=1)
        legal_forms = LegalForm.objects.all()
        if country is not None:
            areas = areas.filter(country=country)
            legal_forms = legal_forms.filter(country=country)
        self.filters["area"].queryset = areas.order_by("name_en")
        self.filters["legal_form"].queryset = legal_forms
        self.form.fields["area"].label_from_instance = area_label
        if country is not None:
            # The lists a page shows, read once per country and language; a value
            # sent is still checked against the queryset.
            for name in ("area", "legal_form"):
                field = self.form.fields[name]
                field.widget.choices = [
                    ("", field.empty_label),
                    *_cached_choices(name, country, field),
                ]
        # Newest first by default, matching the (country, -updated_at, -id) index;
        # entities without an English name sort by their local name.
        self.queryset = self.queryset.annotate(sort_name=SORT_NAME).order_by(
            "-updated_at", "-id"
        )

    def filter_queryset(self, queryset: QuerySet[Entity]) -> QuerySet[Entity]:
        entities = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("sort"):
            # A tie-breaker keeps pages stable when many rows share a value; it goes
            # the sort's way, as the sort's index does.
            first = entities.query.order_by[0]
            descending = first.descending if isinstance(first, OrderBy) else False
            entities = entities.order_by(
                *entities.query.order_by, "-id" if descending else "id"
            )
        return entities

    def search(self, qs: QuerySet[Entity], name: str, value: str) -> QuerySet[Entity]:
        value = value.strip()
        if not value:
            return qs
        key = name_key(value)
        if not key:
            # Punctuation alone: only the names as written can hold it.
            return qs.filter(
                Q(name_local__icontains=value) | Q(name_en__icontains=value)
            )
        # The key of an entity's names holds the key of every part of them, without
        # accents, case or punctuation ("ha giang" finds "Hà Giang"), and is read
        # from its trigram index however many entities the country has. Codes are
        # written in capitals.
        return qs.filter(Q(name_key__contains=key) | Q(code=value.upper()))

    def filter_sector(
        self, qs: QuerySet[Entity], name: str, value: str
    ) -> QuerySet[Entity]:
        return qs.filter(**{SECTOR_FIELDS[PrioritySector(value)]: True})

    def filter_provisional(
        self, qs: QuerySet[Entity], name: str, value: str
    ) -> QuerySet[Entity]:
        provisional = Q(classification_rule_version__in=PROVISIONAL_RULE_VERSIONS)
        return qs.filter(provisional if value == "yes" else ~provisional)

    def filter_women_led(
        self, qs: QuerySet[Entity], name: str, value: str
    ) -> QuerySet[Entity]:
        if value == "unknown":
            return qs.filter(women_led__isnull=True)
        return qs.filter(women_led=(value == "yes"))

    def filter_flag(
        self, qs: QuerySet[Entity], name: str, value: str
    ) -> QuerySet[Entity]:
        if value == ANY_FLAG:
            any_flag = Q()
            for field in FLAG_FIELDS.values():
                any_flag |= Q(**{field: True})
            return qs.filter(any_flag)
        return qs.filter(**{FLAG_FIELDS[ModerationFlag(value)]: True})
