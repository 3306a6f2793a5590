"""manage.py backup DESTINATION: the database and the private files, in one folder."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sse_mapping import backups
from sse_mapping.exceptions import ApplicationError


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or SQLite's backup API) and the private files "
        "(attachments, reports, export files) into a new folder under DESTINATION, "
        "with a manifest of row counts and file checksums. See docs/operations.md."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("destination", type=Path, help="Folder to write into.")
        parser.add_argument(
            "--database", default="default", help="Database alias (default: default)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            folder = backups.backup_create(
                destination=options["destination"], using=options["database"]
            )
        except ApplicationError as error:
            raise CommandError(error.message) from None
        manifest = backups.read_manifest(folder)
        tables = manifest["database"]["tables"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {len(tables)} tables ({sum(tables.values())} rows) and "
                f"{len(manifest['files']['items'])} files into {folder}"
            )
        )
