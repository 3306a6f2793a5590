"""Run the performance harness and write the results table.

    .venv/bin/python -m benchmarks.run --per-country 100000 --out docs/benchmarks.md
    .venv/bin/python -m benchmarks.run --per-country 2000 --only list,csv --no-load

It uses DATABASE_URL and REDIS_URL like the application (SQLite when unset: figures
then have no COPY floor). See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

import django
import xlsxwriter
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from benchmarks.harness import MEASURES, Config, run
from benchmarks.stats import MISSED

ROOT = Path(__file__).resolve().parent.parent
TABLE_START = "<!-- bench:results:start -->"
TABLE_END = "<!-- bench:results:end -->"


def configure_environment() -> None:
    """Production-like settings for the run: DEBUG off (no query log kept), and what a
    local, plain-HTTP run needs."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sse_mapping.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault(
        "SECRET_KEY", "benchmark-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
    )
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault(
        "PRIVATE_FILES_ROOT", str(ROOT / "benchmarks" / "out" / "private")
    )


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-country", type=int, default=100_000)
    parser.add_argument(
        "--only",
        default=",".join(MEASURES),
        help=f"comma-separated measures among: {', '.join(MEASURES)}",
    )
    parser.add_argument("--country", default="KH")
    parser.add_argument("--repeats", type=int, default=30, help="per request")
    parser.add_argument(
        "--heavy-repeats", type=int, default=3, help="per export and report"
    )
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--import-repeats", type=int, default=2)
    parser.add_argument("--no-load", action="store_true", help="skip the load test")
    parser.add_argument("--load-users", type=int, default=100)
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--gunicorn-workers", type=int, default=0)
    parser.add_argument("--no-seed", action="store_true")
    parser.add_argument("--out", type=Path, help="markdown file to write the table to")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a target is missed"
    )
    options = parser.parse_args(argv)
    unknown = set(options.only.split(",")) - set(MEASURES)
    if unknown:
        parser.error(f"unknown measures: {', '.join(sorted(unknown))}")
    return options


def config_from(options: argparse.Namespace) -> Config:
    work = ROOT / "benchmarks" / "out" / "work"
    work.mkdir(parents=True, exist_ok=True)
    return Config(
        per_country=options.per_country,
        only=tuple(options.only.split(",")),
        country=options.country.upper(),
        repeats=options.repeats,
        heavy_repeats=options.heavy_repeats,
        import_rows=options.import_rows,
        import_repeats=options.import_repeats,
        load=not options.no_load,
        load_users=options.load_users,
        load_seconds=options.load_seconds,
        gunicorn_workers=options.gunicorn_workers,
        seed=not options.no_seed,
        work_dir=work,
        own_processes=True,
    )


def prepare_database() -> None:
    """Migrate; collect static files when the manifest storage needs them."""
    call_command("migrate", interactive=False, verbosity=0)
    storage = settings.STORAGES["staticfiles"]["BACKEND"]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if "Manifest" in storage and not manifest.exists():
        call_command("collectstatic", interactive=False, verbosity=0)


# --- The report -----------------------------------------------------------------------


def _version(command: list[str]) -> str:
    try:
        return subprocess.run(
            command, capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine() -> list[tuple[str, str]]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT version()")
            database = cursor.fetchone()[0].split(" on ")[0]
        else:
            cursor.execute("SELECT sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]}"
    try:
        import weasyprint

        weasy = weasyprint.__version__
    except Exception:  # noqa: BLE001 - Pango missing: reported, not fatal here
        weasy = "unavailable"
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",)
    return [
        ("Date (UTC)", datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M")),
        ("CPU", f"{cpu}, {os.cpu_count()} cores"),
        ("Memory", memory),
        ("Load average at the end", ", ".join(f"{x:.2f}" for x in load)),
        ("OS", platform.platform()),
        ("Python", platform.python_version()),
        ("Django", django.get_version()),
        ("Database", database),
        ("Redis", settings.REDIS_URL or "not used (tasks in-process)"),
        ("XlsxWriter / WeasyPrint", f"{xlsxwriter.__version__} / {weasy}"),
        (
            "Git commit",
            _version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]),
        ),
    ]


def _cell(text: str) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def markdown(results: list[Any], config: Any, command: str) -> str:
    lines = [
        f"Command: `{command}`",
        "",
        "| Machine | |",
        "|---|---|",
        *(f"| {k} | {_cell(v)} |" for k, v in machine()),
        "",
        "| Measure | Target | Measured | DB floor (same run) | Ratio | Queries "
        "| Memory | Load (1 min, before → after) | Result | Notes |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            "| "
            + " | ".join(
                _cell(x)
                for x in (
                    r.name,
                    r.target,
                    r.measured,
                    r.floor,
                    r.ratio,
                    r.queries,
                    r.memory,
                    r.load,
                    r.status,
                    r.note,
                )
            )
            + " |"
        )
    return "\n".join(lines) + "\n"


def write(out: Path, table: str) -> None:
    """Replace the results between the markers, keeping the rest of the page."""
    block = f"{TABLE_START}\n{table}{TABLE_END}"
    if out.exists():
        text = out.read_text(encoding="utf-8")
        if TABLE_START in text and TABLE_END in text:
            head, rest = text.split(TABLE_START, 1)
            tail = rest.split(TABLE_END, 1)[1]
            out.write_text(head + block + tail, encoding="utf-8")
            return
        out.write_text(text.rstrip() + "\n\n" + block + "\n", encoding="utf-8")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"# Benchmarks\n\n{block}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    configure_environment()
    sys.path.insert(0, str(ROOT))
    django.setup()
    options = parse(argv)
    prepare_database()
    config = config_from(options)
    command = "python -m benchmarks.run " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )

    def partial(results: list[Any]) -> None:
        if options.out:
            write(options.out, markdown(results, config, command + "  (in progress)"))

    results = run(config, progress=lambda text: print(text, flush=True), done=partial)
    table = markdown(results, config, command)
    print(table)
    if options.out:
        write(options.out, table)
        print(f"written to {options.out}")
    missed = [r.name for r in results if r.status == MISSED]
    if missed:
        print("missed: " + "; ".join(missed))
    return 1 if options.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
