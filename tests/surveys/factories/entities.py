"""Factories for entities, their figures, assessments and sources. They write rows
directly, as a fixture would; tests that need the derived fields (classification,
flags, women-led) call `services.entity_refresh_derived(entity)` or build through the
services."""

from __future__ import annotations

from typing import Any

import factory

from countries.models import Country
from countries.vocabularies import Rating, SourceKind
from surveys.entities import duplicates as entities_duplicates
from surveys.entities import services as entities_services
from surveys.models import Entity, EntityFigures, PrinciplesAssessment, Source
from surveys.principles import CRITERIA, VALUES
from tests.surveys.factories.workflow import WorkflowRecordFactory


def _next_code(entity: Any) -> str:
    # The same numbering as the service, so a later entity_create continues it.
    return entities_services._next_entity_code(Country(code=entity.country_id))


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    country_id = "KH"
    kind = SourceKind.SURVEY
    title = factory.Sequence(lambda n: f"Mapping survey {n}")
    year = 2024


class EntityFactory(WorkflowRecordFactory):
    class Meta:
        model = Entity

    name_en = factory.Sequence(lambda n: f"Entity number {n}")
    name_local = ""
    code = factory.LazyAttribute(_next_code)
    name_key = factory.LazyAttribute(
        lambda entity: entities_duplicates.name_key(entity.name_local, entity.name_en)
    )


class EntityFiguresFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntityFigures

    entity = factory.SubFactory(EntityFactory)
    reference_year = 2024
    members_total = 40
    members_women = 25
    members_men = 15


class PrinciplesAssessmentFactory(factory.django.DjangoModelFactory):
    """An assessment with every criterion unknown; `sse=True` rates them all met."""

    class Meta:
        model = PrinciplesAssessment

    entity = factory.SubFactory(EntityFactory)
    assessed_by = factory.SelfAttribute("entity.created_by")

    class Params:
        sse = factory.Trait(
            **{c.field: Rating.MET for c in (*CRITERIA, *VALUES)},
        )
