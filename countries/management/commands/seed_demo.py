"""Demo logins (one per role and country) and the demo records of the five countries.

Idempotent: a second run changes nothing and duplicates nothing.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from countries.models import Country, Membership
from countries.vocabularies import Role
from surveys.demo import DEMO_COUNTRIES, seed_demo_records
from surveys.demo.publication import publish_demo_release


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
        parser.add_argument(
            "--without-records",
            action="store_true",
            help="Create the demo logins only, not the demo records.",
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        if not Country.objects.exists():
            call_command("load_reference_data", verbosity=0)
        user_model = get_user_model()
        password = settings.DEMO_PASSWORD
        # Hashing takes about half a second; every demo login shares one password, so
        # it is hashed once, and only when a login is new.
        encoded = ""
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
                encoded = encoded or make_password(password)
                user.password = encoded
                user.save(update_fields=["password"])
            Membership.objects.get_or_create(user=user, country_id=code, role=role)
        if not options["without_records"]:
            if options["verbosity"] >= 1:
                self.stdout.write(
                    "Demo records: the five countries' findings (about half a minute "
                    "the first time; a country already seeded is left as it is)."
                )
            seed_demo_records()
            publish_demo_release()
        if not options["quiet_logins"]:
            self._print_logins(password)

    def _print_logins(self, password: str) -> None:
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password: {password})"))
        for username, code, role in demo_logins():
            where = code or "all countries"
            self.stdout.write(f"  {username:<22} {role:<11} {where}")
