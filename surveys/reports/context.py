"""What a report counts, and what its tables share: built once per compile.

What counts (the method note in the report says the same):
- Validated findings only: `workflow_state = validated` and `updated_at ≤ cut-off`.
  Any later edit of a validated record sends it back to draft, and validating it
  again moves `updated_at`, so this keeps exactly what stood validated at the cut-off.
- Figures: each entity's latest reference year (one row per entity), picked once per
  compile into the scope table (`surveys.reports.scope`) that every grouping reads.
- Classification: provisional while a country has no validated national definition
  at the cut-off (`provisional_classification`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from countries.models import Country
from countries.vocabularies import WorkflowState
from surveys.models import (
    Entity,
    EntityFigures,
    NationalDefinition,
    ReportScopeRow,
    WorkflowRecord,
)
from surveys.reports.scope import scope_table


@dataclass(frozen=True)
class Scope:
    """Whose findings a report counts: one country's, validated by the cut-off."""

    country: Country
    cutoff: datetime.datetime


@dataclass(frozen=True)
class ReportContext:
    """What every table of one compile shares: whose records, the latest figures of
    their entities, and the lines of the basis that do not depend on the table."""

    countries: tuple[Country, ...]
    cutoff: datetime.datetime
    entities: QuerySet[Entity]
    # The entities, each with its ratings and latest figures, in one narrow table.
    scope: QuerySet[ReportScopeRow]
    figures: QuerySet[EntityFigures]
    cutoff_label: str
    reference: str
    records_source: str
    # The sources cited by the latest figures: {source pk or None: n, years}.
    cited: Mapping[int | None, Mapping[str, Any]]
    figure_sources: str
    figure_years: str
    # Some country's entities are classified under no validated national definition.
    provisional: bool = False

    @property
    def country(self) -> Country:
        """The one country of a country report."""
        (country,) = self.countries
        return country

    def validated(self, model: type[WorkflowRecord]) -> QuerySet[Any]:
        return model.objects.filter(
            country__in=[c.pk for c in self.countries],
            workflow_state=WorkflowState.VALIDATED,
            updated_at__lte=self.cutoff,
        )

    def population(self, n: int) -> str:
        return _("%(n)s validated entities") % {"n": n}

    def people_reference(self, values: Mapping[str, Any]) -> str:
        return _("latest reference year of each entity: %(years)s") % {
            "years": years(values)
        }


@contextmanager
def report_context(
    countries: Iterable[Country],
    cutoff: datetime.datetime,
    *,
    records_source: str,
    cite_sources: bool = True,
) -> Iterator[ReportContext]:
    """The context of one compile, for the tables built inside the `with` block (the
    scope table lives until it ends). With `cite_sources`,
    runs the one query on the sources of the latest figures (a regional comparison
    names none)."""
    found = tuple(countries)
    if len(found) == 1:
        entities = Entity.objects.filter(country=found[0])
    else:
        entities = Entity.objects.filter(country__in=found)
    entities = entities.filter(
        workflow_state=WorkflowState.VALIDATED, updated_at__lte=cutoff
    )
    with scope_table(entities) as scope:
        yield _context(
            found, cutoff, entities, scope, records_source, cite_sources=cite_sources
        )


def _context(
    found: tuple[Country, ...],
    cutoff: datetime.datetime,
    entities: QuerySet[Entity],
    scope: QuerySet[ReportScopeRow],
    records_source: str,
    *,
    cite_sources: bool,
) -> ReportContext:
    with_figures = scope.filter(figures__isnull=False)
    figures = EntityFigures.objects.filter(pk__in=with_figures.values("figures"))
    cutoff_label = date_format(cutoff, "DATE_FORMAT")
    cited = (
        list(
            with_figures.values("source", "source__title")
            .annotate(
                n=Count("pk"),
                year_min=Min("reference_year"),
                year_max=Max("reference_year"),
            )
            .order_by("-n", "source__title")
        )
        if cite_sources
        else []
    )
    parts = [
        f"{g['source__title']} ({g['n']})"
        if g["source__title"]
        else _("source not given (%(n)s)") % {"n": g["n"]}
        for g in cited
    ]
    return ReportContext(
        countries=found,
        cutoff=cutoff,
        entities=entities,
        scope=scope,
        figures=figures,
        cutoff_label=cutoff_label,
        reference=_("validated records at the cut-off, %(date)s")
        % {"date": cutoff_label},
        records_source=records_source,
        cited={g["source"]: g for g in cited},
        figure_sources="; ".join(parts) or _("no figures recorded"),
        figure_years=years(total_of(cited)) if cited else _("no figures"),
        provisional=provisional_classification(found, cutoff),
    )


def provisional_classification(
    countries: Sequence[Country], cutoff: datetime.datetime
) -> bool:
    """Whether any of the countries has no national definition validated by the
    cut-off, so that its entities are classified provisionally (one query)."""
    with_definition = (
        NationalDefinition.objects.filter(
            country__in=[c.pk for c in countries],
            workflow_state=WorkflowState.VALIDATED,
            updated_at__lte=cutoff,
        )
        .values("country")
        .distinct()
        .count()
    )
    return with_definition < len(countries)


def _sum(rows: Iterable[Mapping[str, Any]], key: str) -> Any:
    values = [
        r[key]
        for r in rows
        if isinstance(r.get(key), int | float | Decimal)
        and not isinstance(r[key], bool)
    ]
    return sum(values) if values else None


def total_of(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The total row of grouped figures: sums, and the widest span of years."""
    keys = {k for r in rows for k in r}
    found = {k: _sum(rows, k) for k in keys if k not in ("year_min", "year_max")}
    years_min = [r["year_min"] for r in rows if r.get("year_min")]
    years_max = [r["year_max"] for r in rows if r.get("year_max")]
    found["year_min"] = min(years_min) if years_min else None
    found["year_max"] = max(years_max) if years_max else None
    return found


def years(values: Mapping[str, Any]) -> str:
    low, high = values.get("year_min"), values.get("year_max")
    if low is None:
        return _("no figures")
    return str(low) if low == high else f"{low}–{high}"
