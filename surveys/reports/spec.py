"""Report specs and the one engine that runs them.

A table spec names the groupings it reads (a source of rows, a dimension, the
measures); `run` merges the groupings that share a source and a dimension into one
grouped query (plus one windowed query per median), so the number of queries is fixed
whatever the number of entities and no country's records are loaded into Python.
Only the small grouped results are shaped here, into the tables of `tables.py`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol

from django.db import connection
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countries.vocabularies import Classification
from surveys.models import FEDERATION_LEVELS
from surveys.reports.context import ReportContext, total_of
from surveys.reports.dimensions import Dimension, Values
from surveys.reports.measures import ENTITIES, Measure, Median, MedianOf
from surveys.reports.scope import spread
from surveys.reports.tables import (
    INT,
    PCT,
    TEXT,
    Basis,
    Column,
    Row,
    Table,
    basis,
    column,
    row,
    share,
    table,
)

# The scope of every statistic, by the entity's classification: headline figures
# count the SSE; borderline and not yet assessed entities are shown beside them and
# never added in; entities outside the SSE are left out and listed in an annex.
IN_SCOPE = Classification.SSE
BESIDE: tuple[tuple[str, Any], ...] = (
    (Classification.BORDERLINE, gettext_lazy("Borderline (not in the total)")),
    (Classification.UNASSESSED, gettext_lazy("Not yet assessed (not in the total)")),
)
EXCLUDED = Classification.OUTSIDE


@dataclass(frozen=True)
class Source:
    """The rows of the compile's scope table a grouping counts. A `scoped` source is
    also grouped by the entity's classification, so that its groups count the SSE
    and keep the other classes apart (see `Grouped`)."""

    key: str
    rows: Callable[[ReportContext], QuerySet[Any]]
    scoped: bool = True
    # Who is counted, in the basis line ("SSE entities" when not given).
    population: Any = None


ENTITY_RECORDS = Source("entities", lambda context: context.scope)
# Every validated entity whatever its classification: the tables about the
# classification itself (principles, coverage of the records).
ALL_VALIDATED = Source("all_entities", lambda context: context.scope, scoped=False)
# People: the latest figures of primary organisations only. Unions, federations and
# apex bodies count organisations: their members are already counted by the primary
# organisations that belong to them.
LATEST_FIGURES = Source(
    "figures",
    lambda context: context.scope.filter(figures__isnull=False).exclude(
        org_level__in=FEDERATION_LEVELS
    ),
    population=gettext_lazy("SSE primary organisations"),
)
FIGURES_IN_A_CURRENCY = Source(
    "figures_in_a_currency",
    lambda context: context.scope.filter(figures__isnull=False).exclude(currency=""),
)


@dataclass(frozen=True)
class Grouping:
    source: Source
    dimension: Dimension
    measures: tuple[Measure | Median, ...]


@dataclass(frozen=True)
class Grouped:
    """A grouping's result: one dict per group, in the dimension's order, holding the
    dimension's fields and every measure; and the total (sums, widest span of years).
    Of a scoped source, `rows` and `total` count the SSE only and `others` holds the
    groups of every other classification, by classification."""

    dimension: Dimension
    rows: list[dict[str, Any]]
    total: dict[str, Any]
    scoped: bool = False
    others: Mapping[str, list[dict[str, Any]]] = field(default_factory=dict)

    def find(self, key: tuple[Any, ...]) -> dict[str, Any] | None:
        return _found(self.dimension, self.rows, key)

    def sum(self, name: str) -> int:
        return sum(found.get(name) or 0 for found in self.rows)

    def find_other(self, classification: str, key: tuple[Any, ...]) -> dict[str, Any]:
        found = _found(self.dimension, self.others.get(classification, []), key)
        return found or {}

    def sum_other(self, classification: str, name: str) -> int:
        return sum(f.get(name) or 0 for f in self.others.get(classification, []))

    def total_other(self, classification: str) -> dict[str, Any]:
        return total_of(self.others.get(classification, []))

    def beside(self) -> list[tuple[str, Any]]:
        """The classes shown beside the SSE: borderline always, the others when
        any entity has them."""
        return [
            (code, label)
            for code, label in BESIDE
            if self.scoped
            and (code == Classification.BORDERLINE or self.sum_other(code, "n"))
        ]


def _found(
    dimension: Dimension, rows: list[dict[str, Any]], key: tuple[Any, ...]
) -> dict[str, Any] | None:
    for found in rows:
        if dimension.key_of(found) == key:
            return found
    return None


@dataclass(frozen=True)
class Results:
    """Every grouping of one compile, by its source's and its dimension's keys, and
    what the compile's other readers asked beside them found, by their names."""

    found: Mapping[tuple[str, str], Grouped]
    beside: Mapping[str, Any] = field(default_factory=dict)

    def of(self, source: Source, dimension: Dimension) -> Grouped:
        return self.found[(source.key, dimension.key)]


