"""Tests with real Celery workers: their tasks go to the broker, not in process."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sse_mapping.celery import app as celery_app


@contextmanager
def tasks_sent_to_workers() -> Iterator[None]:
    """Within the block, tasks are sent to the broker for a worker to run, whatever
    the test settings (which run them in process) or an earlier test left; after
    it, the setting is what it was."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = eager
