"""Demo logins (one per role and country) and, from later modules, demo records.

Idempotent: a second run changes nothing and duplicates nothing.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from countries.models import Country, Membership
from countries.vocabularies import Role

DEMO_COUNTRIES = ("KH", "KG", "MN", "TH", "VN")


def demo_logins() -> list[tuple[str, str | None, str]]:
    """(username, country code or None for all countries, role) for every demo login."""
    logins: list[tuple[str, str | None, str]] = []
    for code in DEMO_COUNTRIES:
        prefix = code.lower()
        logins.append((f"{prefix}-consultant", code, Role.CONSULTANT))
        logins.append((f"{prefix}-committee", code, Role.COMMITTEE))
        logins.append((f"{prefix}-committee-2", code, Role.COMMITTEE))
    logins.append(("staff", None, Role.STAFF))
    logins.append(("admin", None, Role.ADMIN))
    return logins


class Command(BaseCommand):
    help = "Create the demo logins and demo records (safe to run again)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--quiet-logins",
            action="store_true",
            help="Do not print the table of demo logins.",
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        if not Country.objects.exists():
            call_command("load_reference_data", verbosity=0)
        user_model = get_user_model()
        password = settings.DEMO_PASSWORD
        for username, code, role in demo_logins():
            user, created = user_model.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@example.org",
                    "is_staff": role == Role.ADMIN,
                    "is_superuser": role == Role.ADMIN,
                },
            )
            if created:
                user.set_password(password)
                user.save(update_fields=["password"])
            Membership.objects.get_or_create(user=user, country_id=code, role=role)
        if not options["quiet_logins"]:
            self._print_logins(password)

    def _print_logins(self, password: str) -> None:
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password: {password})"))
        for username, code, role in demo_logins():
            where = code or "all countries"
            self.stdout.write(f"  {username:<22} {role:<11} {where}")
