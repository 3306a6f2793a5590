"""Job requests and notifications go through the database first: a broker that cannot
be reached loses nothing and fails no request; the sweep sends what never left, and
takes up a running job whose worker stopped beating. In-process, on any database;
`test_faults_worker` does the same with real workers and a real Redis stopped."""

from __future__ import annotations

import datetime
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from countries.models import Country
from sse_mapping.exceptions import ApplicationError
from surveys.exports import export_request
from surveys.imports import import_confirm
from surveys.jobs import outbox, runner
from surveys.jobs.tasks import JOB_TASKS, resume_jobs
from surveys.models import (
    Entity,
    ExportJob,
    ImportJob,
    JobStatus,
    Notification,
    Report,
    ReviewDecision,
)
from surveys.reports import render
from surveys.reports.services import report_compile_request
from surveys.review.tasks import deliver_notification
from tests.surveys.factories.imports import ImportJobFactory
from tests.surveys.review.test_workflow import submitted_entity

pytestmark = pytest.mark.django_db

OnCommit = Callable[..., Any]


@pytest.fixture(autouse=True)
def private_files(settings: Any, tmp_path: Path) -> Path:
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    return settings.PRIVATE_FILES_ROOT


@pytest.fixture
def quick_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        render, "write_pdf", lambda document, path: Path(path).write_bytes(b"%PDF")
    )


