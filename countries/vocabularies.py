"""The platform's code lists (DESIGN §3).

Codes are stable and stored; labels are for people and translatable. The codes follow
notes/sse-domain.md so that exports cross-walk to ESSGlobal and the ICLS guidelines.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CONSULTANT = "consultant", _("National consultant")
    COMMITTEE = "committee", _("Committee member")
    STAFF = "staff", _("Staff")
    ADMIN = "admin", _("Administrator")


class SseType(models.TextChoices):
    COOP = "COOP", _("Cooperative")
    PRECOOP = "PRECOOP", _("Pre-cooperative group")
    SCC = "SCC", _("Savings and credit cooperative / credit union")
    ASSOC = "ASSOC", _("Association / NGO / community-based organisation")
    MUTUAL = "MUTUAL", _("Mutual society")
    FOUND = "FOUND", _("Foundation")
    SE = "SE", _("Social enterprise")
    SHG = "SHG", _("Self-help or savings group")
    CE = "CE", _("Community enterprise")
    OTHER = "OTHER", _("Other SSE entity")


class CoopMemberType(models.TextChoices):
    PRODUCER = "PRODUCER", _("Producer cooperative")
    WORKER = "WORKER", _("Worker cooperative")
    CONSUMER_USER = "CONSUMER_USER", _("Consumer / user cooperative")
    MULTI = "MULTI", _("Multi-stakeholder cooperative")


class OrgLevel(models.TextChoices):
    PRIMARY = "PRIMARY", _("Primary")
    SECONDARY = "SECONDARY", _("Secondary (union or federation)")
    APEX = "APEX", _("Apex")


class RegistrationStatus(models.TextChoices):
    REG_SSE_LAW = "REG_SSE_LAW", _("Registered under an SSE law")
    REG_GENERAL = "REG_GENERAL", _("Registered under company or association law")
    RECOGNISED_LOCAL = "RECOGNISED_LOCAL", _("Recognised locally")
    INFORMAL = "INFORMAL", _("Informal")
    DEREGISTERED = "DEREGISTERED", _("Deregistered")


class ActivityStatus(models.TextChoices):
    ACTIVE = "ACTIVE", _("Active")
    DORMANT = "DORMANT", _("Dormant")
    DISSOLVED = "DISSOLVED", _("Dissolved")
    UNKNOWN = "UNKNOWN", _("Unknown")


class UrbanRural(models.TextChoices):
    URBAN = "URBAN", _("Urban")
    RURAL = "RURAL", _("Rural")
    MIXED = "MIXED", _("Both")


class GeoPrecision(models.TextChoices):
    EXACT = "EXACT", _("Exact")
    VILLAGE = "VILLAGE", _("Village")
    DISTRICT = "DISTRICT", _("District")
    PROVINCE = "PROVINCE", _("Province")


class Sex(models.TextChoices):
    FEMALE = "F", _("Woman")
    MALE = "M", _("Man")
    UNKNOWN = "UNK", _("Not known")


class SurplusRule(models.TextChoices):
    NONE_DISTRIBUTED = "NONE_DISTRIBUTED", _("No surplus distributed")
    PATRONAGE = "PATRONAGE", _("Distributed by patronage")
    CAPPED = "CAPPED", _("Distribution capped")
    UNRESTRICTED = "UNRESTRICTED", _("Distributed in proportion to capital")
    UNKNOWN = "UNKNOWN", _("Unknown")


class AssetLock(models.TextChoices):
    YES = "Y", _("Yes")
    NO = "N", _("No")
    UNKNOWN = "UNK", _("Unknown")


class Visibility(models.TextChoices):
    PUBLIC = "PUBLIC", _("Public")
    AGGREGATE_ONLY = "AGGREGATE_ONLY", _("Aggregates only")
    PRIVATE = "PRIVATE", _("Private")


class ConsentLevel(models.TextChoices):
    """What the entity agreed may be published about it, from least to most."""

    NONE = "NONE", _("Not published")
    NAME_PLACE = "NAME_PLACE", _("Name and place only")
    FIGURES = "FIGURES", _("Name, place and figures")


class TargetGroup(models.TextChoices):
    WOMEN = "WOMEN", _("Women")
    YOUTH = "YOUTH", _("Youth")
    PWD = "PWD", _("Persons with disabilities")
    MIGRANTS = "MIGRANTS", _("Migrant workers")
    ETHNIC_MINORITY = "ETHNIC_MINORITY", _("Ethnic minorities / indigenous peoples")
    INFORMAL_WORKERS = "INFORMAL_WORKERS", _("Informal workers")
    SMALL_FARMERS = "SMALL_FARMERS", _("Small-scale farmers")
    HERDERS = "HERDERS", _("Herders")
    FISHERS = "FISHERS", _("Fishers")
    ELDERLY = "ELDERLY", _("Older persons")


class PrioritySector(models.TextChoices):
    FARM_SMALL = "FARM_SMALL", _("Small-scale farming")
    ASM = "ASM", _("Artisanal and small-scale mining")
    CONSTRUCTION = "CONSTRUCTION", _("Construction")


class Scale(models.TextChoices):
    """Whether a farming or mining entity works at small scale (blank: not stated)."""

    SMALL = "SMALL", _("Small-scale or artisanal")
    LARGER = "LARGER", _("Larger than small-scale")


class WorkflowState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    VALIDATED = "validated", _("Validated")
    RETURNED = "returned", _("Returned")
    REJECTED = "rejected", _("Rejected")


# The states in which a record waits for the committee's decision.
AWAITING_REVIEW = frozenset({WorkflowState.SUBMITTED, WorkflowState.IN_REVIEW})
# The states the menu counts: awaiting review, and returned to their author.
ON_THE_MENU = AWAITING_REVIEW | {WorkflowState.RETURNED}


class Classification(models.TextChoices):
    SSE = "SSE", _("SSE")
    BORDERLINE = "BORDERLINE", _("Borderline")
    OUTSIDE = "OUTSIDE", _("Outside the SSE")
    UNASSESSED = "UNASSESSED", _("Not yet assessed")


class Rating(models.TextChoices):
    MET = "MET", _("Met")
    PARTIAL = "PARTIAL", _("Partly met")
    NOT_MET = "NOT_MET", _("Not met")
    UNKNOWN = "UNKNOWN", _("Unknown")


class EvidenceType(models.TextChoices):
    BYLAWS = "BYLAWS", _("Statutes or bylaws")
    MINUTES = "MINUTES", _("Minutes")
    ACCOUNTS = "ACCOUNTS", _("Accounts")
    REGISTER = "REGISTER", _("Official register")
    INTERVIEW = "INTERVIEW", _("Interview")
    OBSERVATION = "OBSERVATION", _("Observation")
    NONE = "NONE", _("No evidence")


class ModerationFlag(models.TextChoices):
    POSSIBLE_DUPLICATE = "POSSIBLE_DUPLICATE", _("Possible duplicate")
    GEO_MISMATCH = "GEO_MISMATCH", _("Location outside its area")
    DISAGG_INCONSISTENT = "DISAGG_INCONSISTENT", _("Sex breakdown inconsistent")
    MISSING_REQUIRED = "MISSING_REQUIRED", _("Required field missing")


class SourceKind(models.TextChoices):
    REGISTER = "REGISTER", _("Official register")
    SURVEY = "SURVEY", _("Survey")
    CENSUS = "CENSUS", _("Census")
    INTERVIEW = "INTERVIEW", _("Interview")
    SECONDARY = "SECONDARY", _("Secondary source")


class Treatment(models.TextChoices):
    ADOPTED = "ADOPTED", _("Adopted")
    ADAPTED = "ADAPTED", _("Adapted")
    ADDED = "ADDED", _("Added")
    OMITTED = "OMITTED", _("Omitted")


class CapacityGapCategory(models.TextChoices):
    LEGAL_RECOGNITION = "LEGAL_RECOGNITION", _("Legal recognition")
    POLICY_SUPPORT = "POLICY_SUPPORT", _("Policy support")
    FINANCE = "FINANCE", _("Access to finance")
    MARKETS_PROCUREMENT = "MARKETS_PROCUREMENT", _("Markets and public procurement")
    GOVERNANCE_MGMT = "GOVERNANCE_MGMT", _("Governance and management")
    SKILLS_TECH = "SKILLS_TECH", _("Skills and technology")
    DIGITAL = "DIGITAL", _("Digital")
    DECENT_WORK = "DECENT_WORK", _("Decent work, safety and social protection")
    GENDER = "GENDER", _("Gender equality")
    REPRESENTATION = "REPRESENTATION", _("Representation and networks")
    DATA_VISIBILITY = "DATA_VISIBILITY", _("Data and visibility")
    AWARENESS = "AWARENESS", _("Awareness of the SSE")


class Constituency(models.TextChoices):
    GOVERNMENT = "GOV", _("Government")
    EMPLOYERS = "EMP", _("Employers")
    WORKERS = "WKR", _("Workers")
    SSE = "SSE", _("SSE organisations")
    ACADEMIA = "ACAD", _("Academia")
    DEVELOPMENT_PARTNER = "DEV", _("Development partner")


class Currency(models.TextChoices):
    KHR = "KHR", _("Cambodian riel")
    KGS = "KGS", _("Kyrgyz som")
    MNT = "MNT", _("Mongolian tögrög")
    THB = "THB", _("Thai baht")
    VND = "VND", _("Vietnamese đồng")
    USD = "USD", _("US dollar")


# ISIC Rev.4 divisions that make an activity a priority sector (notes/sse-domain.md §5).
PRIORITY_SECTOR_DIVISIONS: dict[str, PrioritySector] = {
    **dict.fromkeys(("01", "02", "03"), PrioritySector.FARM_SMALL),
    **dict.fromkeys(("05", "07", "08", "09"), PrioritySector.ASM),
    **dict.fromkeys(("41", "42", "43"), PrioritySector.CONSTRUCTION),
}
# Crude petroleum and natural gas (division 06) and the support activities for them
# (class 0910) are never artisanal or small-scale mining.
NEVER_ASM = ("06", "0910")


def priority_sectors_for(
    isic_codes: list[str], *, farm_scale: str = "", mining_scale: str = ""
) -> list[str]:
    """The priority sectors that ISIC Rev.4 division or class codes fall in. Farming
    and mining count unless the entity's scale is stated as larger than small-scale."""
    larger = {
        PrioritySector.FARM_SMALL: farm_scale == Scale.LARGER,
        PrioritySector.ASM: mining_scale == Scale.LARGER,
    }
    found = {
        PRIORITY_SECTOR_DIVISIONS[code[:2]]
        for code in isic_codes
        if code[:2] in PRIORITY_SECTOR_DIVISIONS and not code.startswith(NEVER_ASM)
    }
    return [
        sector.value
        for sector in PrioritySector
        if sector in found and not larger.get(sector, False)
    ]


