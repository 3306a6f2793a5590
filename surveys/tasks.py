"""Celery doors to the services: each task takes ids, loads, and calls one service."""

from celery import shared_task

from countries.models import Country
from surveys.models import ReviewDecision
from surveys.services import country_reclassify


@shared_task(name="surveys.tasks.reclassify_country")
def reclassify_country(country_code: str) -> int:
    """Re-classify a country's entities after its national definition's rule changed."""
    return country_reclassify(country=Country.objects.get(pk=country_code))


@shared_task(name="surveys.tasks.notify_decision")
def notify_decision(decision_id: int, state: str = "") -> int:
    """Mail a decision; `state` is the record's state the decision left it in."""
    from surveys.notifications import decision_notify

    decision = ReviewDecision.objects.select_related("reviewer", "content_type").get(
        pk=decision_id
    )
    return decision_notify(decision=decision, state=state)


@shared_task(name="surveys.tasks.send_review_digest")
def send_review_digest() -> int:
    from surveys.notifications import review_digest_send

    return review_digest_send()


# --- Exports and imports (appended for issue 6) -----------------------------------------
# Job tasks are idempotent: acks_late with reject_on_worker_lost hands a killed worker's
# job to the next one, and the job row (locked, with an advisory lock on PostgreSQL)
# makes a second delivery do nothing.

from celery.signals import worker_ready  # noqa: E402


@shared_task(
    name="surveys.tasks.run_export", acks_late=True, reject_on_worker_lost=True
)
def run_export(job_id: int) -> None:
    from surveys.exports import export_run

    export_run(job_id=job_id)


@shared_task(
    name="surveys.tasks.run_import", acks_late=True, reject_on_worker_lost=True
)
def run_import(job_id: int) -> None:
    from surveys.imports import import_run

    import_run(job_id=job_id)


@shared_task(name="surveys.tasks.expire_exports")
def expire_exports() -> int:
    """Daily: remove expired export files and old import uploads."""
    from surveys.exports import export_expire
    from surveys.imports import import_files_expire

    return export_expire() + import_files_expire()


@shared_task(name="surveys.tasks.resume_jobs")
def resume_jobs() -> int:
    """Send again the export and import jobs a dead worker left behind."""
    from surveys.exports.jobs import jobs_to_resume

    found = jobs_to_resume()
    for kind, pk in found:
        (run_export if kind == "export" else run_import).delay(pk)
    return len(found)


def _resume_jobs_when_ready(**kwargs: object) -> None:
    # A worker that starts after another was killed picks up its job at once, instead
    # of waiting for the broker's visibility timeout.
    resume_jobs.delay()


worker_ready.connect(_resume_jobs_when_ready, weak=False)


@shared_task(
    name="surveys.tasks.compile_report", acks_late=True, reject_on_worker_lost=True
)
def compile_report(report_id: int) -> str:
    """Compile one version of a country mapping report or a regional comparison."""
    from surveys.reports.jobs import report_compile

    return report_compile(report_id=report_id)
