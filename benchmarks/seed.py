"""The seeded data the measures read, and the users they act as."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from benchmarks.harness import Config, Context
from benchmarks.stats import NO_TARGET, Result, secs, verdict
from countries.authentication import api_token_create
from countries.models import Country, Membership
from countries.vocabularies import Role
from surveys.models import Entity

COUNTRIES = ("KH", "KG", "MN", "TH", "VN")
VACUUMED = ("surveys_entity", "surveys_entityfigures", "surveys_principlesassessment")


def prepare(config: Config, progress: Callable[[str], None]) -> Context:
    started = time.monotonic()
    seeded = 0
    if config.seed:
        progress(f"seeding {config.per_country} entities per country …")
        out = io.StringIO()
        call_command("seed_bench", per_country=config.per_country, stdout=out)
        text = out.getvalue()
        seeded = int(text.split()[1]) if text.startswith("Created") else 0
    seed_seconds = time.monotonic() - started
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load, done now rather than at some point
        # during the run: the visibility map lets counts use index-only scans.
        with connection.cursor() as cursor:
            for table in VACUUMED:
                cursor.execute(f"VACUUM (ANALYZE) {table}")
    country = Country.objects.get(pk=config.country)
    users = get_user_model().objects
    consultant = users.get(username=f"bench-{config.country.lower()}")
    staff, _ = users.get_or_create(
        username="bench-staff", defaults={"email": "bench-staff@example.org"}
    )
    Membership.objects.get_or_create(user=staff, country=None, role=Role.STAFF)
    # Imports by a consultant of their own: what they create is not a seeded row.
    importer, _ = users.get_or_create(
        username=f"bench-import-{config.country.lower()}",
        defaults={"email": f"bench-import-{config.country.lower()}@example.org"},
    )
    Membership.objects.get_or_create(
        user=importer, country=country, role=Role.CONSULTANT
    )
    _, token = api_token_create(user=consultant, name="benchmark harness")
    return Context(
        importer=importer,
        config=config,
        country=country,
        consultant=consultant,
        staff=staff,
        token=token,
        seed_seconds=seed_seconds,
        seeded=seeded,
    )


def seed_result(context: Context) -> Result:
    config = context.config
    full = context.seeded >= config.per_country * len(COUNTRIES)
    target = "< 180 s for 5 × 100 000 from empty"
    applies = full and config.per_country >= 100_000
    return Result(
        measure="seed",
        name=f"seed_bench --per-country {config.per_country}",
        target=target,
        measured=(
            f"{secs(context.seed_seconds)} ({context.seeded} entities created)"
            if config.seed
            else "skipped (--no-seed)"
        ),
        status=verdict(context.seed_seconds < 180) if applies else NO_TARGET,
        note="" if applies else "target applies to a full seed from empty only",
    )


def country_entities(context: Context) -> Any:
    return Entity.objects.filter(country=context.country)
