"""The ILC 2022 principles checklist and the classification rule (DESIGN §2, §10).

A rule gives each criterion of P1–P4 a treatment: *required* (not met: outside),
*counts* toward its principle (the weakest counted criterion rates the principle),
*flag* (reported, never deciding) or *not used*; and thresholds for the criteria with a
measure. Outcomes: *SSE* when every principle is met or partly met; *outside* when a
required criterion or a national test fails, two counted criteria of P3 or of P4 fail,
or two or more principles are not met; *borderline* (the committee decides) otherwise. The ILC 2022 default requires P3.1,
P3.2 and P4.1, so a single failed surplus or asset criterion refers the entity to the
committee; P3.3 (dependency on one funder) is a flag. The named cases of the ILC text
(savings groups' share-outs, government-initiated cooperatives, social enterprises with
one owner) adjust the treatments for those entity types.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from countries.vocabularies import (
    AssetLock,
    Classification,
    Rating,
    RegistrationStatus,
    SseType,
    SurplusRule,
)


@dataclass(frozen=True)
class Criterion:
    code: str
    field: str
    principle: str
    label: Any  # a lazily translated string


CRITERIA: tuple[Criterion, ...] = (
    Criterion("P1.1", "p1_1", "P1", _("Membership is voluntary")),
    Criterion("P1.2", "p1_2", "P1", _("Open admission and free exit")),
    Criterion("P1.3", "p1_3", "P1", _("Mutual aid or collective action")),
    Criterion("P2.1", "p2_1", "P2", _("A general assembly holds final decisions")),
    Criterion(
        "P2.2",
        "p2_2",
        "P2",
        _("One member one vote, or a documented participatory mechanism"),
    ),
    Criterion("P2.3", "p2_3", "P2", _("Governing body elected and renewed")),
    Criterion(
        "P3.1",
        "p3_1",
        "P3",
        _("Government cannot appoint the board majority or veto decisions"),
    ),
    Criterion("P3.2", "p3_2", "P3", _("Own statutes and own management")),
    Criterion(
        "P3.3",
        "p3_3",
        "P3",
        _("Not dependent on one public or donor source for over 50 % of income"),
    ),
    Criterion(
        "P4.1", "p4_1", "P4", _("Explicit collective or general-interest purpose")
    ),
    Criterion(
        "P4.2", "p4_2", "P4", _("Surplus not distributed in proportion to capital")
    ),
    Criterion("P4.3", "p4_3", "P4", _("Asset lock on dissolution")),
)

VALUES: tuple[Criterion, ...] = (
    Criterion("V1", "v1", "V", _("Care for people and planet")),
    Criterion("V2", "v2", "V", _("Equality and fairness")),
    Criterion("V3", "v3", "V", _("Interdependence")),
    Criterion("V4", "v4", "V", _("Self-governance")),
    Criterion("V5", "v5", "V", _("Transparency and accountability")),
    Criterion("V6", "v6", "V", _("Decent work and livelihoods")),
)

PRINCIPLES: dict[str, Any] = {
    "P1": _("Voluntary cooperation and mutual aid"),
    "P2": _("Democratic and/or participatory governance"),
    "P3": _("Autonomy and independence"),
    "P4": _("Primacy of people and social purpose over capital"),
}


CRITERIA_BY_CODE: dict[str, Criterion] = {c.code: c for c in CRITERIA}


class CriterionTreatment(models.TextChoices):
    REQUIRED = "REQUIRED", _("Required: not met puts the entity outside")
    COUNTS = "COUNTS", _("Counts toward its principle")
    FLAG = "FLAG", _("Flag only: reported, never deciding")
    NOT_USED = "NOT_USED", _("Not used")


class NamedCase(models.TextChoices):
    """The cases the ILC 2022 text names, each a change of treatment for some types."""

    SAVINGS_SHARE_OUT = (
        "SAVINGS_SHARE_OUT",
        _("Savings and self-help groups' share-outs are not distribution on capital"),
    )
    GOVERNMENT_INITIATED_COOP = (
        "GOVERNMENT_INITIATED_COOP",
        _("Government-initiated cooperatives are referred to the committee"),
    )
    SE_ONE_OWNER = (
        "SE_ONE_OWNER",
        _("Social enterprises with one owner are judged without member democracy"),
    )


COUNTS, REQUIRED, FLAG, NOT_USED = (
    CriterionTreatment.COUNTS,
    CriterionTreatment.REQUIRED,
    CriterionTreatment.FLAG,
    CriterionTreatment.NOT_USED,
)

DEFAULT_TREATMENTS: dict[str, str] = {
    "P1.1": COUNTS,
    "P1.2": COUNTS,
    "P1.3": COUNTS,
    "P2.1": COUNTS,
    "P2.2": COUNTS,
    "P2.3": COUNTS,
    "P3.1": REQUIRED,
    "P3.2": REQUIRED,
    "P3.3": FLAG,
    "P4.1": REQUIRED,
    "P4.2": COUNTS,
    "P4.3": COUNTS,
}

STRICTNESS: dict[str, int] = {NOT_USED: 0, FLAG: 1, COUNTS: 2, REQUIRED: 3}

# The criteria flagged under the ILC 2022 default, never deciding.
FLAG_ONLY = {code for code, t in DEFAULT_TREATMENTS.items() if t == FLAG}

COOPERATIVE_TYPES = frozenset({SseType.COOP, SseType.PRECOOP, SseType.SCC})
# (case, SSE types it applies to, criteria, treatment under the case)
CASE_TREATMENTS: tuple[tuple[str, frozenset[str], tuple[str, ...], str], ...] = (
    (NamedCase.SAVINGS_SHARE_OUT, frozenset({SseType.SHG}), ("P4.2",), NOT_USED),
    (NamedCase.GOVERNMENT_INITIATED_COOP, COOPERATIVE_TYPES, ("P3.1",), COUNTS),
    (NamedCase.SE_ONE_OWNER, frozenset({SseType.SE}), ("P1.3", "P2.1", "P2.2"), FLAG),
)
# Entity types without members, for which a minimum number of members means nothing.
WITHOUT_MEMBERS = frozenset({SseType.FOUND})

DEFAULT_RULE_VERSION = "ILC-2022-default-v1"


@dataclass(frozen=True)
class NationalRule:
    """The rule an entity is classified by: the ILC 2022 default or a country's
    validated national definition. `provisional` while no definition is validated."""

    version: str = DEFAULT_RULE_VERSION
    name: str = ""
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
    def title(self) -> str:
        return self.name or gettext_now("the ILC 2022 default rule")

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
        return [gettext_now("The rules must be an object.")]
    errors = [
        gettext_now("Unknown rule “%s”.") % key for key in rules if key not in RULE_KEYS
    ]
    treatments = rules.get("treatments", {})
    if not isinstance(treatments, dict):
        errors.append(gettext_now("The treatments must map criteria to treatments."))
    else:
        for code, value in treatments.items():
            if code not in DEFAULT_TREATMENTS:
                errors.append(gettext_now("Unknown criterion “%s”.") % code)
            elif value not in CriterionTreatment.values:
                errors.append(
                    gettext_now("%(code)s: unknown treatment “%(value)s”.")
                    % {"code": code, "value": value}
                )
    for key in ("max_surplus_on_capital_pct", "max_income_share_one_source_pct"):
        value = rules.get(key)
        if value is not None and not (
            isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100
        ):
            errors.append(gettext_now("%s must be a percentage from 0 to 100.") % key)
    members = rules.get("minimum_members", 0)
    if not (isinstance(members, int) and not isinstance(members, bool)) or members < 0:
        errors.append(gettext_now("The minimum number of members must be 0 or more."))
    types = rules.get("registration_required_types", [])
    if not isinstance(types, list) or not set(types) <= set(SseType.values):
        errors.append(gettext_now("Registration is required of unknown SSE types."))
    cases = rules.get("cases", NamedCase.values)
    if not isinstance(cases, list) or not set(cases) <= set(NamedCase.values):
        errors.append(gettext_now("Unknown named case."))
    return errors


def rule_from_data(
    rules: dict[str, Any],
    *,
    version: str,
    name: str,
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


@dataclass(frozen=True)
class EntityFacts:
    """The structured fields that answer a criterion or a national test."""

    sse_type: str = ""
    registration_status: str = ""
    year_established: int | None = None
    surplus_rule: str = ""
    surplus_cap_pct: int | None = None
    asset_lock: str = ""
    members: int | None = None
    income_share_largest_funder: int | None = None


@dataclass
class ClassificationResult:
    classification: str
    principles: dict[str, str]
    reasons: list[str] = field(default_factory=list)
    rule_version: str = DEFAULT_RULE_VERSION
    provisional: bool = False
    # Ratings that a structured field contradicts, to settle before submission.
    mismatches: list[str] = field(default_factory=list)


def principle_rating(ratings: list[str]) -> str:
    """One principle's rating from its criteria: the weakest criterion decides."""
    if not ratings:
        return Rating.UNKNOWN
    if Rating.NOT_MET in ratings:
        return Rating.NOT_MET
    if all(r == Rating.MET for r in ratings):
        return Rating.MET
    if Rating.UNKNOWN in ratings:
        return Rating.UNKNOWN
    return Rating.PARTIAL


