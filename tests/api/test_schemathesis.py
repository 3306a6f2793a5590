"""Schemathesis fuzzes every operation of the live API, as a consultant's script would
call it, and must find nothing: no server error, no status code, content type or
response body that the schema does not describe."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.servers.basehttp import WSGIRequestHandler

from countries.authentication import api_token_create
from countries.models import Country, NationalPriority
from surveys.meetings import services as meetings_services
from surveys.models import CapacityGap, CaseStudy
from surveys.records import services
from surveys.review import workflow as review_workflow
from tests.api.helpers import make_entity

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# Every check: server errors, responses the schema does not describe, valid requests
# refused, invalid ones accepted, and the links between operations.
CHECKS = ("all",)
# A request the schema allows is accepted (2xx) unless the rule it breaks is one the
# schema cannot state; each operation below allows only the statuses of such rules:
# - 404: the record named in the path does not exist, a page past the end or a cursor
#   not taken from a `next` link, or another country's ISO code in a body (another
#   country's records answer 404 everywhere);
# - 409: an edit sending a `version` (or If-Match) that is not the record's current one;
# - 403: an action the consultant's role does not allow: deciding (the committee),
#   reopening, accepting or withdrawing a release (staff), recording meetings,
#   compiling reports, exporting unvalidated records;
# - 400: rules between fields or on stored data: whether a record can be submitted or
#   changed (its state and what it still lacks), an entity's name in either language, the
#   reference year before the entity was founded, a period's end before its start, an
#   ODK import without its column mapping, a country or countries for a report, the
#   four sides of a map box; and ids in a body of records that do not exist (the
#   generator cannot know which ids are there).
# Text holding NUL is refused on every operation (no database stores it); the API
# description says so, and the generator is told not to send it.
# Schemathesis' error feedback is off: it reads our 400 bodies' `errors` object as a
# request field, then reports valid requests as "invalid data accepted".
CONFIG = """
[generation]
allow-x00 = false

[phases.fuzzing.error-feedback]
enabled = false

[checks.positive_data_acceptance]
expected-statuses = ["2xx"]

[[operations]]
include-path-regex = "/(submit|decide|reopen|confirm|accept|withdraw)/$"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "403", "404"]

[[operations]]
include-name = [
  "POST /api/v1/meetings/",
  "POST /api/v1/reports/",
  "POST /api/v1/exports/",
]
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "403", "404"]

[[operations]]
include-name = [
  "POST /api/v1/entities/",
  "POST /api/v1/entities/{id}/affiliations/",
  "POST /api/v1/entities/{id}/legal-form-changes/",
  "POST /api/v1/case-studies/",
  "POST /api/v1/capacity-gaps/",
  "POST /api/v1/sampling-frames/",
  "POST /api/v1/methodology/",
  "POST /api/v1/imports/",
]
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "404"]

[[operations]]
include-path-regex = "[{]"
include-method = ["PATCH", "PUT", "DELETE"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "404", "409"]

[[operations]]
include-name = "POST /api/v1/entities/{entity_pk}/figures/"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "404", "409"]

[[operations]]
include-name = "GET /api/v1/entity-map/clusters/"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400"]

[[operations]]
include-path-regex = "[{]"
checks.positive_data_acceptance.expected-statuses = ["2xx", "404"]

