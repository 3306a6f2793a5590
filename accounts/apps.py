from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and sign-in security"

    def ready(self) -> None:
        # Sign-ins, failures, lockouts and role changes are written as security events.
        from accounts import receivers  # noqa: F401
