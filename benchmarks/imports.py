"""Imports of a generated template CSV, checked and committed as a worker does it."""

from __future__ import annotations

import csv
import io
import itertools
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.module_loading import import_string

from benchmarks.harness import Context
from benchmarks.stats import (
    NO_TARGET,
    Result,
    Timings,
    peak_memory,
    secs,
    spread,
    verdict,
)
from countries.models import AdminArea, IsicCode
from countries.vocabularies import RegistrationStatus, SseType
from sse_mapping.celery import app
from surveys.imports import import_confirm, import_start
from surveys.imports.duplicates import CREATE_DECISION
from surveys.imports.reading import MAX_ROWS
from surveys.jobs import outbox
from surveys.models import Entity, ImportJob
from surveys.spreadsheet import TEMPLATE_COLUMNS


def import_csv(context: Context, rows: int, tag: str) -> bytes:
    """A template CSV of `rows` new entities, spread over areas, types and sectors,
    each named like an entity already recorded in its area (a letter doubled, a word
    dropped or a village added): the look-alikes a consultant has to decide on."""

    rng = random.Random(tag)
    recorded = _recorded_names(context, rows, rng)
    areas = list(
        AdminArea.objects.current()
        .filter(country=context.country, level=1)
        .values_list("code", flat=True)
    )
    divisions = list(
        IsicCode.objects.filter(level="division").values_list("code", flat=True)
    )
    output = io.StringIO()
    writer = csv.DictWriter(
        output, fieldnames=[c.name for c in TEMPLATE_COLUMNS], lineterminator="\n"
    )
    writer.writeheader()
    types = itertools.cycle(SseType.values)
    for number in range(rows):
        members = rng.randint(8, 400)
        women = rng.randint(0, members)
        name, area = (
            recorded[number]
            if number < len(recorded)
            else (_new_name(rng), rng.choice(areas))
        )
        writer.writerow(
            {
                "name_en": _look_alike(name, rng),
                "area": area,
                "sse_type": next(types),
                "registration_status": rng.choice(RegistrationStatus.values),
                "main_activity": rng.choice(divisions),
                "year_established": str(rng.randint(1980, 2023)),
                "reference_year": "2024",
                "members_total": str(members),
                "members_women": str(women),
                "members_men": str(members - women),
            }
        )
    return output.getvalue().encode()


SYLLABLES = (
    *("ka", "ro", "san", "phum", "tre", "vong", "li", "bat", "kor", "men"),
    *("sok", "than", "nal", "rey", "dam", "khe", "mui", "por", "ta", "yen"),
)
NAME_WORDS = ("Rice", "Weavers", "Farmers", "Women's", "Fishers", "Bamboo", "Honey")
NAME_KINDS = ("Cooperative", "Association", "Savings Group", "Social Enterprise")


def _new_name(rng: random.Random) -> str:
    """A name like those consultants record: a place, an activity, a kind."""
    place = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
    village = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
    return (
        f"{place.title()} {village.title()} {rng.choice(NAME_WORDS)} "
        f"{rng.choice(NAME_KINDS)}"
    )


def _recorded_names(
    context: Context, rows: int, rng: random.Random
) -> list[tuple[str, str]]:
    """(name, area code) of `rows` entities of the country, picked at random."""
    entities = Entity.objects.filter(
        country=context.country, area__isnull=False
    ).exclude(name_en="")
    # Picked among the entities there are, so that every row names one, however many
    # keys the repeats before used and deleted.
    there = list(entities.order_by("pk").values_list("pk", flat=True))
    picked = rng.sample(there, min(rows, len(there)))
    found = list(
        entities.filter(pk__in=picked)
        .order_by("pk")
        .values_list("name_en", "area__code")
    )
    rng.shuffle(found)
    return found


def _look_alike(name: str, rng: random.Random) -> str:
    """The name as another consultant might have typed it."""
    words = name.split()
    change = rng.randrange(3)
    if change == 0:  # a letter doubled
        at = rng.randrange(len(name))
        return name[:at] + name[at] + name[at:]
    if change == 1 and len(words) > 3:  # a word dropped, neither first nor last
        words.pop(rng.randrange(1, len(words) - 1))
        return " ".join(words)
    return f"{name} {rng.choice(SYLLABLES).title()}"


