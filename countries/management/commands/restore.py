"""manage.py restore FOLDER [--force]: a backup back into the database and the
private files folder, checked against its manifest."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from sse_mapping import backups
from sse_mapping.exceptions import ApplicationError


class Command(BaseCommand):
    help = (
        "Restore a folder written by `manage.py backup` into the database and the "
        "private files folders of these settings, then compare row counts and file "
        "checksums with its manifest. Refuses a database that is not empty unless "
        "--force. See docs/operations.md."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder", type=Path, help="The backup folder.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database even if it is not empty.",
        )
        parser.add_argument(
            "--database", default="default", help="Database alias (default: default)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            database = backups.Database.from_settings(
                connections[options["database"]].settings_dict
            )
            restored = backups.backup_restore(
                folder=options["folder"],
                database=database,
                roots=backups.restore_roots(),
                force=options["force"],
            )
        except ApplicationError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {restored.tables} tables ({restored.rows} rows) and "
                f"{restored.files} files from {restored.folder}; row counts and file "
                "checksums match the backup's manifest."
            )
        )
