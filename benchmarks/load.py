"""The load test: gunicorn started here, Locust (headless) against it over HTTP.

Each Locust user is a different consultant with their own session and API token, so
the per-user API budget applies to each as it would in production.
"""

from __future__ import annotations

import csv
import json
import os
import random
import resource
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from benchmarks.harness import Context
from benchmarks.mix import ASKS, asked_per_second
from benchmarks.stats import NOT_RUN, Result, Timings, ms, verdict
from countries.authentication import api_token_create
from countries.models import Country, Membership
from countries.vocabularies import Role
from surveys.models import Entity

BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).with_name("locustfile.py")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def load_accounts(context: Any, count: int) -> list[dict[str, Any]]:
    """`count` consultants spread over the countries, each logged in, with a token and
    a sample of their country's entity ids."""
    countries = list(Country.objects.order_by("code"))
    rng = random.Random(8)
    samples: dict[str, list[int]] = {}
    for country in countries:
        ids = list(
            Entity.objects.filter(country=country)
            .order_by("-updated_at", "-id")
            .values_list("pk", flat=True)[:20_000]
        )
        samples[country.code] = rng.sample(ids, min(200, len(ids)))
    users = []
    for number in range(count):
        country = countries[number % len(countries)]
        user, _ = get_user_model().objects.get_or_create(
            username=f"bench-load-{number:02d}",
            defaults={"email": f"bench-load-{number:02d}@example.org"},
        )
        Membership.objects.get_or_create(
            user=user, country=country, role=Role.CONSULTANT
        )
        client = Client()
        client.force_login(user)
        _, token = api_token_create(user=user, name="benchmark load test")
        users.append(
            {
                "country": country.code,
                "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "token": token,
                "entities": samples[country.code],
            }
        )
    return users


def _server_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{db['NAME']}"
    else:
        url = "postgres://{u}:{p}@{h}:{port}/{n}".format(
            u=db["USER"] or "postgres",
            p=db["PASSWORD"] or "",
            h=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            n=db["NAME"],
        )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sse_mapping.settings",
        "DATABASE_URL": url,
        "REDIS_URL": settings.REDIS_URL,
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "PRIVATE_FILES_ROOT": str(settings.PRIVATE_FILES_ROOT),
        "LOG_LEVEL": "WARNING",
    }


def _wait_for(url: str, process: subprocess.Popen[bytes], seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited before answering")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer {url}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class ChildCPU:
    """CPU seconds (user and system) of the child processes waited for since the
    last reading: Locust once `subprocess.run` returns, gunicorn and its workers once
    it is stopped."""

    def __init__(self) -> None:
        self.last = self._total()

    @staticmethod
    def _total() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    def since(self) -> float:
        now = self._total()
        spent, self.last = now - self.last, now
        return spent


def _aggregated(prefix: Path) -> dict[str, str]:
    with Path(f"{prefix}_stats.csv").open(newline="") as stats:
        for row in csv.DictReader(stats):
            if row["Name"] == "Aggregated":
                return row
    raise RuntimeError("Locust wrote no aggregated statistics")


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(settings.BASE_DIR))
    except ValueError:
        return str(path)


