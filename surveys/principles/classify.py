"""Classifying an entity against a rule: SSE, borderline or outside, with the reasons that decided it."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_noop

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
)
from surveys.principles.reasons import Shown, label, message, reasons_text
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
    # As stored: messages and parameters (`surveys.principles.reasons`).
    reasons: list[Shown] = field(default_factory=list)
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
    """A criterion answered by a structured field: the rating and what was seen, as
    reasons (`surveys.principles.reasons`)."""

    rating: str
    seen: Shown
    limit: Shown = ""


def _measures(facts: EntityFacts, rule: NationalRule) -> dict[str, _Measure]:
    measures: dict[str, _Measure] = {}
    ceiling = rule.max_surplus_on_capital_pct
    title = rule.title_shown
    if facts.surplus_rule == SurplusRule.UNRESTRICTED:
        measures["P4.2"] = _Measure(
            Rating.NOT_MET,
            message(gettext_noop("surplus distributed in proportion to capital")),
            message(gettext_noop("%(rule)s does not allow it"), rule=title),
        )
    elif facts.surplus_rule == SurplusRule.CAPPED and facts.surplus_cap_pct is not None:
        seen = message(
            gettext_noop("%d %% of surplus paid on capital"), facts.surplus_cap_pct
        )
        if ceiling is not None and facts.surplus_cap_pct > ceiling:
            limit = message(
                gettext_noop("%(rule)s allows at most %(pct)d %%"),
                rule=title,
                pct=ceiling,
            )
            measures["P4.2"] = _Measure(Rating.NOT_MET, seen, limit)
        else:
            limit = (
                message(
                    gettext_noop("%(rule)s allows at most %(pct)d %%"),
                    rule=title,
                    pct=ceiling,
                )
                if ceiling is not None
                else message(gettext_noop("%(rule)s allows a capped share"), rule=title)
            )
            measures["P4.2"] = _Measure(Rating.MET, seen, limit)
    elif facts.surplus_rule in (SurplusRule.NONE_DISTRIBUTED, SurplusRule.PATRONAGE):
        measures["P4.2"] = _Measure(
            Rating.MET, label("surplus_rule", facts.surplus_rule, lower=True)
        )
    if facts.asset_lock == AssetLock.YES:
        measures["P4.3"] = _Measure(
            Rating.MET, message(gettext_noop("the assets are locked on dissolution"))
        )
    elif facts.asset_lock == AssetLock.NO:
        measures["P4.3"] = _Measure(
            Rating.NOT_MET, message(gettext_noop("no asset lock on dissolution"))
        )
    share = facts.income_share_largest_funder
    if share is not None:
        measures["P3.3"] = _Measure(
            Rating.NOT_MET
            if share > rule.max_income_share_one_source_pct
            else Rating.MET,
            message(
                gettext_noop("%d %% of income from one public or donor source"), share
            ),
            message(
                gettext_noop("%(rule)s flags more than %(pct)d %%"),
                rule=title,
                pct=rule.max_income_share_one_source_pct,
            ),
        )
    if (
        rule.minimum_members
        and facts.members is not None
        and facts.sse_type not in WITHOUT_MEMBERS
    ):
        measures["P1.3"] = _Measure(
            Rating.NOT_MET if facts.members < rule.minimum_members else Rating.MET,
            message(gettext_noop("%d members"), facts.members),
            message(
                gettext_noop("%(rule)s asks for at least %(count)d"),
                rule=title,
                count=rule.minimum_members,
            ),
        )
    return measures


_FIELD_UNKNOWN = {
    "P4.2": ("surplus_rule", SurplusRule.UNKNOWN),
    "P4.3": ("asset_lock", AssetLock.UNKNOWN),
}


def rating_mismatches(
    ratings: Mapping[str, str], facts: EntityFacts
) -> list[dict[str, Any]]:
    """Ratings a structured field contradicts: the field says unknown, or the field's
    answer differs from the rating (the field decides; the rating should follow).
    As reasons: `reasons_text` gives them in words."""
    mismatches: list[dict[str, Any]] = []
    measures = _measures(facts, NationalRule())
    for code in ("P4.2", "P4.3"):
        rated = ratings.get(code, Rating.UNKNOWN)
        name, unknown = _FIELD_UNKNOWN[code]
        if getattr(facts, name) == unknown and rated in (Rating.MET, Rating.PARTIAL):
            mismatches.append(
                message(
                    gettext_noop(
                        "%(code)s is rated “%(rating)s” but the %(field)s field says "
                        "unknown."
                    ),
                    code=code,
                    rating=label("rating", rated),
                    field=label("field", name),
                )
            )
        measure = measures.get(code)
        if (
            measure is not None
            and rated != Rating.UNKNOWN
            and (rated == Rating.NOT_MET) != (measure.rating == Rating.NOT_MET)
        ):
            mismatches.append(
                message(
                    gettext_noop(
                        "%(code)s is rated “%(rating)s” but the %(field)s field says "
                        "%(seen)s."
                    ),
                    code=code,
                    rating=label("rating", rated),
                    field=label("field", name),
                    seen=measure.seen,
                )
            )
    return mismatches


def _seen(code: str, rating: str, measure: _Measure | None) -> Shown:
    if measure is not None:
        return measure.seen
    return message(gettext_noop("rated “%s”"), label("rating", rating))


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
    criterion, the value seen and the rule applied; the first says the outcome. The
    reasons are stored as messages and parameters (`surveys.principles.reasons`), put
    into words in the reader's language when shown."""
    rule = rule or NationalRule()
    title = rule.title_shown
    facts = facts or EntityFacts(
        registration_status=registration_status, year_established=year_established
    )
    provisional_note = (
        [
            message(
                gettext_noop(
                    "Provisional: no national definition is validated yet; classified "
                    "under %(rule)s."
                ),
                rule=title,
            )
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
            [message(gettext_noop("The principles have not been assessed yet."))],
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

    def explain(code: str, consequence: Shown) -> dict[str, Any]:
        measure = measures.get(code)
        criterion, observed = label("criterion", code), _seen(code, seen[code], measure)
        if measure is not None and measure.limit:
            return message(
                gettext_noop("%(criterion)s: %(seen)s; %(limit)s; %(consequence)s."),
                criterion=criterion,
                seen=observed,
                limit=measure.limit,
                consequence=consequence,
            )
        return message(
            gettext_noop("%(criterion)s: %(seen)s; %(consequence)s."),
            criterion=criterion,
            seen=observed,
            consequence=consequence,
        )

    excluded: list[Shown] = []
    referred: list[Shown] = []
    notes: list[Shown] = []
    for c in CRITERIA:
        treatment, case = treatments[c.code]
        rating = seen[c.code]
        if case and rating in (Rating.NOT_MET, Rating.PARTIAL):
            notes.append(explain(c.code, message(_CASE_REASONS[case])))
        elif treatment == REQUIRED and rating == Rating.NOT_MET:
            excluded.append(
                explain(
                    c.code,
                    message(
                        gettext_noop("%(rule)s requires it, so the entity is outside"),
                        rule=title,
                    ),
                )
            )
        elif treatment == COUNTS and rating == Rating.NOT_MET:
            referred.append(
                explain(
                    c.code,
                    message(
                        gettext_noop("under %(rule)s it does not meet principle %(p)s"),
                        rule=title,
                        p=c.principle,
                    ),
                )
            )
        elif treatment == FLAG and rating == Rating.NOT_MET:
            notes.append(
                message(
                    gettext_noop("Flag, not deciding: %s"),
                    explain(c.code, message(gettext_noop("it is reported only"))),
                )
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
            message(
                gettext_noop(
                    "Registration: %(status)s; %(rule)s requires registration, so the "
                    "entity is outside."
                ),
                status=label("registration_status", facts.registration_status)
                if facts.registration_status
                else message(gettext_noop("not known")),
                rule=title,
            )
        )
    elif (
        not rule.informal_groups_allowed
        and facts.registration_status == RegistrationStatus.INFORMAL
    ):
        excluded.append(
            message(
                gettext_noop(
                    "Registration: informal; %(rule)s excludes informal groups, so "
                    "the entity is outside."
                ),
                rule=title,
            )
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
    deciding: list[Shown] = []
    if excluded:
        classification = Classification.OUTSIDE
        summary = gettext_noop("Outside the SSE under %(rule)s.")
        deciding = excluded
    elif failing_twice:
        classification = Classification.OUTSIDE
        summary = gettext_noop(
            "Outside the SSE under %(rule)s: principle %(principles)s fails on two "
            "or more criteria."
        )
        not_met = failing_twice
        deciding = referred
    elif len(not_met) >= 2:
        classification = Classification.OUTSIDE
        summary = gettext_noop(
            "Outside the SSE under %(rule)s: principles %(principles)s are not met."
        )
        deciding = referred
    elif not_met or unknown:
        classification = Classification.BORDERLINE
        summary = gettext_noop("Borderline under %(rule)s: the committee decides.")
        deciding = referred + [
            message(
                gettext_noop("%(code)s %(name)s: not known yet (%(criteria)s)."),
                code=p,
                name=label("principle", p),
                criteria=", ".join(
                    c.code
                    for c in CRITERIA
                    if c.principle == p
                    and seen[c.code] == Rating.UNKNOWN
                    and treatments[c.code][0] in (COUNTS, REQUIRED)
                ),
            )
            for p in unknown
        ]
    else:
        classification = Classification.SSE
        summary = gettext_noop(
            "SSE under %(rule)s: every principle is met or partly met."
        )
        # The measured criteria that decide, within the limit the rule sets.
        deciding = [
            explain(code, message(gettext_noop("within the limit")))
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
                summary = gettext_noop(
                    "Borderline under %(rule)s: the committee decides."
                )
                deciding = [
                    message(
                        gettext_noop(
                            "Years of operation: %(seen)s; %(rule)s asks for at "
                            "least %(years)d."
                        ),
                        seen=message(
                            gettext_noop("established in %d"), facts.year_established
                        )
                        if facts.year_established
                        else message(gettext_noop("year established unknown")),
                        rule=title,
                        years=rule.minimum_years_operating,
                    )
                ]
    mismatches = rating_mismatches(ratings, facts)
    summary_args: dict[str, Shown] = {"rule": title}
    if "%(principles)s" in summary:
        summary_args["principles"] = ", ".join(not_met)
    reasons: list[Shown] = [
        message(summary, **summary_args),
        *deciding,
        *notes,
        *[
            message(gettext_noop("To check before submission: %s"), m)
            for m in mismatches
        ],
        *provisional_note,
    ]
    return ClassificationResult(
        classification,
        principles,
        reasons,
        rule.version,
        rule.provisional,
        reasons_text(mismatches),
    )


_CASE_REASONS: dict[str, str] = {
    NamedCase.SAVINGS_SHARE_OUT: gettext_noop(
        "a savings or self-help group's share-out returns members' own savings and "
        "is not counted as distribution on capital (the ILC 2022 definition names "
        "self-help groups)"
    ),
    NamedCase.GOVERNMENT_INITIATED_COOP: gettext_noop(
        "a cooperative set up by government is referred to the committee to judge "
        "its autonomy, not excluded"
    ),
    NamedCase.SE_ONE_OWNER: gettext_noop(
        "a social enterprise with one owner is judged on its social purpose and "
        "surplus, this criterion is reported only"
    ),
}
