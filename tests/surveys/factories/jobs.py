"""What the factories of the jobs a worker runs (exports, imports, reports) share:
the traits `running`, `done` and `failed` set the status as a worker would leave it.
No file is written."""

from __future__ import annotations

import factory
from django.utils import timezone

from surveys.models import JobStatus
from tests.factories import UserFactory


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    requested_by = factory.SubFactory(UserFactory)
    status = JobStatus.QUEUED

    class Params:
        running = factory.Trait(
            status=JobStatus.RUNNING,
            attempts=1,
            started_at=factory.LazyFunction(timezone.now),
            heartbeat_at=factory.LazyFunction(timezone.now),
        )
        done = factory.Trait(
            status=JobStatus.DONE,
            progress=100,
            attempts=1,
            started_at=factory.LazyFunction(timezone.now),
            finished_at=factory.LazyFunction(timezone.now),
        )
        failed = factory.Trait(
            status=JobStatus.FAILED,
            attempts=1,
            error="The worker stopped.",
            started_at=factory.LazyFunction(timezone.now),
            finished_at=factory.LazyFunction(timezone.now),
        )
