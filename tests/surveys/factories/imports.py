"""Factories for import jobs and the saved column mappings of survey tools."""

from __future__ import annotations

import factory

from surveys.models import ColumnMapping, ImportJob, JobStatus
from tests.factories import UserFactory
from tests.surveys.factories.jobs import JobFactory


class ColumnMappingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ColumnMapping

    country_id = "KH"
    name = factory.Sequence(lambda n: f"Kobo form {n}")
    tool = ColumnMapping.Tool.KOBO
    columns = factory.LazyFunction(lambda: {"group_a/name": "name_en"})
    created_by = factory.SubFactory(UserFactory)


class ImportJobFactory(JobFactory):
    class Meta:
        model = ImportJob

    country_id = "KH"
    kind = ImportJob.Kind.TEMPLATE
    original_filename = "entities.xlsx"
    file_path = factory.Sequence(lambda n: f"imports/KH/{n}/entities.xlsx")

    class Params:
        ready = factory.Trait(
            stage=ImportJob.Stage.READY, status=JobStatus.DONE, progress=100
        )
        invalid = factory.Trait(
            stage=ImportJob.Stage.INVALID,
            status=JobStatus.DONE,
            progress=100,
            error_count=1,
            errors=factory.LazyFunction(
                lambda: [{"row": 2, "column": "name_en", "message": "Required."}]
            ),
        )
