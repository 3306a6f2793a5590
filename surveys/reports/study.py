"""The chapters of a country report read from the study's own records: the legal and
policy framework, the institutional map, coverage against the sampling frame, and the
methodology with its limitations. Each reads only what the committee validated by
the cut-off, in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Mapping
from typing import Any

from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from countries.models import Country
from countries.vocabularies import (
    InstitutionKind,
    InstrumentKind,
    InstrumentStatus,
    SseType,
    SupportKind,
)
from surveys.display import NOT_GIVEN
from surveys.models import (
    FrameCount,
    LegalInstrument,
    SamplingFrame,
    StudyMethodology,
    SupportInstitution,
)
from surveys.reports.context import ReportContext, report_context
from surveys.reports.dimensions import (
    TYPE_AREA,
    TYPE_REGION,
    short_type_label,
    type_label,
    type_legend,
)
from surveys.reports.findings import LIST_LIMIT
from surveys.reports.measures import ENTITIES
from surveys.reports.spec import (
    ENTITY_RECORDS,
    Grouping,
    Results,
    Shaped,
    entity_basis,
    run,
)
from surveys.reports.tables import (
    NAME,
    PCT,
    TEXT,
    Table,
    basis,
    column,
    row,
    share,
    table,
)


def _types(codes: list[str] | None) -> str:
    return ", ".join(type_label(c) for c in codes or [] if c in SseType.values)


def _names(local: str, english: str) -> list[str]:
    return [name for name in (local, english) if name] or [NOT_GIVEN]


def _validated_basis(
    context: ReportContext, n: int, population: str, sources: str
) -> Any:
    return basis(
        n=n,
        population=population,
        reference=context.reference,
        sources=sources,
    )


# --- Legal and policy framework --------------------------------------------------------


def legal_framework(context: ReportContext) -> list[Table]:
    """The validated instruments by kind and status, and each one listed."""
    instruments = context.validated(LegalInstrument)
    by_kind = {
        (g["kind"], g["status"]): g["n"]
        for g in instruments.values("kind", "status").annotate(n=Count("pk")).order_by()
    }
    n = sum(by_kind.values())
    the_basis = _validated_basis(
        context,
        n,
        _("%(n)s validated legal and policy instruments") % {"n": n},
        _("legal and policy instruments validated by the national advisory committee"),
    )
    statuses = list(InstrumentStatus.values)
    count_rows = [
        row(
            [
                InstrumentKind(kind).label,
                *[by_kind.get((kind, status), 0) for status in statuses],
                sum(by_kind.get((kind, status), 0) for status in statuses),
            ]
        )
        for kind in InstrumentKind.values
        if any(by_kind.get((kind, status)) for status in statuses)
    ]
    count_rows.append(
        row(
            [
                _("Total"),
                *[
                    sum(v for (_k, s), v in by_kind.items() if s == status)
                    for status in statuses
                ],
                n,
            ],
            "total",
        )
    )
    counts = table(
        "instruments_by_kind",
        _("Legal and policy instruments by kind and status"),
        [
            column(_("Kind"), TEXT),
            *[column(InstrumentStatus(s).label) for s in statuses],
            column(_("Total")),
        ],
        count_rows,
        basis=the_basis,
    )
    order = {kind: index for index, kind in enumerate(InstrumentKind.values)}
    listed = sorted(
        instruments.order_by("kind", "-year", "title_local").values(
            "kind",
            "title_local",
            "title_en",
            "year",
            "status",
            "issuing_body",
            "sse_types",
            "summary",
        )[:LIST_LIMIT],
        key=lambda i: order.get(i["kind"], len(order)),
    )
    listing = table(
        "instruments",
        _("Legal and policy instruments concerning the SSE"),
        [
            column(_("Kind"), TEXT),
            column(_("Title"), NAME),
            column(_("Year"), TEXT),
            column(_("Status"), TEXT),
            column(_("Issuing body"), TEXT),
            column(_("SSE types concerned"), TEXT),
            column(_("Summary"), TEXT),
        ],
        [
            row(
                [
                    InstrumentKind(i["kind"]).label,
                    _names(i["title_local"], i["title_en"]),
                    str(i["year"] or NOT_GIVEN),
                    InstrumentStatus(i["status"]).label,
                    i["issuing_body"] or NOT_GIVEN,
                    _types(i["sse_types"]) or _("All SSE types"),
                    i["summary"],
                ]
            )
            for i in listed
        ],
        basis=the_basis,
        notes=[
            _("Each title in the local language, then in English."),
            *(
                [
                    _("The first %(shown)s of %(n)s are listed.")
                    % {"shown": len(listed), "n": n}
                ]
                if n > len(listed)
                else []
            ),
        ],
    )
    listing["group_rows"] = True
    return [counts, listing]


# --- Institutional map -------------------------------------------------------------------


def institutional_map(context: ReportContext) -> list[Table]:
    """The validated support institutions listed by kind, and the kinds of support
    they give across the SSE types they serve."""
    institutions = list(
        context.validated(SupportInstitution)
        .order_by("kind", "name_local")
        .values("kind", "name_local", "name_en", "role", "support_kinds", "sse_types")
    )
    n = len(institutions)
    the_basis = _validated_basis(
        context,
        n,
        _("%(n)s validated support institutions") % {"n": n},
        _("support institutions validated by the national advisory committee"),
    )
    order = {kind: index for index, kind in enumerate(InstitutionKind.values)}
    institutions.sort(key=lambda i: order.get(i["kind"], len(order)))
    listing = table(
        "institutions",
        _("Support institutions by kind"),
        [
            column(_("Kind"), TEXT),
            column(_("Institution"), NAME),
            column(_("Kinds of support"), TEXT),
            column(_("SSE types served"), TEXT),
            column(_("Role for the SSE"), TEXT),
        ],
        [
            row(
                [
                    InstitutionKind(i["kind"]).label,
                    _names(i["name_local"], i["name_en"]),
                    ", ".join(
                        str(SupportKind(s).label)
                        for s in i["support_kinds"] or []
                        if s in SupportKind.values
                    ),
                    _types(i["sse_types"]) or _("All SSE types"),
                    i["role"],
                ]
            )
            for i in institutions[:LIST_LIMIT]
        ],
        basis=the_basis,
    )
    listing["group_rows"] = True
    # An institution counts once in each cell of support it gives × type it serves.
    cells: Counter[tuple[str, str]] = Counter()
    for i in institutions:
        for support in set(i["support_kinds"] or []):
            for code in set(i["sse_types"] or []):
                cells[(support, code)] += 1
    types = [t for t in SseType.values if any(c == t for _s, c in cells)]
    per_support = Counter(
        s for i in institutions for s in set(i["support_kinds"] or [])
    )
    matrix = table(
        "support_by_type",
        _("Institutions by kind of support and SSE type served"),
        [
            column(_("Kind of support"), TEXT),
            *[column(short_type_label(t)) for t in types],
            column(_("Institutions")),
            column(_("Share of all"), PCT),
        ],
        [
            row(
                [
                    SupportKind(support).label,
                    *[cells[(support, t)] for t in types],
                    per_support[support],
                    share(per_support[support], n),
                ]
            )
            for support in SupportKind.values
        ],
        basis=the_basis,
        notes=[
            _(
                "An institution counts in every kind of support it gives and every "
                "SSE type it serves: rows and columns do not add up."
            ),
            *([type_legend(types)] if types else []),
        ],
    )
    return [listing, matrix]


# --- Coverage against the sampling frame ----------------------------------------------


def latest_frame(context: ReportContext) -> SamplingFrame | None:
    return context.validated(SamplingFrame).order_by("-updated_at", "-pk").first()


def _frame_coverage(context: ReportContext, results: Results) -> list[Table]:
    frame = latest_frame(context)
    by_area = results.of(ENTITY_RECORDS, TYPE_AREA)
    by_region = results.of(ENTITY_RECORDS, TYPE_REGION)
    columns = [
        column(_("SSE type"), TEXT),
        column(_("First-level area or macro-region"), NAME),
        column(_("Registered (frame)")),
        column(_("Mapped SSE entities")),
        column(_("Coverage"), PCT),
        column(_("Source of the frame"), TEXT),
        column(_("Year"), TEXT),
    ]
    if frame is None:
        return [
            table(
                "frame_coverage",
                _("Coverage of the mapping against the sampling frame"),
                columns,
                [],
                basis=basis(
                    n=0,
                    population=_("no validated sampling frame"),
                    reference=context.reference,
                    sources=_(
                        "sampling frames validated by the national advisory committee"
                    ),
                ),
                notes=[
                    _(
                        "No sampling frame had been validated by the data cut-off: "
                        "the share of the registered entities that the mapping "
                        "reached cannot be stated."
                    )
                ],
            )
        ]
    counts = list(
        FrameCount.objects.filter(frame=frame)
        .annotate(
            place_key=Coalesce(F("area__replaced_by"), F("area")),
            place_en=Coalesce(F("area__name_en"), F("macro_region__name_en")),
            place_local=Coalesce(F("area__name_local"), F("macro_region__name_local")),
        )
        .order_by()
        .values(
            "sse_type",
            "area",
            "macro_region",
            "place_key",
            "place_en",
            "place_local",
            "registered_total",
            "source",
            "year",
        )
    )
    type_order = {code: index for index, code in enumerate(SseType.values)}
    # By type, then its first-level areas, then its macro-regions, by name.
    counts.sort(
        key=lambda c: (
            type_order.get(c["sse_type"], len(type_order)),
            c["area"] is None,
            c["place_en"] or "",
        )
    )

    def mapped(count: Mapping[str, Any]) -> int:
        if count["area"] is not None:
            found = by_area.find((count["sse_type"], count["place_key"]))
        else:
            found = by_region.find((count["sse_type"], count["macro_region"]))
        return (found or {}).get("n") or 0

    rows = []
    for count in counts:
        place = count["place_en"]
        if count["place_local"] and count["place_local"] != place:
            place = f"{place} ({count['place_local']})"
        if count["area"] is None:
            place = _("%(region)s (macro-region)") % {"region": place}
        found = mapped(count)
        rows.append(
            row(
                [
                    type_label(count["sse_type"]),
                    place,
                    count["registered_total"],
                    found,
                    share(found, count["registered_total"])
                    if count["registered_total"]
                    else None,
                    count["source"],
                    str(count["year"]),
                ],
                "priority" if not found else "",
            )
        )
    # An entity is in one area and one macro-region: the cells of each kind add up,
    # the two kinds together would count it twice.
    kinds = [
        (True, _("Total, first-level areas")),
        (False, _("Total, macro-regions")),
    ]
    present = [
        (on_areas, label)
        for on_areas, label in kinds
        if any((c["area"] is not None) == on_areas for c in counts)
    ]
    for on_areas, label in present:
        cells = [
            (c["registered_total"], r["cells"][3])
            for c, r in zip(counts, rows, strict=False)
            if (c["area"] is not None) == on_areas
        ]
        registered = sum(total for total, _found in cells)
        reached = sum(found for _total, found in cells)
        rows.append(
            row(
                [
                    _("Total") if len(present) == 1 else label,
                    "",
                    registered,
                    reached,
                    share(reached, registered),
                    "",
                    "",
                ],
                "total",
            )
        )
    found_basis = entity_basis(context, by_area)
    found_basis["sources"] = _(
        "%(frame)s, validated by the national advisory committee; %(records)s"
    ) % {"frame": frame.title, "records": context.records_source}
    coverage = table(
        "frame_coverage",
        _("Coverage of the mapping against the sampling frame"),
        columns,
        rows,
        basis=found_basis,
        notes=[
            _(
                "Coverage = mapped SSE entities ÷ registered total of the same "
                "type in the same place. Borderline entities, those not yet "
                "assessed and those outside the SSE are not counted as mapped."
            ),
            _(
                "Highlighted: frame cells where no SSE entity was mapped (0 %). "
                "A coverage above 100 % means the mapping found entities the "
                "register does not hold."
            ),
            *([frame.notes] if frame.notes else []),
        ],
    )
    coverage["group_rows"] = True
    return [coverage]


FRAME_COVERAGE = Shaped(
    (
        Grouping(ENTITY_RECORDS, TYPE_AREA, (ENTITIES,)),
        Grouping(ENTITY_RECORDS, TYPE_REGION, (ENTITIES,)),
    ),
    _frame_coverage,
)


def frame_coverage_total(
    *, country: Country, cutoff: datetime.datetime
) -> dict[str, Any] | None:
    """The country report's coverage of its latest validated sampling frame, as one
    total (the first-level areas' when the frame counts by area, else the
    macro-regions'): registered, mapped SSE entities and their share. None when no
    frame had been validated by the cut-off."""
    with report_context(
        [country], cutoff, records_source="", cite_sources=False
    ) as context:
        (found,) = FRAME_COVERAGE.build(context, run(FRAME_COVERAGE.groupings, context))
    totals = [r["cells"] for r in found["rows"] if r["kind"] == "total"]
    if not totals:
        return None
    _label, _place, registered, mapped, coverage, *_rest = totals[0]
    return {"registered": registered, "mapped": mapped, "share": coverage}


# --- Methodology and limitations ----------------------------------------------------------


def methodology(context: ReportContext) -> dict[str, Any] | None:
    """The latest validated methodology, as its parts in order."""
    found = context.validated(StudyMethodology).order_by("-updated_at", "-pk").first()
    if found is None:
        return None
    period = ""
    if found.period_start and found.period_end:
        period = _("%(start)s to %(end)s") % {
            "start": date_format(found.period_start, "DATE_FORMAT"),
            "end": date_format(found.period_end, "DATE_FORMAT"),
        }
    elif found.period_start or found.period_end:
        period = date_format(found.period_start or found.period_end, "DATE_FORMAT")
    parts = [
        (_("Approach and sampling"), found.approach),
        (_("Data collection"), found.data_collection),
        (_("Period of data collection"), period),
        (_("Limitations"), found.limitations),
    ]
    return {
        "title": found.title,
        "validated_on": date_format(found.updated_at, "DATE_FORMAT"),
        "parts": [{"label": str(label), "text": text} for label, text in parts if text],
    }


def methodology_table(context: ReportContext, found: dict[str, Any] | None) -> Table:
    """The methodology's parts as a table: the workbook's copy of the chapter."""
    found_table = table(
        "methodology",
        _("Methodology and limitations"),
        [column(_("Part"), TEXT), column(_("Text"), TEXT)],
        [row([part["label"], part["text"]]) for part in (found or {}).get("parts", [])],
        basis=basis(
            n=1 if found else 0,
            population=found["title"] if found else _("no validated methodology"),
            reference=_("validated on %(date)s") % {"date": found["validated_on"]}
            if found
            else context.reference,
            sources=_("the methodology validated by the national advisory committee"),
        ),
    )
    found_table["workbook_only"] = True
    return found_table