@contextmanager
def _worker_in_process() -> Iterator[list[tuple[str, list[object]]]]:
    """The tasks a request sends, kept instead of going to Redis: `_work_off` runs them
    here once the request has returned, as a worker would, so that the worker's
    memory is not measured on top of the request's."""
    sent: list[tuple[str, list[object]]] = []

    def keep(task_name: str, *args: object, what: str) -> bool:
        sent.append((task_name, list(args)))
        return True

    with mock.patch.object(outbox, "_send", keep):
        yield sent


def _work_off(sent: list[tuple[str, list[object]]]) -> None:
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        while sent:
            task_name, args = sent.pop(0)
            import_string(task_name).apply_async(args=args)
    finally:
        app.conf.task_always_eager = eager


def measure_import(context: Context) -> list[Result]:
    rows = context.config.import_rows
    validation, commit, total, cpu = Timings(), Timings(), Timings(), Timings()
    created = duplicates = 0
    # The files are written before the memory is watched: a consultant's machine
    # writes them, not the process measured. Each repeat's names look like seeded
    # entities (the repeat before deletes what it imported).
    files = [
        (tag, import_csv(context, rows, tag))
        for tag in (
            f"{time.time_ns():x}-{n}" for n in range(context.config.import_repeats)
        )
    ]
    with peak_memory() as memory, _worker_in_process() as sent:
        for tag, content in files:
            started, cpu_started = time.perf_counter(), time.process_time()
            job = import_start(
                user=context.importer,
                country=context.country,
                file=SimpleUploadedFile(f"bench-{tag}.csv", content),
                kind=ImportJob.Kind.TEMPLATE,
            )
            _work_off(sent)
            checked = time.perf_counter()
            job.refresh_from_db()
            if job.stage != ImportJob.Stage.READY:
                raise RuntimeError(f"import check failed: {job.error} {job.errors[:3]}")
            duplicates = len(job.duplicates)
            decisions = {
                d["id"]: CREATE_DECISION
                if CREATE_DECISION in d["choices"]
                else d["choices"][0]
                for d in job.duplicates
            }
            # What the decision page's request held is gone when the worker runs.
            job.duplicates = []
            import_confirm(user=context.importer, job=job, decisions=decisions)
            del decisions
            _work_off(sent)
            done, cpu_done = time.perf_counter(), time.process_time()
            job.refresh_from_db()
            if job.stage != ImportJob.Stage.IMPORTED:
                raise RuntimeError(f"import commit failed: {job.error}")
            created = job.created_count
            validation.seconds.append(checked - started)
            commit.seconds.append(done - checked)
            total.seconds.append(done - started)
            cpu.seconds.append(cpu_done - cpu_started)
            # The country keeps the size it was seeded at, and the next repeat's names
            # look like seeded entities, not like this repeat's.
            Entity.objects.filter(
                country=context.country, created_by=context.importer
            ).delete()
    return [
        Result(
            measure="import",
            name=f"Import of a {rows}-row template CSV (validation + commit)",
            target="≤ 10 s (≥ 1 000 rows/s)"
            if rows >= 10_000
            else "≤ 10 s at 10 000 rows (≥ 1 000 rows/s)",
            measured=f"{spread(total, secs)}; {rows / total.p50:,.0f} rows/s (p50)",
            floor="n/a",
            ratio="n/a",
            memory=f"+{memory.growth_mib:.1f} MiB",
            status=verdict(total.p95 <= 10) if rows >= 10_000 else NO_TARGET,
            note=f"validation p50 {secs(validation.p50)}, commit p50 "
            f"{secs(commit.p50)}; {created} created, each named like a recorded "
            f"entity of its area: {duplicates} possible duplicates decided 'create'; "
            f"CPU time of the process p50 {secs(cpu.p50)} (the rest: the database, "
            "and other work on the machine)",
            figures={"validation": validation.p50, "commit": commit.p50},
        ),
        Result(
            measure="import",
            name="Import: memory growth of the process doing the work",
            target="≤ 100 MiB at 10 000 rows, as an export's",
            measured=f"+{memory.growth_mib:.1f} MiB (peak resident set above its "
            f"start), {memory.growth_mib * 1024 / rows:.1f} KiB a row",
            memory=f"+{memory.growth_mib:.1f} MiB",
            status=verdict(memory.growth_mib <= 100) if rows >= 10_000 else NO_TARGET,
            note="the check keeps every row of the file with its parsed values; "
            f"a file has at most {MAX_ROWS:,} rows",
        ),
    ]
