"""Factories for the other reviewed records: case studies and their attachments,
capacity gaps, and the national definition with its elements.

`CaseStudyAttachmentFactory` writes a small file to the default storage: point
`settings.MEDIA_ROOT` at `tmp_path` in the test that uses it.
"""

from __future__ import annotations

from typing import Any

import factory
from django.db.models import Max

from countries.models import AdminArea
from countries.vocabularies import CapacityGapCategory, Treatment
from surveys.models import (
    CapacityGap,
    CaseStudy,
    CaseStudyAttachment,
    DefinitionElement,
    Entity,
    NationalDefinition,
)
from tests.surveys.factories.workflow import WorkflowRecordFactory


class CaseStudyFactory(WorkflowRecordFactory):
    """A case study; `entities=[...]` links the entities it describes."""

    class Meta:
        model = CaseStudy
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Case study {n}")
    summary = "How a cooperative of rice farmers shares its mill."
    gender_analysis = "Women hold half the board seats."
    consent_given = True

    @factory.post_generation
    def entities(self, create: bool, extracted: list[Entity] | None, **_: Any) -> None:
        if create and extracted:
            self.entities.set(extracted)


class CaseStudyAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseStudyAttachment

    case_study = factory.SubFactory(CaseStudyFactory)
    file = factory.django.FileField(filename="minutes.pdf", data=b"%PDF-1.4\n%%EOF\n")
    caption = factory.Sequence(lambda n: f"Meeting minutes {n}")
    consent_given = True
    uploaded_by = factory.SelfAttribute("case_study.created_by")


class CapacityGapFactory(WorkflowRecordFactory):
    """A capacity gap; `affected_areas=[...]` sets the areas it affects."""

    class Meta:
        model = CapacityGap
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Capacity gap {n}")
    category = CapacityGapCategory.FINANCE
    severity = 2
    evidence = "Three of five cooperatives visited had no access to credit."

    @factory.post_generation
    def affected_areas(
        self, create: bool, extracted: list[AdminArea] | None, **_: Any
    ) -> None:
        if create and extracted:
            self.affected_areas.set(extracted)


def _next_definition_number(definition: Any) -> int:
    latest = NationalDefinition.objects.filter(
        country_id=definition.country_id
    ).aggregate(number=Max("number"))["number"]
    return (latest or 0) + 1


class NationalDefinitionFactory(WorkflowRecordFactory):
    """The country's next version of its working definition of the SSE."""

    class Meta:
        model = NationalDefinition

    number = factory.LazyAttribute(_next_definition_number)
    title = factory.LazyAttribute(lambda d: f"Working definition v{d.number}")
    text_en = "Enterprises and organisations that put people before capital."


class DefinitionElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DefinitionElement
        django_get_or_create = ("definition", "element")

    definition = factory.SubFactory(NationalDefinitionFactory)
    element = "SCOPE"
    treatment = Treatment.ADOPTED
    national_wording = "All enterprises whose statutes put people before capital."
