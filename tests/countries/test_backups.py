"""Back up the database and the private files together; restore both into a scratch
database and folder; the restore matches the backup row for row and byte for byte."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from sse_mapping import backups
from sse_mapping.exceptions import ApplicationError
from surveys.models import CaseStudyAttachment, Entity
from tests.surveys.factories import (
    CaseStudyAttachmentFactory,
    EntityFactory,
    ReportFactory,
)

BASE_DIR = Path(django_settings.BASE_DIR)


@pytest.fixture
def private_files(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "private"
    settings.PRIVATE_FILES_ROOT = root
    settings.MEDIA_ROOT = root / "media"
    return root


def seed(private_files: Path) -> dict[str, int]:
    """Some rows of each kind, an attachment, a compiled report's files, and a
    database file and beat schedule that are not private files."""
    EntityFactory.create_batch(3, country_id="KH", validated=True)
    EntityFactory(country_id="TH", name_local="วิสาหกิจชุมชนลำปาง")
    CaseStudyAttachmentFactory()
    report = ReportFactory(country_id="TH")
    folder = private_files / "reports" / "TH" / str(report.pk)
    folder.mkdir(parents=True)
    (folder / "report.pdf").write_bytes(b"%PDF-1.7 " + os.urandom(4000))
    (folder / "ลำปาง.html").write_text("<p>ลำปาง</p>", encoding="utf-8")
    (private_files / "celerybeat-schedule").write_bytes(b"beat")
    (private_files / "db.sqlite3").write_bytes(b"not a private file")
    earlier = private_files / "backups" / "sse-backup-20260101T000000Z"
    earlier.mkdir(parents=True)
    (earlier / "files.tar").write_bytes(b"an earlier backup")
    return {"entities": Entity.objects.count(), "files": 3}


def scratch(tmp_path: Path) -> tuple[backups.Database, dict[str, Path]]:
    folder = tmp_path / "restored-files"
    return (
        backups.Database(vendor="sqlite", name=str(tmp_path / "restored.sqlite3")),
        {"private": folder, "media": folder / "media"},
    )


def sqlite_rows(database: backups.Database, sql: str) -> list[Any]:
    with sqlite3.connect(database.name) as db:
        return db.execute(sql).fetchall()


sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the SQLite variant; PostgreSQL's is test_a_postgresql_backup_restores_…",
)


@sqlite_only
@pytest.mark.django_db(transaction=True)  # a backup reads what is committed
def test_a_sqlite_backup_restores_every_row_and_file(
    reference_data: None, private_files: Path, tmp_path: Path
) -> None:
    seeded = seed(private_files)
    call_command("backup", str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"]["tables"]["surveys_entity"] == seeded["entities"]
    assert sorted(manifest["files"]["items"]) == sorted(
        [
            f"private/media/{CaseStudyAttachment.objects.get().file.name}",
            *[
                f"private/{path.relative_to(private_files).as_posix()}"
                for path in (private_files / "reports").rglob("*.*")
            ],
        ]
    )

    database, roots = scratch(tmp_path)
    restored = backups.backup_restore(folder=folder, database=database, roots=roots)

    live = backups.table_counts(
        backups.Database(vendor="sqlite", name=str(folder / "database.sqlite3"))
    )
    assert backups.table_counts(database) == live == manifest["database"]["tables"]
    assert restored.rows == sum(live.values()) and restored.files == seeded["files"]
    assert sqlite_rows(
        database, "SELECT name_local FROM surveys_entity WHERE country_id = 'TH'"
    ) == [("วิสาหกิจชุมชนลำปาง",)]
    for name, item in manifest["files"]["items"].items():
        relative = name.removeprefix("private/")
        assert (roots["private"] / relative).read_bytes() == (
            private_files / relative
        ).read_bytes()
        assert backups.sha256_of(roots["private"] / relative) == item["sha256"]
    assert not (roots["private"] / "celerybeat-schedule").exists()
    assert not (roots["private"] / "db.sqlite3").exists()


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_restoring_refuses_a_database_that_is_not_empty_unless_forced(
    reference_data: None, private_files: Path, tmp_path: Path
) -> None:
    seed(private_files)
    folder = backups.backup_create(destination=tmp_path / "backups")
    database, roots = scratch(tmp_path)
    backups.backup_restore(folder=folder, database=database, roots=roots)
    sqlite_rows(database, "DELETE FROM surveys_entity")

    with pytest.raises(ApplicationError, match=r"is not empty .*--force"):
        backups.backup_restore(folder=folder, database=database, roots=roots)
    assert sqlite_rows(database, "SELECT COUNT(*) FROM surveys_entity") == [(0,)]

    backups.backup_restore(folder=folder, database=database, roots=roots, force=True)
    assert sqlite_rows(database, "SELECT COUNT(*) FROM surveys_entity") == [
        (Entity.objects.count(),)
    ]


@sqlite_only
@pytest.mark.django_db
def test_the_restore_command_leaves_the_sites_database_alone_without_force(
    reference_data: None, private_files: Path, tmp_path: Path
) -> None:
    folder = backups.backup_create(destination=tmp_path / "backups")
    entities = Entity.objects.count()
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(folder))
    assert Entity.objects.count() == entities


@sqlite_only
@pytest.mark.django_db
def test_a_damaged_backup_restores_nothing(private_files: Path, tmp_path: Path) -> None:
    (private_files / "reports").mkdir(parents=True)
    (private_files / "reports" / "report.pdf").write_bytes(os.urandom(3000))
    folder = backups.backup_create(destination=tmp_path / "backups")
    with open(folder / "files.tar", "r+b") as archive:
        archive.seek(600)
        archive.write(b"x")
    database, roots = scratch(tmp_path)
    with pytest.raises(ApplicationError, match=r"damaged: files\.tar"):
        backups.backup_restore(folder=folder, database=database, roots=roots)
    assert not Path(database.name).exists()
    assert not roots["private"].exists()


def test_a_folder_without_a_manifest_is_not_a_backup(tmp_path: Path) -> None:
    database, roots = scratch(tmp_path)
    with pytest.raises(ApplicationError, match="not a backup folder"):
        backups.backup_restore(folder=tmp_path, database=database, roots=roots)


# --- PostgreSQL: the commands as an operator runs them, on databases of their own ----


def manage(*arguments: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def psql(database: str, sql: str) -> str:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAc", sql],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


@pytest.mark.integration
def test_a_postgresql_backup_restores_every_row_and_file(tmp_path: Path) -> None:
    server = "postgres://postgres@127.0.0.1:5432"
    for name in ("bkp_src", "bkp_dst"):
        psql("postgres", f"DROP DATABASE IF EXISTS {name}")
        psql("postgres", f"CREATE DATABASE {name}")
    source_files, restored_files = tmp_path / "source", tmp_path / "restored"
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "PRIVATE_FILES_ROOT", "DJANGO_SETTINGS_MODULE")
    } | {"DEBUG": "true"}
    source = base | {
        "DATABASE_URL": f"{server}/bkp_src",
        "PRIVATE_FILES_ROOT": str(source_files),
    }
    target = base | {
        "DATABASE_URL": f"{server}/bkp_dst",
        "PRIVATE_FILES_ROOT": str(restored_files),
    }
    try:
        for step in (
            ["migrate", "--noinput", "-v0"],
            ["load_reference_data"],
            ["seed_demo", "--without-records", "--quiet-logins"],
        ):
            done = manage(*step, env=source)
            assert done.returncode == 0, done.stderr
        attachment = source_files / "media" / "case-studies" / "2026" / "minutes.pdf"
        attachment.parent.mkdir(parents=True)
        attachment.write_bytes(b"%PDF-1.4 " + os.urandom(20000))
        report = source_files / "reports" / "TH" / "1" / "report.xlsx"
        report.parent.mkdir(parents=True)
        report.write_bytes(os.urandom(5000))

        backed_up = manage("backup", str(tmp_path / "backups"), env=source)
        assert backed_up.returncode == 0, backed_up.stderr
        (folder,) = (tmp_path / "backups").iterdir()
        manifest = json.loads((folder / "manifest.json").read_text())

        restored = manage("restore", str(folder), env=target)
        assert restored.returncode == 0, restored.stderr
        assert "match the backup's manifest" in restored.stdout

        tables = manifest["database"]["tables"]
        assert tables["auth_user"] > 0 and tables["countries_adminarea"] > 0
        for table, rows in tables.items():
            assert int(psql("bkp_dst", f'SELECT COUNT(*) FROM "{table}"')) == rows
            assert int(psql("bkp_src", f'SELECT COUNT(*) FROM "{table}"')) == rows
        assert psql(
            "bkp_dst", "SELECT name_local FROM countries_adminarea WHERE code = 'TH-52'"
        ) == psql(
            "bkp_src", "SELECT name_local FROM countries_adminarea WHERE code = 'TH-52'"
        )
        for path in (attachment, report):
            copy = restored_files / path.relative_to(source_files)
            assert backups.sha256_of(copy) == backups.sha256_of(path)
        # The restored site runs: its migrations are all there.
        assert manage("migrate", "--check", env=target).returncode == 0

        again = manage("restore", str(folder), env=target)
        assert again.returncode != 0
        assert 'The database "bkp_dst" is not empty' in again.stderr
        assert "--force" in again.stderr
        psql("bkp_dst", "DELETE FROM countries_membership")
        forced = manage("restore", str(folder), "--force", env=target)
        assert forced.returncode == 0, forced.stderr
        assert (
            int(psql("bkp_dst", "SELECT COUNT(*) FROM countries_membership"))
            == (tables["countries_membership"])
        )
    finally:
        for name in ("bkp_src", "bkp_dst"):
            psql("postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
