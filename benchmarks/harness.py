"""The performance harness: each measure against the database's own floor, in one run.

The measures run inside a Django process (set up by `benchmarks.run`, or by pytest
for the small run). From the command line each measure has a process of its own
(`benchmarks.measure`), so that its memory is not taken from what an earlier
measure freed but the allocator kept; pytest's small run keeps them in its own. Pages and API calls go through Django's test client, so a
figure is the server's time for the request: middleware, views, queries, templates
and serializers, without a network. Export, import and report jobs run the very
function the Celery task runs (`export_run`, `import_run`, `report_compile`) in this
process, so that its time and its memory are measured where the work is done; a real
worker adds only the queue's hand-over. The load test alone goes over HTTP, to
gunicorn, with Locust (see `benchmarks.load`).

The measures live in one module each: `pages`, `exports`, `reports`, `imports`,
`load`; `seed` prepares the data and users, `timing` times a request and its floor.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.stats import Result, load_average, load_label

# The load test last: the minute of load it puts on the machine would weigh on the
# measure after it.
MEASURES = (
    "list",
    "detail",
    "map",
    "csv",
    "xlsx",
    "geojson",
    "report",
    "import",
    "load",
)


@dataclass
class Config:
    per_country: int = 100_000
    only: tuple[str, ...] = MEASURES
    country: str = "KH"
    repeats: int = 30  # requests
    heavy_repeats: int = 3  # exports and report compiles
    import_rows: int = 10_000
    import_repeats: int = 2
    load: bool = True
    load_users: int = 100
    load_seconds: int = 60
    gunicorn_workers: int = 0  # 0: 2 × cores + 1
    seed: bool = True
    # Each measure in a new Python process (`benchmarks.measure`).
    own_processes: bool = False
    work_dir: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="sse-bench-"))
    )


@dataclass
class Context:
    """Users, tokens and the rows the measures look at."""

    config: Config
    country: Any
    consultant: Any
    importer: Any
    staff: Any
    token: str
    seed_seconds: float = 0.0
    seeded: int = 0
    notes: list[str] = field(default_factory=list)


def run(
    config: Config,
    progress: Callable[[str], None] = print,
    done: Callable[[list[Result]], None] | None = None,
) -> list[Result]:
    """Seed, then take every measure asked for; returns the rows of the table.
    `done` is given the rows so far after each measure (to write partial results)."""
    from benchmarks import seed  # as the measures, once Django is set up

    context = seed.prepare(config, progress)
    results = [seed.seed_result(context)]
    for name in MEASURES:
        if name not in config.only:
            continue
        progress(f"measuring {name} …")
        started = time.monotonic()
        before = load_average()
        measured = (
            in_own_process(name, context)
            if config.own_processes
            else measure(name, context)
        )
        load = load_label(before, load_average())
        for result in measured:
            result.load = load
        results.extend(measured)
        progress(f"  {name} took {time.monotonic() - started:.0f} s (load {load})")
        if done is not None:
            done(results)
    return results


def measure(name: str, context: Context) -> list[Result]:
    """The rows of one measure, taken in this process."""
    # The measures import the models, which load only once Django is set up;
    # `benchmarks.run` reads MEASURES and Config before it sets Django up.
    from benchmarks import exports, imports, load, maps, pages, reports

    steps: dict[str, Callable[[Context], list[Result]]] = {
        "list": pages.measure_lists,
        "detail": pages.measure_details,
        "map": maps.measure_map,
        "csv": exports.measure_csv,
        "xlsx": exports.measure_xlsx,
        "geojson": exports.measure_geojson,
        "report": reports.measure_reports,
        "import": imports.measure_import,
        "load": load.measure_load,
    }
    return steps[name](context)


def in_own_process(name: str, context: Context) -> list[Result]:
    """The rows of one measure, taken by `benchmarks.measure` in a new process that
    reads the measure's name and context from a file and writes its rows to
    another."""
    with tempfile.TemporaryDirectory(prefix="sse-bench-measure-") as folder:
        asked, answered = Path(folder) / "asked.pickle", Path(folder) / "rows.pickle"
        asked.write_bytes(pickle.dumps((name, context)))
        subprocess.run(
            [sys.executable, "-m", "benchmarks.measure", str(asked), str(answered)],
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        rows: list[Result] = pickle.loads(answered.read_bytes())
        return rows