@dataclass(frozen=True)
class _Measure:
    """A criterion answered by a structured field: the rating and what was seen."""

    rating: str
    seen: str
    limit: str = ""


def _measures(facts: EntityFacts, rule: NationalRule) -> dict[str, _Measure]:
    measures: dict[str, _Measure] = {}
    ceiling = rule.max_surplus_on_capital_pct
    if facts.surplus_rule == SurplusRule.UNRESTRICTED:
        measures["P4.2"] = _Measure(
            Rating.NOT_MET,
            gettext_now("surplus distributed in proportion to capital"),
            gettext_now("%(rule)s does not allow it") % {"rule": rule.title},
        )
    elif facts.surplus_rule == SurplusRule.CAPPED and facts.surplus_cap_pct is not None:
        seen = gettext_now("%d %% of surplus paid on capital") % facts.surplus_cap_pct
        if ceiling is not None and facts.surplus_cap_pct > ceiling:
            limit = gettext_now("%(rule)s allows at most %(pct)d %%") % {
                "rule": rule.title,
                "pct": ceiling,
            }
            measures["P4.2"] = _Measure(Rating.NOT_MET, seen, limit)
        else:
            limit = (
                gettext_now("%(rule)s allows at most %(pct)d %%")
                % {"rule": rule.title, "pct": ceiling}
                if ceiling is not None
                else gettext_now("%(rule)s allows a capped share")
                % {"rule": rule.title}
            )
            measures["P4.2"] = _Measure(Rating.MET, seen, limit)
    elif facts.surplus_rule in (SurplusRule.NONE_DISTRIBUTED, SurplusRule.PATRONAGE):
        measures["P4.2"] = _Measure(
            Rating.MET, str(SurplusRule(facts.surplus_rule).label).lower()
        )
    if facts.asset_lock == AssetLock.YES:
        measures["P4.3"] = _Measure(
            Rating.MET, gettext_now("the assets are locked on dissolution")
        )
    elif facts.asset_lock == AssetLock.NO:
        measures["P4.3"] = _Measure(
            Rating.NOT_MET, gettext_now("no asset lock on dissolution")
        )
    share = facts.income_share_largest_funder
    if share is not None:
        limit = gettext_now("%(rule)s flags more than %(pct)d %%") % {
            "rule": rule.title,
            "pct": rule.max_income_share_one_source_pct,
        }
        measures["P3.3"] = _Measure(
            Rating.NOT_MET
            if share > rule.max_income_share_one_source_pct
            else Rating.MET,
            gettext_now("%d %% of income from one public or donor source") % share,
            limit,
        )
    if (
        rule.minimum_members
        and facts.members is not None
        and facts.sse_type not in WITHOUT_MEMBERS
    ):
        measures["P1.3"] = _Measure(
            Rating.NOT_MET if facts.members < rule.minimum_members else Rating.MET,
            gettext_now("%d members") % facts.members,
            gettext_now("%(rule)s asks for at least %(count)d")
            % {"rule": rule.title, "count": rule.minimum_members},
        )
    return measures