ALL_VOCABULARIES: dict[str, type[models.TextChoices]] = {
    "role": Role,
    "sse_type": SseType,
    "coop_member_type": CoopMemberType,
    "org_level": OrgLevel,
    "registration_status": RegistrationStatus,
    "activity_status": ActivityStatus,
    "urban_rural": UrbanRural,
    "geo_precision": GeoPrecision,
    "sex": Sex,
    "surplus_rule": SurplusRule,
    "scale": Scale,
    "asset_lock": AssetLock,
    "visibility": Visibility,
    "target_group": TargetGroup,
    "priority_sector": PrioritySector,
    "workflow_state": WorkflowState,
    "classification": Classification,
    "rating": Rating,
    "evidence_type": EvidenceType,
    "moderation_flag": ModerationFlag,
    "source_kind": SourceKind,
    "treatment": Treatment,
    "capacity_gap_category": CapacityGapCategory,
    "constituency": Constituency,
    "currency": Currency,
}


class InstrumentKind(models.TextChoices):
    CONSTITUTION = "CONSTITUTION", _("Constitution")
    LAW = "LAW", _("Law")
    DECREE = "DECREE", _("Decree or regulation")
    POLICY = "POLICY", _("Policy")
    STRATEGY = "STRATEGY", _("Strategy or plan")
    PROGRAMME = "PROGRAMME", _("Programme")
    OTHER = "OTHER", _("Other instrument")