class TableSpec(Protocol):
    @property
    def groupings(self) -> tuple[Grouping, ...]: ...

    def build(self, context: ReportContext, results: Results) -> list[Table]: ...


@dataclass(frozen=True)
class Shaped:
    """A spec whose groupings are declared here and whose tables are shaped by a
    function of their results (people by sex, principles, economic size)."""

    groupings: tuple[Grouping, ...]
    shape: Callable[[ReportContext, Results], list[Table]]

    def build(self, context: ReportContext, results: Results) -> list[Table]:
        return self.shape(context, results)


def run(
    groupings: Iterable[Grouping],
    context: ReportContext,
    beside: Mapping[str, Callable[[ReportContext], Any]] | None = None,
) -> Results:
    """One query per source and dimension, with every measure asked of it, and each
    reader `beside` called with the context; spread over two database connections
    where the scope table allows."""
    merged: dict[tuple[Source, Dimension], dict[str, Measure | Median]] = {}
    for grouping in groupings:
        measures = merged.setdefault((grouping.source, grouping.dimension), {})
        for measure in grouping.measures:
            measures.setdefault(measure.name, measure)
    tasks: dict[Any, Callable[[], Any]] = {
        (source.key, dimension.key): partial(
            group, source, dimension, list(measures.values()), context
        )
        for (source, dimension), measures in merged.items()
    }
    readers: dict[str, Callable[[], Any]] = {
        name: partial(read, context) for name, read in (beside or {}).items()
    }
    asked = [*tasks.values(), *readers.values()]
    done = dict(zip([*tasks, *readers], spread(asked), strict=True))
    return Results(
        {key: done[key] for key in tasks}, {name: done[name] for name in readers}
    )