_FIELD_UNKNOWN = {
    "P4.2": ("surplus_rule", SurplusRule.UNKNOWN),
    "P4.3": ("asset_lock", AssetLock.UNKNOWN),
}


def rating_mismatches(ratings: Mapping[str, str], facts: EntityFacts) -> list[str]:
    """Ratings a structured field contradicts: the field says unknown, or the field's
    answer differs from the rating (the field decides; the rating should follow)."""
    mismatches: list[str] = []
    measures = _measures(facts, NationalRule())
    for code in ("P4.2", "P4.3"):
        rated = ratings.get(code, Rating.UNKNOWN)
        name, unknown = _FIELD_UNKNOWN[code]
        if getattr(facts, name) == unknown and rated in (Rating.MET, Rating.PARTIAL):
            mismatches.append(
                gettext_now(
                    "%(code)s is rated “%(rating)s” but the %(field)s field says "
                    "unknown."
                )
                % {
                    "code": code,
                    "rating": Rating(rated).label,
                    "field": _FIELD_NAMES[name],
                }
            )
        measure = measures.get(code)
        if (
            measure is not None
            and rated != Rating.UNKNOWN
            and (rated == Rating.NOT_MET) != (measure.rating == Rating.NOT_MET)
        ):
            mismatches.append(
                gettext_now(
                    "%(code)s is rated “%(rating)s” but the %(field)s field says "
                    "%(seen)s."
                )
                % {
                    "code": code,
                    "rating": Rating(rated).label,
                    "field": _FIELD_NAMES[name],
                    "seen": measure.seen,
                }
            )
    return mismatches


