"""The named measures a report table counts, each defined once.

A measure gives one or more conditional aggregates over the rows of a compile's scope
table (`surveys.reports.scope`: one row per entity, with its ratings and latest
figures). Principles: each criterion's ratings, and each principle's rating by the
weakest-criterion rule of `surveys.principles.principle_rating` (P3.3 is a flag
only), written as one SQL CASE that the scope table's copy evaluates once per entity,
through its assessment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Aggregate,
    Case,
    CharField,
    Count,
    F,
    FloatField,
    Max,
    Min,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy

from countries.vocabularies import (
    Classification,
    Rating,
    RegistrationStatus,
    SseType,
)
from surveys.models.entities import SECTOR_FIELDS
from surveys.models.report_scope import PRINCIPLE_COLUMNS
from surveys.principles import CRITERIA, FLAG_ONLY, PRINCIPLES


# Each is declared once: compared and hashed as that one object.
@dataclass(frozen=True, eq=False)
class Measure:
    """A named figure per group: `aggregates` are its aggregate expressions, by the
    key each one takes in a grouped row; `annotations` the expressions they need on
    the counted rows first."""

    name: str
    aggregates: dict[str, Any]
    annotations: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Median:
    """The median of a field of the counted rows, per group: `MedianOf` in the
    grouped query on PostgreSQL, one windowed query elsewhere (`spec.medians`)."""

    name: str
    field: str


class MedianOf(Aggregate):
    """PostgreSQL's median, the ordered-set aggregate: the middle value, or the
    average of the two middle values of an even count; NULLs left out."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def count(name: str, condition: Q | None = None) -> Measure:
    """How many counted rows (meet `condition`)."""
    if condition is None:
        return Measure(name, {name: Count("pk")})
    return Measure(name, {name: Count("pk", filter=condition)})


def _is(field_name: str, value: Any) -> Q:
    return Q(**{field_name: value})


def _in(field_name: str, values: list[Any]) -> Q:
    return Q(**{f"{field_name}__in": values})


# --- Entities ------------------------------------------------------------------------

ENTITIES = count("n")
BY_TYPE = tuple(count(f"t_{code}", _is("sse_type", code)) for code in SseType.values)
REGISTRATION_STATUSES = [*RegistrationStatus.values, ""]
BY_REGISTRATION = tuple(
    count(f"r_{status or 'none'}", _is("registration_status", status))
    for status in REGISTRATION_STATUSES
)
BY_CLASSIFICATION = tuple(
    count(f"c_{code}", _is("classification", code)) for code in Classification.values
)
REGISTERED = count(
    "registered",
    _in(
        "registration_status",
        [RegistrationStatus.REG_SSE_LAW, RegistrationStatus.REG_GENERAL],
    ),
)
# Informal: the registration status "informal", and nothing else.
INFORMAL = count("informal", _is("registration_status", RegistrationStatus.INFORMAL))
# Not registered under any law: informal, or recognised only by a local authority.
INFORMAL_OR_LOCAL = count(
    "informal_or_local",
    _in(
        "registration_status",
        [RegistrationStatus.INFORMAL, RegistrationStatus.RECOGNISED_LOCAL],
    ),
)
WOMEN_LED = count("women_led", _is("women_led", True))
NOT_WOMEN_LED = count("not_women_led", _is("women_led", False))
VIA_CROSSWALK = count("via_crosswalk", _is("area__replaced_by__isnull", False))
# A principles assessment is recorded (it may rate every criterion unknown).
WITH_ASSESSMENT = count("assessed", _is("assessed", True))
# Classified against the principles: SSE, borderline or outside.
CLASSIFIED = count("classified", ~Q(classification=Classification.UNASSESSED))
WITH_AREA = count("with_area", _is("area__isnull", False))
WITH_ACTIVITY = count("with_activity", _is("main_activity__isnull", False))
WITH_YEAR = count("with_year", _is("year_established__isnull", False))
WITH_FIGURES = count("with_figures", _is("figures__isnull", False))

# The priority sectors, from the main and other activities: an entity can be in more
# than one.
SECTOR_FLAGS: dict[str, str] = SECTOR_FIELDS
BY_PRIORITY_SECTOR = tuple(
    count(f"sector_{sector}", _is(flag, True)) for sector, flag in SECTOR_FLAGS.items()
)

COHORTS: tuple[tuple[str, Any, int | None, int | None], ...] = (
    ("pre1990", gettext_lazy("Before 1990"), None, 1989),
    ("1990_2009", gettext_lazy("1990–2009"), 1990, 2009),
    ("2010_2019", gettext_lazy("2010–2019"), 2010, 2019),
    ("2020", gettext_lazy("2020 and later"), 2020, None),
)


def _in_cohort(low: int | None, high: int | None) -> Q:
    found = Q(year_established__isnull=False)
    if low is not None:
        found &= Q(year_established__gte=low)
    if high is not None:
        found &= Q(year_established__lte=high)
    return found


BY_COHORT = (
    *(count(f"y_{key}", _in_cohort(low, high)) for key, _label, low, high in COHORTS),
    count("y_none", _is("year_established__isnull", True)),
)


# --- Principles ----------------------------------------------------------------------


