"""Bespoke tables of a country report, each a plain function of the report context:
the borderline entities, the data sources and the coverage of the records, the
validation status, and the national definition."""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from countries.names import country_name
from countries.vocabularies import (
    Classification,
    SourceKind,
    Treatment,
    WorkflowState,
)
from surveys.display import NOT_GIVEN
from surveys.models import (
    DEFINITION_ELEMENTS,
    DefinitionElement,
    Entity,
    NationalDefinition,
    Source,
)
from surveys.principles import rule_from_data, rule_sentences
from surveys.principles.reasons import reasons_text
from surveys.record_types import RECORD_TYPES
from surveys.reports.context import ReportContext, total_of, years
from surveys.reports.dimensions import (
    ALL,
    CURRENT_AREA_FIELDS,
    SSE_TYPE,
    area_label,
    type_label,
)
from surveys.reports.findings import LIST_LIMIT, withheld_name
from surveys.reports.measures import (
    CLASSIFIED,
    ENTITIES,
    INFORMAL_OR_LOCAL,
    REGISTERED,
    WITH_ACTIVITY,
    WITH_AREA,
    WITH_FIGURES,
    WITH_YEAR,
)
from surveys.reports.spec import (
    ALL_VALIDATED,
    LATEST_FIGURES,
    Grouping,
    Results,
    Shaped,
    entity_basis,
)
from surveys.reports.tables import NAME, PCT, TEXT, Table, basis, column, row, share
from surveys.reports.tables import table as make_table


@dataclass(frozen=True)
class ValidationStatus:
    table: Table
    submitted: int
    validated: int


def borderline(context: ReportContext, count: int) -> Table:
    """The borderline entities (`count` of them), for the committee's attention."""
    return _classified_list(
        context,
        Classification.BORDERLINE,
        count,
        key="borderline",
        title=_("Borderline entities"),
        why=_("Why borderline"),
        population=_("%(n)s borderline validated entities") % {"n": count},
        note=_(
            "For the committee's attention: entities whose classification is "
            "borderline, shown beside the SSE in every table and never added to "
            "its totals. Names of entities recorded as private are withheld."
        ),
    )


def outside(context: ReportContext, count: int) -> Table:
    """The entities classified outside the SSE (`count` of them): left out of every
    total, listed here with the reasons of their classification."""
    return _classified_list(
        context,
        Classification.OUTSIDE,
        count,
        key="outside",
        title=_("Entities outside the SSE, left out of the totals"),
        why=_("Why outside the SSE"),
        population=_("%(n)s validated entities outside the SSE") % {"n": count},
        note=_(
            "These entities were mapped and validated but do not meet the national "
            "definition; no table counts them. Names of entities recorded as private "
            "are withheld."
        ),
    )


def _classified_list(
    context: ReportContext,
    classification: str,
    count: int,
    *,
    key: str,
    title: str,
    why: str,
    population: str,
    note: str,
) -> Table:
    # The first codes picked on the scope table, then only their entities read; the
    # codes are compared character by character on both sides.
    first = (
        context.scope.filter(classification=classification)
        .order_by("code")
        .values("entity")[:LIST_LIMIT]
    )
    listed = sorted(
        Entity.objects.filter(pk__in=first)
        .order_by()
        .values(
            "code",
            "name_local",
            "name_en",
            "visibility",
            "sse_type",
            "classification_reasons",
            **CURRENT_AREA_FIELDS,
        ),
        key=itemgetter("code"),
    )
    rows = [
        row(
            [
                e["code"],
                withheld_name(e)[0],
                withheld_name(e)[1],
                type_label(e["sse_type"]),
                area_label(e),
                " ".join(reasons_text(e["classification_reasons"])),
            ]
        )
        for e in listed
    ]
    notes = [note]
    if count > len(listed):
        notes.append(
            _("The first %(shown)s of %(n)s are listed.")
            % {"shown": len(listed), "n": count}
        )
    return make_table(
        key,
        title,
        [
            column(_("Code"), TEXT),
            column(_("Name (local script)"), NAME),
            column(_("Name (English)"), NAME),
            column(_("SSE type"), TEXT),
            column(_("First-level area"), NAME),
            column(why, TEXT),
        ],
        rows,
        basis=basis(
            n=count,
            population=population,
            reference=context.reference,
            sources=context.records_source,
            scope=_("validated entities classified: %(class)s")
            % {"class": Classification(classification).label},
            provisional=context.provisional,
        ),
        notes=notes,
    )


