"""One measure of the harness in a process of its own, for `harness.in_own_process`:

    python -m benchmarks.measure ASKED ROWS

reads the measure's name and context from the file ASKED and writes its rows to ROWS.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import django


def main(asked: Path, answered: Path) -> None:
    from benchmarks.run import ROOT, configure_environment

    configure_environment()
    sys.path.insert(0, str(ROOT))
    django.setup()
    from benchmarks.harness import measure

    name, context = pickle.loads(asked.read_bytes())
    answered.write_bytes(pickle.dumps(measure(name, context)))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
