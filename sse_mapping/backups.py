"""Backups: the database and the private files (attachments, reports, export files)
together, in one folder, with a manifest to check a restore against.

A backup folder holds
- `database.dump` (PostgreSQL, `pg_dump --format=custom`) or `database.sqlite3`
  (SQLite, a copy made with SQLite's online backup API);
- `files.tar`, the private files, each under the name of its root (`private/…`, and
  `media/…` where MEDIA_ROOT lies outside PRIVATE_FILES_ROOT);
- `manifest.json`: the row count of every table (counted in the same snapshot that
  was dumped), the SHA-256 of every file, and of the dump and the archive.

A restore checks the dump and the archive against the manifest before it changes
anything, refuses to overwrite a database that holds tables unless forced, and
compares row counts and file checksums with the manifest once done.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

from sse_mapping.exceptions import ApplicationError

FORMAT = 1
MANIFEST = "manifest.json"
ARCHIVE = "files.tar"
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
# Kept out of the archive: databases (a SQLite file may live in the private folder),
# Celery beat's schedule, lock files.
NOT_PRIVATE_FILES = (".sqlite3", "-wal", "-shm", "-journal", ".lock")
NOT_PRIVATE_PREFIXES = ("celerybeat-schedule",)
CHUNK = 1024 * 1024
BACKUP_PREFIX = "sse-backup-"


@dataclass(frozen=True)
class Database:
    """Where a database is, from a Django DATABASES entry."""

    vendor: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    @classmethod
    def from_settings(cls, entry: dict[str, Any]) -> Database:
        engine = entry["ENGINE"]
        if engine.endswith("postgresql"):
            vendor = "postgresql"
        elif engine.endswith("sqlite3"):
            vendor = "sqlite"
        else:
            raise ApplicationError(
                f"Backups support PostgreSQL and SQLite, not {engine}."
            )
        return cls(
            vendor=vendor,
            name=str(entry["NAME"]),
            user=str(entry.get("USER") or ""),
            password=str(entry.get("PASSWORD") or ""),
            host=str(entry.get("HOST") or ""),
            port=str(entry.get("PORT") or ""),
        )

    def client_arguments(self) -> list[str]:
        """pg_dump's and pg_restore's connection options (the password goes through
        the environment, never the command line)."""
        arguments = ["--dbname", self.name]
        for option, value in (("--host", self.host), ("--port", self.port)):
            if value:
                arguments += [option, value]
        if self.user:
            arguments += ["--username", self.user]
        return arguments

    def client_environment(self) -> dict[str, str]:
        return {
            **os.environ,
            **({"PGPASSWORD": self.password} if self.password else {}),
        }

    @property
    def is_sqlite_uri(self) -> bool:
        """A SQLite database named by URI (Django's in-memory test database)."""
        return self.name.startswith("file:")

    def connect(self) -> Any:
        if self.vendor == "sqlite":
            return sqlite3.connect(self.name, uri=self.is_sqlite_uri)
        import psycopg2

        return psycopg2.connect(
            dbname=self.name,
            user=self.user or None,
            password=self.password or None,
            host=self.host or None,
            port=self.port or None,
        )


@dataclass(frozen=True)
class Restored:
    folder: Path
    tables: int
    rows: int
    files: int


def file_roots() -> dict[str, Path]:
    """The folders of private files, by the name they take in the archive."""
    private = Path(settings.PRIVATE_FILES_ROOT)
    media = Path(settings.MEDIA_ROOT)
    roots = {"private": private}
    if not media.resolve().is_relative_to(private.resolve()):
        roots["media"] = media
    return roots


def restore_roots() -> dict[str, Path]:
    return {
        "private": Path(settings.PRIVATE_FILES_ROOT),
        "media": Path(settings.MEDIA_ROOT),
    }


# --- Backing up ----------------------------------------------------------------------


def backup_create(
    *, destination: Path, using: str = "default", now: datetime | None = None
) -> Path:
    """Write a backup folder under `destination`; return it."""
    moment = now or datetime.now(UTC)
    folder = Path(destination) / f"{BACKUP_PREFIX}{moment:%Y%m%dT%H%M%SZ}"
    if folder.exists():
        raise ApplicationError(f"{folder} already exists; choose another destination.")
    database = Database.from_settings(connections[using].settings_dict)
    folder.mkdir(parents=True)
    dump = folder / DUMPS[database.vendor]
    if database.vendor == "sqlite":
        tables = _sqlite_backup(database, dump)
    else:
        tables = _postgresql_backup(database, dump)
    files = _archive_files(folder / ARCHIVE, file_roots(), skip=folder)
    manifest = {
        "format": FORMAT,
        "created_at": moment.isoformat(),
        "database": {
            "vendor": database.vendor,
            "file": dump.name,
            "sha256": sha256_of(dump),
            "tables": tables,
        },
        "files": {
            "archive": ARCHIVE,
            "sha256": sha256_of(folder / ARCHIVE),
            "items": files,
        },
    }
    (folder / MANIFEST).write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True),
        encoding="utf-8",
    )
    return folder