def run_load(context: Any) -> Result:
    config = context.config
    work = config.work_dir / "load"
    work.mkdir(parents=True, exist_ok=True)
    users_file = work / "users.json"
    accounts = load_accounts(context, config.load_users)
    users_file.write_text(json.dumps(accounts))
    workers = config.gunicorn_workers or (2 * (os.cpu_count() or 1) + 1)
    port = _free_port()
    host = f"http://127.0.0.1:{port}"
    env = _server_env()
    gunicorn = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "sse_mapping.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=(work / "gunicorn.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    prefix = work / "locust"
    cpu = ChildCPU()
    try:
        _wait_for(f"{host}/health/", gunicorn)
        locust = subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(LOCUSTFILE),
                "--headless",
                "--users",
                str(config.load_users),
                "--spawn-rate",
                str(max(1, config.load_users // 5)),
                "--run-time",
                f"{config.load_seconds}s",
                "--host",
                host,
                "--csv",
                str(prefix),
                "--only-summary",
                "--stop-timeout",
                "10",
                "--loglevel",
                "WARNING",
            ],
            env={
                **os.environ,
                "BENCH_LOAD_USERS": str(users_file),
                # The Locust users read the mix from `benchmarks.mix`.
                "PYTHONPATH": str(settings.BASE_DIR),
            },
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=config.load_seconds + 120,
            check=False,
        )
        (work / "locust.log").write_text(locust.stdout + locust.stderr)
        locust_cpu = cpu.since()
    finally:
        _stop(gunicorn)
    server_cpu = cpu.since()
    stats = _aggregated(prefix)
    requests = int(stats["Request Count"])
    failures = int(stats["Failure Count"])
    p50, p95, p99 = (float(stats[k]) for k in ("50%", "95%", "99%"))
    throughput = float(stats["Requests/s"])
    profile = mix_profile(accounts)
    return Result(
        measure="load",
        name=f"Load test: {config.load_users} users, {config.load_seconds} s, "
        f"Locust → gunicorn ({workers} sync workers); lists, details, API",
        target="0 errors; p95 ≤ 300 ms",
        measured=f"{throughput:.1f} req/s; p50 {p50:.0f} ms / p95 {p95:.0f} ms / "
        f"p99 {p99:.0f} ms; {failures} errors of {requests}",
        floor="n/a",
        ratio="n/a",
        status=verdict(failures == 0 and p95 <= 300 and requests > 0),
        note=f"{profile.note(config.load_users)}; CPU time over the run: "
        f"gunicorn {server_cpu:.0f} s, Locust {locust_cpu:.0f} s, of "
        f"{profile.cores * config.load_seconds} s on {profile.cores} cores; "
        f"per-endpoint figures in {_shown(prefix)}_stats.csv",
        figures={
            **profile.figures(),
            "rps": throughput,
            "server_cpu_s": server_cpu,
            "locust_cpu_s": locust_cpu,
            "p50": p50,
            "p95": p95,
            "p99": p99,
            "errors": failures,
            "requests": requests,
        },
    )


@dataclass
class MixProfile:
    """One request of each kind of the mix, timed in this process: what a request
    costs the server with nothing else running, and so the most it can serve."""

    p50: dict[str, float]  # seconds, by the request's name
    cores: int

    @property
    def mean(self) -> float:
        """A request's cost, the kinds weighted as the mix asks for them."""
        weights = {ask.name: ask.weight for ask in ASKS}
        return sum(self.p50[n] * w for n, w in weights.items()) / sum(weights.values())

    @property
    def capacity(self) -> float:
        return self.cores / self.mean

    def note(self, users: int) -> str:
        each = ", ".join(f"{name} {ms(seconds)}" for name, seconds in self.p50.items())
        return (
            f"one request of each kind in process, p50: {each}; the mix costs "
            f"{ms(self.mean)} a request, so {self.cores} cores serve at most "
            f"{self.capacity:.0f} a second with nothing else running (Locust and "
            f"PostgreSQL run beside it); {users} users ask for up to "
            f"{asked_per_second(users):.0f} a second"
        )

    def figures(self) -> dict[str, float]:
        return {"mix_ms": self.mean * 1000, "capacity_rps": self.capacity}


def mix_profile(accounts: list[dict[str, Any]], times: int = 20) -> MixProfile:
    """The p50 of `times` requests of each kind of the mix, by the load test's
    consultants (`load_accounts`) in turn, through Django's test client (no HTTP
    server)."""
    rng = random.Random(5)
    pages, api = [], []
    for account in accounts:
        page = Client()
        page.cookies[settings.SESSION_COOKIE_NAME] = account["session"]
        pages.append(page)
        api.append(Client(HTTP_AUTHORIZATION=f"Token {account['token']}"))
    p50 = {}
    for ask in ASKS:
        timings = Timings()
        for number in range(times + 3):
            at = number % len(accounts)
            client = api[at] if ask.api else pages[at]
            url = ask.url(accounts[at], rng)
            started = time.perf_counter()
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"GET {url} answered {response.status_code}")
            if number >= 3:  # the first few warm the caches
                timings.seconds.append(time.perf_counter() - started)
        p50[ask.name] = timings.p50
    return MixProfile(p50=p50, cores=os.cpu_count() or 1)


def measure_load(context: Context) -> list[Result]:
    if not context.config.load:
        return [
            Result(
                measure="load",
                name="Load test (Locust against gunicorn)",
                target="0 errors; p95 ≤ 300 ms",
                measured="skipped (--no-load)",
                status=NOT_RUN,
            )
        ]
    return [run_load(context)]
