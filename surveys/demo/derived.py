"""What a demo entity's data leaves out, derived from what it gives: its yearly figures,
its principles assessment, its purpose, target groups and surplus and asset rules.

Every varied number comes from the country's seeded random.Random, drawn in a fixed
order, so every run derives the same values.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from countries.vocabularies import (
    AssetLock,
    ConsentLevel,
    EvidenceType,
    Rating,
    RegistrationStatus,
    SseType,
    SurplusRule,
    TargetGroup,
)
from surveys.demo.codes import Disaggregation, Profile
from surveys.demo.records import DemoEntity
from surveys.principles import CRITERIA, VALUES

# The year a validated demo entity is edited in, which sends it back to draft.
LATER_YEAR = 2025

ASSESSMENT_PROFILES: dict[str, dict[str, str]] = {
    Profile.SSE: {},
    Profile.SSE_DONOR: {},
    Profile.BORDERLINE_UNKNOWN: {
        "p2_1": Rating.UNKNOWN,
        "p2_3": Rating.UNKNOWN,
        "p4_3": Rating.UNKNOWN,
        "v5": Rating.UNKNOWN,
    },
    Profile.BORDERLINE_P1: {"p1_2": Rating.NOT_MET, "v2": Rating.PARTIAL},
    Profile.BORDERLINE_P2: {
        "p2_2": Rating.NOT_MET,
        "p2_3": Rating.PARTIAL,
        "v4": Rating.PARTIAL,
    },
    Profile.OUTSIDE_P3: {
        "p3_1": Rating.NOT_MET,
        "p3_2": Rating.PARTIAL,
        "p2_3": Rating.PARTIAL,
        "v4": Rating.NOT_MET,
    },
    Profile.OUTSIDE_P4: {
        "p4_2": Rating.NOT_MET,
        "p4_3": Rating.NOT_MET,
        "p1_3": Rating.PARTIAL,
        "v2": Rating.PARTIAL,
    },
}
PROFILE_NOTES: dict[str, str] = {
    Profile.SSE: "Statutes and the minutes of the last general assembly seen on the "
    "field visit; chair and two members interviewed.",
    Profile.SSE_DONOR: "Statutes seen; the 2024 accounts show most income comes from "
    "one donor project.",
    Profile.BORDERLINE_UNKNOWN: "Only the leader could be interviewed; no minutes or "
    "statutes were available, so governance and the asset lock are not known yet.",
    Profile.BORDERLINE_P1: "Membership is limited to the founding families; newcomers "
    "are not admitted.",
    Profile.BORDERLINE_P2: "Votes at the general assembly are weighted by the shares "
    "each member holds.",
    Profile.OUTSIDE_P3: "The district authority appoints the chair and the board "
    "majority and approves the budget.",
    Profile.OUTSIDE_P4: "Profits are paid out in proportion to the capital invested; "
    "no rule on assets at dissolution.",
}
# Evidence a consultant usually has for each principle of a registered entity.
EVIDENCE_BY_PRINCIPLE = {
    "P1": EvidenceType.BYLAWS,
    "P2": EvidenceType.MINUTES,
    "P3": EvidenceType.REGISTER,
    "P4": EvidenceType.BYLAWS,
}
PURPOSE_BY_DIVISION = {
    "01": "Joint purchase of inputs, shared equipment and collective marketing of "
    "members' farm produce.",
    "02": "Community management of forest land and fair sale of non-timber forest "
    "products.",
    "03": "Community management of fishing grounds and joint sale of members' catch.",
    "05": "Safer, legal small-scale mining with shared equipment and a fair price for "
    "the output.",
    "07": "Safer, legal artisanal gold mining with shared equipment, mercury-free "
    "processing and a fair price.",
    "08": "Members' quarrying or salt production with shared equipment and joint sales.",
    "10": "Processing members' produce and selling it under a common brand.",
    "13": "Weaving with local fibres and dyes for a fair income for the weavers.",
    "14": "Sewing and tailoring for a fair income and safe working conditions.",
    "16": "Wood processing and furniture making from sustainably managed timber.",
    "38": "Collecting and recycling waste with fair pay and protection for the "
    "collectors.",
    "41": "Building affordable housing with and for its members.",
    "42": "Small public works and rural roads built by local workers at fair wages.",
    "43": "Decent, regular work for construction workers through shared contracts, "
    "tools and training.",
    "47": "A member-owned shop selling everyday goods and members' products at fair "
    "prices.",
    "55": "Community-based tourism with income shared among the host families.",
    "56": "A restaurant that trains and employs young people who left school early.",
    "64": "Savings and affordable credit for members, with the interest kept in the "
    "group.",
    "85": "Vocational training for young people and adults of the community.",
    "86": "Community health services and health insurance for members.",
    "88": "Care and social services for older persons and people with disabilities.",
}
TURNOVER_USD_BY_TYPE: dict[str, int] = {
    SseType.COOP: 90_000,
    SseType.PRECOOP: 15_000,
    SseType.SCC: 250_000,
    SseType.ASSOC: 30_000,
    SseType.MUTUAL: 60_000,
    SseType.FOUND: 80_000,
    SseType.SE: 120_000,
    SseType.SHG: 6_000,
    SseType.CE: 25_000,
    SseType.OTHER: 40_000,
}
# Decimal places kept for each location precision: a village is not given to the metre.
COORDINATE_PLACES = {"EXACT": 5, "VILLAGE": 3, "DISTRICT": 2, "PROVINCE": 2}
COORDINATE_JITTER = {"EXACT": 0.05, "VILLAGE": 0.15, "DISTRICT": 0.3, "PROVINCE": 0.0}
REGISTERED = (RegistrationStatus.REG_SSE_LAW, RegistrationStatus.REG_GENERAL)
# The share of surplus paid on capital under a capped surplus rule, unless the data says.
SURPLUS_ON_CAPITAL_PCT = 30
# Mining, waste and construction: where most SSE workers are informal.
INFORMAL_WORK_DIVISIONS = ("05", "06", "07", "08", "09", "38", "41", "42", "43")


def coordinate(value: float, places: int) -> Decimal:
    return Decimal(str(round(value, places)))


def figures(
    spec: DemoEntity, year: int, *, rng: random.Random, usd_rate: int, currency: str
) -> dict[str, Any]:
    """One year's figures: the 2024 size from the data, earlier years a little smaller."""
    growth = {2024: 1.0, LATER_YEAR: 1.06}.get(year) or 0.86 + rng.random() * 0.1
    members = max(3, round(spec.members * growth))
    by_sex = spec.disaggregation == Disaggregation.FULL or (
        spec.disaggregation == Disaggregation.PARTIAL and year == 2024
    )
    staff_by_sex = spec.disaggregation == Disaggregation.FULL

    def split(total: int, share: float, known: bool) -> dict[str, int]:
        women = min(total, max(0, round(total * share)))
        return {"women": women, "men": total - women} if known else {}

    share = spec.women_pct / 100
    data: dict[str, Any] = {"members_total": members}
    data.update({f"members_{k}": v for k, v in split(members, share, by_sex).items()})
    for group, wanted in (
        ("producer_members", spec.coop_member_type == "PRODUCER"),
        ("worker_members", spec.coop_member_type == "WORKER"),
    ):
        if wanted:
            data[f"{group}_total"] = members
            data.update(
                {f"{group}_{k}": v for k, v in split(members, share, by_sex).items()}
            )
    employees = spec.employees
    if employees is None:
        by_type: dict[str, int] = {
            SseType.COOP: members // 40,
            SseType.SCC: 3 + members // 150,
            SseType.SE: 6 + rng.randrange(15),
            SseType.FOUND: 4 + rng.randrange(8),
            SseType.ASSOC: 1 + rng.randrange(5),
        }
        employees = by_type.get(spec.sse_type, 0)
    if employees:
        employees = max(1, round(employees * growth))
        data["employees_total"] = employees
        data.update(
            {
                f"employees_{k}": v
                for k, v in split(
                    employees, min(0.9, share + 0.05), staff_by_sex
                ).items()
            }
        )
    if spec.sse_type in (SseType.ASSOC, SseType.FOUND):
        volunteers = 5 + rng.randrange(30)
        data["volunteers_total"] = volunteers
        data.update(
            {
                f"volunteers_{k}": v
                for k, v in split(volunteers, share, staff_by_sex).items()
            }
        )
    board = min(members, 5 if members < 60 else 7 if members < 400 else 9)
    # Women usually hold fewer board seats than their share of members.
    board_share = min(share, share * 0.75 + (0.2 if spec.chair_sex == "F" else 0))
    board_split = split(board, board_share, staff_by_sex)
    if board_split and by_sex:
        board_split["women"] = min(board_split["women"], data["members_women"])
        board_split["men"] = board - board_split["women"]
    data["board_total"] = board
    data.update({f"board_{k}": v for k, v in board_split.items()})
    data["chair_sex"] = spec.chair_sex
    data["manager_sex"] = spec.manager_sex
    usd = spec.turnover_usd or round(
        TURNOVER_USD_BY_TYPE.get(spec.sse_type, 30_000) * (0.5 + rng.random())
    )
    data["turnover"] = money(usd * growth * usd_rate)
    if spec.registration_status in REGISTERED:
        data["assets"] = money(usd * (1.2 + rng.random()) * usd_rate)
    data["currency"] = currency
    return data


