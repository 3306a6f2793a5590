"""`manage.py runplatform`: the web server and a Celery worker (with beat) together.

What `make run` starts: one command in one terminal, so that jobs (exports, imports,
reports, notification mails) run in a worker process as in production, never inside a
web request. Without REDIS_URL the broker is a folder (kombu's filesystem transport),
so nothing else needs to run. Ctrl-C (or SIGTERM) stops both; if either stops by
itself, the other is stopped too.

On SQLite, which has one writer at a time, the long jobs (exports, imports, reports,
releases) run one at a time in a worker of their own, so that two never wait for each
other's write lock; a second worker runs the short tasks (mails, the sweep) meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

# The long jobs' queues, and the short tasks' queue: one worker takes both, except on
# SQLite.
LONG_QUEUES, SHORT_QUEUES = "exports,reports", "default"
QUEUES = f"{SHORT_QUEUES},{LONG_QUEUES}"


class Command(BaseCommand):
    help = "Serve the platform and run a Celery worker with beat, until Ctrl-C."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--concurrency",
            type=int,
            default=2,
            help="Worker processes running jobs at once (default 2; on SQLite one "
            "long job at a time, whatever this says).",
        )
        parser.add_argument(
            "--reload",
            action="store_true",
            help="Restart the web server when the code changes.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        python = sys.executable
        manage = str(Path(settings.BASE_DIR) / "manage.py")
        web = [python, manage, "runserver", options["addrport"]]
        if not options["reload"]:
            web.append("--noreload")
        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            workers = [
                _worker("long", LONG_QUEUES, 1, beat=True),
                _worker("short", SHORT_QUEUES, 1, beat=False),
            ]
        else:
            workers = [_worker("jobs", QUEUES, options["concurrency"], beat=True)]
        # Each in a session of its own, so that stopping one stops its children too
        # (the worker's pool, the server's reloader).
        processes = [
            subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
                command, cwd=settings.BASE_DIR, start_new_session=True
            )
            for command in (*workers, web)
        ]
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(p.poll() is None for p in processes):
                time.sleep(0.5)
        finally:
            _stop_all(processes)
        failed = [p.returncode for p in processes if p.returncode not in (0, None)]
        if failed and not stopping:
            self.stderr.write("The web server or a worker stopped; all stopped.")
            sys.exit(1)


def _worker(name: str, queues: str, concurrency: int, *, beat: bool) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "sse_mapping",
        "worker",
        "-n",
        f"{name}@%h",
        "-Q",
        queues,
        f"--concurrency={concurrency}",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-l",
        "info",
    ]
    if beat:
        command.append("--beat")
        if not settings.REDIS_URL:
            command += ["-s", str(settings.CELERY_BROKER_FOLDER / "beat-schedule")]
    return command


def _stop_all(processes: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM to each process group (the worker finishes its current task's
    acknowledgement: an unfinished job is taken up again by the next worker), then
    SIGKILL after a grace period."""
    for process in processes:
        _signal_group(process, signal.SIGTERM)
    deadline = time.monotonic() + 20
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait()


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)
