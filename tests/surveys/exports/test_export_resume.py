"""An export whose worker died goes on where it stopped: a CSV written in Python is
taken up after the last entity it holds, and the file is the one a single run writes.
Formats that cannot resume say they start again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from countries.models import Country
from countries.vocabularies import WorkflowState
from surveys.exports import export_file, export_request, export_run
from surveys.exports import rows as export_rows
from surveys.exports.writers import csv as csv_writer
from surveys.jobs.tasks import resume_jobs
from surveys.models import ExportJob, JobStatus
from tests.surveys.factories.entities import EntityFactory, EntityFiguresFactory

pytestmark = pytest.mark.django_db

ENTITIES = 23


class Killed(BaseException):
    """The worker's process dies: nothing of the job's own error handling runs."""


@pytest.fixture(autouse=True)
def private_files(settings: Any, tmp_path: Path) -> Path:
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    return settings.PRIVATE_FILES_ROOT


@pytest.fixture
def entities(kh_consultant: User, monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(ENTITIES):
        entity = EntityFactory(
            country_id="KH",
            workflow_state=WorkflowState.VALIDATED,
            name_en=f'Cooperative {number:02d}, "quoted"\nand on two lines',
        )
        EntityFiguresFactory(entity=entity)
    # Small chunks, so that an export of a few entities has several checkpoints.
    monkeypatch.setattr(export_rows, "CHUNK_SIZE", 5)


def request_csv(user: User, **options: Any) -> ExportJob:
    return export_request(
        user=user, country=Country.objects.get(pk="KH"), format="csv", **options
    )


def file_bytes(job: ExportJob) -> bytes:
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    path, _name = export_file(job)
    return Path(path).read_bytes()


def kill_after(rows: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker dies while writing row `rows + 1`."""
    written = 0
    real = csv_writer.csv_row

    def row_then_die(row: Any) -> Any:
        nonlocal written
        if written == rows:
            raise Killed
        written += 1
        return real(row)

    monkeypatch.setattr(csv_writer, "csv_row", row_then_die)


@pytest.mark.parametrize("values", ["codes", "labels"])
def test_a_csv_export_killed_mid_way_resumes_and_matches_an_uninterrupted_one(
    staff: User,
    entities: None,
    monkeypatch: pytest.MonkeyPatch,
    private_files: Path,
    client: Client,
    values: str,
) -> None:
    if values == "codes" and csv_writer.connection.vendor == "postgresql":
        pytest.skip("a CSV of codes is one COPY on PostgreSQL")
    whole = request_csv(staff, values=values)
    export_run(job_id=whole.pk)
    expected = file_bytes(whole)

    job = request_csv(staff, values=values)
    with monkeypatch.context() as dying:
        kill_after(12, dying)
        with pytest.raises(Killed):
            export_run(job_id=job.pk)

    job.refresh_from_db()
    # Two chunks of five entities were whole in the file when it died.
    assert (job.status, job.attempts) == (JobStatus.RUNNING, 1)
    assert (job.checkpoint["entities"], job.checkpoint["rows"]) == (10, 10)
    assert job.progress == 10 * 100 // ENTITIES
    part = private_files / "exports" / "KH" / f"export-{job.pk}.part.csv"
    assert part.stat().st_size == job.checkpoint["bytes"]
    # Half a line the dying process had started to write.
    with part.open("ab") as out:
        out.write(b"KH-half,a line")
    client.force_login(staff)
    row = next(
        r
        for r in client.get(reverse("export-status", args=["KH"])).json()["jobs"]
        if r["id"] == job.pk
    )
    assert row["progress"] == job.progress

    # The next worker's sweep takes it up.
    seen: list[int] = []
    real_progress = ExportJob.mark_progress

    def watch(self: ExportJob, done: int, total: int = 100) -> None:
        seen.append(self.attempts)
        real_progress(self, done, total)

    monkeypatch.setattr(ExportJob, "mark_progress", watch)
    assert resume_jobs.delay(stale_after=0).get() == 1

    job.refresh_from_db()
    assert (job.status, job.attempts, job.row_count) == (JobStatus.DONE, 2, ENTITIES)
    assert file_bytes(job) == expected
    assert job.checkpoint == {}
    assert not part.exists()
    # The second attempt read only the entities after the checkpoint: 13 in 3 chunks.
    assert seen == [2, 2, 2]


def test_a_resumed_export_says_so_and_one_starting_again_says_that(
    staff: User, client: Client
) -> None:
    csv = request_csv(staff)
    xlsx = export_request(
        user=staff, country=Country.objects.get(pk="KH"), format="xlsx"
    )
    ExportJob.objects.filter(pk=csv.pk).update(
        status=JobStatus.RUNNING,
        attempts=2,
        progress=40,
        checkpoint={"after": "KH-0001", "entities": 4, "rows": 4, "bytes": 900},
    )
    ExportJob.objects.filter(pk=xlsx.pk).update(
        status=JobStatus.RUNNING, attempts=2, progress=40
    )
    client.force_login(staff)

    status = client.get(reverse("export-status", args=["KH"])).json()

    labels = {r["id"]: (r["status_label"], r["progress"]) for r in status["jobs"]}
    assert labels[csv.pk] == ("Interrupted, resuming", 40)
    assert labels[xlsx.pk] == ("Interrupted, starting again", 40)


def test_a_checkpoint_without_its_file_starts_the_export_again(
    staff: User, entities: None, monkeypatch: pytest.MonkeyPatch, private_files: Path
) -> None:
    if csv_writer.connection.vendor == "postgresql":
        pytest.skip("a CSV of codes is one COPY on PostgreSQL")
    whole = request_csv(staff)
    export_run(job_id=whole.pk)
    job = request_csv(staff)
    with monkeypatch.context() as dying:
        kill_after(12, dying)
        with pytest.raises(Killed):
            export_run(job_id=job.pk)
    # The scratch folder was emptied meanwhile.
    (private_files / "exports" / "KH" / f"export-{job.pk}.part.csv").unlink()

    export_run(job_id=job.pk)

    assert file_bytes(job) == file_bytes(whole)
