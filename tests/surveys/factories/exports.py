"""Factories for export jobs."""

from __future__ import annotations

from surveys.models import ExportJob
from tests.surveys.factories.jobs import JobFactory


class ExportJobFactory(JobFactory):
    class Meta:
        model = ExportJob

    country_id = "KH"
    format = ExportJob.Format.CSV
