"""A national definition's classification rule: treatments and thresholds per criterion, checked and described."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext, gettext_noop

from countries.vocabularies import (
    SseType,
)
from surveys.principles.criteria import (
    CASE_TREATMENTS,
    DEFAULT_RULE_VERSION,
    DEFAULT_TREATMENTS,
    STRICTNESS,
    CriterionTreatment,
    NamedCase,
    criterion_label,
)
from surveys.principles.reasons import Shown, message, reason_text


@dataclass(frozen=True)
class NationalRule:
    """The rule an entity is classified by: the ILC 2022 default or a country's
    validated national definition. `provisional` while no definition is validated."""

    version: str = DEFAULT_RULE_VERSION
    # A reason (`surveys.principles.reasons`): words, or a message shown translated.
    name: Shown = ""
    provisional: bool = False
    informal_groups_allowed: bool = True
    registration_required: bool = False
    minimum_years_operating: int = 0
    treatments: Mapping[str, str] = field(
        default_factory=lambda: dict(DEFAULT_TREATMENTS)
    )
    # P4.2: the largest share of surplus that may be paid on capital (None: any cap).
    max_surplus_on_capital_pct: int | None = None
    # P3.3: more than this share of income from one public or donor source fails.
    max_income_share_one_source_pct: int = 50
    # P1.3: fewer members than this fails (types without members are exempt).
    minimum_members: int = 0
    # Types that must be registered to be SSE (all types when registration_required).
    registration_required_types: frozenset[str] = frozenset()
    cases: frozenset[str] = frozenset(NamedCase.values)
    # One failed counted criterion of these principles refers the entity to the
    # committee; two or more put it outside.
    strict_principles: frozenset[str] = frozenset({"P3", "P4"})

    @property
    def title_shown(self) -> Shown:
        """The rule's name as a reason's parameter, translated when shown."""
        return self.name or message(gettext_noop("the ILC 2022 default rule"))

    @property
    def title(self) -> str:
        return reason_text(self.title_shown)

    def treatment(self, code: str, sse_type: str = "") -> tuple[str, str]:
        """The criterion's treatment for this type, and the named case that set it.
        A named case only ever relaxes the national treatment."""
        national = self.treatments.get(code, DEFAULT_TREATMENTS[code])
        for case, types, codes, treatment in CASE_TREATMENTS:
            if (
                case in self.cases
                and sse_type in types
                and code in codes
                and STRICTNESS[treatment] < STRICTNESS[national]
            ):
                return treatment, case
        return national, ""

    def requires_registration(self, sse_type: str) -> bool:
        return self.registration_required or sse_type in (
            self.registration_required_types
        )


RULE_KEYS = (
    "treatments",
    "max_surplus_on_capital_pct",
    "max_income_share_one_source_pct",
    "minimum_members",
    "registration_required_types",
    "cases",
)


def rules_errors(rules: Any) -> list[str]:
    """What is wrong with a national definition's stored rules (empty: valid).

    The stored shape: {"treatments": {"P4.2": "REQUIRED", ...},
    "max_surplus_on_capital_pct": 30, "max_income_share_one_source_pct": 50,
    "minimum_members": 10, "registration_required_types": ["COOP"],
    "cases": ["SAVINGS_SHARE_OUT", ...]}; every key optional (absent: the default).
    """
    if not isinstance(rules, dict):
        return [gettext("The rules must be an object.")]
    errors = [
        gettext("Unknown rule “%s”.") % key for key in rules if key not in RULE_KEYS
    ]
    treatments = rules.get("treatments", {})
    if not isinstance(treatments, dict):
        errors.append(gettext("The treatments must map criteria to treatments."))
    else:
        for code, value in treatments.items():
            if code not in DEFAULT_TREATMENTS:
                errors.append(gettext("Unknown criterion “%s”.") % code)
            elif value not in CriterionTreatment.values:
                errors.append(
                    gettext("%(code)s: unknown treatment “%(value)s”.")
                    % {"code": code, "value": value}
                )
    for key in ("max_surplus_on_capital_pct", "max_income_share_one_source_pct"):
        value = rules.get(key)
        if value is not None and not (
            isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100
        ):
            errors.append(gettext("%s must be a percentage from 0 to 100.") % key)
    members = rules.get("minimum_members", 0)
    if not (isinstance(members, int) and not isinstance(members, bool)) or members < 0:
        errors.append(gettext("The minimum number of members must be 0 or more."))
    types = rules.get("registration_required_types", [])
    if not isinstance(types, list) or not set(types) <= set(SseType.values):
        errors.append(gettext("Registration is required of unknown SSE types."))
    cases = rules.get("cases", NamedCase.values)
    if not isinstance(cases, list) or not set(cases) <= set(NamedCase.values):
        errors.append(gettext("Unknown named case."))
    return errors


def rule_from_data(
    rules: dict[str, Any],
    *,
    version: str,
    name: Shown,
    provisional: bool = False,
    informal_groups_allowed: bool = True,
    registration_required: bool = False,
    minimum_years_operating: int = 0,
) -> NationalRule:
    """The rule a national definition declares (its stored rules, already valid)."""
    income = rules.get("max_income_share_one_source_pct")
    return NationalRule(
        version=version,
        name=name,
        provisional=provisional,
        informal_groups_allowed=informal_groups_allowed,
        registration_required=registration_required,
        minimum_years_operating=minimum_years_operating,
        treatments={**DEFAULT_TREATMENTS, **rules.get("treatments", {})},
        max_surplus_on_capital_pct=rules.get("max_surplus_on_capital_pct"),
        max_income_share_one_source_pct=50 if income is None else income,
        minimum_members=rules.get("minimum_members") or 0,
        registration_required_types=frozenset(
            rules.get("registration_required_types", [])
        ),
        cases=frozenset(rules.get("cases", NamedCase.values)),
    )


def rule_sentences(rule: NationalRule) -> list[str]:
    """The rule's departures from the ILC 2022 default and its thresholds, as a person
    reads them (the report's annex and the definition pages)."""
    treatments = dict(CriterionTreatment.choices)
    sentences = [
        gettext("%(criterion)s: %(treatment)s.")
        % {"criterion": criterion_label(code), "treatment": treatments[treatment]}
        for code, treatment in rule.treatments.items()
        if treatment != DEFAULT_TREATMENTS[code]
    ]
    if rule.max_surplus_on_capital_pct is not None:
        sentences.append(
            gettext("P4.2: at most %d %% of surplus paid on capital.")
            % rule.max_surplus_on_capital_pct
        )
    sentences.append(
        gettext(
            "P3.3: more than %d %% of income from one public or donor source is "
            "flagged."
        )
        % rule.max_income_share_one_source_pct
    )
    if rule.minimum_members:
        sentences.append(gettext("P1.3: at least %d members.") % rule.minimum_members)
    types = dict(SseType.choices)
    if rule.registration_required_types:
        sentences.append(
            gettext("Registration is required of: %s.")
            % ", ".join(str(types[t]) for t in sorted(rule.registration_required_types))
        )
    sentences += [str(label) for code, label in NamedCase.choices if code in rule.cases]
    return sentences


def normalised_rules(rules: dict[str, Any]) -> dict[str, Any]:
    """Valid stored rules written out in full, so that two ways of writing the same
    rule compare equal."""
    rule = rule_from_data(rules, version="", name="")
    return {
        "treatments": dict(rule.treatments),
        "max_surplus_on_capital_pct": rule.max_surplus_on_capital_pct,
        "max_income_share_one_source_pct": rule.max_income_share_one_source_pct,
        "minimum_members": rule.minimum_members,
        "registration_required_types": sorted(rule.registration_required_types),
        "cases": sorted(rule.cases),
    }
