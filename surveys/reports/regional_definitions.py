"""The national definitions of a regional comparison, compared criterion by criterion.

Each country's latest national definition validated by the cut-off is read against
the ILC 2022 default (`surveys.principles`): for every scope item, criterion and named
case, the country's treatment in the committees' words (adopted, adapted, added,
omitted) and its threshold. A country with no validated definition classifies its
entities provisionally under the default, and its column says so. Two queries,
whatever the number of countries or versions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Max, OuterRef, Subquery
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countries.names import country_name
from countries.vocabularies import Treatment
from surveys.models import DEFINITION_ELEMENTS, DefinitionElement, NationalDefinition
from surveys.principles import (
    CRITERIA,
    DEFAULT_TREATMENTS,
    NamedCase,
    NationalRule,
    rule_from_data,
)
from surveys.principles.criteria import CriterionTreatment
from surveys.reports.context import ReportContext
from surveys.reports.dimensions import type_label
from surveys.reports.tables import TEXT, Basis, Row, Table, basis, column, row, table

NO_DEFINITION = gettext_lazy("no validated definition (provisional)")
# A cell of a country with no validated definition, under its first row.
DASH = "–"
# How a criterion's treatment reads in a cell: short, beside the committee's word.
TREATMENT_WORDS: dict[str, Any] = {
    CriterionTreatment.REQUIRED: gettext_lazy("required"),
    CriterionTreatment.COUNTS: gettext_lazy("counts"),
    CriterionTreatment.FLAG: gettext_lazy("flag only"),
    CriterionTreatment.NOT_USED: gettext_lazy("not used"),
}
DEFAULT_INCOME_SHARE = 50


def latest_definitions(context: ReportContext) -> dict[str, NationalDefinition]:
    """Each country's latest national definition validated by the cut-off, by country
    code (one query)."""
    validated = context.validated(NationalDefinition)
    latest = (
        validated.filter(country=OuterRef("country"))
        .values("country")
        .annotate(latest=Max("number"))
        .values("latest")
    )
    return {
        d.country_id: d for d in validated.filter(number=Subquery(latest)).order_by()
    }


def _cell(treatment: Any, detail: Any = "") -> str:
    label = str(Treatment(treatment).label)
    return f"{label}: {detail}" if detail else label


def _informal(definition: NationalDefinition, rule: NationalRule) -> str:
    if definition.informal_groups_allowed:
        return _cell(Treatment.ADOPTED, _("included"))
    return _cell(Treatment.ADAPTED, _("excluded"))


def _registration(definition: NationalDefinition, rule: NationalRule) -> str:
    if rule.registration_required:
        return _cell(Treatment.ADDED, _("required of every entity"))
    if rule.registration_required_types:
        return _cell(
            Treatment.ADDED,
            _("required of: %(types)s")
            % {
                "types": ", ".join(
                    _type_label(code)
                    for code in sorted(rule.registration_required_types)
                )
            },
        )
    return _cell(Treatment.ADOPTED, _("not required"))


def _type_label(code: str) -> str:
    return type_label(code)


def _minimum_years(definition: NationalDefinition, rule: NationalRule) -> str:
    years = rule.minimum_years_operating
    if not years:
        return _cell(Treatment.ADOPTED, _("none"))
    return _cell(Treatment.ADDED, _("%(n)s years") % {"n": years})


def _threshold(code: str, rule: NationalRule) -> tuple[str, bool]:
    """The criterion's threshold in words, and whether it departs from the default."""
    if code == "P4.2" and rule.max_surplus_on_capital_pct is not None:
        return (
            _("at most %(pct)s %% of surplus paid on capital")
            % {"pct": rule.max_surplus_on_capital_pct},
            True,
        )
    if code == "P3.3":
        pct = rule.max_income_share_one_source_pct
        return (
            _("over %(pct)s %% of income from one source") % {"pct": pct},
            pct != DEFAULT_INCOME_SHARE,
        )
    if code == "P1.3" and rule.minimum_members:
        return (
            _("at least %(n)s members")
            % {"n": number_format(rule.minimum_members, force_grouping=True)},
            True,
        )
    return "", False


def _criterion(code: str) -> Callable[[NationalDefinition, NationalRule], str]:
    def treatment(definition: NationalDefinition, rule: NationalRule) -> str:
        national = rule.treatments.get(code, DEFAULT_TREATMENTS[code])
        default = DEFAULT_TREATMENTS[code]
        threshold, changed = _threshold(code, rule)
        words = str(TREATMENT_WORDS[national])
        if national != default:
            words = _("%(national)s (ILC default: %(default)s)") % {
                "national": words,
                "default": TREATMENT_WORDS[default],
            }
        if national == CriterionTreatment.NOT_USED != default:
            return _cell(Treatment.OMITTED)
        detail = "; ".join(part for part in (words, threshold) if part)
        adapted = national != default or changed
        return _cell(Treatment.ADAPTED if adapted else Treatment.ADOPTED, detail)

    return treatment