_FIELD_NAMES = {"surplus_rule": _("surplus rule"), "asset_lock": _("asset lock")}


def _criterion(code: str) -> str:
    return f"{code} {CRITERIA_BY_CODE[code].label}"


def _seen(code: str, rating: str, measure: _Measure | None) -> str:
    if measure is not None:
        return measure.seen
    return gettext_now("rated “%s”") % Rating(rating).label


def classify(
    ratings: Mapping[str, str] | None,
    *,
    facts: EntityFacts | None = None,
    registration_status: str = "",
    year_established: int | None = None,
    rule: NationalRule | None = None,
    today: datetime.date | None = None,
) -> ClassificationResult:
    """Classify an entity from its criteria ratings (keyed by criterion code) and the
    structured fields that answer some criteria (`facts`). Each reason names a
    criterion, the value seen and the rule applied; the first says the outcome."""
    rule = rule or NationalRule()
    facts = facts or EntityFacts(
        registration_status=registration_status, year_established=year_established
    )
    provisional_note = (
        [
            gettext_now(
                "Provisional: no national definition is validated yet; classified "
                "under %(rule)s."
            )
            % {"rule": rule.title}
        ]
        if rule.provisional
        else []
    )
    if not ratings or all(
        ratings.get(c.code, Rating.UNKNOWN) == Rating.UNKNOWN for c in CRITERIA
    ):
        return ClassificationResult(
            Classification.UNASSESSED,
            dict.fromkeys(PRINCIPLES, Rating.UNKNOWN),
            [gettext_now("The principles have not been assessed yet.")],
            rule.version,
            rule.provisional,
        )
    measures = _measures(facts, rule)
    seen = {
        c.code: measures[c.code].rating
        if c.code in measures
        else ratings.get(c.code, Rating.UNKNOWN)
        for c in CRITERIA
    }
    treatments = {c.code: rule.treatment(c.code, facts.sse_type) for c in CRITERIA}

    def explain(code: str, consequence: str) -> str:
        measure = measures.get(code)
        parts = [_seen(code, seen[code], measure)]
        if measure is not None and measure.limit:
            parts.append(measure.limit)
        return f"{_criterion(code)}: {'; '.join(parts)}; {consequence}."

    excluded: list[str] = []
    referred: list[str] = []
    notes: list[str] = []
    for c in CRITERIA:
        treatment, case = treatments[c.code]
        rating = seen[c.code]
        if case and rating in (Rating.NOT_MET, Rating.PARTIAL):
            notes.append(explain(c.code, _CASE_REASONS[case]()))
        elif treatment == REQUIRED and rating == Rating.NOT_MET:
            excluded.append(
                explain(
                    c.code,
                    gettext_now("%(rule)s requires it, so the entity is outside")
                    % {"rule": rule.title},
                )
            )
        elif treatment == COUNTS and rating == Rating.NOT_MET:
            referred.append(
                explain(
                    c.code,
                    gettext_now("under %(rule)s it does not meet principle %(p)s")
                    % {"rule": rule.title, "p": c.principle},
                )
            )
        elif treatment == FLAG and rating == Rating.NOT_MET:
            notes.append(
                gettext_now("Flag, not deciding: %s")
                % explain(c.code, gettext_now("it is reported only"))
            )

    principles = {
        code: principle_rating(
            [
                seen[c.code]
                for c in CRITERIA
                if c.principle == code and treatments[c.code][0] in (COUNTS, REQUIRED)
            ]
        )
        for code in PRINCIPLES
    }
    if rule.requires_registration(facts.sse_type) and (
        facts.registration_status
        not in (RegistrationStatus.REG_SSE_LAW, RegistrationStatus.REG_GENERAL)
    ):
        excluded.append(
            gettext_now(
                "Registration: %(status)s; %(rule)s requires registration, so the "
                "entity is outside."
            )
            % {
                "status": RegistrationStatus(facts.registration_status).label
                if facts.registration_status
                else gettext_now("not known"),
                "rule": rule.title,
            }
        )
    elif (
        not rule.informal_groups_allowed
        and facts.registration_status == RegistrationStatus.INFORMAL
    ):
        excluded.append(
            gettext_now(
                "Registration: informal; %(rule)s excludes informal groups, so the "
                "entity is outside."
            )
            % {"rule": rule.title}
        )
    not_met = [p for p, r in principles.items() if r == Rating.NOT_MET]
    # A principle whose criteria are all flags or not used decides nothing.
    unknown = [
        p
        for p, r in principles.items()
        if r == Rating.UNKNOWN
        and any(
            treatments[c.code][0] in (COUNTS, REQUIRED)
            for c in CRITERIA
            if c.principle == p
        )
    ]
    failing_twice = [
        p
        for p in not_met
        if p in rule.strict_principles
        and sum(
            1
            for c in CRITERIA
            if c.principle == p
            and seen[c.code] == Rating.NOT_MET
            and treatments[c.code][0] == COUNTS
        )
        >= 2
    ]
    deciding: list[str] = []
    if excluded:
        classification = Classification.OUTSIDE
        summary = gettext_now("Outside the SSE under %(rule)s.")
        deciding = excluded
    elif failing_twice:
        classification = Classification.OUTSIDE
        summary = gettext_now(
            "Outside the SSE under %(rule)s: principle %(principles)s fails on two "
            "or more criteria."
        )
        not_met = failing_twice
        deciding = referred
    elif len(not_met) >= 2:
        classification = Classification.OUTSIDE
        summary = gettext_now(
            "Outside the SSE under %(rule)s: principles %(principles)s are not met."
        )
        deciding = referred
    elif not_met or unknown:
        classification = Classification.BORDERLINE
        summary = gettext_now("Borderline under %(rule)s: the committee decides.")
        deciding = referred + [
            gettext_now("%(code)s %(name)s: not known yet (%(criteria)s).")
            % {
                "code": p,
                "name": PRINCIPLES[p],
                "criteria": ", ".join(
                    c.code
                    for c in CRITERIA
                    if c.principle == p
                    and seen[c.code] == Rating.UNKNOWN
                    and treatments[c.code][0] in (COUNTS, REQUIRED)
                ),
            }
            for p in unknown
        ]
    else:
        classification = Classification.SSE
        summary = gettext_now(
            "SSE under %(rule)s: every principle is met or partly met."
        )
        if rule.minimum_years_operating:
            year = (today or timezone.localdate()).year
            if (
                facts.year_established is None
                or year - facts.year_established < rule.minimum_years_operating
            ):
                classification = Classification.BORDERLINE
                summary = gettext_now(
                    "Borderline under %(rule)s: the committee decides."
                )
                deciding = [
                    gettext_now(
                        "Years of operation: %(seen)s; %(rule)s asks for at least "
                        "%(years)d."
                    )
                    % {
                        "seen": gettext_now("established in %d")
                        % facts.year_established
                        if facts.year_established
                        else gettext_now("year established unknown"),
                        "rule": rule.title,
                        "years": rule.minimum_years_operating,
                    }
                ]
    mismatches = rating_mismatches(ratings, facts)
    reasons = [
        summary % {"rule": rule.title, "principles": ", ".join(not_met)},
        *deciding,
        *notes,
        *[gettext_now("To check before submission: %s") % m for m in mismatches],
        *provisional_note,
    ]
    return ClassificationResult(
        classification,
        principles,
        reasons,
        rule.version,
        rule.provisional,
        mismatches,
    )