def money(value: float) -> Decimal:
    """Rounded to three significant figures, as a consultant would report it."""
    digits = len(str(int(value)))
    step = 10 ** max(0, digits - 3)
    return Decimal(round(value / step) * step)


def assessment(
    spec: DemoEntity, rng: random.Random, registered: bool
) -> dict[str, Any]:
    ratings: dict[str, str] = {c.field: Rating.MET for c in (*CRITERIA, *VALUES)}
    if spec.profile in (Profile.SSE, Profile.SSE_DONOR):
        # Few real entities meet every criterion in full.
        for name in ("p2_2", "p4_3", "p1_2", "v5", "v6"):
            if rng.random() < 0.3:
                ratings[name] = Rating.PARTIAL
    ratings.update(ASSESSMENT_PROFILES[spec.profile])
    # The rating follows the surplus rule field, as a consultant's would.
    if surplus_rule(spec) == SurplusRule.UNRESTRICTED:
        ratings["p4_2"] = Rating.NOT_MET
    data: dict[str, Any] = dict(ratings)
    for criterion in (*CRITERIA, *VALUES):
        rating = ratings[criterion.field]
        if rating == Rating.UNKNOWN:
            evidence = EvidenceType.NONE
        elif criterion.principle == "V":
            evidence = EvidenceType.INTERVIEW
        elif not registered:
            evidence = (
                EvidenceType.OBSERVATION
                if criterion.principle == "P1"
                else EvidenceType.INTERVIEW
            )
        else:
            evidence = EVIDENCE_BY_PRINCIPLE[criterion.principle]
        data[f"{criterion.field}_evidence"] = evidence
    if spec.profile == Profile.SSE_DONOR:
        data["income_share_largest_funder"] = 55 + rng.randrange(30)
    elif spec.profile == Profile.OUTSIDE_P3:
        data["income_share_largest_funder"] = 70 + rng.randrange(20)
        data["p3_3"] = Rating.NOT_MET
    else:
        data["income_share_largest_funder"] = 5 + rng.randrange(35)
    data["evidence_notes"] = PROFILE_NOTES[spec.profile]
    return data