[[operations]]
include-path-regex = "^/api/v1/(public/)?[a-z-]+/$"
exclude-name = ["GET /api/v1/me/", "GET /api/v1/vocabularies/"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "404"]
"""
# Bounded so that the run takes well under three minutes on two cores.
MAX_EXAMPLES = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "10")
# "all" adds the boundary values of valid input too (about 70 s more).
COVERAGE_MODE = os.environ.get("SCHEMATHESIS_COVERAGE_MODE", "negative")
SEED = os.environ.get("SCHEMATHESIS_SEED", "20260501")


def seed_records() -> None:
    """Records of every kind in Thailand, so that answers have real shapes to check."""
    consultant = User.objects.get(username="th-consultant")
    committee = User.objects.get(username="th-committee")
    thailand = Country.objects.get(pk="TH")
    validated = make_entity(consultant, name_en="Validated cooperative")
    review_workflow.record_submit(record=validated, by=consultant)
    review_workflow.review_decide(record=validated, by=committee, decision="approve")
    returned = make_entity(consultant, name_en="Returned cooperative")
    review_workflow.record_submit(record=returned, by=consultant)
    review_workflow.review_decide(
        record=returned,
        by=committee,
        decision="return",
        comment="Check the area.",
        field_comments={"area": "Not this province."},
    )
    make_entity(consultant, ready=False, name_en="Draft group")
    priority = NationalPriority.objects.filter(country=thailand).first()
    services.record_create(
        model=CaseStudy,
        country=thailand,
        by=consultant,
        data={
            "title": "Community enterprise weaving",
            "summary": "Weavers selling together.",
            "gender_analysis": "Women run the enterprise.",
            "priority_sector": "FARM_SMALL",
        },
    )
    services.record_create(
        model=CapacityGap,
        country=thailand,
        by=consultant,
        data={
            "title": "Little access to credit",
            "category": "FINANCE",
            "severity": 3,
            "affected_sse_types": ["CE"],
            "national_priority": priority,
        },
    )
    services.national_definition_create(
        country=thailand, by=consultant, data={"text_en": "The SSE in Thailand…"}
    )
    meetings_services.meeting_create(
        country=thailand,
        by=committee,
        data={"date": "2026-03-01", "place": "Bangkok"},
        agenda=[returned],
    )


# Two runs, so that the whole test stays under three minutes on two cores:
# - every operation's boundary and invalid inputs (the coverage phase), negative mode:
#   bad input must be a documented 4xx, never a 500;
# - random valid and invalid inputs and stateful sequences (create, then read, change,
#   submit), bounded by --max-examples.
RUNS = (
    ("--phases", "coverage", "--mode", COVERAGE_MODE),
    ("--phases", "examples,fuzzing,stateful", "--mode", "all"),
)


def run_schemathesis(
    url: str, key: str, workdir: Path, options: tuple[str, ...]
) -> subprocess.CompletedProcess[Any]:
    config = workdir / "schemathesis.toml"
    config.write_text(CONFIG)
    command = [
        str(Path(sys.executable).parent / "st"),
        "--config-file",
        str(config),
        "run",
        url,
        "--checks",
        ",".join(CHECKS),
        "--header",
        f"Authorization: Token {key}",
        "--max-examples",
        MAX_EXAMPLES,
        "--seed",
        SEED,
        # One worker: the live server shares one database connection on SQLite.
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--request-timeout",
        "30",
        "--no-color",
        *options,
    ]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=workdir,
        check=False,
    )


def test_schemathesis_finds_no_failure_in_any_operation(
    live_server: Any, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The development server writes headers and body separately; with Nagle's
    # algorithm on, each keep-alive request then waits ~40 ms for a delayed ACK.
    monkeypatch.setattr(WSGIRequestHandler, "disable_nagle_algorithm", True)
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", quiet_logins=True, verbosity=0)
    seed_records()
    # The fuzzer sends far more writes a minute than a person; budgets are not tested here.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_write": None, "api_costly": None},
    }
    _token, key = api_token_create(
        user=User.objects.get(username="th-consultant"), name="schemathesis"
    )

    for options in RUNS:
        started = time.monotonic()
        result = run_schemathesis(
            f"{live_server.url}/api/schema/", key, tmp_path, options
        )
        report = result.stdout + result.stderr
        print(report)  # shown by pytest when the test fails
        print(
            f"schemathesis {' '.join(options)} took {time.monotonic() - started:.0f} s"
        )
        assert result.returncode == 0, report
        selected = re.search(r"(\d+) selected / (\d+) total", report)
        assert selected, report
        assert selected[1] == selected[2], "every operation is tested"
