from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SurveysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "surveys"
    verbose_name = "Findings"

    def ready(self) -> None:
        from countries.models import AdminArea, LegalForm
        from surveys.entities.filters import filter_choices_forget

        for model in (AdminArea, LegalForm):
            for signal in (post_save, post_delete):
                signal.connect(filter_choices_forget, sender=model)