class Broker:
    """The broker as the outbox sees it: up (tasks run in-process, as the test
    settings make them) or down (every send refused, as kombu refuses it)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.down = False
        self.refused: list[str] = []
        real = outbox.import_string

        def task(name: str) -> Any:
            found = real(name)
            if not self.down:
                return found

            class Refusing:
                def apply_async(self_, *args: Any, **kwargs: Any) -> None:
                    self.refused.append(name)
                    raise OperationalError("Error 111 connecting to 127.0.0.1:6379.")

            return Refusing()

        monkeypatch.setattr(outbox, "import_string", task)


@pytest.fixture
def broker(monkeypatch: pytest.MonkeyPatch) -> Broker:
    return Broker(monkeypatch)


def asked_seconds_ago(model: Any, pk: int, seconds: int) -> None:
    model.objects.filter(pk=pk).update(
        created_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


# --- A broker that is down -----------------------------------------------------------


def test_an_export_asked_for_while_the_broker_is_down_is_saved_and_sent_later(
    client: Client,
    staff: User,
    broker: Broker,
    django_capture_on_commit_callbacks: OnCommit,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client.force_login(staff)
    broker.down = True

    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(reverse("export-list", args=["KH"]), {"format": "csv"})

    assert posted.status_code == 302
    job = ExportJob.objects.get()
    assert (job.status, job.sent_at) == (JobStatus.QUEUED, None)
    assert broker.refused == ["surveys.exports.tasks.run_export"]
    assert "could not send" in caplog.text
    # The page lists it, waiting.
    assert client.get(posted["Location"]).status_code == 200

    broker.down = False
    asked_seconds_ago(ExportJob, job.pk, 30)
    assert resume_jobs.delay().get() == 1

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.sent_at is not None
    assert client.get(reverse("export-download", args=[job.pk])).status_code == 200


def test_a_report_asked_for_while_the_broker_is_down_is_compiled_once_it_is_back(
    client: Client,
    staff: User,
    broker: Broker,
    quick_pdf: None,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    client.force_login(staff)
    broker.down = True

    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(reverse("report-list", args=["TH"]))

    assert posted.status_code == 302
    report = Report.objects.get()
    assert (report.status, report.sent_at) == (JobStatus.QUEUED, None)
    # Still down at the sweep: still nothing lost.
    asked_seconds_ago(Report, report.pk, 30)
    assert resume_jobs.delay().get() == 0
    assert Report.objects.get().status == JobStatus.QUEUED

    broker.down = False
    assert resume_jobs.delay().get() == 1
    report.refresh_from_db()
    assert (report.status, report.attempts) == (JobStatus.DONE, 1)


def test_a_decision_made_while_the_broker_is_down_is_mailed_once_it_is_back(
    client: Client,
    kh_consultant: User,
    kh_committee: User,
    broker: Broker,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    entity = submitted_entity(kh_consultant)
    client.force_login(kh_committee)
    mail.outbox.clear()
    broker.down = True

    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(
            reverse("record-review", args=["entity", entity.pk]),
            {
                "decision": "return",
                "comment": "Add the 2023 figures.",
                "fields-TOTAL_FORMS": "0",
                "fields-INITIAL_FORMS": "0",
            },
        )

    assert posted.status_code == 302
    assert ReviewDecision.objects.get().decision == "return"
    notification = Notification.objects.get()
    assert (notification.sent_at, notification.delivered_at) == (None, None)
    assert mail.outbox == []

    broker.down = False
    asked_seconds_ago(Notification, notification.pk, 30)
    assert resume_jobs.delay().get() == 1

    assert len(mail.outbox) == 1
    assert "Add the 2023 figures." in mail.outbox[0].body
    notification.refresh_from_db()
    assert notification.delivered_at is not None
    # The next sweep has nothing left to send.
    assert resume_jobs.delay().get() == 0
    assert len(mail.outbox) == 1


def test_a_notification_delivered_twice_is_mailed_once(
    kh_consultant: User,
    kh_committee: User,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    from surveys.review import workflow

    entity = submitted_entity(kh_consultant)
    with django_capture_on_commit_callbacks(execute=False):
        workflow.review_decide(
            record=entity, by=kh_committee, decision="reject", comment="Not SSE."
        )
    notification = Notification.objects.get()
    mail.outbox.clear()

    # The broker redelivers the message (a worker lost before acknowledging it).
    assert deliver_notification.delay(notification.pk).get() == 1
    assert deliver_notification.delay(notification.pk).get() == 0

    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.attempts == 1


def test_a_job_whose_message_was_lost_is_sent_again_after_ten_minutes(
    staff: User,
) -> None:
    job = export_request(user=staff, country=Country.objects.get(pk="KH"), format="csv")
    ExportJob.objects.filter(pk=job.pk).update(
        sent_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    assert runner.jobs_to_resume(JOB_TASKS) == []
    # A worker that starts sends it at once: the dead one may have taken it along.
    assert runner.jobs_to_resume(JOB_TASKS, lost_after=0) == [(ExportJob, job.pk)]

    ExportJob.objects.filter(pk=job.pk).update(
        sent_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    assert runner.jobs_to_resume(JOB_TASKS) == [(ExportJob, job.pk)]


# --- The heartbeat ---------------------------------------------------------------------


def test_progress_is_the_heartbeat_of_a_running_job(staff: User) -> None:
    job = export_request(user=staff, country=Country.objects.get(pk="KH"), format="csv")
    job.mark_running()
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    ExportJob.objects.filter(pk=job.pk).update(heartbeat_at=long_ago)
    job.heartbeat_at = long_ago

    job.mark_progress(3, 10)

    stored = ExportJob.objects.get(pk=job.pk)
    assert stored.progress == 30
    assert stored.heartbeat_at is not None
    assert stored.heartbeat_at > long_ago


def test_the_sweep_takes_up_a_running_job_whose_heartbeat_stopped(
    staff: User, quick_pdf: None, settings: Any
) -> None:
    settings.JOB_STALE_SECONDS = 90
    now = timezone.now()
    stale, beating = (
        Report.objects.create(
            country_id="TH",
            countries=["TH"],
            number=number,
            cutoff_at=now,
            requested_by=staff,
            status=JobStatus.RUNNING,
            attempts=1,
            progress=60,
            heartbeat_at=now - datetime.timedelta(seconds=seconds),
        )
        for number, seconds in ((1, 120), (2, 20))
    )

    assert runner.jobs_to_resume(JOB_TASKS) == [(Report, stale.pk)]
    # A worker that starts takes up every running job nobody holds at once.
    assert sorted(pk for _, pk in runner.jobs_to_resume(JOB_TASKS, stale_after=0)) == [
        stale.pk,
        beating.pk,
    ]
    assert resume_jobs.delay().get() == 1

    stale.refresh_from_db()
    assert (stale.status, stale.attempts) == (JobStatus.DONE, 2)
    assert Report.objects.get(pk=beating.pk).status == JobStatus.RUNNING


def test_a_new_version_is_refused_only_until_the_sweep_takes_up_the_orphan(
    staff: User, quick_pdf: None
) -> None:
    thailand = Country.objects.get(pk="TH")
    orphan = report_compile_request(by=staff, country=thailand)
    # Its worker died two minutes ago, mid-compile.
    Report.objects.filter(pk=orphan.pk).update(
        status=JobStatus.RUNNING,
        attempts=1,
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=2),
    )
    with pytest.raises(ApplicationError, match="still being compiled"):
        report_compile_request(by=staff, country=thailand)

    assert resume_jobs.delay().get() == 1

    assert Report.objects.get(pk=orphan.pk).status == JobStatus.DONE
    assert report_compile_request(by=staff, country=thailand).number == 2


def test_a_job_that_gives_up_leaves_no_scratch_file(
    staff: User, private_files: Path
) -> None:
    job = export_request(
        user=staff, country=Country.objects.get(pk="KH"), format="xlsx"
    )
    ExportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=runner.MAX_ATTEMPTS
    )
    folder = private_files / "exports" / "KH"
    folder.mkdir(parents=True)
    (folder / f"export-{job.pk}.part.xlsx").write_bytes(b"half")
    (folder / f"export-{job.pk}.part.tmp").mkdir()

    from surveys.exports import export_run

    export_run(job_id=job.pk)

    assert ExportJob.objects.get(pk=job.pk).status == JobStatus.FAILED
    assert list(folder.iterdir()) == []


# --- Locks across processes (SQLite) -------------------------------------------------


@pytest.fixture
def locked_by_another_process(
    staff: User,
) -> Iterator[Callable[[type[Any], int], None]]:
    """Holds a job's lock in another process, as a worker running it does."""
    held: list[subprocess.Popen[str]] = []

    def hold(model: type[Any], pk: int) -> None:
        name = str(connection.settings_dict["NAME"])
        offset = runner._offset(runner._lock_key(model, pk))
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import fcntl, os, sys, time\n"
                f"fd = os.open({name + '.job-locks'!r}, os.O_RDWR | os.O_CREAT)\n"
                f"fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, {offset})\n"
                "print('held', flush=True)\n"
                "time.sleep(60)\n",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        held.append(process)
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "held"

    yield hold
    for process in held:
        process.kill()
        process.wait()


