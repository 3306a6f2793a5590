"""The advisory committee chapter of a country report: who sits on it, by
constituency and sex; the meetings it held; and what it validated, and when."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from countries.models import CommitteeMeeting, CommitteeMember
from countries.vocabularies import Constituency, Sex
from surveys.models import (
    Entity,
    WorkflowRecord,
)
from surveys.record_types import RECORD_TYPES
from surveys.reports.context import ReportContext
from surveys.reports.tables import PCT, TEXT, Table, basis, column, row, share, table

# The study's own records this report reads, beside the reviewed types every page
# knows; a type listed in both counts once.
DATES_SHOWN = 6


def reported_types() -> list[tuple[type[WorkflowRecord], str]]:
    """(model, plural label) of every reviewed record the report rests on."""
    return [(kind.model, str(kind.label_plural)) for kind in RECORD_TYPES.values()]


def membership(context: ReportContext) -> Table:
    sexes = [Sex.FEMALE, Sex.MALE]
    grouped: dict[str, dict[str, Any]] = {
        g["constituency"]: dict(g)
        for g in CommitteeMember.objects.filter(country=context.country, active=True)
        .values("constituency")
        .annotate(
            n=Count("pk"),
            **{f"s_{sex}": Count("pk", filter=Q(sex=sex)) for sex in sexes},
        )
        .order_by()
    }

    def cells(label: Any, g: Mapping[str, Any]) -> list[Any]:
        women, men, n = g.get("s_F", 0), g.get("s_M", 0), g.get("n", 0)
        return [label, women, men, n - women - men, n, share(women, women + men)]

    rows = [
        row(cells(Constituency(code).label, grouped.get(code, {})))
        for code in Constituency.values
    ]
    total = {key: sum(g[key] for g in grouped.values()) for key in ("n", "s_F", "s_M")}
    rows.append(row(cells(_("Total"), total), "total"))
    return table(
        "committee_members",
        _("Members of the national advisory committee by constituency and sex"),
        [
            column(_("Constituency"), TEXT),
            column(_("Women")),
            column(_("Men")),
            column(_("Sex not recorded")),
            column(_("Members")),
            column(_("Share of women"), PCT),
        ],
        rows,
        basis=basis(
            n=total["n"],
            population=_("%(n)s active members") % {"n": total["n"]},
            reference=_("membership when the report was compiled"),
            sources=_("the committee's membership recorded on the platform"),
        ),
        notes=[_("Share of women: of the members whose sex is recorded.")],
    )


def meetings(context: ReportContext) -> Table:
    held = list(
        CommitteeMeeting.objects.filter(
            country=context.country, date__lte=context.cutoff.date()
        )
        .annotate(
            attending=Count("attendees", distinct=True),
            women=Count(
                "attendees", distinct=True, filter=Q(attendees__sex=Sex.FEMALE)
            ),
            decided=Count("decisions", distinct=True),
        )
        .order_by("date", "pk")
        .values("date", "place", "online", "attending", "women", "decided")
    )
    return table(
        "committee_meetings",
        _("Meetings of the committee"),
        [
            column(_("Date"), TEXT),
            column(_("Place"), TEXT),
            column(_("Members attending")),
            column(_("Of whom women")),
            column(_("Review decisions recorded")),
        ],
        [
            row(
                [
                    date_format(m["date"], "DATE_FORMAT"),
                    _("Online") if m["online"] else m["place"],
                    m["attending"],
                    m["women"],
                    m["decided"],
                ]
            )
            for m in held
        ],
        basis=basis(
            n=len(held),
            population=ngettext(
                "%(n)s meeting held by the data cut-off",
                "%(n)s meetings held by the data cut-off",
                len(held),
            )
            % {"n": len(held)},
            reference=context.reference,
            sources=_("the committee's meetings recorded on the platform"),
        ),
    )


def validations(context: ReportContext) -> Table:
    """What the committee validated, by record type, and on which days (one query
    per record type, whatever the number of records)."""
    rows = []
    n = 0
    for model, label in reported_types():
        # The validated entities are the compile's scope table: counted there, not
        # among every entity of the country.
        validated = context.scope if model is Entity else context.validated(model)
        days = list(
            validated.annotate(day=TruncDate("updated_at"))
            .values("day")
            .annotate(n=Count("pk"))
            .order_by("day")
        )
        count = sum(d["n"] for d in days)
        n += count
        shown = [
            f"{date_format(d['day'], 'DATE_FORMAT')} ({d['n']})"
            for d in days[-DATES_SHOWN:]
        ]
        if len(days) > DATES_SHOWN:
            shown.insert(
                0,
                _("%(n)s earlier days") % {"n": len(days) - DATES_SHOWN},
            )
        rows.append(
            row(
                [
                    label,
                    count,
                    date_format(days[0]["day"], "DATE_FORMAT") if days else "",
                    date_format(days[-1]["day"], "DATE_FORMAT") if days else "",
                    "; ".join(shown),
                ]
            )
        )
    rows.append(row([_("Total"), n, "", "", ""], "total"))
    return table(
        "committee_validations",
        _("What the committee validated, and when"),
        [
            column(_("Record"), TEXT),
            column(_("Validated")),
            column(_("First validated"), TEXT),
            column(_("Last validated"), TEXT),
            column(_("Days of validation (records)"), TEXT),
        ],
        rows,
        basis=basis(
            n=n,
            population=_("%(n)s records validated by the data cut-off") % {"n": n},
            reference=context.reference,
            sources=_("the platform's validation workflow"),
        ),
        notes=[
            _(
                "A record's validation day is that of its last change: an edit to a "
                "validated record returns it to draft until it is validated again."
            )
        ],
    )
