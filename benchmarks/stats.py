"""Timings with their spread, peak memory, and one row of the results table."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import math
import os
import re
import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROC_STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")


def percentile(values: list[float], share: float) -> float:
    """Linear interpolation between the closest ranks (as numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    position = (len(ordered) - 1) * share
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class Timings:
    """Seconds taken by each repeat of one piece of work."""

    seconds: list[float] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return percentile(self.seconds, 0.5)

    @property
    def p95(self) -> float:
        return percentile(self.seconds, 0.95)

    @property
    def low(self) -> float:
        return min(self.seconds)

    @property
    def high(self) -> float:
        return max(self.seconds)


def repeat(work: Callable[[], Any], *, times: int, warmup: int = 0) -> Timings:
    for _ in range(warmup):
        work()
    timings = Timings()
    for _ in range(times):
        started = time.perf_counter()
        work()
        timings.seconds.append(time.perf_counter() - started)
    return timings


def _status_kib(name: str) -> int | None:
    try:
        text = PROC_STATUS.read_text()
    except OSError:
        return None
    found = re.search(rf"^{name}:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else None


@dataclass
class PeakMemory:
    """How far the resident set of this process rose above where it started."""

    start_kib: int = 0
    peak_kib: int = 0
    exact: bool = True

    @property
    def growth_mib(self) -> float:
        return max(0, self.peak_kib - self.start_kib) / 1024

    @property
    def peak_mib(self) -> float:
        return self.peak_kib / 1024


def _release_freed_memory() -> None:
    """Hand back to the system what earlier measures freed but the C allocator kept
    (glibc's malloc_trim), so that a measure cannot grow into it unseen."""
    gc.collect()
    name = ctypes.util.find_library("c")
    with suppress(OSError, AttributeError):
        ctypes.CDLL(name).malloc_trim(0)


@contextmanager
def peak_memory() -> Iterator[PeakMemory]:
    """Linux resets the high-water mark (VmHWM) when "5" is written to clear_refs, so
    each measure sees its own peak; elsewhere ru_maxrss (peak since start) stands in.
    Memory freed by earlier measures is released first."""
    _release_freed_memory()
    memory = PeakMemory()
    current = _status_kib("VmRSS")
    try:
        CLEAR_REFS.write_text("5")
    except OSError:
        memory.exact = False
    memory.start_kib = (
        current
        if current is not None
        else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    )
    try:
        yield memory
    finally:
        peak = _status_kib("VmHWM") if memory.exact else None
        memory.peak_kib = (
            peak
            if peak is not None
            else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        )


# --- One row of the table ------------------------------------------------------------

MET, MISSED, NO_TARGET, NOT_RUN = "met", "MISSED", "—", "not run"


@dataclass
class Result:
    """One measured line: what was measured, against what, and whether it is met."""

    measure: str  # the --only name: list, detail, csv, xlsx, geojson, report, …
    name: str
    target: str = ""
    measured: str = ""
    floor: str = ""
    ratio: str = ""
    queries: str = ""
    memory: str = ""
    status: str = NO_TARGET
    note: str = ""
    load: str = ""  # 1-minute load average before → after the measure
    figures: dict[str, Any] = field(default_factory=dict)


# A figure is marked as taken under load when the 1-minute load average, before or
# after its measure, is above this share of the cores: other work then competed for
# the CPU, and its absolute time says more about the machine than about the code.
BUSY_LOAD_PER_CORE = 0.75


def load_average() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else math.nan


def load_label(before: float, after: float, cores: int | None = None) -> str:
    """ "0.42 → 1.10", with " (under load)" when either is above the busy line."""
    cores = cores or os.cpu_count() or 1
    label = f"{before:.2f} → {after:.2f}"
    if max(before, after) > BUSY_LOAD_PER_CORE * cores:
        label += " (under load)"
    return label


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:.2f} s"


def spread(timings: Timings, unit: Callable[[float], str] = ms) -> str:
    """p50 / p95 with the range, e.g. "12.1 ms / 15.0 ms (11.8–16.2, n=30)"."""
    if len(timings.seconds) == 1:
        return f"{unit(timings.p50)} (n=1)"
    return (
        f"p50 {unit(timings.p50)} / p95 {unit(timings.p95)} "
        f"(min {unit(timings.low)}, max {unit(timings.high)}, n={len(timings.seconds)})"
    )


def verdict(ok: bool) -> str:
    return MET if ok else MISSED
