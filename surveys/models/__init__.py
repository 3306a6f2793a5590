"""The findings of a mapping study (DESIGN §3), one module per concern; every model
is importable from `surveys.models`."""

from surveys.models.assessment import PrinciplesAssessment
from surveys.models.base import EDITABLE_STATES, CountryScopedQuerySet, WorkflowRecord
from surveys.models.entities import (
    FEDERATION_LEVELS,
    PROVISIONAL_RULE_VERSIONS,
    Affiliation,
    Entity,
    LegalFormChange,
    Source,
)
from surveys.models.figures import MEMBER_GROUPS, PEOPLE_GROUPS, EntityFigures
from surveys.models.jobs import (
    ColumnMapping,
    ExportJob,
    ImportJob,
    Job,
    JobStatus,
    Notification,
    QueuedTask,
    Report,
)
from surveys.models.records import (
    DEFINITION_ELEMENTS,
    CapacityGap,
    CaseStudy,
    CaseStudyAttachment,
    DefinitionElement,
    NationalDefinition,
)
from surveys.models.releases import (
    DEFAULT_LICENCE,
    Release,
    ReleaseRecord,
    ReleaseState,
    ReleaseTables,
)
from surveys.models.report_scope import ReportScopeRow
from surveys.models.review import (
    AuditEvent,
    CommentResolution,
    MeetingAgendaItem,
    ReviewDecision,
)
from surveys.models.study import (
    FrameCount,
    LegalInstrument,
    Recommendation,
    SamplingFrame,
    StudyMethodology,
    SupportInstitution,
)
from surveys.models.submissions import FormSubmission

__all__ = [
    "DEFAULT_LICENCE",
    "DEFINITION_ELEMENTS",
    "EDITABLE_STATES",
    "FEDERATION_LEVELS",
    "MEMBER_GROUPS",
    "PEOPLE_GROUPS",
    "PROVISIONAL_RULE_VERSIONS",
    "Affiliation",
    "AuditEvent",
    "CapacityGap",
    "CaseStudy",
    "CaseStudyAttachment",
    "ColumnMapping",
    "CommentResolution",
    "CountryScopedQuerySet",
    "DefinitionElement",
    "Entity",
    "EntityFigures",
    "ExportJob",
    "FormSubmission",
    "FrameCount",
    "ImportJob",
    "Job",
    "JobStatus",
    "LegalFormChange",
    "LegalInstrument",
    "MeetingAgendaItem",
    "NationalDefinition",
    "Notification",
    "PrinciplesAssessment",
    "QueuedTask",
    "Recommendation",
    "Release",
    "ReleaseRecord",
    "ReleaseState",
    "ReleaseTables",
    "Report",
    "ReportScopeRow",
    "ReviewDecision",
    "SamplingFrame",
    "Source",
    "StudyMethodology",
    "SupportInstitution",
    "WorkflowRecord",
]