def _sqlite_backup(database: Database, dump: Path) -> dict[str, int]:
    source, copy = database.connect(), sqlite3.connect(dump)
    try:
        # The online backup API copies a consistent database while the site goes on
        # using it (it waits out a write in progress).
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return table_counts(Database(vendor="sqlite", name=str(dump)))


def _postgresql_backup(database: Database, dump: Path) -> dict[str, int]:
    _require_client("pg_dump")
    snapshot = database.connect()
    try:
        snapshot.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with snapshot.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot_id,) = cursor.fetchone()
            # Counted in the very snapshot pg_dump dumps, so the manifest agrees
            # with the dump whatever the site writes meanwhile.
            tables = _count_rows(cursor, _postgresql_tables(cursor))
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot_id}",
                f"--file={dump}",
                *database.client_arguments(),
            ],
            database,
        )
    finally:
        snapshot.rollback()
        snapshot.close()
    return tables


def _archive_files(
    archive: Path, roots: dict[str, Path], *, skip: Path
) -> dict[str, Any]:
    items: dict[str, Any] = {}
    with tarfile.open(archive, "w") as tar:
        for root_name, root in roots.items():
            for path in _private_files(root, skip=skip):
                name = f"{root_name}/{path.relative_to(root).as_posix()}"
                items[name] = {"sha256": sha256_of(path), "size": path.stat().st_size}
                tar.add(path, arcname=name, recursive=False)
    return items


