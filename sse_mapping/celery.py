"""The Celery app (the Celery guide's Django shape).

Job tasks (exports, reports) are idempotent and run with acks_late and
reject_on_worker_lost, so a killed worker's job is redelivered and finished by the next
one. Redis redelivers an unacknowledged task after `visibility_timeout`, so it must be
longer than the longest hard time limit, or a slow job would run twice at once.
"""

import os

from celery import Celery
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sse_mapping.settings")

app = Celery("sse_mapping")
app.config_from_object("django.conf:settings", namespace="CELERY")
# The countries app and each feature package of `surveys` keep their own tasks module.
app.autodiscover_tasks(
    [
        "countries",
        *(
            f"surveys.{feature}"
            for feature in (
                "entities",
                "review",
                "exports",
                "imports",
                "reports",
                "releases",
                "jobs",
            )
        ),
    ]
)
app.conf.task_queues = [Queue("default"), Queue("exports"), Queue("reports")]