def sources(context: ReportContext) -> Table:
    """Every source recorded for the country, with the entities whose latest figures
    cite it."""
    cited = context.cited
    source_rows = []
    for s in (
        Source.objects.filter(country=context.country)
        .order_by("kind", "title")
        .values("pk", "kind", "title", "year", "coverage_note")
    ):
        g = cited.get(s["pk"], {})
        source_rows.append(
            row(
                [
                    s["title"],
                    SourceKind(s["kind"]).label,
                    str(s["year"] or NOT_GIVEN),
                    g.get("n", 0),
                    years(g) if g else NOT_GIVEN,
                    s["coverage_note"] or "",
                ]
            )
        )
    if None in cited:
        source_rows.append(
            row(
                [
                    _("Source not given"),
                    NOT_GIVEN,
                    NOT_GIVEN,
                    cited[None]["n"],
                    years(cited[None]),
                    "",
                ]
            )
        )
    return make_table(
        "sources",
        _("Data sources"),
        [
            column(_("Source"), TEXT),
            column(_("Kind"), TEXT),
            column(_("Year"), TEXT),
            column(_("Entities whose latest figures cite it")),
            column(_("Reference years"), TEXT),
            column(_("Coverage"), TEXT),
        ],
        source_rows,
        basis=basis(
            n=sum(g["n"] for g in cited.values()),
            population=_("latest figures of the validated entities"),
            reference=context.people_reference(total_of(list(cited.values()))),
            sources=_("the sources recorded for %(country)s")
            % {"country": country_name(context.country)},
        ),
        notes=[
            _(
                "Registers undercount informal groups; surveys and interviews "
                "reach them. Read the coverage notes with every figure."
            )
        ],
    )


def _coverage(context: ReportContext, results: Results) -> list[Table]:
    grouped = results.of(ALL_VALIDATED, ALL)
    coverage = grouped.rows[0]
    members = results.of(LATEST_FIGURES, SSE_TYPE).total
    n = coverage["n"]
    indicators = [
        (_("Entities with figures"), coverage["with_figures"]),
        (
            _("Entities with members counted by sex"),
            members.get("members_by_sex") or 0,
        ),
        (_("Entities assessed against the principles"), coverage["classified"]),
        (_("Entities with a first-level area"), coverage["with_area"]),
        (_("Entities with a main activity (ISIC)"), coverage["with_activity"]),
        (_("Entities with a year established"), coverage["with_year"]),
        (
            _("Registered (SSE law, company or association law)"),
            coverage["registered"],
        ),
        (_("Informal or recognised only locally"), coverage["informal_or_local"]),
    ]
    return [
        make_table(
            "coverage",
            _("Coverage of the validated records"),
            [
                column(_("Indicator"), TEXT),
                column(_("Entities")),
                column(_("Share"), PCT),
            ],
            [row([label, count, share(count, n)]) for label, count in indicators],
            basis=entity_basis(context, grouped),
        )
    ]


COVERAGE = Shaped(
    (
        Grouping(
            ALL_VALIDATED,
            ALL,
            (
                ENTITIES,
                WITH_FIGURES,
                CLASSIFIED,
                WITH_AREA,
                WITH_ACTIVITY,
                WITH_YEAR,
                REGISTERED,
                INFORMAL_OR_LOCAL,
            ),
        ),
    ),
    _coverage,
)


