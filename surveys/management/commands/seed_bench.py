"""A large, realistic dataset for the benchmark harness (bulk paths, not one save a row).

`manage.py seed_bench --per-country 100000` gives each country that many entities with
two years of figures and an assessment, spread over areas, types, sectors and states.
Re-running tops each country up to the number asked for and creates nothing twice.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import random
import time
import uuid
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from countries.models import AdminArea, Country, IsicCode, LegalForm, Membership
from countries.vocabularies import (
    GeoPrecision,
    Rating,
    RegistrationStatus,
    Role,
    SseType,
    Visibility,
    WorkflowState,
    priority_sectors_for,
)
from surveys.entities.duplicates import name_key
from surveys.models import Entity, EntityFigures, PrinciplesAssessment
from surveys.principles import CRITERIA, VALUES, classify

BATCH = 5000
# Entity number n was last changed at EPOCH + n × STEP: distinct, realistic times for
# the (country, -updated_at, -id) index, reproducible on a top-up, and a report cut-off
# that takes exactly a country's first N entities.
EPOCH = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
STEP = datetime.timedelta(minutes=5)
CODE_BASE = 9_000_000
CODE_SPAN = 1_000_000
STATES = (
    [WorkflowState.VALIDATED] * 55
    + [WorkflowState.SUBMITTED] * 8
    + [WorkflowState.IN_REVIEW] * 7
    + [WorkflowState.RETURNED] * 10
    + [WorkflowState.REJECTED] * 5
    + [WorkflowState.DRAFT] * 15
)
WORDS = [
    *("Rice", "Green", "Mountain", "River", "Weavers", "Farmers", "Women"),
    *("Youth", "Herders", "Fishers", "Builders", "Miners", "Bamboo", "Silk"),
    *("Tea", "Coffee", "Honey", "Dairy", "Craft", "Savings", "Community"),
]
KINDS = {
    SseType.COOP: "Cooperative",
    SseType.PRECOOP: "Cooperative Group",
    SseType.SCC: "Credit Union",
    SseType.ASSOC: "Association",
    SseType.MUTUAL: "Mutual Society",
    SseType.FOUND: "Foundation",
    SseType.SE: "Social Enterprise",
    SseType.SHG: "Savings Group",
    SseType.CE: "Community Enterprise",
    SseType.OTHER: "Network",
}
RATING_MIX = [Rating.MET] * 14 + [Rating.PARTIAL] * 4 + [Rating.UNKNOWN, Rating.NOT_MET]


class Command(BaseCommand):
    help = "Create a large benchmark dataset (idempotent: tops up to --per-country)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--per-country", type=int, default=100_000)
        parser.add_argument("--countries", default="KH,KG,MN,TH,VN")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        if not Country.objects.exists():
            call_command("load_reference_data", verbosity=0)
        if not 0 <= options["per_country"] <= CODE_SPAN:
            raise CommandError(f"--per-country must be between 0 and {CODE_SPAN}.")
        started = time.monotonic()
        rng = random.Random(options["seed"])
        isic = list(
            IsicCode.objects.filter(level="division").values_list("code", flat=True)
        )
        total = 0
        for code in options["countries"].split(","):
            country = Country.objects.get(pk=code.strip().upper())
            total += self._seed_country(country, options["per_country"], rng, isic)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            f"Created {total} entities in {time.monotonic() - started:.1f} s."
        )

    def _seed_country(
        self, country: Country, wanted: int, rng: random.Random, isic: list[str]
    ) -> int:
        user = self._bench_user(country)
        existing = Entity.objects.filter(
            country=country,
            created_by=user,
            code__gte=bench_code(country.code, 0),
            code__lte=bench_code(country.code, CODE_SPAN - 1),
        ).count()
        if existing >= wanted:
            return 0
        areas = list(AdminArea.objects.current().filter(country=country, level=1))
        old_areas = list(
            AdminArea.objects.filter(country=country, valid_to__isnull=False)
        )
        forms = list(LegalForm.objects.filter(country=country))
        created = 0
        for start in range(existing, wanted, BATCH):
            stop = min(start + BATCH, wanted)
            with transaction.atomic():
                self._batch(
                    country,
                    user,
                    range(start, stop),
                    rng,
                    isic,
                    areas,
                    old_areas,
                    forms,
                )
            created += stop - start
        return created

    def _bench_user(self, country: Country) -> Any:
        user, _ = get_user_model().objects.get_or_create(
            username=f"bench-{country.code.lower()}",
            defaults={"email": f"bench-{country.code.lower()}@example.org"},
        )
        Membership.objects.get_or_create(
            user=user, country=country, role=Role.CONSULTANT
        )
        return user

    def _batch(
        self,
        country: Country,
        user: Any,
        numbers: range,
        rng: random.Random,
        isic: list[str],
        areas: list[AdminArea],
        old_areas: list[AdminArea],
        forms: list[LegalForm],
    ) -> None:
        now = timezone.now()
        first_id = _reserve_ids(Entity, len(numbers))
        entities: list[dict[str, Any]] = []
        figures: list[dict[str, Any]] = []
        assessments: list[dict[str, Any]] = []
        for offset, number in enumerate(numbers):
            entity_id = first_id + offset
            sse_type = rng.choice(list(KINDS))
            # A tenth of Viet Nam's records still point at pre-2025 provinces.
            area = (
                rng.choice(old_areas)
                if old_areas and rng.random() < 0.1
                else rng.choice(areas)
            )
            main = rng.choice(isic[:12] if rng.random() < 0.4 else isic)
            other = [rng.choice(isic)] if rng.random() < 0.3 else []
            sectors = priority_sectors_for([main, *other])
            status = rng.choice(REGISTRATION)
            ratings, result = rng.choice(PROFILES[status])
            name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {KINDS[sse_type]} {number}"
            members = rng.randint(7, 800)
            women = rng.randint(0, members)
            men = members - women - (rng.randint(0, members - women) // 5)
            board = min(members, rng.randint(3, 11))
            board_women = rng.randint(0, board)
            chair = rng.choice(["F", "M"])
            entities.append(
                {
                    "id": entity_id,
                    "uid": uuid.UUID(int=rng.getrandbits(128), version=4),
                    "code": bench_code(country.code, number),
                    "country_id": country.code,
                    "name_en": name,
                    "name_local": name.upper(),
                    "name_key": name_key(name.upper(), name),
                    "area_id": area.pk,
                    "latitude": _near(area.centroid_lat, rng),
                    "longitude": _near(area.centroid_lon, rng),
                    "geo_precision": GeoPrecision.VILLAGE,
                    "sse_type": sse_type,
                    "legal_form_id": rng.choice(forms).pk if forms else None,
                    "registration_status": status,
                    "year_established": rng.randint(1975, 2022),
                    "main_activity_id": main,
                    "other_activities": other,
                    "sector_farm_small": "FARM_SMALL" in sectors,
                    "sector_asm": "ASM" in sectors,
                    "sector_construction": "CONSTRUCTION" in sectors,
                    "visibility": rng.choice(list(Visibility)),
                    "workflow_state": rng.choice(STATES),
                    "classification": result.classification,
                    "classification_reasons": result.reasons,
                    "classification_rule_version": result.rule_version,
                    "women_led": chair == "F" or board_women * 2 >= board,
                    "share_not_disaggregated": round(
                        (members - women - men) / (members + board), 4
                    ),
                    "created_by_id": user.pk,
                    "updated_by_id": user.pk,
                    "created_at": changed_at(number, now),
                    "updated_at": changed_at(number, now),
                }
            )
            for year in (2023, 2024):
                figures.append(
                    {
                        "entity_id": entity_id,
                        "reference_year": year,
                        "members_total": members,
                        "members_women": women,
                        "members_men": men,
                        "employees_total": rng.randint(0, 40),
                        "board_total": board,
                        "board_women": board_women,
                        "board_men": board - board_women,
                        "chair_sex": chair,
                        "manager_sex": rng.choice(["F", "M", ""]),
                        "turnover": rng.randint(1_000, 5_000_000),
                        "assets": rng.randint(1_000, 9_000_000),
                        "currency": country.currency,
                    }
                )
            assessments.append(
                {
                    "entity_id": entity_id,
                    "assessed_by_id": user.pk,
                    "assessed_at": now,
                    **{c.field: ratings[c.code] for c in CRITERIA},
                    **{v.field: rng.choice(RATING_MIX) for v in VALUES},
                }
            )
        _insert(Entity, entities)
        _insert(EntityFigures, figures, with_ids=False)
        _insert(PrinciplesAssessment, assessments, with_ids=False)


def bench_code(country_code: str, number: int) -> str:
    """Numbered like the codes the application gives (`KH-000123`), from 9 000 000 up,
    so that the next code the application gives follows them."""
    return f"{country_code}-{CODE_BASE + number}"


def changed_at(number: int, now: datetime.datetime) -> datetime.datetime:
    """When benchmark entity `number` of a country was last changed (never the future)."""
    return min(EPOCH + number * STEP, now)


def _near(centre: Decimal | None, rng: random.Random) -> Decimal | None:
    if centre is None:
        return None
    return Decimal(f"{float(centre) + rng.uniform(-0.3, 0.3):.6f}")


def _rating_profiles() -> dict[str, list[tuple[dict[str, str], Any]]]:
    """Two hundred assessments per registration status, classified once and reused:
    classifying every row again would make seeding far slower for no extra realism.
    About 70 % look like SSE, 20 % are borderline and 10 % fall outside."""
    rng = random.Random(7)
    governance = [c.code for c in CRITERIA if c.principle in ("P1", "P2")]
    autonomy = [c.code for c in CRITERIA if c.principle in ("P3", "P4")]
    profiles: dict[str, list[tuple[dict[str, str], Any]]] = {}
    for status in REGISTRATION:
        profiles[status] = []
        for index in range(200):
            ratings: dict[str, str] = {
                c.code: rng.choice([Rating.MET] * 4 + [Rating.PARTIAL])
                for c in CRITERIA
            }
            if index % 10 in (7, 8):
                ratings[rng.choice(governance)] = rng.choice(
                    [Rating.NOT_MET, Rating.UNKNOWN]
                )
            elif index % 10 == 9:
                ratings[rng.choice(autonomy)] = Rating.NOT_MET
            result = classify(ratings, registration_status=status)
            profiles[status].append((ratings, result))
    return profiles


REGISTRATION = [status.value for status in RegistrationStatus]
PROFILES = _rating_profiles()


def _reserve_ids(model: type[Model], count: int) -> int:
    """Claim `count` consecutive primary keys, so child rows can point at them."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                "nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
                [table, table, count],
            )
            return int(cursor.fetchone()[0]) - count + 1
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
        return int(cursor.fetchone()[0]) + 1


