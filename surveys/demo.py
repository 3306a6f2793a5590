"""Demo records for the five study countries, written the way people would write them.

Every record goes through the services and the workflow (entity_create, figures_save,
assessment_save, record_create, national_definition_*, record_submit, review_decide,
meeting_create), so the derived fields, the audit history and the workflow states are
exactly what consultants and committee members produce. The data itself is in
`surveys.demo_data`, one module per country.

Idempotent: a country that already holds demo entities is left alone; national
priorities, committee members and sources are matched on their natural keys, case
studies and capacity gaps on their titles. Deterministic: every varied number comes
from a random.Random seeded with the country code (only the dates are those of the run:
the services stamp them).

Each demo country gets a review quorum of two, so that records can be seen "in review"
with one approval; its committee meeting is held on the day of the run.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from countries.models import (
    AdminArea,
    CommitteeMeeting,
    CommitteeMember,
    Country,
    IsicCode,
    LegalForm,
    NationalPriority,
)
from countries.vocabularies import (
    ActivityStatus,
    AssetLock,
    EvidenceType,
    Rating,
    RegistrationStatus,
    SourceKind,
    SseType,
    SurplusRule,
    TargetGroup,
    Visibility,
    WorkflowState,
)
from surveys.demo_data import DEMO_COUNTRIES
from surveys.demo_data.records import (
    EDITED_AFTER_VALIDATION,
    FULL,
    PARTIAL,
    RETURNED_THEN_FIXED,
    UNASSESSED,
    DemoCountry,
    DemoEntity,
)
from surveys.entities import services as entities_services
from surveys.meetings import services as meetings_services
from surveys.models import (
    CapacityGap,
    CaseStudy,
    Entity,
    NationalDefinition,
    Source,
    WorkflowRecord,
)
from surveys.principles import CRITERIA, VALUES
from surveys.records import services as records_services
from surveys.review import workflow as review_workflow
from surveys.review.tasks import notify_decision

# Starts the notes of every demo entity: it tells people the record is invented, and
# tells a second run that the country is already seeded.
DEMO_NOTE = "Demo record: a fictitious entity for trying the platform."
# A record is "in review" only while it has fewer approvals than the quorum, so the
# demo committees need two approvals (their two demo logins) to validate.
DEMO_REVIEW_QUORUM = 2
REFERENCE_YEARS = (2023, 2024)
# The year a validated demo entity is edited in, which sends it back to draft.
LATER_YEAR = 2025
_LOGIN_ROLES = ("consultant", "committee", "committee-2")

Decision = review_workflow.Decision

MET, PARTIAL_RATING, NOT_MET, UNKNOWN = (
    Rating.MET,
    Rating.PARTIAL,
    Rating.NOT_MET,
    Rating.UNKNOWN,
)
ASSESSMENT_PROFILES: dict[str, dict[str, str]] = {
    "SSE": {},
    "SSE_DONOR": {},
    "BORDERLINE_UNKNOWN": {
        "p2_1": UNKNOWN,
        "p2_3": UNKNOWN,
        "p4_3": UNKNOWN,
        "v5": UNKNOWN,
    },
    "BORDERLINE_P1": {"p1_2": NOT_MET, "v2": PARTIAL_RATING},
    "BORDERLINE_P2": {"p2_2": NOT_MET, "p2_3": PARTIAL_RATING, "v4": PARTIAL_RATING},
    "OUTSIDE_P3": {
        "p3_1": NOT_MET,
        "p3_2": PARTIAL_RATING,
        "p2_3": PARTIAL_RATING,
        "v4": NOT_MET,
    },
    "OUTSIDE_P4": {
        "p4_2": NOT_MET,
        "p4_3": NOT_MET,
        "p1_3": PARTIAL_RATING,
        "v2": PARTIAL_RATING,
    },
}
PROFILE_NOTES = {
    "SSE": "Statutes and the minutes of the last general assembly seen on the field "
    "visit; chair and two members interviewed.",
    "SSE_DONOR": "Statutes seen; the 2024 accounts show most income comes from one "
    "donor project.",
    "BORDERLINE_UNKNOWN": "Only the leader could be interviewed; no minutes or "
    "statutes were available, so governance and the asset lock are not known yet.",
    "BORDERLINE_P1": "Membership is limited to the founding families; newcomers are "
    "not admitted.",
    "BORDERLINE_P2": "Votes at the general assembly are weighted by the shares each "
    "member holds.",
    "OUTSIDE_P3": "The district authority appoints the chair and the board majority "
    "and approves the budget.",
    "OUTSIDE_P4": "Profits are paid out in proportion to the capital invested; no rule "
    "on assets at dissolution.",
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
INFORMAL, LOCAL = RegistrationStatus.INFORMAL, RegistrationStatus.RECOGNISED_LOCAL
# Mining, waste and construction: where most SSE workers are informal.
INFORMAL_WORK_DIVISIONS = ("05", "06", "07", "08", "09", "38", "41", "42", "43")

DEFAULT_RETURN = (
    "Please complete the record before we validate it: the registration details and "
    "the 2024 figures do not match the register extract."
)
# What a committee comments on, field by field, when it returns a record of each kind.
DEFAULT_RETURN_FIELDS: dict[type[WorkflowRecord], dict[str, str]] = {
    Entity: {
        "registration_number": "Not the number in the register extract; please check.",
        "figures": "2024 members by sex add up to fewer than the total: give the split.",
    },
    CaseStudy: {
        "gender_analysis": "Give the figures by sex behind this paragraph.",
        "lessons": "Say what other groups could take from this.",
    },
    CapacityGap: {
        "evidence": "Give the numbers and the sources behind this statement.",
    },
}
DEFAULT_REJECT = (
    "Rejected: the committee found this is not an SSE entity within the study's scope."
)
FIXED_RETURN = "The registration number is missing; add it from the register extract."


@dataclass
class _Review:
    record: WorkflowRecord
    target: str
    comment: str = ""
    field_comments: dict[str, str] = field(default_factory=dict)
    in_meeting: bool = True
    story: str = ""
    fix: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Seeding:
    """What seeding one country needs at hand."""

    spec: DemoCountry
    country: Country
    consultant: User
    reviewers: tuple[User, User]
    rng: random.Random
    sources: dict[str, Source] = field(default_factory=dict)
    priorities: dict[str, NationalPriority] = field(default_factory=dict)
    members: list[CommitteeMember] = field(default_factory=list)
    areas: dict[str, AdminArea] = field(default_factory=dict)
    legal_forms: dict[str, LegalForm] = field(default_factory=dict)
    isic: dict[str, IsicCode] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    reviews: list[_Review] = field(default_factory=list)


def seed_demo_records() -> None:
    """Seed the demo findings of every demo country (needs the demo logins)."""
    # The demo decisions are history, not news: without this, committing them would
    # mail some 150 "your record was validated" notices to fictitious addresses.
    # DEBUG's query log is switched off too: on SQLite it quotes every query's
    # parameters with a second query, which makes `make run` seed a fifth slower.
    with (
        mock.patch.object(notify_decision, "delay_on_commit"),
        override_settings(DEBUG=False),
        transaction.atomic(),
    ):
        for spec in DEMO_COUNTRIES:
            _seed_country(spec)


def country_is_seeded(country: Country) -> bool:
    return Entity.objects.filter(country=country, notes__startswith=DEMO_NOTE).exists()


def _seed_country(spec: DemoCountry) -> None:
    country = Country.objects.get(pk=spec.code)
    users = get_user_model().objects.in_bulk(
        [f"{spec.code.lower()}-{role}" for role in _LOGIN_ROLES],
        field_name="username",
    )
    prefix = spec.code.lower()
    seeding = _Seeding(
        spec=spec,
        country=country,
        consultant=users[f"{prefix}-consultant"],
        reviewers=(users[f"{prefix}-committee"], users[f"{prefix}-committee-2"]),
        rng=random.Random(f"sse-demo-{spec.code}"),
    )
    _national_priorities(seeding)
    _committee(seeding)
    _sources(seeding)
    if country_is_seeded(country):
        return
    Country.objects.filter(pk=country.pk).update(review_quorum=DEMO_REVIEW_QUORUM)
    _load_references(seeding)
    _national_definition(seeding)
    for index, entity in enumerate(spec.entities):
        _entity(seeding, index, entity)
    _case_studies(seeding)
    _capacity_gaps(seeding)
    _workflow(seeding)


# --- Reference rows the country's records point at ---------------------------------


def _national_priorities(s: _Seeding) -> None:
    for priority in s.spec.priorities:
        s.priorities[priority.code], _created = NationalPriority.objects.get_or_create(
            country=s.country,
            code=priority.code,
            defaults={
                "title": priority.title,
                "source_document": priority.source_document,
                "description": priority.description,
            },
        )


def _committee(s: _Seeding) -> None:
    for index, member in enumerate(s.spec.committee):
        seat, _created = CommitteeMember.objects.get_or_create(
            country=s.country,
            name=member.name,
            defaults={
                "organisation": member.organisation,
                "constituency": member.constituency,
                "sex": member.sex,
                "user": s.reviewers[index] if index < len(s.reviewers) else None,
            },
        )
        s.members.append(seat)


def _sources(s: _Seeding) -> None:
    existing = {
        source.title: source for source in Source.objects.filter(country=s.country)
    }
    for source in s.spec.sources:
        found = existing.get(source.title) or records_services.source_create(
            country=s.country,
            by=s.consultant,
            data={
                "kind": source.kind,
                "title": source.title,
                "year": source.year,
                "coverage_note": source.coverage_note,
            },
        )
        s.sources.setdefault(source.kind, found)


def _load_references(s: _Seeding) -> None:
    s.areas = {a.code: a for a in AdminArea.objects.filter(country=s.country)}
    s.legal_forms = {f.code: f for f in LegalForm.objects.filter(country=s.country)}
    s.isic = {c.code: c for c in IsicCode.objects.filter(level="division")}


# --- Records ----------------------------------------------------------------------------


def _national_definition(s: _Seeding) -> None:
    if NationalDefinition.objects.filter(country=s.country).exists():
        return
    spec = s.spec.definition
    definition = records_services.national_definition_create(
        country=s.country,
        by=s.consultant,
        data={
            "title": spec.title,
            "text_local": spec.text_local,
            "text_en": spec.text_en,
        },
    )
    definition = records_services.national_definition_update(
        definition=definition,
        by=s.consultant,
        data={
            "informal_groups_allowed": spec.informal_groups_allowed,
            "registration_required": spec.registration_required,
            "minimum_years_operating": spec.minimum_years_operating,
        },
        elements={
            element.code: {
                "treatment": element.treatment,
                "national_wording": element.national_wording,
                "rationale": element.rationale,
            }
            for element in spec.elements
        },
        expected_version=definition.version,
    )
    s.reviews.append(_Review(record=definition, target=spec.state))


def _entity(s: _Seeding, index: int, spec: DemoEntity) -> None:
    """Record one entity as a consultant would: the entity, its figures, then the
    assessment; its review comes later with the country's other records."""
    data = _entity_data(s, index, spec)
    fix = _registration(s, index, spec, data)
    entity = entities_services.entity_create(
        country=s.country, by=s.consultant, data=data
    )
    status = spec.form[3]
    source = _figures_source(s, status)
    for year in REFERENCE_YEARS:
        if year >= spec.year:
            _save_figures(s, entity, spec, year, source)
    if spec.profile != UNASSESSED:
        entities_services.assessment_save(
            entity=entity,
            by=s.consultant,
            data=_assessment(spec, s.rng, registered=status != INFORMAL),
            expected_version=None,
        )
    s.entities[entity.name_en] = entity
    if spec.state != WorkflowState.DRAFT or spec.story:
        s.reviews.append(
            _Review(
                record=entity,
                target=spec.state,
                comment=spec.review,
                field_comments=dict(spec.field_comments),
                # Some routine approvals are given online between meetings.
                in_meeting=not (
                    spec.state == WorkflowState.VALIDATED and index % 3 == 2
                ),
                story=spec.story,
                fix=fix,
            )
        )


