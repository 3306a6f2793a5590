"""Taking a release's snapshot: the job behind `surveys.releases.tasks.accept_release`.

It runs through `surveys.jobs.runner.run_job`, like a report compile, so a worker
lost mid-way has the job taken up again. Everything is written in one transaction
that also marks the row done: a release is either accepting, or complete. On
PostgreSQL that transaction reads one snapshot of the database (REPEATABLE READ), so
the records frozen and the report's tables computed from them agree even if a record
is reopened meanwhile.

On SQLite (the embedded mode) every transaction takes the database's write lock
when it begins, so other writers wait while the snapshot is taken: a few seconds
for a demo country; with many thousand records use PostgreSQL, where the snapshot
blocks nobody.

Records are read and written in batches (`snapshot.BATCH_SIZE`), never the whole
country at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy

from countries.languages import LANGUAGES
from surveys.jobs.runner import JobMessages, run_job
from surveys.models import Release, ReleaseRecord, ReleaseTables
from surveys.record_types import RECORD_TYPES
from surveys.releases.snapshot import BATCH_SIZE, snapshots

RELEASE_STOPPED = JobMessages(
    gave_up=gettext_lazy(
        "The release could not be accepted: the worker stopped %(n)s times while "
        "taking its snapshot. Accept again, or ask an administrator to look at the "
        "worker's logs."
    ),
    too_long=gettext_lazy(
        "Taking the release's snapshot took longer than %(minutes)s minutes and was "
        "stopped."
    ),
    crashed=gettext_lazy(
        "The release could not be accepted because of an unexpected error "
        "(%(error)s). Accepting again may work once it is fixed."
    ),
)


def release_take(*, release_id: int) -> str:
    """Take the snapshot of release `release_id`; returns its status afterwards."""
    run_job(Release, release_id, _take, messages=RELEASE_STOPPED)
    return Release.objects.values_list("status", flat=True).get(pk=release_id)


@contextmanager
def _one_snapshot() -> Iterator[None]:
    """A transaction that reads the database as it stood when it began."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def _take(release: Release) -> None:
    steps = len(RECORD_TYPES) + len(LANGUAGES)
    with _one_snapshot():
        # Rows of an attempt whose worker was lost were rolled back with it; none
        # are left, but a redelivered task must never double them.
        ReleaseRecord.objects.filter(release=release).delete()
        ReleaseTables.objects.filter(release=release).delete()
        counts: dict[str, int] = {}
        for step, record_type in enumerate(RECORD_TYPES):
            counts[record_type] = _freeze_records(release, record_type)
            release.mark_progress(step + 1, steps)
        for step, (language, _name) in enumerate(LANGUAGES, start=len(RECORD_TYPES)):
            ReleaseTables.objects.create(
                release=release, language=language, tables=_tables(release, language)
            )
            release.mark_progress(step + 1, steps)
        locked = Release.objects.select_for_update().get(pk=release.pk)
        if not locked.is_finished:
            locked.mark_done(record_counts={k: n for k, n in counts.items() if n})


def _freeze_records(release: Release, record_type: str) -> int:
    batch: list[ReleaseRecord] = []
    count = 0
    for record, data in snapshots(
        record_type, country=release.country, cutoff=release.accepted_at
    ):
        batch.append(
            ReleaseRecord(
                release=release,
                record_type=record_type,
                record_id=record.pk,
                record_version=record.version,
                title=str(data.get("title", ""))[:400],
                data=data,
            )
        )
        if len(batch) >= BATCH_SIZE:
            count += len(ReleaseRecord.objects.bulk_create(batch))
            batch = []
    count += len(ReleaseRecord.objects.bulk_create(batch))
    return count


def _tables(release: Release, language: str) -> dict[str, Any]:
    """The country report's tables over the records the release holds (the same
    query and cut-off), in one language."""
    from surveys.reports.country import Scope, country_tables

    with translation.override(language):
        return country_tables(Scope(release.country, release.accepted_at))