_CASE_REASONS: dict[str, Callable[[], str]] = {
    NamedCase.SAVINGS_SHARE_OUT: lambda: gettext_now(
        "a savings or self-help group's share-out returns members' own savings and "
        "is not counted as distribution on capital (the ILC 2022 definition names "
        "self-help groups)"
    ),
    NamedCase.GOVERNMENT_INITIATED_COOP: lambda: gettext_now(
        "a cooperative set up by government is referred to the committee to judge "
        "its autonomy, not excluded"
    ),
    NamedCase.SE_ONE_OWNER: lambda: gettext_now(
        "a social enterprise with one owner is judged on its social purpose and "
        "surplus, this criterion is reported only"
    ),
}


# Conclusions of the 110th International Labour Conference (2022), paragraph 5.
ILC_2022_TEXT = _(
    "The SSE encompasses enterprises, organizations and other entities that are "
    "engaged in economic, social, and environmental activities to serve the "
    "collective and/or general interest, which are based on the principles of "
    "voluntary cooperation and mutual aid, democratic and/or participatory "
    "governance, autonomy and independence, and the primacy of people and social "
    "purpose over capital in the distribution and use of surpluses and/or profits as "
    "well as assets. SSE entities aspire to long-term viability and sustainability, "
    "and to the transition from the informal to the formal economy and operate in all "
    "sectors of the economy. They put into practice a set of values which are "
    "intrinsic to their functioning and consistent with care for people and planet, "
    "equality and fairness, interdependence, self-governance, transparency and "
    "accountability, and the attainment of decent work and livelihoods. According to "
    "national circumstances, the SSE includes cooperatives, associations, mutual "
    "societies, foundations, social enterprises, self-help groups and other entities "
    "operating in accordance with the values and principles of the SSE."
)


def rule_sentences(rule: NationalRule) -> list[str]:
    """The rule's departures from the ILC 2022 default and its thresholds, as a person
    reads them (the report's annex and the definition pages)."""
    treatments = dict(CriterionTreatment.choices)
    sentences = [
        gettext_now("%(criterion)s: %(treatment)s.")
        % {"criterion": _criterion(code), "treatment": treatments[treatment]}
        for code, treatment in rule.treatments.items()
        if treatment != DEFAULT_TREATMENTS[code]
    ]
    if rule.max_surplus_on_capital_pct is not None:
        sentences.append(
            gettext_now("P4.2: at most %d %% of surplus paid on capital.")
            % rule.max_surplus_on_capital_pct
        )
    sentences.append(
        gettext_now(
            "P3.3: more than %d %% of income from one public or donor source is "
            "flagged."
        )
        % rule.max_income_share_one_source_pct
    )
    if rule.minimum_members:
        sentences.append(
            gettext_now("P1.3: at least %d members.") % rule.minimum_members
        )
    types = dict(SseType.choices)
    if rule.registration_required_types:
        sentences.append(
            gettext_now("Registration is required of: %s.")
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
