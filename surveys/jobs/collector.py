"""Python's cycle collector, paused while a job runs.

A job builds many objects that live until it ends: an import's rows, plans and
entities, a report's tables and WeasyPrint's boxes. The collector would traverse them
again and again as they grow (a quarter of a 10 000-row import's time, a third of a
51-page PDF's). Reference counting still frees every object the moment it is no
longer used; only objects caught in reference cycles wait, for the collector's first pass after
the job.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
