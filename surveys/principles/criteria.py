"""The ILC 2022 principles, values and criteria, and how a national definition may treat each criterion."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from countries.vocabularies import (
    SseType,
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
        # xgettext:no-python-format
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


def criterion_label(code: str) -> str:
    return f"{code} {CRITERIA_BY_CODE[code].label}"
