"""What the staff dashboard shows across the countries: entities by classification,
type and state of review, women's share of members, coverage against the sampling
frame, recent activity, and the mails given up."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery, Sum
from django.utils import timezone

from countries.models import Country
from countries.selectors import AnyUser, country_list
from countries.vocabularies import Classification, SseType, WorkflowState
from surveys.entities.filters import day_start
from surveys.jobs.outbox import notifications_failed
from surveys.models import Entity, EntityFigures, SamplingFrame
from surveys.reports.study import frame_coverage_total

RECENT_DAYS = 30
RECENT_ROWS = 10


def _by_country(entities: QuerySet[Entity], field: str) -> dict[str, dict[str, int]]:
    """country code → value of the field → entities: one grouped query."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for country, value, n in (
        entities.order_by().values_list("country_id", field).annotate(n=Count("pk"))
    ):
        counts[country][value] = n
    return counts


def _women_share(entities: QuerySet[Entity]) -> dict[str, tuple[int, int]]:
    """country code → (women members, members) in each entity's latest figures that
    count members by sex; entities without such figures are left out."""
    latest = (
        EntityFigures.objects.filter(entity=OuterRef("entity"))
        .order_by("-reference_year")
        .values("reference_year")[:1]
    )
    rows = (
        EntityFigures.objects.filter(
            entity__in=entities.order_by().values("pk"),
            reference_year=Subquery(latest),
            members_women__isnull=False,
            members_total__gt=0,
        )
        .order_by()
        .values_list("entity__country_id")
        .annotate(women=Sum("members_women"), total=Sum("members_total"))
    )
    return {country: (women, total) for country, women, total in rows}


def _frame_coverage(countries: list[Country]) -> dict[str, dict[str, Any]]:
    """country code → registered, mapped SSE entities and their share, counted as
    the country report counts them today; a country with no validated sampling
    frame is absent."""
    framed = set(
        SamplingFrame.objects.filter(
            country__in=[c.pk for c in countries],
            workflow_state=WorkflowState.VALIDATED,
        )
        .order_by()
        .values_list("country_id", flat=True)
        .distinct()
    )
    now = timezone.now()
    found = {}
    for country in countries:
        if country.pk not in framed:
            continue
        total = frame_coverage_total(country=country, cutoff=now)
        if total is not None:
            found[country.pk] = total
    return found


def staff_dashboard(*, user: AnyUser) -> dict[str, Any]:
    """Every figure of the dashboard, one row per country the user reads."""
    countries: list[Country] = list(country_list(user=user).order_by("code"))
    entities = Entity.objects.visible_to(user)
    # Whole days, so that the list filtered "since" that day counts the same.
    since_day = timezone.localdate() - datetime.timedelta(days=RECENT_DAYS)
    since = day_start(since_day)
    recent = _by_country(entities.filter(updated_at__gte=since), "workflow_state")
    added = dict(
        entities.filter(created_at__gte=since)
        .order_by()
        .values_list("country_id")
        .annotate(n=Count("pk"))
    )
    return {
        "countries": countries,
        "classification": _by_country(entities, "classification"),
        "classifications": list(Classification.choices),
        "sse_type": _by_country(entities, "sse_type"),
        "sse_types": [*SseType.choices, ("", "")],
        "workflow_state": _by_country(entities, "workflow_state"),
        "workflow_states": list(WorkflowState.choices),
        "women_share": _women_share(entities),
        "frame_coverage": _frame_coverage(countries),
        "changed": {code: sum(states.values()) for code, states in recent.items()},
        "added": added,
        "latest": list(
            entities.select_related("country")
            .order_by("-updated_at", "-id")
            .only(
                "code",
                "name_en",
                "name_local",
                "workflow_state",
                "updated_at",
                "country__name",
                "country__name_local",
            )[:RECENT_ROWS]
        ),
        "recent_days": RECENT_DAYS,
        "recent_since": since_day,
        "failed_mails": notifications_failed().count(),
    }
