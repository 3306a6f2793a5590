"""The shapes of the demo data, and the reading of one country's data file.

Each country's data is a TOML file in `data/`, one table per record with the field
names below. Codes are the platform's stored codes (see `codes`); areas and legal
forms are named by their reference-data codes; case studies and affiliations name their
entities by English name.
"""

from __future__ import annotations

import datetime
import tomllib
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from countries.vocabularies import (
    Actor,
    CapacityGapCategory,
    Constituency,
    CoopMemberType,
    GeoPrecision,
    InstitutionKind,
    InstrumentKind,
    InstrumentStatus,
    OrgLevel,
    PrioritySector,
    RegistrationStatus,
    Sex,
    SourceKind,
    SseType,
    SupportKind,
    SurplusRule,
    TargetGroup,
    Treatment,
    UrbanRural,
    WorkflowState,
)
from surveys.demo.codes import (
    DEFINITION_ELEMENT_CODES,
    DemoDataError,
    Disaggregation,
    Profile,
    Story,
    check,
    vocabulary,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

DATA_DIR = Path(__file__).resolve().parent / "data"

Record = TypeVar("Record", bound="DataclassInstance")


def _nested(record: type) -> dict[str, type]:
    """Field metadata for a field holding another record, or a list of them."""
    return {"record": record}


@dataclass(frozen=True, kw_only=True)
class DemoEntity:
    name_local: str
    name_en: str
    area: str  # admin area code
    locality: str
    urban_rural: str = field(metadata=vocabulary(UrbanRural))
    geo_precision: str = field(metadata=vocabulary(GeoPrecision))
    sse_type: str = field(metadata=vocabulary(SseType))
    coop_member_type: str = field(
        default="", metadata=vocabulary(CoopMemberType, blank=True)
    )
    legal_form: str = ""  # legal form code; blank for an informal group
    registration_status: str = field(metadata=vocabulary(RegistrationStatus))
    main_activity: str  # ISIC Rev.4 division
    other_activities: tuple[str, ...] = ()
    year_established: int
    members: int  # in 2024
    women_pct: int  # women's share of the members
    chair_sex: str = field(metadata=vocabulary(Sex, blank=True))
    manager_sex: str = field(metadata=vocabulary(Sex, blank=True))
    state: str = field(
        default=WorkflowState.VALIDATED, metadata=vocabulary(WorkflowState)
    )
    profile: str = field(default=Profile.SSE, metadata=vocabulary(Profile))
    disaggregation: str = field(
        default=Disaggregation.FULL, metadata=vocabulary(Disaggregation)
    )
    former_legal_form: str = ""  # for entities that changed legal form
    # Blank: derived from the type and profile (surveys/demo/derived.py).
    surplus_rule: str = field(default="", metadata=vocabulary(SurplusRule, blank=True))
    # For a capped surplus rule: the share of surplus paid on capital (default 30).
    surplus_on_capital_pct: int | None = None
    acronym: str = ""
    org_level: str = field(default=OrgLevel.PRIMARY, metadata=vocabulary(OrgLevel))
    target_groups: tuple[str, ...] = field(default=(), metadata=vocabulary(TargetGroup))
    employees: int | None = None
    turnover_usd: int | None = None
    purpose: str = ""
    note: str = ""
    review: str = ""  # the committee's comment when it returns or rejects
    field_comments: dict[str, str] = field(default_factory=dict)
    story: str = field(default=Story.NONE, metadata=vocabulary(Story))


@dataclass(frozen=True, kw_only=True)
class DemoAffiliation:
    member: str  # English name of a demo entity
    federation: str  # English name of a demo union, federation or apex body
    year: int  # member since


@dataclass(frozen=True, kw_only=True)
class DemoPriority:
    code: str
    title: str
    source_document: str
    description: str


@dataclass(frozen=True, kw_only=True)
class DemoSource:
    kind: str = field(metadata=vocabulary(SourceKind))
    title: str
    year: int
    coverage_note: str


@dataclass(frozen=True, kw_only=True)
class DemoMember:
    name: str
    organisation: str
    constituency: str = field(metadata=vocabulary(Constituency))
    sex: str = field(metadata=vocabulary(Sex))


@dataclass(frozen=True, kw_only=True)
class DemoElement:
    code: str = field(metadata=vocabulary(DEFINITION_ELEMENT_CODES))
    treatment: str = field(metadata=vocabulary(Treatment))
    national_wording: str
    rationale: str


@dataclass(frozen=True, kw_only=True)
class DemoDefinition:
    title: str
    text_local: str
    text_en: str
    elements: tuple[DemoElement, ...] = field(metadata=_nested(DemoElement))
    state: str = field(default=WorkflowState.DRAFT, metadata=vocabulary(WorkflowState))
    informal_groups_allowed: bool = True
    registration_required: bool = False
    minimum_years_operating: int = 0


@dataclass(frozen=True, kw_only=True)
class DemoPhoto:
    """A photo of a case study whose people consented to its publication; the
    picture itself is drawn when the demo is seeded (`photos`)."""

    caption: str


@dataclass(frozen=True, kw_only=True)
class DemoCaseStudy:
    title: str
    entities: tuple[str, ...]  # English names of demo entities
    area: str  # admin area code
    sector: str = field(metadata=vocabulary(PrioritySector))
    sse_type: str = field(metadata=vocabulary(SseType))
    summary: str
    context: str
    gender_analysis: str
    decent_work: str
    principles_evidence: str
    lessons: str
    state: str = field(
        default=WorkflowState.VALIDATED, metadata=vocabulary(WorkflowState)
    )
    consent_given: bool = True
    photos: tuple[DemoPhoto, ...] = field(default=(), metadata=_nested(DemoPhoto))
    review: str = ""


@dataclass(frozen=True, kw_only=True)
class DemoRecommendation:
    actor: str = field(metadata=vocabulary(Actor))
    text: str


@dataclass(frozen=True, kw_only=True)
class DemoGap:
    title: str
    category: str = field(metadata=vocabulary(CapacityGapCategory))
    severity: int
    priority: str  # national priority code
    evidence: str
    recommendations: tuple[DemoRecommendation, ...] = field(
        default=(), metadata=_nested(DemoRecommendation)
    )
    sse_types: tuple[str, ...] = field(default=(), metadata=vocabulary(SseType))
    sectors: tuple[str, ...] = field(default=(), metadata=vocabulary(PrioritySector))
    areas: tuple[str, ...] = ()  # admin area codes
    state: str = field(
        default=WorkflowState.VALIDATED, metadata=vocabulary(WorkflowState)
    )
    review: str = ""


@dataclass(frozen=True, kw_only=True)
class DemoInstrument:
    title_local: str
    title_en: str
    kind: str = field(metadata=vocabulary(InstrumentKind))
    year: int
    status: str = field(
        default=InstrumentStatus.IN_FORCE, metadata=vocabulary(InstrumentStatus)
    )
    issuing_body: str
    sse_types: tuple[str, ...] = field(default=(), metadata=vocabulary(SseType))
    summary: str
    link: str = ""
    state: str = field(
        default=WorkflowState.VALIDATED, metadata=vocabulary(WorkflowState)
    )


@dataclass(frozen=True, kw_only=True)
class DemoInstitution:
    name_local: str
    name_en: str
    kind: str = field(metadata=vocabulary(InstitutionKind))
    role: str
    support_kinds: tuple[str, ...] = field(metadata=vocabulary(SupportKind))
    sse_types: tuple[str, ...] = field(default=(), metadata=vocabulary(SseType))
    website: str = ""
    state: str = field(
        default=WorkflowState.VALIDATED, metadata=vocabulary(WorkflowState)
    )


@dataclass(frozen=True, kw_only=True)
class DemoCount:
    sse_type: str = field(metadata=vocabulary(SseType))
    area: str  # admin area code
    registered_total: int


@dataclass(frozen=True, kw_only=True)
class DemoFrame:
    title: str
    notes: str
    year: int  # of every count
    sources: dict[str, str]  # SSE type → the register its totals come from
    counts: tuple[DemoCount, ...] = field(metadata=_nested(DemoCount))
    state: str = field(
        default=WorkflowState.VALIDATED, metadata=vocabulary(WorkflowState)
    )


@dataclass(frozen=True, kw_only=True)
class DemoMethodology:
    title: str
    approach: str
    data_collection: str
    period_start: datetime.date
    period_end: datetime.date
    limitations: str
    state: str = field(
        default=WorkflowState.VALIDATED, metadata=vocabulary(WorkflowState)
    )


@dataclass(frozen=True, kw_only=True)
class DemoMeeting:
    place: str
    minutes: str
    online: bool = False


@dataclass(frozen=True, kw_only=True)
class DemoCountry:
    code: str
    usd_rate: int  # national currency units per US dollar, for turnover and assets
    capitals: dict[str, tuple[float, float]]  # area code → its capital's lat, lon
    authorities: dict[str, str]  # legal form code or status → registering authority
    priorities: tuple[DemoPriority, ...] = field(metadata=_nested(DemoPriority))
    sources: tuple[DemoSource, ...] = field(metadata=_nested(DemoSource))
    # The first two members hold the demo committee logins.
    committee: tuple[DemoMember, ...] = field(metadata=_nested(DemoMember))
    definition: DemoDefinition = field(metadata=_nested(DemoDefinition))
    meeting: DemoMeeting = field(metadata=_nested(DemoMeeting))
    entities: tuple[DemoEntity, ...] = field(metadata=_nested(DemoEntity))
    affiliations: tuple[DemoAffiliation, ...] = field(metadata=_nested(DemoAffiliation))
    case_studies: tuple[DemoCaseStudy, ...] = field(metadata=_nested(DemoCaseStudy))
    gaps: tuple[DemoGap, ...] = field(metadata=_nested(DemoGap))
    instruments: tuple[DemoInstrument, ...] = field(metadata=_nested(DemoInstrument))
    institutions: tuple[DemoInstitution, ...] = field(metadata=_nested(DemoInstitution))
    frame: DemoFrame = field(metadata=_nested(DemoFrame))
    methodology: DemoMethodology = field(metadata=_nested(DemoMethodology))


def country_load(code: str) -> DemoCountry:
    """Read and check the demo data of one country (`data/<code>.toml`)."""
    path = DATA_DIR / f"{code.lower()}.toml"
    with path.open("rb") as data_file:
        data = tomllib.load(data_file)
    country = record_read(DemoCountry, data, where=code)
    if country.code != code:
        raise DemoDataError(f"{path.name}: holds the data of {country.code}")
    return country


def record_read(record: type[Record], data: dict[str, Any], *, where: str) -> Record:
    """A record of that type from one table of a data file, its codes checked."""
    known = {f.name: f for f in fields(record)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise DemoDataError(f"{where}: unknown field {unknown[0]!r}")
    missing = [
        name
        for name, f in known.items()
        if name not in data and f.default is MISSING and f.default_factory is MISSING
    ]
    if missing:
        raise DemoDataError(f"{where}: missing field {missing[0]!r}")
    values: dict[str, Any] = {}
    for name, value in data.items():
        metadata = known[name].metadata
        here = f"{where}, {name}"
        if "record" in metadata:
            if isinstance(value, list):
                value = tuple(
                    record_read(metadata["record"], item, where=f"{here} {index + 1}")
                    for index, item in enumerate(value)
                )
            else:
                value = record_read(metadata["record"], value, where=here)
        else:
            value = _frozen(value)
        if "codes" in metadata:
            check(value, metadata["codes"], where=here)
        values[name] = value
    return record(**values)


def _frozen(value: Any) -> Any:
    """Lists as tuples, also inside tables, as the records declare them."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value
