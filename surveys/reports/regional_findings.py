"""Case studies, capacity gaps, national definitions and the validation record of a
regional comparison, country by country: one grouped query per record type."""

from __future__ import annotations

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from countries.names import country_name
from countries.vocabularies import WorkflowState
from surveys.models import CapacityGap, CaseStudy, NationalDefinition
from surveys.record_types import RECORD_TYPES
from surveys.reports.context import ReportContext
from surveys.reports.tables import (
    INT,
    PERCENT,
    TEXT,
    Table,
    basis,
    column,
    row,
    share,
    table,
)


def regional_findings(context: ReportContext) -> Table:
    countries = context.countries
    codes = [c.code for c in countries]
    studies = dict(
        context.validated(CaseStudy)
        .values_list("country")
        .annotate(n=Count("pk"))
        .order_by()
    )
    gaps = {
        g["country"]: g
        for g in context.validated(CapacityGap)
        .values("country")
        .annotate(n=Count("pk"), critical=Count("pk", filter=Q(severity=3)))
        .order_by()
    }
    definitions = dict(
        context.validated(NationalDefinition)
        .values_list("country")
        .annotate(latest=Max("number"))
        .order_by()
    )
    submitted: dict[str, int] = {}
    validated: dict[str, int] = {}
    for kind in RECORD_TYPES.values():
        for g in (
            kind.model.objects.filter(country__in=countries)
            .values("country")
            .annotate(
                submitted=Count("pk", filter=~Q(workflow_state=WorkflowState.DRAFT)),
                validated=Count("pk", filter=Q(workflow_state=WorkflowState.VALIDATED)),
            )
            .order_by()
        ):
            submitted[g["country"]] = submitted.get(g["country"], 0) + g["submitted"]
            validated[g["country"]] = validated.get(g["country"], 0) + g["validated"]
    rows = [
        row([_("Validated case studies"), *[studies.get(c, 0) for c in codes]]),
        row(
            [
                _("Validated capacity gaps"),
                *[gaps.get(c, {}).get("n", 0) for c in codes],
            ]
        ),
        row(
            [
                _("Critical capacity gaps"),
                *[gaps.get(c, {}).get("critical", 0) for c in codes],
            ]
        ),
        row(
            [
                _("National definition: validated version"),
                *[definitions.get(c) for c in codes],
            ]
        ),
        row(
            [_("Findings submitted for review"), *[submitted.get(c, 0) for c in codes]]
        ),
        row([_("Findings validated"), *[validated.get(c, 0) for c in codes]]),
        row(
            [
                _("% validated of submitted"),
                *[share(validated.get(c, 0), submitted.get(c, 0)) for c in codes],
            ],
            PERCENT,
        ),
    ]
    return table(
        "regional_findings",
        _("Case studies, capacity gaps, national definitions and validation"),
        [column(_("Indicator"), TEXT)]
        + [column(country_name(c), INT) for c in countries],
        rows,
        basis=basis(
            n=sum(submitted.values()),
            population=_("findings recorded in %(countries)s")
            % {"countries": ", ".join(codes)},
            reference=context.reference,
            sources=_("the platform's validation workflow"),
        ),
        notes=[_("Submitted for review: every record that is not a draft.")],
    )
