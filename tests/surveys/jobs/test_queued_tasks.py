"""Tasks with no job row of their own (re-classifying a country, the effect of a draft
definition) go through the outbox too: a broker that is down delays them, never loses
them, and the sweep sends them until they have run."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from surveys.entities import classification
from surveys.entities import tasks as entities_tasks
from surveys.jobs import runner
from surveys.jobs.outbox import task_queue
from surveys.jobs.tasks import resume_jobs, run_queued_task
from surveys.models import QueuedTask
from tests.surveys.jobs.test_outbox import Broker, OnCommit
from tests.surveys.records.test_definition_rules import (
    BORDERLINE,
    SSE,
    new_definition,
    thai_entity,
    validate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(monkeypatch: pytest.MonkeyPatch) -> Broker:
    return Broker(monkeypatch)


def asked_seconds_ago(seconds: int) -> None:
    QueuedTask.objects.update(
        created_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


def test_a_drafts_effect_asked_for_while_the_broker_is_down_is_computed_later(
    th_consultant: User,
    broker: Broker,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    thai_entity(th_consultant, "Weavers", surplus_rule="CAPPED", surplus_cap_pct=45)
    broker.down = True

    with django_capture_on_commit_callbacks(execute=True):
        definition = new_definition(th_consultant, 30)

    # Created, then its rules saved: each asks for the effect.
    assert set(broker.refused) == {"surveys.jobs.tasks.run_queued_task"}
    definition.refresh_from_db()
    assert definition.draft_effect["status"] == "queued"
    queued = list(QueuedTask.objects.all())
    assert {(q.task, q.sent_at, q.finished_at) for q in queued} == {
        ("surveys.entities.tasks.compute_draft_effect", None, None)
    }
    # Still down at the sweep: still waiting, nothing lost.
    asked_seconds_ago(30)
    assert resume_jobs.delay().get() == 0
    definition.refresh_from_db()
    assert definition.draft_effect["status"] == "queued"

    broker.down = False
    assert resume_jobs.delay().get() == len(queued)

    definition.refresh_from_db()
    assert definition.draft_effect["status"] == "done"
    assert definition.draft_effect["moves"] == {"SSE>BORDERLINE": 1}
    for row in queued:
        row.refresh_from_db()
        assert (row.attempts, row.error) == (1, "")
        assert row.finished_at is not None
    # Nothing left to send.
    assert resume_jobs.delay().get() == 0


def test_a_reclassification_queued_while_the_broker_is_down_moves_the_entities_later(
    th_consultant: User,
    th_committee: User,
    broker: Broker,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    # More entities than are re-classified inline.
    monkeypatch.setattr(classification, "RECLASSIFY_INLINE_LIMIT", 0)
    weavers = thai_entity(
        th_consultant, "Weavers", surplus_rule="CAPPED", surplus_cap_pct=45
    )
    with django_capture_on_commit_callbacks(execute=True):
        definition = new_definition(th_consultant, 30)
    broker.down = True

    with django_capture_on_commit_callbacks(execute=True):
        validate(definition, th_consultant, th_committee)

    weavers.refresh_from_db()
    assert weavers.classification == SSE
    waiting = QueuedTask.objects.get(finished_at__isnull=True)
    assert waiting.task == "surveys.entities.tasks.reclassify_country"

    broker.down = False
    asked_seconds_ago(30)
    assert resume_jobs.delay().get() == 1

    weavers.refresh_from_db()
    assert weavers.classification == BORDERLINE
    assert not QueuedTask.objects.filter(finished_at__isnull=True).exists()


def test_a_queued_task_runs_once_however_often_it_is_delivered(
    th_consultant: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[dict[str, Any]] = []
    monkeypatch.setattr(
        entities_tasks, "country_reclassify", lambda **kw: runs.append(kw) or 0
    )
    queued = task_queue("surveys.entities.tasks.reclassify_country", "TH", None)
    asked_seconds_ago(30)

    assert run_queued_task.delay(queued.pk).get() is True
    # Redelivered (a worker lost before acknowledging it) or swept again.
    assert run_queued_task.delay(queued.pk).get() is False
    assert resume_jobs.delay(lost_after=0).get() == 0

    assert [kw["country"].code for kw in runs] == ["TH"]


def test_a_queued_task_that_fails_is_sent_again_then_given_up(
    th_consultant: User, caplog: pytest.LogCaptureFixture
) -> None:
    # No such country: the task fails each time it runs.
    queued = task_queue("surveys.entities.tasks.reclassify_country", "XX", None)
    asked_seconds_ago(30)

    assert run_queued_task.delay(queued.pk).get() is False
    for attempt in range(2, runner.MAX_ATTEMPTS + 2):
        queued.refresh_from_db()
        assert (queued.attempts, queued.finished_at) == (attempt - 1, None)
        assert "DoesNotExist" in queued.error
        # The sweep sends it again (the test's tasks run as they are sent).
        assert resume_jobs.delay(lost_after=0).get() == 1

    queued.refresh_from_db()
    assert queued.attempts == runner.MAX_ATTEMPTS
    assert queued.finished_at is not None
    assert "gave up" in caplog.text
    assert resume_jobs.delay(lost_after=0).get() == 0
