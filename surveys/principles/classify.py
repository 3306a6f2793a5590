"""Classifying an entity against a rule: SSE, borderline or outside, with the reasons that decided it."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from countries.vocabularies import (
    AssetLock,
    Classification,
    Rating,
    RegistrationStatus,
    SurplusRule,
)
from surveys.principles.criteria import (
    COUNTS,
    CRITERIA,
    DEFAULT_RULE_VERSION,
    FLAG,
    PRINCIPLES,
    REQUIRED,
    WITHOUT_MEMBERS,
    NamedCase,
    criterion_label,
)
from surveys.principles.rules import NationalRule


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
            gettext("surplus distributed in proportion to capital"),
            gettext("%(rule)s does not allow it") % {"rule": rule.title},
        )
    elif facts.surplus_rule == SurplusRule.CAPPED and facts.surplus_cap_pct is not None:
        seen = gettext("%d %% of surplus paid on capital") % facts.surplus_cap_pct
        if ceiling is not None and facts.surplus_cap_pct > ceiling:
            limit = gettext("%(rule)s allows at most %(pct)d %%") % {
                "rule": rule.title,
                "pct": ceiling,
            }
            measures["P4.2"] = _Measure(Rating.NOT_MET, seen, limit)
        else:
            limit = (
                gettext("%(rule)s allows at most %(pct)d %%")
                % {"rule": rule.title, "pct": ceiling}
                if ceiling is not None
                else gettext("%(rule)s allows a capped share") % {"rule": rule.title}
            )
            measures["P4.2"] = _Measure(Rating.MET, seen, limit)
    elif facts.surplus_rule in (SurplusRule.NONE_DISTRIBUTED, SurplusRule.PATRONAGE):
        measures["P4.2"] = _Measure(
            Rating.MET, str(SurplusRule(facts.surplus_rule).label).lower()
        )
    if facts.asset_lock == AssetLock.YES:
        measures["P4.3"] = _Measure(
            Rating.MET, gettext("the assets are locked on dissolution")
        )
    elif facts.asset_lock == AssetLock.NO:
        measures["P4.3"] = _Measure(
            Rating.NOT_MET, gettext("no asset lock on dissolution")
        )
    share = facts.income_share_largest_funder
    if share is not None:
        limit = gettext("%(rule)s flags more than %(pct)d %%") % {
            "rule": rule.title,
            "pct": rule.max_income_share_one_source_pct,
        }
        measures["P3.3"] = _Measure(
            Rating.NOT_MET
            if share > rule.max_income_share_one_source_pct
            else Rating.MET,
            gettext("%d %% of income from one public or donor source") % share,
            limit,
        )
    if (
        rule.minimum_members
        and facts.members is not None
        and facts.sse_type not in WITHOUT_MEMBERS
    ):
        measures["P1.3"] = _Measure(
            Rating.NOT_MET if facts.members < rule.minimum_members else Rating.MET,
            gettext("%d members") % facts.members,
            gettext("%(rule)s asks for at least %(count)d")
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
                gettext(
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
                gettext(
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


def _seen(code: str, rating: str, measure: _Measure | None) -> str:
    if measure is not None:
        return measure.seen
    return gettext("rated “%s”") % Rating(rating).label


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
            gettext(
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
            [gettext("The principles have not been assessed yet.")],
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
        return f"{criterion_label(code)}: {'; '.join(parts)}; {consequence}."

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
                    gettext("%(rule)s requires it, so the entity is outside")
                    % {"rule": rule.title},
                )
            )
        elif treatment == COUNTS and rating == Rating.NOT_MET:
            referred.append(
                explain(
                    c.code,
                    gettext("under %(rule)s it does not meet principle %(p)s")
                    % {"rule": rule.title, "p": c.principle},
                )
            )
        elif treatment == FLAG and rating == Rating.NOT_MET:
            notes.append(
                gettext("Flag, not deciding: %s")
                % explain(c.code, gettext("it is reported only"))
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
            gettext(
                "Registration: %(status)s; %(rule)s requires registration, so the "
                "entity is outside."
            )
            % {
                "status": RegistrationStatus(facts.registration_status).label
                if facts.registration_status
                else gettext("not known"),
                "rule": rule.title,
            }
        )
    elif (
        not rule.informal_groups_allowed
        and facts.registration_status == RegistrationStatus.INFORMAL
    ):
        excluded.append(
            gettext(
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
        summary = gettext("Outside the SSE under %(rule)s.")
        deciding = excluded
    elif failing_twice:
        classification = Classification.OUTSIDE
        summary = gettext(
            "Outside the SSE under %(rule)s: principle %(principles)s fails on two "
            "or more criteria."
        )
        not_met = failing_twice
        deciding = referred
    elif len(not_met) >= 2:
        classification = Classification.OUTSIDE
        summary = gettext(
            "Outside the SSE under %(rule)s: principles %(principles)s are not met."
        )
        deciding = referred
    elif not_met or unknown:
        classification = Classification.BORDERLINE
        summary = gettext("Borderline under %(rule)s: the committee decides.")
        deciding = referred + [
            gettext("%(code)s %(name)s: not known yet (%(criteria)s).")
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
        summary = gettext("SSE under %(rule)s: every principle is met or partly met.")
        # The measured criteria that decide, within the limit the rule sets.
        deciding = [
            explain(code, gettext("within the limit"))
            for code, measure in measures.items()
            if measure.limit
            and measure.rating == Rating.MET
            and treatments[code][0] in (COUNTS, REQUIRED)
        ]
        if rule.minimum_years_operating:
            year = (today or timezone.localdate()).year
            if (
                facts.year_established is None
                or year - facts.year_established < rule.minimum_years_operating
            ):
                classification = Classification.BORDERLINE
                summary = gettext("Borderline under %(rule)s: the committee decides.")
                deciding = [
                    gettext(
                        "Years of operation: %(seen)s; %(rule)s asks for at least "
                        "%(years)d."
                    )
                    % {
                        "seen": gettext("established in %d") % facts.year_established
                        if facts.year_established
                        else gettext("year established unknown"),
                        "rule": rule.title,
                        "years": rule.minimum_years_operating,
                    }
                ]
    mismatches = rating_mismatches(ratings, facts)
    reasons = [
        summary % {"rule": rule.title, "principles": ", ".join(not_met)},
        *deciding,
        *notes,
        *[gettext("To check before submission: %s") % m for m in mismatches],
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
    NamedCase.SAVINGS_SHARE_OUT: lambda: gettext(
        "a savings or self-help group's share-out returns members' own savings and "
        "is not counted as distribution on capital (the ILC 2022 definition names "
        "self-help groups)"
    ),
    NamedCase.GOVERNMENT_INITIATED_COOP: lambda: gettext(
        "a cooperative set up by government is referred to the committee to judge "
        "its autonomy, not excluded"
    ),
    NamedCase.SE_ONE_OWNER: lambda: gettext(
        "a social enterprise with one owner is judged on its social purpose and "
        "surplus, this criterion is reported only"
    ),
}