def validation_status(context: ReportContext) -> ValidationStatus:
    """Every finding recorded for the country, by workflow state (one query per
    record type)."""
    states = list(WorkflowState.values)
    rows = []
    submitted_all = validated_all = 0
    for kind in RECORD_TYPES.values():
        # Rows counted by state, not their ids: read from an index alone.
        counts = dict.fromkeys(states, 0) | dict(
            kind.model.objects.filter(country=context.country)
            .order_by()
            .values_list("workflow_state")
            .annotate(n=Count("*"))
        )
        counts["total"] = sum(counts.values())
        submitted = counts["total"] - counts[WorkflowState.DRAFT]
        submitted_all += submitted
        validated_all += counts[WorkflowState.VALIDATED]
        rows.append(
            row(
                [
                    kind.label_plural,
                    *[counts[state] for state in states],
                    counts["total"],
                    submitted,
                    share(counts[WorkflowState.VALIDATED], submitted),
                ]
            )
        )
    found = make_table(
        "validation_status",
        _("Validation status of the findings"),
        [
            column(_("Record"), TEXT),
            *[column(WorkflowState(state).label) for state in states],
            column(_("Total")),
            column(_("Submitted for review")),
            column(_("% validated of submitted"), PCT),
        ],
        rows,
        basis=basis(
            n=sum(r["cells"][-3] for r in rows),
            population=_("all findings recorded for %(country)s")
            % {"country": country_name(context.country)},
            reference=_("state when the report was compiled"),
            sources=_("the platform's validation workflow"),
        ),
        notes=[
            _(
                "Only validated records feed this report. Submitted for review: "
                "every record that is not a draft."
            )
        ],
    )
    return ValidationStatus(found, submitted=submitted_all, validated=validated_all)


def national_definition(context: ReportContext) -> dict[str, Any] | None:
    """The latest validated version of the national definition, with its elements."""
    definition = context.validated(NationalDefinition).order_by("-number").first()
    if definition is None:
        return None
    labels = dict(DEFINITION_ELEMENTS)
    elements = list(
        DefinitionElement.objects.filter(definition=definition)
        .order_by("id")
        .values("element", "treatment", "national_wording", "rationale")
    )
    order = {code: i for i, (code, _label) in enumerate(DEFINITION_ELEMENTS)}
    elements.sort(key=lambda e: order.get(e["element"], len(order)))
    rows = [
        row(
            [
                labels.get(e["element"], e["element"]),
                Treatment(e["treatment"]).label,
                e["national_wording"],
                e["rationale"],
            ],
            "priority" if e["treatment"] != Treatment.ADOPTED else "",
        )
        for e in elements
    ]
    rules = [
        _("Informal groups can be SSE entities: %(answer)s.")
        % {"answer": _("yes") if definition.informal_groups_allowed else _("no")},
        _("Registration is required to count as SSE: %(answer)s.")
        % {"answer": _("yes") if definition.registration_required else _("no")},
        _("Minimum years of operation: %(years)s.")
        % {"years": definition.minimum_years_operating},
        *rule_sentences(
            rule_from_data(
                definition.rules or {}, version=definition.rule_version, name=""
            )
        ),
    ]
    return {
        "number": definition.number,
        "validated_on": date_format(definition.updated_at, "DATE_FORMAT"),
        "title": definition.title,
        "text_local": definition.text_local,
        "text_en": definition.text_en,
        "rule_version": definition.rule_version,
        "rules": [str(r) for r in rules],
        "table": make_table(
            "definition_elements",
            _("Elements of the national definition and their treatment"),
            [
                column(_("Element"), TEXT),
                column(_("Treatment"), TEXT),
                column(_("National wording"), TEXT),
                column(_("Rationale"), TEXT),
            ],
            rows,
            basis=basis(
                n=len(rows),
                population=_("%(n)s elements") % {"n": len(rows)},
                reference=_("version %(number)s, validated on %(date)s")
                % {
                    "number": definition.number,
                    "date": date_format(definition.updated_at, "DATE_FORMAT"),
                },
                sources=_("the national definition validated by the committee"),
            ),
            notes=[_("Highlighted: elements adapted, added or omitted.")],
        ),
    }