def _entity_data(s: _Seeding, index: int, spec: DemoEntity) -> dict[str, Any]:
    name_local, name_en = spec.names
    area_code, locality, urban_rural, precision = spec.area
    sse_type, member_type, form_code, status = spec.form
    lat, lon = s.spec.capitals[area_code]
    jitter, places = COORDINATE_JITTER[precision], COORDINATE_PLACES[precision]
    public = spec.state == WorkflowState.VALIDATED and index % 7 != 3
    surplus_rule = _surplus_rule(spec)
    return {
        "name_local": name_local,
        "name_en": name_en,
        "acronym": spec.acronym,
        "area": s.areas[area_code],
        "locality": locality,
        "urban_rural": urban_rural,
        "latitude": _coordinate(lat + s.rng.uniform(-jitter, jitter), places),
        "longitude": _coordinate(lon + s.rng.uniform(-jitter, jitter), places),
        "geo_precision": precision,
        "sse_type": sse_type,
        "coop_member_type": member_type,
        "org_level": spec.org_level,
        "legal_form": s.legal_forms.get(form_code),
        "registration_status": status,
        "former_legal_form": s.legal_forms.get(spec.former),
        "year_established": spec.year,
        "activity_status": ActivityStatus.ACTIVE,
        "main_activity": s.isic[spec.activity[0]],
        "other_activities": list(spec.activity[1:]),
        "target_groups": list(spec.targets) or _target_groups(spec),
        "purpose": spec.purpose or _purpose(spec),
        "surplus_rule": surplus_rule,
        "surplus_cap_pct": 30 if surplus_rule == SurplusRule.CAPPED else None,
        "asset_lock": _asset_lock(spec),
        "visibility": Visibility.PUBLIC if public else Visibility.AGGREGATE_ONLY,
        "consent_given": public,
        "consent_date": datetime.date(2025, 1 + index % 12, 1 + index % 27)
        if public
        else None,
        "notes": f"{DEMO_NOTE} {spec.note}".strip(),
    }