def _private_files(root: Path, *, skip: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    skipped = skip.resolve()
    for path in sorted(root.rglob("*")):
        if (
            not path.is_file()
            or path.is_symlink()
            or path.name.endswith(NOT_PRIVATE_FILES)
            or path.name.startswith(NOT_PRIVATE_PREFIXES)
            or path.resolve().is_relative_to(skipped)
            # Earlier backups written inside the private folder are not backed up.
            or any(
                part.startswith(BACKUP_PREFIX)
                for part in path.relative_to(root).parts[:-1]
            )
        ):
            continue
        yield path


# --- Restoring -----------------------------------------------------------------------


def backup_restore(
    *,
    folder: Path,
    database: Database,
    roots: dict[str, Path],
    force: bool = False,
) -> Restored:
    """Restore a backup folder into `database` and the folders `roots`; check the
    result against the manifest."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    dump = folder / manifest["database"]["file"]
    archive = folder / manifest["files"]["archive"]
    if manifest["database"]["vendor"] != database.vendor:
        raise ApplicationError(
            f"This backup is of a {manifest['database']['vendor']} database; the "
            f"database to restore into is {database.vendor}."
        )
    for path, expected in (
        (dump, manifest["database"]["sha256"]),
        (archive, manifest["files"]["sha256"]),
    ):
        if not path.is_file() or sha256_of(path) != expected:
            raise ApplicationError(
                f"The backup is damaged: {path.name} is missing or does not match its "
                "checksum in the manifest. Nothing was restored."
            )
    unknown = {name.split("/", 1)[0] for name in manifest["files"]["items"]} - set(
        roots
    )
    if unknown:
        raise ApplicationError(
            f"The backup has files for {', '.join(sorted(unknown))}, which this "
            "installation has no folder for. Nothing was restored."
        )
    existing = table_counts(database)
    if existing and not force:
        raise ApplicationError(
            f'The database "{database.name}" is not empty ({len(existing)} tables, '
            f"{sum(existing.values())} rows). Restoring would replace everything in "
            "it. Nothing was restored. Restore into a new, empty database, or run "
            "again with --force to replace it."
        )
    if database.vendor == "sqlite":
        _sqlite_restore(dump, database)
    else:
        _postgresql_restore(dump, database, replace=bool(existing))
    _extract_files(archive, roots)
    return _check_restored(folder, manifest, database, roots)


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ApplicationError(
            f"{folder} is not a backup folder: it has no {MANIFEST}."
        ) from None
    except (ValueError, OSError) as error:
        raise ApplicationError(f"{folder / MANIFEST} cannot be read: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ApplicationError(
            f"{folder / MANIFEST} is not a manifest this version can restore "
            f"(format {FORMAT} expected)."
        )
    return manifest


def _sqlite_restore(dump: Path, database: Database) -> None:
    for connection in connections.all(initialized_only=True):
        if connection.settings_dict["NAME"] == database.name:
            connection.close()  # the copy replaces the file under it
    source = sqlite3.connect(dump)
    target = database.connect()
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _postgresql_restore(dump: Path, database: Database, *, replace: bool) -> None:
    _require_client("pg_restore")
    if replace:
        connection = database.connect()
        try:
            with connection, connection.cursor() as cursor:
                cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        finally:
            connection.close()
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *database.client_arguments(),
            str(dump),
        ],
        database,
    )


def _extract_files(archive: Path, roots: dict[str, Path]) -> None:
    """Write the archive's files into their folders, over files of the same name;
    other files there are left alone."""
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            root_name, _, relative = member.name.partition("/")
            member.name = relative
            # The "data" filter refuses absolute names, links and names with "..".
            tar.extract(member, path=roots[root_name], filter="data")


def _check_restored(
    folder: Path, manifest: dict[str, Any], database: Database, roots: dict[str, Path]
) -> Restored:
    expected = manifest["database"]["tables"]
    found = table_counts(database)
    differing = sorted(
        name
        for name in expected.keys() | found.keys()
        if expected.get(name) != found.get(name)
    )
    if differing:
        raise ApplicationError(
            "The restored database differs from the backup in "
            + ", ".join(
                f"{name} ({found.get(name)} rows, {expected.get(name)} expected)"
                for name in differing[:10]
            )
        )
    for name, item in manifest["files"]["items"].items():
        root_name, _, relative = name.partition("/")
        path = roots[root_name] / relative
        if not path.is_file() or sha256_of(path) != item["sha256"]:
            raise ApplicationError(f"The restored file {path} differs from the backup.")
    return Restored(
        folder=folder,
        tables=len(found),
        rows=sum(found.values()),
        files=len(manifest["files"]["items"]),
    )


# --- Shared --------------------------------------------------------------------------


def table_counts(database: Database) -> dict[str, int]:
    """Rows in every table of the database (none if it has no tables or does not
    exist yet, for SQLite)."""
    if (
        database.vendor == "sqlite"
        and not database.is_sqlite_uri
        and not Path(database.name).exists()
    ):
        return {}
    connection = database.connect()
    try:
        cursor = connection.cursor()
        if database.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
            names = [name for (name,) in cursor.fetchall()]
        else:
            names = _postgresql_tables(cursor)
        return _count_rows(cursor, names)
    finally:
        connection.close()


def _postgresql_tables(cursor: Any) -> list[str]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    )
    return [name for (name,) in cursor.fetchall()]


def _count_rows(cursor: Any, names: list[str]) -> dict[str, int]:
    counts = {}
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608 (a table name)
        counts[name] = cursor.fetchone()[0]
    return counts


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _require_client(program: str) -> None:
    if shutil.which(program) is None:
        raise ApplicationError(
            f"{program} is not installed; install PostgreSQL's client programs "
            "(apt-get install postgresql-client) of the server's version or later."
        )


def _run(command: list[str], database: Database) -> None:
    result = subprocess.run(  # noqa: S603 (fixed programs, arguments from settings)
        command,
        env=database.client_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise ApplicationError(
            f"{command[0]} failed: {result.stderr.strip()[-800:] or result.returncode}"
        )