class InstrumentStatus(models.TextChoices):
    IN_FORCE = "IN_FORCE", _("In force")
    DRAFT = "DRAFT", _("Draft or under discussion")
    EXPIRED = "EXPIRED", _("Expired")
    REPEALED = "REPEALED", _("Repealed")


class InstitutionKind(models.TextChoices):
    MINISTRY = "MINISTRY", _("Ministry")
    AGENCY = "AGENCY", _("Public agency")
    LOCAL_GOVERNMENT = "LOCAL_GOVERNMENT", _("Local government")
    NETWORK = "NETWORK", _("SSE network or federation")
    EMPLOYERS = "EMPLOYERS", _("Employers' organisation")
    WORKERS = "WORKERS", _("Workers' organisation")
    FINANCE = "FINANCE", _("Financial institution")
    DONOR = "DONOR", _("Donor or development partner")
    NGO = "NGO", _("Support NGO")
    ACADEMIC = "ACADEMIC", _("University or research body")


class SupportKind(models.TextChoices):
    REGULATION = "REGULATION", _("Registration and supervision")
    POLICY = "POLICY", _("Policy making")
    FINANCE = "FINANCE", _("Finance")
    TRAINING = "TRAINING", _("Training and technical assistance")
    MARKETS = "MARKETS", _("Market access")
    REPRESENTATION = "REPRESENTATION", _("Representation and advocacy")
    RESEARCH = "RESEARCH", _("Research and data")


class Actor(models.TextChoices):
    GOVERNMENT = "GOVERNMENT", _("Government")
    EMPLOYERS = "EMPLOYERS", _("Employers' organisations")
    WORKERS = "WORKERS", _("Workers' organisations")
    SSE = "SSE", _("SSE organisations")
    DEVELOPMENT_PARTNERS = "DEVELOPMENT_PARTNERS", _("Development partners")
    ALL = "ALL", _("All actors")