def group(
    source: Source,
    dimension: Dimension,
    measures: Sequence[Measure | Median],
    context: ReportContext,
) -> Grouped:
    counted_rows = source.rows(context)
    counts = [m for m in measures if isinstance(m, Measure)]
    annotations: dict[str, Any] = {}
    # Aliased m_<key> so that a sum may be named as the field it sums.
    aggregates: dict[str, Any] = {}
    for measure in counts:
        annotations.update(measure.annotations)
        aggregates.update(
            {f"m_{key}": value for key, value in measure.aggregates.items()}
        )
    counted = counted_rows.annotate(**annotations) if annotations else counted_rows
    fields = dimension.fields
    partition = dimension.partition
    asked_medians = [m for m in measures if isinstance(m, Median)]
    if connection.vendor == "postgresql":
        # One ordered-set aggregate each, in the grouped query itself.
        aggregates.update({f"m_{m.name}": MedianOf(m.field) for m in asked_medians})
        asked_medians = []
    if source.scoped:
        fields = {**fields, "scope": F("classification")}
        partition = {**partition, "g_scope": F("classification")}
        # The groups are needed even when only medians are asked.
        aggregates = aggregates or {"m_rows": Count("pk")}
    rows: list[dict[str, Any]]
    if not fields:
        rows = [_unaliased(counted.aggregate(**aggregates) if aggregates else {})]
    elif aggregates:
        plain = [name for name, value in fields.items() if value == name]
        named = {
            name: F(value) if isinstance(value, str) else value
            for name, value in fields.items()
            if value != name
        }
        rows = [
            _unaliased(found)
            for found in counted.values(*plain, **named)
            .annotate(**aggregates)
            .order_by()
        ]
        rows.sort(key=dimension.order)
    else:
        rows = []
    scope_key = ("scope",) if source.scoped else ()
    for median in asked_medians:
        found = medians(counted_rows, median.field, **partition)
        for values in rows:
            key = dimension.key_of(values) + tuple(values[k] for k in scope_key)
            values[median.name] = found.get(key)
    if not source.scoped:
        return Grouped(dimension, rows, total_of(rows))
    others: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for values in rows:
        others[values.pop("scope")].append(values)
    in_scope = others.pop(IN_SCOPE, [])
    if not dimension.group_key and not in_scope:
        # One row, the whole population, even when it is empty.
        in_scope = [dict.fromkeys(_unaliased(aggregates)) | {"n": 0}]
    return Grouped(dimension, in_scope, total_of(in_scope), True, dict(others))


def _unaliased(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key.removeprefix("m_"): value for key, value in values.items()}


def medians(
    rows: QuerySet[Any], value: str, **groups: Any
) -> dict[tuple[Any, ...], float]:
    """The median of `value` within each group (keyed by the tuple of the `groups`
    values), in one windowed query that returns only the one or two middle rows of
    each group: those with 2·rank between count and count + 2."""
    partition = list(groups.values())
    middle = (
        # No default ordering: it would join back to the entity and sort on disk.
        rows.order_by()
        .filter(**{f"{value}__isnull": False})
        .annotate(
            **groups,
            median_value=F(value),
            twice_rank=Window(
                RowNumber(), partition_by=partition or None, order_by=F(value).asc()
            )
            * 2,
            n_in_group=Window(Count("pk"), partition_by=partition or None),
        )
        .filter(twice_rank__gte=F("n_in_group"), twice_rank__lte=F("n_in_group") + 2)
        .values_list(*groups, "median_value")
    )
    found: dict[tuple[Any, ...], list[float]] = defaultdict(list)
    for *key, median_value in middle:
        found[tuple(key)].append(float(median_value))
    return {key: sum(v) / len(v) for key, v in found.items()}


# --- Cross-tabulations ---------------------------------------------------------------


@dataclass(frozen=True)
class ColumnSet:
    """The columns a cross-tab splits each row's count into: one measure each.
    With `present_only`, only the columns counted somewhere are shown, and `legend`
    explains their (short) labels in a note."""

    measures: tuple[Measure, ...]
    labels: tuple[Any, ...]
    codes: tuple[str, ...] = ()
    present_only: bool = False
    legend: Callable[[list[str]], str] | None = None


@dataclass(frozen=True)
class ShareColumn:
    """The last column: each row's `part` as a share of the row (`part` given) or of
    all rows (`part` None)."""

    label: Any
    part: str | None = None


