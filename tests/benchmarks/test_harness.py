"""The performance harness at a small scale, so that it cannot rot: every measure
runs and fills its row of the table. No target is enforced here (timings in a test
run say little); `make bench` is where the figures are taken."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from benchmarks import harness, load, seed
from benchmarks.mix import ASKS
from benchmarks.run import TABLE_END, TABLE_START, markdown, write
from benchmarks.stats import NOT_RUN, load_label
from surveys.entities.duplicates import name_key
from surveys.models import Entity

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PER_COUNTRY = 2000


@pytest.fixture
def private_files(settings: Any, tmp_path: Path) -> Path:
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    return settings.PRIVATE_FILES_ROOT


def test_the_small_run_fills_a_row_for_every_measure(
    private_files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    config = harness.Config(
        per_country=PER_COUNTRY,
        repeats=3,
        heavy_repeats=1,
        import_rows=100,
        import_repeats=1,
        load=False,
        work_dir=work,
    )

    results = harness.run(config, progress=lambda text: None)

    measured = {result.measure for result in results}
    assert measured == {"seed", *harness.MEASURES}
    for result in results:
        assert result.name and result.measured, result
        if result.measure == "load":
            assert result.status == NOT_RUN
            continue
        assert result.status != NOT_RUN, result
    assert all(" → " in r.load for r in results if r.measure != "seed")
    rows = {r.name: r for r in results}
    assert (
        "10000 entities created"
        in rows[f"seed_bench --per-country {PER_COUNTRY}"].measured
    )
    # Seeded rows carry the name key the platform stores, by which look-alikes are
    # found.
    seeded = Entity.objects.values_list("name_local", "name_en", "name_key")[:50]
    assert seeded and all(key == name_key(local, en) for local, en, key in seeded)
    report_sizes = [r for r in results if r.name.startswith("Report aggregation")]
    assert len(report_sizes) == 2  # 1 000 and the whole country (2 000)
    assert len({r.queries for r in report_sizes}) == 1, "queries grow with N"
    # The whole compile is timed too, from the click to the three files.
    compiles = [r for r in results if r.name.startswith("Report compile, click")]
    assert len(compiles) == 2 and all(" s (n=" in r.measured for r in compiles)
    # What one request of the load test's mix costs, the profile of its verdict.
    context = seed.prepare(replace(config, seed=False), lambda text: None)
    profile = load.mix_profile(load.load_accounts(context, 5), times=2)
    assert list(profile.p50) == [ask.name for ask in ASKS]
    assert all(seconds > 0 for seconds in profile.p50.values())
    assert f"serve at most {profile.capacity:.0f} a second" in profile.note(100)
    assert "100 users ask for up to 100 a second" in profile.note(100)
    csv_row = next(r for r in results if r.name.startswith("CSV export, country"))
    assert f"({PER_COUNTRY} rows" in csv_row.name
    if connection.vendor == "postgresql":
        # The database's own floor is taken in the same run.
        assert "COPY" in csv_row.floor and "× (median of" in csv_row.ratio
        assert "byte-identical" in csv_row.floor
        # A few filtered rows of the whole database, against the same COPY filtered.
        narrowed = next(r for r in results if "filtered to one area" in r.name)
        assert "byte-identical" in narrowed.floor and "× (median of" in narrowed.ratio
        lists = [r for r in results if r.measure == "list"]
        assert all(r.ratio.endswith("×") for r in lists)
        # From the command line, each measure is taken by a process of its own.
        db = connection.settings_dict
        monkeypatch.setenv(
            "DATABASE_URL",
            "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
                USER=db["USER"] or "postgres",
                PASSWORD=db["PASSWORD"] or "",
                HOST=db["HOST"] or "127.0.0.1",
                PORT=db["PORT"] or 5432,
                NAME=db["NAME"],
            ),
        )
        apart = harness.in_own_process("detail", context)
        assert [r.name for r in apart] == [
            r.name for r in results if r.measure == "detail"
        ]
        assert all(" ms" in r.measured and r.queries for r in apart)

    out = tmp_path / "benchmarks.md"
    out.write_text(
        f"# Benchmarks\n\nIntro.\n\n{TABLE_START}\nold\n{TABLE_END}\n\nEnd.\n"
    )
    write(out, markdown(results, config, "pytest"))
    page = out.read_text()
    assert page.startswith("# Benchmarks\n\nIntro.") and page.endswith("End.\n")
    assert "old" not in page
    for result in results:
        assert result.name.replace("|", "\\|") in page


def test_a_figure_taken_under_load_is_marked() -> None:
    assert load_label(0.5, 0.9, cores=2) == "0.50 → 0.90"
    assert load_label(0.5, 1.9, cores=2) == "0.50 → 1.90 (under load)"
    assert load_label(9.5, 0.2, cores=2) == "9.50 → 0.20 (under load)"