def test_a_job_run_by_another_process_is_left_alone_and_taken_up_when_it_dies(
    staff: User, locked_by_another_process: Callable[[type[Any], int], None]
) -> None:
    if connection.vendor != "sqlite" or "memory" in str(
        connection.settings_dict["NAME"]
    ):
        pytest.skip("the lock file is SQLite's; PostgreSQL has advisory locks")
    job = export_request(user=staff, country=Country.objects.get(pk="KH"), format="csv")
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=1)
    locked_by_another_process(ExportJob, job.pk)

    runs: list[int] = []
    runner.run_job(
        ExportJob,
        job.pk,
        lambda claimed: runs.append(claimed.pk),
        messages=runner.JobMessages(gave_up="", too_long="", crashed=""),
    )
    assert runs == []
    assert runner.jobs_to_resume(JOB_TASKS, stale_after=0) == []


# --- Two confirms of one import at once ------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_confirms_of_one_import_at_once_commit_it_once(
    kh_consultant: User, monkeypatch: pytest.MonkeyPatch, reference_data: None
) -> None:
    if "memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("threads need a database file to share")
    job = ImportJobFactory(ready=True, requested_by=kh_consultant)
    # Only the commits race here; the import itself is tested elsewhere.
    sent: list[int] = []
    monkeypatch.setattr(outbox, "job_send", lambda model, pk: sent.append(pk))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def confirm() -> None:
        try:
            barrier.wait(10)
            import_confirm(user=kh_consultant, job=job, decisions={})
            outcomes.append("confirmed")
        except ApplicationError as error:
            outcomes.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    # The second confirm is a no-op: nothing refused, nothing sent twice.
    assert outcomes == ["confirmed", "confirmed"]
    stored = ImportJob.objects.get(pk=job.pk)
    assert (stored.stage, stored.status) == (ImportJob.Stage.COMMITTING, "queued")
    assert sent == [job.pk]
    assert not Entity.objects.exists()
