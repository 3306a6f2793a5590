"""Unions, federations and apex bodies in a country report: counted as organisations,
with the member organisations recorded as belonging to them. Their own member counts
are counts of organisations, so they are never added to counts of people."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from countries.vocabularies import Classification, OrgLevel
from surveys.models import FEDERATION_LEVELS
from surveys.reports.context import ReportContext
from surveys.reports.dimensions import type_label
from surveys.reports.findings import LIST_LIMIT, withheld_name
from surveys.reports.tables import INT, NAME, PCT, TEXT, Row, Table, basis, column, row
from surveys.reports.tables import share as share_of
from surveys.reports.tables import table as make_table


def federations(context: ReportContext) -> Table:
    """One row per federation in the SSE (one query): the member organisations it
    declares (its latest members figure), those mapped and validated, and the people
    of its primary member organisations, already counted in the people totals."""
    counted = context.entities.values("pk")
    declared = context.figures.filter(entity=OuterRef("pk")).values("members_total")[:1]
    member_people = (
        context.figures.filter(
            entity__affiliations__federation=OuterRef("pk"),
            entity__classification=Classification.SSE,
        )
        .exclude(entity__org_level__in=FEDERATION_LEVELS)
        .order_by()
        .values("entity__affiliations__federation")
        .annotate(people=Sum("members_total"))
        .values("people")
    )
    mapped = Q(member_links__member__in=counted)
    found = list(
        context.entities.filter(
            classification=Classification.SSE, org_level__in=FEDERATION_LEVELS
        )
        .annotate(
            declared=Subquery(declared, output_field=IntegerField()),
            mapped=Count("member_links", filter=mapped),
            mapped_sse=Count(
                "member_links",
                filter=mapped
                & Q(member_links__member__classification=Classification.SSE),
            ),
            member_people=Coalesce(
                Subquery(member_people, output_field=IntegerField()), 0
            ),
        )
        .order_by("code")
        .values(
            "code",
            "name_local",
            "name_en",
            "visibility",
            "org_level",
            "sse_type",
            "declared",
            "mapped",
            "mapped_sse",
            "member_people",
        )[:LIST_LIMIT]
    )
    rows = []
    for f in found:
        local, english = withheld_name(f)
        rows.append(
            row(
                [
                    f["code"],
                    local,
                    english,
                    OrgLevel(f["org_level"]).label,
                    type_label(f["sse_type"]),
                    f["declared"],
                    f["mapped"],
                    f["mapped_sse"],
                    share_of(f["mapped"], f["declared"]),
                    f["member_people"],
                ]
            )
        )
    if found:
        rows.append(_total_row(found))
    n = len(found)
    return make_table(
        "federations",
        _("Unions, federations and apex bodies, and their member organisations"),
        [
            column(_("Code"), TEXT),
            column(_("Name (local script)"), NAME),
            column(_("Name (English)"), NAME),
            column(_("Level"), TEXT),
            column(_("SSE type"), TEXT),
            column(_("Member organisations declared"), INT),
            column(_("Member organisations mapped"), INT),
            column(_("Of which in the SSE"), INT),
            column(_("Coverage (mapped ÷ declared)"), PCT),
            column(_("Members of its SSE primary member organisations"), INT),
        ],
        rows,
        basis=basis(
            n=n,
            population=_("%(n)s validated unions, federations and apex bodies")
            % {"n": n},
            reference=context.reference,
            sources=_("%(records)s; members declared: %(sources)s")
            % {"records": context.records_source, "sources": context.figure_sources},
            scope=_(
                "unions, federations and apex bodies classified SSE; member "
                "organisations mapped: validated entities recorded as their members"
            ),
            provisional=context.provisional,
        ),
        notes=[
            *([] if found else [_("No union, federation or apex body is recorded.")]),
            _(
                "A federation's members are organisations: its declared members "
                "(its latest members figure) are never added to counts of people. "
                "The people of its member organisations are counted once, in the "
                "people tables, through the primary organisations themselves."
            ),
            _(
                "Coverage: member organisations mapped ÷ declared, over the "
                "federations that declare a number; an organisation may belong to "
                "more than one federation."
            ),
        ],
    )


def _total_row(found: Sequence[Mapping[str, Any]]) -> Row:
    declared_all = sum(f["declared"] or 0 for f in found if f["declared"])
    mapped_of_declared = sum(f["mapped"] for f in found if f["declared"])
    return row(
        [
            _("Total"),
            "",
            "",
            "",
            "",
            declared_all,
            sum(f["mapped"] for f in found),
            sum(f["mapped_sse"] for f in found),
            share_of(mapped_of_declared, declared_all),
            sum(f["member_people"] for f in found),
        ],
        "total",
    )