def _case(case: str) -> Callable[[NationalDefinition, NationalRule], str]:
    def applied(definition: NationalDefinition, rule: NationalRule) -> str:
        if case in rule.cases:
            return _cell(Treatment.ADOPTED, _("applies"))
        return _cell(Treatment.OMITTED)

    return applied


# (label, the country's treatment) in the order of the table.
ROWS: tuple[tuple[Any, Callable[[NationalDefinition, NationalRule], str]], ...] = (
    (gettext_lazy("Scope: informal groups"), _informal),
    (gettext_lazy("Scope: registration"), _registration),
    (gettext_lazy("Scope: minimum years of operation"), _minimum_years),
    *((f"{c.code} {c.label}", _criterion(c.code)) for c in CRITERIA),
    *((label, _case(code)) for code, label in NamedCase.choices),
)


def _rule(definition: NationalDefinition) -> NationalRule:
    return rule_from_data(
        definition.rules or {},
        version=definition.rule_version,
        name=definition.title,
        informal_groups_allowed=definition.informal_groups_allowed,
        registration_required=definition.registration_required,
        minimum_years_operating=definition.minimum_years_operating,
    )


def _basis(context: ReportContext, found: int) -> Basis:
    return basis(
        n=found,
        population=_("%(n)s of %(of)s countries with a validated national definition")
        % {"n": found, "of": len(context.countries)},
        reference=context.reference,
        sources=_(
            "the national definitions validated by each national advisory committee; "
            "the ILC 2022 conclusions for the default"
        ),
        scope=_("each country's latest version validated by the cut-off"),
        provisional=context.provisional,
    )


def definitions_compared(context: ReportContext) -> list[Table]:
    """The criteria table and the table of the elements each committee declared."""
    definitions = latest_definitions(context)
    codes = [c.code for c in context.countries]
    rules = {code: _rule(d) for code, d in definitions.items()}
    rows: list[Row] = [
        row(
            [
                _("National definition"),
                *[
                    _("version %(number)s, validated %(date)s")
                    % {
                        "number": definitions[code].number,
                        "date": date_format(
                            definitions[code].updated_at, "DATE_FORMAT"
                        ),
                    }
                    if code in definitions
                    else NO_DEFINITION
                    for code in codes
                ],
            ]
        )
    ]
    for label, treatment in ROWS:
        cells = [
            treatment(definitions[code], rules[code]) if code in definitions else DASH
            for code in codes
        ]
        departs = any(
            cell != DASH and not cell.startswith(str(Treatment.ADOPTED.label))
            for cell in cells
        )
        rows.append(row([label, *cells], "priority" if departs else ""))
    columns = [
        column(_("Scope item, criterion or named case"), TEXT),
        *[column(country_name(c), TEXT) for c in context.countries],
    ]
    notes = [
        _(
            "Each cell: the country's treatment of the ILC 2022 item (adopted, adapted, "
            "added or omitted), how the criterion decides (required: not met puts the "
            "entity outside; counts toward its principle; flag only) and its "
            "threshold. Highlighted: a country departs from the ILC 2022 default."
        )
    ]
    without = [country_name(c) for c in context.countries if c.code not in definitions]
    if without:
        notes.append(
            _(
                "–: %(countries)s had no national definition validated by the "
                "cut-off; their entities are classified provisionally under the ILC "
                "2022 default."
            )
            % {"countries": ", ".join(without)}
        )
    compared = table(
        "regional_definitions",
        _("The national definitions compared criterion by criterion"),
        columns,
        rows,
        basis=_basis(context, len(definitions)),
        notes=notes,
    )
    return [compared, _elements(context, definitions, columns)]


def _elements(
    context: ReportContext,
    definitions: dict[str, NationalDefinition],
    columns: list[Any],
) -> Table:
    declared: dict[tuple[str, str], str] = {
        (country, element): treatment
        for country, element, treatment in DefinitionElement.objects.filter(
            definition__in=[d.pk for d in definitions.values()]
        ).values_list("definition__country", "element", "treatment")
    }
    codes = [c.code for c in context.countries]
    rows = []
    for element, label in DEFINITION_ELEMENTS:
        cells = [
            (
                str(Treatment(declared[(code, element)]).label)
                if (code, element) in declared
                else _("not stated")
            )
            if code in definitions
            else DASH
            for code in codes
        ]
        departs = any(
            (code, element) in declared
            and declared[(code, element)] != Treatment.ADOPTED
            for code in codes
        )
        rows.append(row([label, *cells], "priority" if departs else ""))
    return table(
        "regional_definition_elements",
        _("Elements of the national definitions, as each committee treated them"),
        [column(_("Element of the ILC 2022 definition"), TEXT), *columns[1:]],
        rows,
        basis=_basis(context, len(definitions)),
        notes=[
            _(
                "Not stated: the committee recorded no treatment of the element. "
                "Highlighted: a committee adapted, added or omitted the element; the "
                "country reports give its wording and rationale."
            )
        ],
    )