@dataclass(frozen=True)
class CrossTab:
    """Rows of a dimension × columns of counts, a Total column, an optional share
    column, a total row and an optional row of shares under it."""

    key: str
    title: Any
    rows: Dimension
    columns: ColumnSet
    share_column: ShareColumn | None = None
    share_row: bool = False
    notes: tuple[Any, ...] = ()
    extra_notes: Callable[[ReportContext, Grouped], list[str]] | None = None
    # Measures read by `extra_notes`.
    extra_measures: tuple[Measure, ...] = ()
    source: Source = ENTITY_RECORDS
    # Counts the classification itself: provisional like the scoped tables.
    classified: bool = False

    @property
    def groupings(self) -> tuple[Grouping, ...]:
        measures = (ENTITIES, *self.columns.measures, *self.extra_measures)
        return (Grouping(self.source, self.rows, measures),)

    def build(self, context: ReportContext, results: Results) -> list[Table]:
        grouped = results.of(self.source, self.rows)
        picked = [
            (measure.name, label, code)
            for measure, label, code in zip(
                self.columns.measures,
                self.columns.labels,
                self.columns.codes or [""] * len(self.columns.measures),
                strict=True,
            )
            if not self.columns.present_only or grouped.sum(measure.name)
        ]
        names = [name for name, _label, _code in picked]
        n = grouped.sum("n")
        share_column = self.share_column

        beside = grouped.beside()

        def cells(label: str, values: Values, key: tuple[Any, ...]) -> list[Any]:
            found = [
                label,
                *[values.get(name, 0) for name in names],
                values["n"],
                *[grouped.find_other(code, key).get("n") or 0 for code, _l in beside],
            ]
            if share_column is not None:
                found.append(
                    share(values["n"], n)
                    if share_column.part is None
                    else share(values[share_column.part], values["n"])
                )
            return found

        rows: list[Row] = [
            row(cells(label, values, key), kind)
            for label, values, kind, key in _laid_out(grouped, context)
        ]
        totals = {name: grouped.sum(name) for name in names}
        total_cells = [
            _("Total"),
            *totals.values(),
            n,
            *[grouped.sum_other(code, "n") for code, _l in beside],
        ]
        if share_column is not None:
            total_cells.append(
                share(n, n)
                if share_column.part is None
                else share(grouped.sum(share_column.part), n)
            )
        rows.append(row(total_cells, "total"))
        if self.share_row:
            # The shares of the Total column read 100 % only above a share column.
            rows.append(
                row(
                    [
                        _("Share of all"),
                        *[share(t, n) for t in totals.values()],
                        share(n, n) if share_column else None,
                        *[None for _b in beside],
                        *([None] if share_column else []),
                    ],
                    "share",
                )
            )
        columns: list[Column] = [
            column(self.rows.heading, self.rows.kind),
            *[column(label) for _name, label, _code in picked],
            column(_("Total")),
            *[column(label) for _code, label in beside],
        ]
        if share_column is not None:
            columns.append(column(share_column.label, PCT))
        notes = [str(note) for note in self.notes]
        if self.extra_notes is not None:
            notes += self.extra_notes(context, grouped)
        if self.columns.legend is not None:
            notes.append(self.columns.legend([code for *_rest, code in picked]))
        return [
            table(
                self.key,
                self.title,
                columns,
                rows,
                basis=entity_basis(
                    context, grouped, self.source, classified=self.classified
                ),
                notes=notes,
            )
        ]


# --- Indicators by member ------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    """One row: `value` of one member's values in each grouping of the table."""

    label: Any
    value: Callable[..., Any]
    kind: str = ""


@dataclass(frozen=True)
class IndicatorsByMember:
    """Indicators as rows, the members of one dimension (the countries of a regional
    comparison) as columns. With `drop_empty`, a row with nothing in any column is
    left out."""

    key: str
    title: Any
    groupings: tuple[Grouping, ...]
    indicators: tuple[Indicator, ...]
    basis: Callable[[ReportContext, Results], Basis]
    column_kind: str = INT
    notes: tuple[Any, ...] = ()
    drop_empty: bool = False

    def build(self, context: ReportContext, results: Results) -> list[Table]:
        dimension = self.groupings[0].dimension
        assert dimension.members is not None
        members = dimension.members(context)
        found = [
            {
                dimension.key_of(values): values
                for values in results.of(g.source, g.dimension).rows
            }
            for g in self.groupings
        ]
        empty: dict[str, Any] = {}
        rows = []
        for indicator in self.indicators:
            cells = [
                indicator.value(*[by_key.get((key,), empty) for by_key in found])
                for key, _label in members
            ]
            if self.drop_empty and not any(cells):
                continue
            rows.append(row([indicator.label, *cells], indicator.kind))
        return [
            table(
                self.key,
                self.title,
                [
                    column(_("Indicator"), TEXT),
                    *[column(label, self.column_kind) for _key, label in members],
                ],
                rows,
                basis=self.basis(context, results),
                notes=list(self.notes),
            )
        ]