def target_groups(spec: DemoEntity) -> list[str]:
    division = spec.main_activity
    groups = []
    if spec.women_pct >= 70:
        groups.append(TargetGroup.WOMEN)
    if division in ("01", "02"):
        groups.append(TargetGroup.SMALL_FARMERS)
    if division == "03":
        groups.append(TargetGroup.FISHERS)
    if division in INFORMAL_WORK_DIVISIONS:
        groups.append(TargetGroup.INFORMAL_WORKERS)
    if division == "56":
        groups.append(TargetGroup.YOUTH)
    if division == "88":
        groups += [TargetGroup.PWD, TargetGroup.ELDERLY]
    return [str(g) for g in groups]


def purpose(spec: DemoEntity) -> str:
    return PURPOSE_BY_DIVISION.get(
        spec.main_activity, "Meeting its members' common economic and social needs."
    )


def surplus_rule(spec: DemoEntity) -> str:
    if spec.surplus_rule:
        return spec.surplus_rule
    if spec.profile == Profile.OUTSIDE_P4:
        return SurplusRule.UNRESTRICTED
    if spec.profile == Profile.BORDERLINE_UNKNOWN:
        return SurplusRule.UNKNOWN
    if spec.sse_type in (SseType.ASSOC, SseType.FOUND):
        return SurplusRule.NONE_DISTRIBUTED
    if spec.sse_type == SseType.SE:
        return SurplusRule.CAPPED
    return SurplusRule.PATRONAGE


def surplus_cap_pct(spec: DemoEntity) -> int | None:
    if surplus_rule(spec) != SurplusRule.CAPPED:
        return None
    return spec.surplus_on_capital_pct or SURPLUS_ON_CAPITAL_PCT


def asset_lock(spec: DemoEntity) -> str:
    if spec.profile == Profile.OUTSIDE_P4:
        return AssetLock.NO
    if spec.profile == Profile.BORDERLINE_UNKNOWN or spec.sse_type == SseType.SHG:
        return AssetLock.UNKNOWN
    return AssetLock.YES


# Who gave an entity's consent to publication: a role, as consultants record it.
CONSENT_BY = "Chair of the general assembly"


def consent_level(index: int) -> str:
    """Most public entities let their figures be published; every third only its name
    and place."""
    return ConsentLevel.NAME_PLACE if index % 3 == 1 else ConsentLevel.FIGURES
