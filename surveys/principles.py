"""The ILC 2022 principles checklist and the classification rule (DESIGN §2).

The default rule: *SSE* when P1–P4 are each MET or PARTIAL; *outside* when P3 or P4 is
NOT_MET, or two or more principles are NOT_MET; *borderline* otherwise. A country's
national definition may add tests (registration required, informal groups excluded,
a minimum age). P3.3 (dependency on one funder) is a flag, never an exclusion.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from countries.vocabularies import Classification, Rating, RegistrationStatus


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

# P3.3 is recorded and reported, but does not decide whether P3 is met.
FLAG_ONLY = {"P3.3"}

DEFAULT_RULE_VERSION = "ILC-2022-default-v1"


@dataclass(frozen=True)
class NationalRule:
    """A country's adaptations of the default rule, from its national definition."""

    version: str = DEFAULT_RULE_VERSION
    informal_groups_allowed: bool = True
    registration_required: bool = False
    minimum_years_operating: int = 0


@dataclass
class ClassificationResult:
    classification: str
    principles: dict[str, str]
    reasons: list[str] = field(default_factory=list)
    rule_version: str = DEFAULT_RULE_VERSION


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


def classify(
    ratings: dict[str, str] | None,
    *,
    registration_status: str = "",
    year_established: int | None = None,
    rule: NationalRule | None = None,
    today: datetime.date | None = None,
) -> ClassificationResult:
    """Classify an entity from its criteria ratings (keyed by criterion code)."""
    rule = rule or NationalRule()
    if not ratings or all(
        ratings.get(c.code, Rating.UNKNOWN) == Rating.UNKNOWN for c in CRITERIA
    ):
        return ClassificationResult(
            Classification.UNASSESSED,
            dict.fromkeys(PRINCIPLES, Rating.UNKNOWN),
            [str(_("The principles have not been assessed yet."))],
            rule.version,
        )
    principles = {
        code: principle_rating(
            [
                ratings.get(c.code, Rating.UNKNOWN)
                for c in CRITERIA
                if c.principle == code and c.code not in FLAG_ONLY
            ]
        )
        for code in PRINCIPLES
    }
    not_met = [p for p, r in principles.items() if r == Rating.NOT_MET]
    reasons: list[str] = []
    if {"P3", "P4"} & set(not_met):
        classification = Classification.OUTSIDE
        for p in sorted({"P3", "P4"} & set(not_met)):
            reasons.append(
                str(
                    _("%(code)s %(name)s is not met.")
                    % {"code": p, "name": PRINCIPLES[p]}
                )
            )
    elif len(not_met) >= 2:
        classification = Classification.OUTSIDE
        reasons.append(
            str(_("Two or more principles are not met: %s.") % ", ".join(not_met))
        )
    elif all(r in (Rating.MET, Rating.PARTIAL) for r in principles.values()):
        classification = Classification.SSE
        reasons.append(str(_("All four principles are met or partly met.")))
    else:
        classification = Classification.BORDERLINE
        for p, r in principles.items():
            if r == Rating.NOT_MET:
                reasons.append(
                    str(
                        _("%(code)s %(name)s is not met.")
                        % {"code": p, "name": PRINCIPLES[p]}
                    )
                )
            elif r == Rating.UNKNOWN:
                reasons.append(
                    str(
                        _("%(code)s %(name)s is not known yet.")
                        % {"code": p, "name": PRINCIPLES[p]}
                    )
                )

    if ratings.get("P3.3") == Rating.NOT_MET:
        reasons.append(
            str(
                _(
                    "Flag: more than half of its income comes from one public or "
                    "donor source (P3.3)."
                )
            )
        )

    # National adaptations can only narrow the SSE, never widen it.
    if classification != Classification.OUTSIDE:
        if rule.registration_required and registration_status not in (
            RegistrationStatus.REG_SSE_LAW,
            RegistrationStatus.REG_GENERAL,
        ):
            classification = Classification.OUTSIDE
            reasons.append(
                str(_("The national definition requires registration, and it is not."))
            )
        elif (
            not rule.informal_groups_allowed
            and registration_status == RegistrationStatus.INFORMAL
        ):
            classification = Classification.OUTSIDE
            reasons.append(str(_("The national definition excludes informal groups.")))
        if rule.minimum_years_operating and classification == Classification.SSE:
            year = (today or timezone.localdate()).year
            if (
                year_established is None
                or year - year_established < rule.minimum_years_operating
            ):
                classification = Classification.BORDERLINE
                reasons.append(
                    str(
                        _(
                            "The national definition asks for %d years of operation; "
                            "this is not shown."
                        )
                        % rule.minimum_years_operating
                    )
                )
    return ClassificationResult(classification, principles, reasons, rule.version)