def _laid_out(
    grouped: Grouped, context: ReportContext
) -> list[tuple[str, Values, str, tuple[Any, ...]]]:
    """(label, values, row kind, key) of each row: the groups in order, or, for a
    dimension with members, every member (an empty one counts 0) then the rows on
    none. A group found only beside the SSE (borderline, say) has a row of its own."""
    dimension = grouped.dimension
    empty: dict[str, Any] = {"n": 0}
    if dimension.members is None:
        keys = [dimension.key_of(values) for values in grouped.rows]
        only_beside = {
            dimension.key_of(values): values
            for code, _label in grouped.beside()
            for values in grouped.others.get(code, [])
            if dimension.key_of(values) not in keys
        }
        laid_out = [
            *[(values, dimension.key_of(values)) for values in grouped.rows],
            *[
                ({name: values[name] for name in dimension.fields} | empty, key)
                for key, values in only_beside.items()
            ],
        ]
        if only_beside:
            laid_out.sort(key=lambda found: dimension.order(found[0]))
        return [
            (dimension.label(values), values, dimension.row_kind(values), key)
            for values, key in laid_out
        ]
    found: list[tuple[str, Values, str, tuple[Any, ...]]] = [
        (label, grouped.find((key,)) or empty, "", (key,))
        for key, label in dimension.members(context)
    ]
    missing = grouped.find((None,))
    if missing is not None or any(
        grouped.find_other(code, (None,)) for code, _l in grouped.beside()
    ):
        found.append((str(dimension.missing_label), missing or empty, "", (None,)))
    return found


def scope_text(
    context: ReportContext,
    grouped: Grouped,
    source: Source,
    *,
    shown_beside: bool = True,
) -> str:
    """What a table counts, for its basis line: the SSE only, what is shown beside
    it (`shown_beside`: in a column or row of the table) and what is left out."""
    if not grouped.scoped:
        return _("every validated entity, whatever its classification")
    parts = [
        _("%(population)s only, by the classification of the national definition")
        % {"population": source.population or _("SSE entities")}
    ]
    if not shown_beside:
        parts.append(
            _(
                "borderline and not yet assessed entities are not counted here; "
                "entities outside the SSE are left out (listed in the annex)"
            )
        )
        return "; ".join(parts)
    beside = [
        f"{grouped.sum_other(code, 'n')} {str(label).split(' (')[0].lower()}"
        for code, label in grouped.beside()
    ]
    if beside:
        parts.append(
            _("shown beside, not added: %(beside)s") % {"beside": ", ".join(beside)}
        )
    parts.append(
        _("left out: %(n)s outside the SSE (listed in the annex)")
        % {"n": grouped.sum_other(EXCLUDED, "n")}
    )
    if source is LATEST_FIGURES:
        parts.append(
            _("unions, federations and apex bodies are not added to people totals")
        )
    return "; ".join(parts)


def entity_basis(
    context: ReportContext,
    grouped: Grouped,
    source: Source = ENTITY_RECORDS,
    *,
    classified: bool = False,
) -> Basis:
    """The basis of a count of validated entities, with its scope; provisional when
    it rests on a classification under no validated national definition."""
    n = grouped.sum("n")
    return basis(
        n=n,
        population=_("%(n)s validated entities in the SSE") % {"n": n}
        if grouped.scoped
        else context.population(n),
        reference=context.reference,
        sources=context.records_source,
        scope=scope_text(context, grouped, source),
        provisional=context.provisional and (grouped.scoped or classified),
    )
