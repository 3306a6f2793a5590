"""Factories for the study's own records: legal and policy instruments, support
institutions, sampling frames and their counts, methodology, and recommendations."""

from __future__ import annotations

import factory

from countries.models import AdminArea
from countries.vocabularies import (
    Actor,
    InstitutionKind,
    InstrumentKind,
    InstrumentStatus,
    SseType,
)
from surveys.models import (
    FrameCount,
    LegalInstrument,
    Recommendation,
    SamplingFrame,
    StudyMethodology,
    SupportInstitution,
)
from tests.surveys.factories.records import CapacityGapFactory
from tests.surveys.factories.workflow import WorkflowRecordFactory


class LegalInstrumentFactory(WorkflowRecordFactory):
    class Meta:
        model = LegalInstrument

    title_local = factory.Sequence(lambda n: f"ច្បាប់ស្តីពីសហគមន៍ {n}")
    title_en = factory.Sequence(lambda n: f"Law on agricultural communities {n}")
    kind = InstrumentKind.LAW
    year = 2013
    status = InstrumentStatus.IN_FORCE
    issuing_body = "National Assembly"
    sse_types = factory.LazyFunction(lambda: [SseType.COOP])
    summary = "Sets out how agricultural communities register and are governed."


class SupportInstitutionFactory(WorkflowRecordFactory):
    class Meta:
        model = SupportInstitution

    name_local = factory.Sequence(lambda n: f"ក្រសួងកសិកម្ម {n}")
    name_en = factory.Sequence(lambda n: f"Ministry of Agriculture {n}")
    kind = InstitutionKind.MINISTRY
    role = "Registers and supervises agricultural communities."
    support_kinds = factory.LazyFunction(lambda: ["REGULATION", "TRAINING"])
    sse_types = factory.LazyFunction(lambda: [SseType.COOP])


class SamplingFrameFactory(WorkflowRecordFactory):
    class Meta:
        model = SamplingFrame

    title = factory.Sequence(lambda n: f"Registered agricultural communities {n}")


class FrameCountFactory(factory.django.DjangoModelFactory):
    """One count of a frame; the area defaults to a first-level area of its country."""

    class Meta:
        model = FrameCount

    frame = factory.SubFactory(SamplingFrameFactory)
    sse_type = SseType.COOP
    area = factory.LazyAttribute(
        lambda o: AdminArea.objects.filter(
            country_id=o.frame.country_id, level=1
        ).first()
    )
    registered_total = 100
    source = "Ministry register"
    year = 2024


class StudyMethodologyFactory(WorkflowRecordFactory):
    class Meta:
        model = StudyMethodology

    title = "Methodology of the national mapping"
    approach = "Census of registered entities and a purposive sample of informal ones."
    data_collection = "Face-to-face interviews with a tablet questionnaire."
    limitations = "Informal groups in remote districts are under-counted."


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    capacity_gap = factory.SubFactory(CapacityGapFactory)
    actor = Actor.GOVERNMENT
    text = "Simplify the registration of small cooperatives."