def _registration(
    s: _Seeding, index: int, spec: DemoEntity, data: dict[str, Any]
) -> dict[str, Any]:
    """Add the registration details to `data`; return the fix a returned-then-fixed
    entity gets later (its registration number, left out at first)."""
    _sse_type, _member_type, form_code, status = spec.form
    if spec.story == RETURNED_THEN_FIXED and status in (INFORMAL, LOCAL):
        raise ValueError(f"{spec.names[1]}: only a registered entity has a number")
    if status == INFORMAL:
        return {}
    data["registration_authority"] = s.spec.authorities.get(
        form_code
    ) or s.spec.authorities.get(status, "")
    # An entity that changed legal form registered its new form some years later.
    registered_in = min(2024, spec.year + (3 + index % 5 if spec.former else index % 2))
    data["registration_date"] = datetime.date(
        registered_in, 1 + s.rng.randrange(12), 1 + s.rng.randrange(28)
    )
    if status == LOCAL:
        return {}
    kind = form_code.split("_", 1)[-1][:6] or "REG"
    number = f"{kind}-{registered_in}-{index + 101:04d}"
    if spec.story == RETURNED_THEN_FIXED:
        return {"registration_number": number}
    data["registration_number"] = number
    return {}


def _coordinate(value: float, places: int) -> Decimal:
    return Decimal(str(round(value, places)))


