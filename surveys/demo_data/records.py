"""The shapes of the demo data: plain data, so the country modules read as tables.

Codes are the platform's stored codes (countries.vocabularies); areas and legal forms
are named by their reference-data codes; an entity is named in case studies by its
English name.
"""

from __future__ import annotations

from dataclasses import dataclass

from countries.vocabularies import (
    CapacityGapCategory,
    Constituency,
    CoopMemberType,
    GeoPrecision,
    PrioritySector,
    RegistrationStatus,
    Sex,
    SourceKind,
    SseType,
    TargetGroup,
    Treatment,
    UrbanRural,
)

# Short names for the codes the country tables use most, so that a table row fits a
# line or two.
COOP, PRECOOP, SCC, ASSOC, MUTUAL, FOUND, SE_TYPE, SHG, CE, OTHER = (
    SseType.COOP,
    SseType.PRECOOP,
    SseType.SCC,
    SseType.ASSOC,
    SseType.MUTUAL,
    SseType.FOUND,
    SseType.SE,
    SseType.SHG,
    SseType.CE,
    SseType.OTHER,
)
PRODUCER, WORKER, CONSUMER, MULTI = (
    CoopMemberType.PRODUCER,
    CoopMemberType.WORKER,
    CoopMemberType.CONSUMER_USER,
    CoopMemberType.MULTI,
)
SSE_LAW, GENERAL_LAW, LOCAL, INFORMAL, DEREGISTERED = (
    RegistrationStatus.REG_SSE_LAW,
    RegistrationStatus.REG_GENERAL,
    RegistrationStatus.RECOGNISED_LOCAL,
    RegistrationStatus.INFORMAL,
    RegistrationStatus.DEREGISTERED,
)
URBAN, RURAL, MIXED = UrbanRural.URBAN, UrbanRural.RURAL, UrbanRural.MIXED
EXACT, VILLAGE, DISTRICT, PROVINCE = (
    GeoPrecision.EXACT,
    GeoPrecision.VILLAGE,
    GeoPrecision.DISTRICT,
    GeoPrecision.PROVINCE,
)
F, M = Sex.FEMALE, Sex.MALE
FARM, ASM, CONSTRUCTION = (
    PrioritySector.FARM_SMALL,
    PrioritySector.ASM,
    PrioritySector.CONSTRUCTION,
)
ADOPTED, ADAPTED, ADDED, OMITTED = (
    Treatment.ADOPTED,
    Treatment.ADAPTED,
    Treatment.ADDED,
    Treatment.OMITTED,
)
GOV, EMP, WKR, SSE_BODY, ACAD, DEV = (
    Constituency.GOVERNMENT,
    Constituency.EMPLOYERS,
    Constituency.WORKERS,
    Constituency.SSE,
    Constituency.ACADEMIA,
    Constituency.DEVELOPMENT_PARTNER,
)
Gap = CapacityGapCategory
Kind = SourceKind
Target = TargetGroup

# Workflow states a demo record ends in (countries.vocabularies.WorkflowState values).
DRAFT = "draft"
SUBMITTED = "submitted"
IN_REVIEW = "in_review"
VALIDATED = "validated"
RETURNED = "returned"
REJECTED = "rejected"

# Principles-assessment profiles (see surveys.demo.ASSESSMENT_PROFILES).
SSE = "SSE"
SSE_DONOR = "SSE_DONOR"  # SSE, but over half its income from one funder (P3.3 flag)
BORDERLINE_UNKNOWN = "BORDERLINE_UNKNOWN"  # governance not yet evidenced
BORDERLINE_P1 = "BORDERLINE_P1"  # membership closed to newcomers
BORDERLINE_P2 = "BORDERLINE_P2"  # votes weighted by shares held
OUTSIDE_P3 = "OUTSIDE_P3"  # controlled by the government
OUTSIDE_P4 = "OUTSIDE_P4"  # profits shared by capital, no asset lock
UNASSESSED = "UNASSESSED"  # a draft not yet assessed

# How far the figures are broken down by sex.
FULL = "full"  # every count by sex, both years
PARTIAL = "partial"  # 2024 members by sex; staff, board and 2023 as totals only
TOTALS = "totals"  # totals only (informal groups, secondary sources)

# Stories told through the workflow on top of the final state.
RETURNED_THEN_FIXED = "returned_then_fixed"  # returned once, corrected, resubmitted
EDITED_AFTER_VALIDATION = "edited_after_validation"  # validated, then edited: draft


@dataclass(frozen=True)
class DemoEntity:
    names: tuple[str, str]  # local script, English
    area: tuple[str, str, str, str]  # area code, locality, urban/rural, precision
    form: tuple[str, str, str, str]  # SSE type, coop member type, legal form, status
    activity: tuple[str, ...]  # main ISIC Rev.4 division, then other activities
    year: int  # established
    people: tuple[int, int, str, str]  # members (2024), women %, chair, manager sex
    state: str = VALIDATED
    profile: str = SSE
    disagg: str = FULL
    former: str = ""  # former legal form code, for entities that changed form
    acronym: str = ""
    org_level: str = "PRIMARY"
    targets: tuple[str, ...] = ()
    employees: int | None = None
    turnover_usd: int | None = None
    purpose: str = ""
    note: str = ""
    review: str = ""  # the committee's comment when it returns or rejects
    field_comments: tuple[tuple[str, str], ...] = ()
    story: str = ""


@dataclass(frozen=True)
class DemoPriority:
    code: str
    title: str
    source_document: str
    description: str


@dataclass(frozen=True)
class DemoSource:
    kind: str
    title: str
    year: int
    coverage_note: str


@dataclass(frozen=True)
class DemoMember:
    name: str
    organisation: str
    constituency: str
    sex: str


@dataclass(frozen=True)
class DemoElement:
    code: str
    treatment: str
    national_wording: str
    rationale: str


@dataclass(frozen=True)
class DemoDefinition:
    title: str
    text_local: str
    text_en: str
    elements: tuple[DemoElement, ...]
    state: str = DRAFT
    informal_groups_allowed: bool = True
    registration_required: bool = False
    minimum_years_operating: int = 0


@dataclass(frozen=True)
class DemoCaseStudy:
    title: str
    entities: tuple[str, ...]  # English names of demo entities
    area: str
    sector: str
    sse_type: str
    summary: str
    context: str
    gender_analysis: str
    decent_work: str
    principles_evidence: str
    lessons: str
    state: str = VALIDATED
    consent_given: bool = True
    review: str = ""


@dataclass(frozen=True)
class DemoGap:
    title: str
    category: str
    severity: int
    priority: str  # national priority code
    evidence: str
    recommendation: str
    sse_types: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    state: str = VALIDATED
    review: str = ""


@dataclass(frozen=True)
class DemoMeeting:
    place: str
    minutes: str
    online: bool = False


@dataclass(frozen=True)
class DemoCountry:
    code: str
    usd_rate: int  # national currency units per US dollar, for turnover and assets
    capitals: dict[str, tuple[float, float]]  # area code → its capital's lat, lon
    authorities: dict[str, str]  # legal form code or status → registering authority
    priorities: tuple[DemoPriority, ...]
    sources: tuple[DemoSource, ...]
    committee: tuple[DemoMember, ...]  # the first two hold the demo committee logins
    definition: DemoDefinition
    meeting: DemoMeeting
    entities: tuple[DemoEntity, ...]
    case_studies: tuple[DemoCaseStudy, ...]
    gaps: tuple[DemoGap, ...]
