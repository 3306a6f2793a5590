from celery import shared_task
from django.core.management import call_command


@shared_task(name="countries.tasks.reload_reference_data")
def reload_reference_data() -> None:
    """Bring reference data (areas, legal forms, ISIC) back to the shipped seeds."""
    call_command("load_reference_data", verbosity=0)