def _figures_source(s: _Seeding, status: str) -> Source | None:
    if status in REGISTERED:
        return s.sources.get(SourceKind.REGISTER) or s.sources.get(SourceKind.SURVEY)
    if status == INFORMAL:
        return s.sources.get(SourceKind.INTERVIEW) or s.sources.get(SourceKind.SURVEY)
    return s.sources.get(SourceKind.SURVEY)


def _save_figures(
    s: _Seeding, entity: Entity, spec: DemoEntity, year: int, source: Source | None
) -> None:
    entities_services.figures_save(
        entity=entity,
        by=s.consultant,
        reference_year=year,
        data={**_figures(s, spec, year), "source": source},
        expected_version=None,
    )


def _figures(s: _Seeding, spec: DemoEntity, year: int) -> dict[str, Any]:
    """One year's figures: the 2024 size from the data, earlier years a little smaller."""
    rng = s.rng
    members_2024, women_pct, chair, manager = spec.people
    sse_type, member_type, _form, status = spec.form
    growth = {2024: 1.0, LATER_YEAR: 1.06}.get(year) or 0.86 + rng.random() * 0.1
    members = max(3, round(members_2024 * growth))
    by_sex = spec.disagg == FULL or (spec.disagg == PARTIAL and year == 2024)
    staff_by_sex = spec.disagg == FULL

    def split(total: int, share: float, known: bool) -> dict[str, int]:
        women = min(total, max(0, round(total * share)))
        return {"women": women, "men": total - women} if known else {}

    share = women_pct / 100
    data: dict[str, Any] = {"members_total": members}
    data.update({f"members_{k}": v for k, v in split(members, share, by_sex).items()})
    for group, wanted in (
        ("producer_members", member_type == "PRODUCER"),
        ("worker_members", member_type == "WORKER"),
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
        employees = by_type.get(sse_type, 0)
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
    if sse_type in (SseType.ASSOC, SseType.FOUND):
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
    board_share = min(share, share * 0.75 + (0.2 if chair == "F" else 0))
    board_split = split(board, board_share, staff_by_sex)
    if board_split and by_sex:
        board_split["women"] = min(board_split["women"], data["members_women"])
        board_split["men"] = board - board_split["women"]
    data["board_total"] = board
    data.update({f"board_{k}": v for k, v in board_split.items()})
    data["chair_sex"] = chair
    data["manager_sex"] = manager
    usd = spec.turnover_usd or round(
        TURNOVER_USD_BY_TYPE.get(sse_type, 30_000) * (0.5 + rng.random())
    )
    rate = s.spec.usd_rate
    data["turnover"] = _money(usd * growth * rate)
    if status in REGISTERED:
        data["assets"] = _money(usd * (1.2 + rng.random()) * rate)
    data["currency"] = s.country.currency
    return data


def _money(value: float) -> Decimal:
    """Rounded to three significant figures, as a consultant would report it."""
    digits = len(str(int(value)))
    step = 10 ** max(0, digits - 3)
    return Decimal(round(value / step) * step)


def _assessment(
    spec: DemoEntity, rng: random.Random, registered: bool
) -> dict[str, Any]:
    ratings: dict[str, str] = {c.field: MET for c in (*CRITERIA, *VALUES)}
    if spec.profile in ("SSE", "SSE_DONOR"):
        # Few real entities meet every criterion in full.
        for name in ("p2_2", "p4_3", "p1_2", "v5", "v6"):
            if rng.random() < 0.3:
                ratings[name] = PARTIAL_RATING
    ratings.update(ASSESSMENT_PROFILES[spec.profile])
    data: dict[str, Any] = dict(ratings)
    for criterion in (*CRITERIA, *VALUES):
        rating = ratings[criterion.field]
        if rating == UNKNOWN:
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
    if spec.profile == "SSE_DONOR":
        data["income_share_largest_funder"] = 55 + rng.randrange(30)
    elif spec.profile == "OUTSIDE_P3":
        data["income_share_largest_funder"] = 70 + rng.randrange(20)
        data["p3_3"] = NOT_MET
    else:
        data["income_share_largest_funder"] = 5 + rng.randrange(35)
    data["evidence_notes"] = PROFILE_NOTES[spec.profile]
    return data


def _target_groups(spec: DemoEntity) -> list[str]:
    division = spec.activity[0]
    groups = []
    if spec.people[1] >= 70:
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


def _purpose(spec: DemoEntity) -> str:
    return PURPOSE_BY_DIVISION.get(
        spec.activity[0], "Meeting its members' common economic and social needs."
    )


def _surplus_rule(spec: DemoEntity) -> str:
    sse_type = spec.form[0]
    if spec.profile == "OUTSIDE_P4":
        return SurplusRule.UNRESTRICTED
    if spec.profile == "BORDERLINE_UNKNOWN":
        return SurplusRule.UNKNOWN
    if sse_type in (SseType.ASSOC, SseType.FOUND):
        return SurplusRule.NONE_DISTRIBUTED
    if sse_type == SseType.SE:
        return SurplusRule.CAPPED
    return SurplusRule.PATRONAGE


def _asset_lock(spec: DemoEntity) -> str:
    if spec.profile == "OUTSIDE_P4":
        return AssetLock.NO
    if spec.profile == "BORDERLINE_UNKNOWN" or spec.form[0] == SseType.SHG:
        return AssetLock.UNKNOWN
    return AssetLock.YES


def _case_studies(s: _Seeding) -> None:
    existing = set(
        CaseStudy.objects.filter(country=s.country).values_list("title", flat=True)
    )
    for spec in s.spec.case_studies:
        if spec.title in existing:
            continue
        study = records_services.record_create(
            model=CaseStudy,
            country=s.country,
            by=s.consultant,
            data={
                "title": spec.title,
                "entities": [s.entities[name] for name in spec.entities],
                "area": s.areas[spec.area],
                "priority_sector": spec.sector,
                "sse_type": spec.sse_type,
                "summary": spec.summary,
                "context": spec.context,
                "gender_analysis": spec.gender_analysis,
                "decent_work": spec.decent_work,
                "principles_evidence": spec.principles_evidence,
                "lessons": spec.lessons,
                "consent_given": spec.consent_given,
            },
        )
        s.reviews.append(_Review(record=study, target=spec.state, comment=spec.review))


def _capacity_gaps(s: _Seeding) -> None:
    existing = set(
        CapacityGap.objects.filter(country=s.country).values_list("title", flat=True)
    )
    for spec in s.spec.gaps:
        if spec.title in existing:
            continue
        gap = records_services.record_create(
            model=CapacityGap,
            country=s.country,
            by=s.consultant,
            data={
                "title": spec.title,
                "category": spec.category,
                "severity": spec.severity,
                "evidence": spec.evidence,
                "affected_sse_types": list(spec.sse_types),
                "affected_sectors": list(spec.sectors),
                "affected_areas": [s.areas[code] for code in spec.areas],
                "national_priority": s.priorities[spec.priority],
                "recommendation": spec.recommendation,
            },
        )
        s.reviews.append(_Review(record=gap, target=spec.state, comment=spec.review))


# --- Workflow -----------------------------------------------------------------------------


def _workflow(s: _Seeding) -> None:
    """Submit, hold the committee meeting and decide, as the people involved would."""
    first, second = s.reviewers
    for review in s.reviews:
        if review.story == RETURNED_THEN_FIXED:
            # Returned online before the meeting, corrected, and submitted again.
            review_workflow.record_submit(record=review.record, by=s.consultant)
            review_workflow.review_decide(
                record=review.record,
                by=second,
                decision=Decision.RETURN,
                comment=FIXED_RETURN,
                field_comments={"registration_number": "Missing."},
            )
            review.record = entities_services.entity_update(
                entity=Entity.objects.get(pk=review.record.pk),
                by=s.consultant,
                data=review.fix,
                expected_version=None,
            )
    to_review = [
        r
        for r in s.reviews
        if r.target != WorkflowState.DRAFT or r.story == EDITED_AFTER_VALIDATION
    ]
    for review in to_review:
        review_workflow.record_submit(record=review.record, by=s.consultant)
    decided = [r for r in to_review if r.target != WorkflowState.SUBMITTED]
    meeting = _meeting(s, [r.record for r in decided if r.in_meeting])
    for review in decided:
        record, where = review.record, meeting if review.in_meeting else None
        if review.target == WorkflowState.RETURNED:
            review_workflow.review_decide(
                record=record,
                by=first,
                decision=Decision.RETURN,
                comment=review.comment or DEFAULT_RETURN,
                field_comments=review.field_comments
                or DEFAULT_RETURN_FIELDS.get(type(record), {}),
                meeting=where,
            )
        elif review.target == WorkflowState.REJECTED:
            review_workflow.review_decide(
                record=record,
                by=second,
                decision=Decision.REJECT,
                comment=review.comment or DEFAULT_REJECT,
                meeting=where,
            )
        else:
            review_workflow.review_decide(
                record=record,
                by=first,
                decision=Decision.APPROVE,
                comment=review.comment,
                meeting=where,
            )
            if review.target != WorkflowState.IN_REVIEW:
                review_workflow.review_decide(
                    record=record, by=second, decision=Decision.APPROVE, meeting=where
                )
        if review.story == EDITED_AFTER_VALIDATION and isinstance(record, Entity):
            # New figures for a validated entity send it back to draft.
            entity = Entity.objects.get(pk=record.pk)
            spec = next(e for e in s.spec.entities if e.names[1] == entity.name_en)
            _save_figures(s, entity, spec, LATER_YEAR, _figures_source(s, spec.form[3]))


def _meeting(s: _Seeding, agenda: list[WorkflowRecord]) -> CommitteeMeeting:
    spec = s.spec.meeting
    existing = CommitteeMeeting.objects.filter(
        country=s.country, place=spec.place
    ).first()
    if existing is not None:
        return existing
    return meetings_services.meeting_create(
        country=s.country,
        by=s.reviewers[0],
        data={
            "date": timezone.localdate(),
            "place": spec.place,
            "online": spec.online,
            "minutes": spec.minutes,
        },
        attendees=s.members[:5],
        agenda=agenda,
    )
