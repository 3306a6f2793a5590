"""The principles tables: each principle's and each criterion's ratings, by SSE type."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from countries.vocabularies import Rating
from surveys.principles import CRITERIA, FLAG_ONLY, PRINCIPLES
from surveys.reports.context import ReportContext
from surveys.reports.dimensions import SSE_TYPE, Values, type_label
from surveys.reports.measures import (
    BY_CRITERION_RATING,
    BY_PRINCIPLE_RATING,
    ENTITIES,
    WITH_ASSESSMENT,
)
from surveys.reports.spec import ALL_VALIDATED, Grouping, Results, Shaped, scope_text
from surveys.reports.tables import PCT, TEXT, Row, Table, basis, column, row, share
from surveys.reports.tables import table as make_table


def _principles(context: ReportContext, results: Results) -> list[Table]:
    grouped = results.of(ALL_VALIDATED, SSE_TYPE)
    total = grouped.total
    ratings = Rating.values
    n = total.get("n") or 0
    assessed = total.get("assessed") or 0
    rating_columns = [column(Rating(r).label, PCT) for r in ratings]
    population = _(
        "%(n)s validated entities, %(assessed)s with a principles assessment"
    ) % {"n": n, "assessed": assessed}
    the_basis = basis(
        n=n,
        population=population,
        reference=context.reference,
        sources=_("principles assessments of the validated entity records"),
        scope=scope_text(context, grouped, ALL_VALIDATED),
    )
    unknown_note = _(
        "Entities without an assessment count as unknown on every criterion."
    )

    def principle_row(label: str, code: str, g: Values, kind: str = "") -> Row:
        return row(
            [
                label,
                f"{code} {PRINCIPLES[code]}",
                g["n"],
                *[share(g[f"{code}_{r}"], g["n"]) for r in ratings],
            ],
            kind,
        )

    principle_rows = [
        principle_row(type_label(g["sse_type"]), code, g)
        for g in grouped.rows
        for code in PRINCIPLES
    ]
    if grouped.rows:
        principle_rows += [
            principle_row(str(_("All types")), code, total, "total")
            for code in PRINCIPLES
        ]
    by_principle = make_table(
        "principles_by_type",
        _("Principles met, partly met, not met or unknown, by SSE type"),
        [
            column(_("SSE type"), TEXT),
            column(_("Principle"), TEXT),
            column(_("Entities")),
            *rating_columns,
        ],
        principle_rows,
        basis=the_basis,
        notes=[
            _(
                "A principle is rated by its weakest criterion: not met if any "
                "criterion is not met; met if all are met; otherwise unknown if "
                "any is unknown, else partly met. P3.3 (dependency on one funder) "
                "is a flag and does not decide P3."
            ),
            unknown_note,
        ],
    )

    def criterion_row(label: str, c: Any, g: Values, kind: str = "") -> Row:
        return row(
            [
                label,
                f"{c.code} {c.label}",
                g["n"],
                *[share(g[f"{c.field}_{r}"], g["n"]) for r in ratings],
            ],
            kind,
        )

    criteria_all = make_table(
        "criteria",
        _("Criteria met, partly met, not met or unknown (all types)"),
        [
            column(_("Criterion"), TEXT),
            column(_("Entities")),
            *rating_columns,
        ],
        [
            row(
                [
                    f"{c.code} {c.label}",
                    n,
                    *[share(total.get(f"{c.field}_{r}"), n) for r in ratings],
                ],
                "priority" if c.code in FLAG_ONLY else "",
            )
            for c in CRITERIA
        ],
        basis=the_basis,
        notes=[
            _(
                "P3.3 not met means more than half of the income comes from one "
                "public or donor source: a flag, not an exclusion."
            ),
            unknown_note,
        ],
    )
    criteria_by_type = make_table(
        "criteria_by_type",
        _("Criteria by SSE type"),
        [
            column(_("SSE type"), TEXT),
            column(_("Criterion"), TEXT),
            column(_("Entities")),
            *rating_columns,
        ],
        [
            criterion_row(type_label(g["sse_type"]), c, g)
            for g in grouped.rows
            for c in CRITERIA
        ],
        basis=the_basis,
        notes=[unknown_note],
    )
    criteria_by_type["workbook_only"] = True
    criteria_by_type["group_rows"] = True
    by_principle["group_rows"] = True
    return [by_principle, criteria_all, criteria_by_type]


PRINCIPLES_BY_TYPE = Shaped(
    (
        Grouping(
            ALL_VALIDATED,
            SSE_TYPE,
            (ENTITIES, WITH_ASSESSMENT, *BY_CRITERION_RATING, *BY_PRINCIPLE_RATING),
        ),
    ),
    _principles,
)
