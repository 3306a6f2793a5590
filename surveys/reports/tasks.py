from celery import shared_task


@shared_task(
    name="surveys.reports.tasks.compile_report",
    acks_late=True,
    reject_on_worker_lost=True,
)
def compile_report(report_id: int) -> str:
    """Compile one version of a country mapping report or a regional comparison."""
    from surveys.reports.jobs import report_compile

    return report_compile(report_id=report_id)