def _insert(
    model: type[Model], rows: list[dict[str, Any]], *, with_ids: bool = True
) -> None:
    """Write rows with COPY on PostgreSQL (the fast path), executemany elsewhere.

    Columns not given take the field's default, as a save() would; generated columns
    are the database's to fill.
    """
    fields = [
        f
        for f in model._meta.concrete_fields
        if (with_ids or not f.primary_key) and not f.generated
    ]
    columns = [str(f.column) for f in fields]
    defaults = {f.attname: f.get_default() for f in fields}
    values = [
        [
            _db_value(field, row.get(field.attname, defaults[field.attname]))
            for field in fields
        ]
        for row in rows
    ]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            for row in values:
                writer.writerow([r"\N" if v is None else v for v in row])
            buffer.seek(0)
            cursor.cursor.copy_expert(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN "
                "WITH (FORMAT csv, NULL '\\N')",
                buffer,
            )
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
                values,
            )


def _db_value(field: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list | dict):
        return json.dumps(value)
    if isinstance(value, bool):
        return ("t" if value else "f") if connection.vendor == "postgresql" else value
    if isinstance(value, datetime.datetime | uuid.UUID):
        return (
            str(value)
            if connection.vendor == "postgresql"
            else field.get_db_prep_value(value, connection)
        )
    return value
