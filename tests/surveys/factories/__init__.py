"""Factories for every model of `surveys`, one module per slice of the code."""

from tests.surveys.factories.entities import (
    EntityFactory,
    EntityFiguresFactory,
    PrinciplesAssessmentFactory,
    SourceFactory,
)
from tests.surveys.factories.exports import ExportJobFactory
from tests.surveys.factories.imports import ColumnMappingFactory, ImportJobFactory
from tests.surveys.factories.records import (
    CapacityGapFactory,
    CaseStudyAttachmentFactory,
    CaseStudyFactory,
    DefinitionElementFactory,
    NationalDefinitionFactory,
)
from tests.surveys.factories.reports import ReportFactory
from tests.surveys.factories.review import (
    AuditEventFactory,
    MeetingAgendaItemFactory,
    ReviewDecisionFactory,
)
from tests.surveys.factories.study import (
    FrameCountFactory,
    LegalInstrumentFactory,
    RecommendationFactory,
    SamplingFrameFactory,
    StudyMethodologyFactory,
    SupportInstitutionFactory,
)

__all__ = [
    "AuditEventFactory",
    "CapacityGapFactory",
    "CaseStudyAttachmentFactory",
    "CaseStudyFactory",
    "ColumnMappingFactory",
    "DefinitionElementFactory",
    "EntityFactory",
    "EntityFiguresFactory",
    "ExportJobFactory",
    "FrameCountFactory",
    "ImportJobFactory",
    "LegalInstrumentFactory",
    "MeetingAgendaItemFactory",
    "NationalDefinitionFactory",
    "PrinciplesAssessmentFactory",
    "RecommendationFactory",
    "ReportFactory",
    "ReviewDecisionFactory",
    "SamplingFrameFactory",
    "SourceFactory",
    "StudyMethodologyFactory",
    "SupportInstitutionFactory",
]
