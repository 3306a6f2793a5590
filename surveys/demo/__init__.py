"""Demo data: fictitious entities with realistic names, places, legal forms and figures
in the five study countries, and the priorities, committees, case studies, capacity
gaps and national definitions around them.

`data/` holds one TOML file per country, `records` its shapes, `codes` the codes it is
written in, `derived` the values worked out from it, and `services` the seeding, which
writes it all through the platform's own services and workflow (one module per
kind of record).
"""

from surveys.demo.services import (
    DEMO_COUNTRIES,
    DEMO_NOTE,
    DEMO_REVIEW_QUORUM,
    seed_demo_records,
)

__all__ = ["DEMO_COUNTRIES", "DEMO_NOTE", "DEMO_REVIEW_QUORUM", "seed_demo_records"]
