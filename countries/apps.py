from django.apps import AppConfig


class CountriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "countries"
    verbose_name = "Countries and reference data"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from countries.preferences import apply_language_at_sign_in

        user_logged_in.connect(
            apply_language_at_sign_in, dispatch_uid="apply_language_at_sign_in"
        )