def rated(field_name: str, rating: str, path: str = "") -> Q:
    """An entity's criterion has this rating, read at `path` (its assessment's, from an
    entity; none on a row of the scope table); no assessment (no rating) counts as
    unknown."""
    condition = Q(**{f"{path}{field_name}": rating})
    if rating == Rating.UNKNOWN:
        condition |= Q(**{f"{path}{field_name}__isnull": True})
    return condition


def principle_case(code: str, path: str) -> Case:
    """`principle_rating` in SQL, from the criteria at `path`: the weakest criterion
    decides (P3.3 is a flag only)."""
    fields = [
        c.field for c in CRITERIA if c.principle == code and c.code not in FLAG_ONLY
    ]
    any_not_met = Q()
    all_met = Q()
    any_unknown = Q()
    for field_name in fields:
        any_not_met |= rated(field_name, Rating.NOT_MET, path)
        all_met &= rated(field_name, Rating.MET, path)
        any_unknown |= rated(field_name, Rating.UNKNOWN, path)
    return Case(
        When(any_not_met, then=Value(Rating.NOT_MET)),
        When(all_met, then=Value(Rating.MET)),
        When(any_unknown, then=Value(Rating.UNKNOWN)),
        default=Value(Rating.PARTIAL),
        output_field=CharField(),
    )


def principle_rated(name: str, code: str, ratings: list[str]) -> Measure:
    """How many entities have principle `code` rated one of `ratings` (rated once
    per compile in the scope table by `principle_case`)."""
    condition = Q(**{f"{PRINCIPLE_COLUMNS[code]}__in": ratings})
    return Measure(name, {name: Count("pk", filter=condition)})


BY_CRITERION_RATING = tuple(
    count(f"{c.field}_{rating}", rated(c.field, rating))
    for c in CRITERIA
    for rating in Rating.values
)
BY_PRINCIPLE_RATING = tuple(
    principle_rated(f"{code}_{rating}", code, [rating])
    for code in PRINCIPLES
    for rating in Rating.values
)
# The principle is met or partly met.
PRINCIPLE_MET = tuple(
    principle_rated(f"met_{code}", code, [Rating.MET, Rating.PARTIAL])
    for code in PRINCIPLES
)


# --- Figures (counted on each entity's latest figures) -------------------------------

# People counted by sex in the figures (EntityFigures.<group>_total/_women/_men).
EMPLOYMENT_GROUPS: tuple[tuple[str, Any], ...] = (
    ("employees", gettext_lazy("Employees")),
    ("worker_members", gettext_lazy("Worker-members")),
    ("producer_members", gettext_lazy("Producer-members")),
    ("volunteers", gettext_lazy("Volunteers")),
)
PEOPLE = ("members", *(g for g, _label in EMPLOYMENT_GROUPS), "board")


def people_by_sex(group: str) -> Measure:
    """<group>_n, _total, _women, _men and _unknown (total − women − men), over the
    figures where the group's total is known."""
    total = f"{group}_total"
    known = Q(**{f"{total}__isnull": False})
    return Measure(
        group,
        {
            f"{group}_n": Count("pk", filter=known),
            f"{group}_total": Sum(total),
            f"{group}_women": Sum(f"{group}_women", filter=known),
            f"{group}_men": Sum(f"{group}_men", filter=known),
            f"{group}_unknown": Sum(
                F(total)
                - Coalesce(F(f"{group}_women"), 0)
                - Coalesce(F(f"{group}_men"), 0)
            ),
        },
    )


REFERENCE_YEARS = Measure(
    "reference_years",
    {"year_min": Min("reference_year"), "year_max": Max("reference_year")},
)


LEADERSHIP_BY_SEX = tuple(
    count(f"{role}_{name}", _is(f"{role}_sex", sex))
    for role in ("chair", "manager")
    for name, sex in (("women", "F"), ("men", "M"))
)
MEMBERS_BY_SEX = count(
    "members_by_sex",
    Q(
        members_total__isnull=False,
        members_women__isnull=False,
        members_men__isnull=False,
    ),
)
FIGURES = (
    ENTITIES,
    REFERENCE_YEARS,
    *LEADERSHIP_BY_SEX,
    WOMEN_LED,
    NOT_WOMEN_LED,
    MEMBERS_BY_SEX,
    *(people_by_sex(group) for group in PEOPLE),
)
MEDIAN_MEMBERS = Median("members_median", "members_total")


# 100 × women's board seats − threshold × seats: not negative when women hold at least
# the country's threshold (`Country.women_led_board_pct`; none: NULL).
BOARD_MARGIN = {
    "wl_board_margin": F("board_women") * 100
    - F("country__women_led_board_pct") * F("board_total")
}


# Each part of the country's definition of a women-led entity (see
# `surveys.entities.derived.women_led_parts`), met and known, counted on the figures;
# women-led itself is WOMEN_LED and NOT_WOMEN_LED.
WOMEN_LED_PARTS = (
    count("wl_chair_met", _is("chair_sex", "F")),
    count("wl_chair_known", ~Q(chair_sex="")),
    count("wl_manager_met", _is("manager_sex", "F")),
    count("wl_manager_known", ~Q(manager_sex="")),
    Measure(
        "wl_board_met",
        {
            "wl_board_met": Count(
                "pk", filter=Q(board_total__gt=0, wl_board_margin__gte=0)
            )
        },
        BOARD_MARGIN,
    ),
    count("wl_board_known", Q(board_total__gt=0, board_women__isnull=False)),
)
