"""Seeding the demo records of the five study countries, written the way people would
write them.

Every record goes through the services and the workflow (entity_create, figures_save,
assessment_save, record_create, national_definition_*, record_submit, review_decide,
meeting_create), so the derived fields, the audit history and the workflow states are
exactly what consultants and committee members produce. The data itself is in
`data/`, one TOML file per country (see `records`); the seeding of each kind of record
is in its own module (`entities`, `case_studies`, `study`), the committees' work in
`review`.

Idempotent: a country that already holds demo entities is left alone; national
priorities, committee members and sources are matched on their natural keys, case
studies and capacity gaps on their titles. Deterministic: every varied number comes
from a random.Random seeded with the country code (only the dates are those of the run:
the services stamp them).

Each demo country gets a review quorum of two, so that records can be seen "in review"
with one approval; its committee meeting is held on the day of the run.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings

from countries.models import (
    CommitteeMember,
    Country,
    NationalPriority,
)
from surveys.demo.case_studies import case_studies_seed
from surveys.demo.codes import References
from surveys.demo.entities import affiliations_seed, entity_seed
from surveys.demo.records import DemoCountry, country_load
from surveys.demo.releases import demo_release
from surveys.demo.review import workflow_seed
from surveys.demo.seeding import DEMO_NOTE, Seeding
from surveys.demo.study import (
    capacity_gaps_seed,
    national_definition_seed,
    study_records_seed,
)
from surveys.models import Entity, Source
from surveys.records import services as records_services

__all__ = [
    "DEMO_COUNTRIES",
    "DEMO_NOTE",
    "DEMO_REVIEW_QUORUM",
    "country_is_seeded",
    "seed_demo_records",
]

# The demo countries, in the order they are seeded.
DEMO_COUNTRIES = ("KH", "KG", "MN", "TH", "VN")
# A record is "in review" only while it has fewer approvals than the quorum, so the
# demo committees need two approvals (their two demo logins) to validate.
DEMO_REVIEW_QUORUM = 2
_LOGIN_ROLES = ("consultant", "committee", "committee-2")


def seed_demo_records(
    *, notify: bool = False, countries: Iterable[str] = DEMO_COUNTRIES
) -> None:
    """Seed the demo findings of every demo country, or of `countries` (needs the demo
    logins).

    The demo decisions are history, not news: unless `notify`, committing them sends
    none of the "your record was validated" notices to the fictitious addresses.
    """
    # DEBUG's query log is switched off: on SQLite it quotes every query's parameters
    # with a second query, which makes `make run` seed a fifth slower.
    with override_settings(DEBUG=False), transaction.atomic():
        for code in countries:
            _seed_country(country_load(code), notify=notify)
        demo_release()


def country_is_seeded(country: Country) -> bool:
    return Entity.objects.filter(country=country, notes__startswith=DEMO_NOTE).exists()


def _seed_country(spec: DemoCountry, *, notify: bool) -> None:
    country = Country.objects.get(pk=spec.code)
    prefix = spec.code.lower()
    users = get_user_model().objects.in_bulk(
        [f"{prefix}-{role}" for role in _LOGIN_ROLES], field_name="username"
    )
    seeding = Seeding(
        spec=spec,
        country=country,
        consultant=users[f"{prefix}-consultant"],
        reviewers=(users[f"{prefix}-committee"], users[f"{prefix}-committee-2"]),
        rng=random.Random(f"sse-demo-{spec.code}"),
        notify=notify,
        references=References.load(spec.code),
    )
    _national_priorities(seeding)
    _committee(seeding)
    _sources(seeding)
    if not country_is_seeded(country):
        Country.objects.filter(pk=country.pk).update(review_quorum=DEMO_REVIEW_QUORUM)
        national_definition_seed(seeding)
        for index, entity in enumerate(spec.entities):
            entity_seed(seeding, index, entity)
        affiliations_seed(seeding)
        case_studies_seed(seeding)
        capacity_gaps_seed(seeding)
    # The study's own records are matched on their titles, so that a country seeded
    # before they existed gets them too.
    study_records_seed(seeding)
    if seeding.reviews:
        workflow_seed(seeding)


# --- Reference rows the country's records point at ---------------------------------


def _national_priorities(s: Seeding) -> None:
    for priority in s.spec.priorities:
        s.priorities[priority.code], _created = NationalPriority.objects.get_or_create(
            country=s.country,
            code=priority.code,
            defaults={
                "title": priority.title,
                "source_document": priority.source_document,
                "description": priority.description,
            },
        )


def _committee(s: Seeding) -> None:
    for index, member in enumerate(s.spec.committee):
        seat, _created = CommitteeMember.objects.get_or_create(
            country=s.country,
            name=member.name,
            defaults={
                "organisation": member.organisation,
                "constituency": member.constituency,
                "sex": member.sex,
                "user": s.reviewers[index] if index < len(s.reviewers) else None,
            },
        )
        s.members.append(seat)


def _sources(s: Seeding) -> None:
    existing = {
        source.title: source for source in Source.objects.filter(country=s.country)
    }
    for source in s.spec.sources:
        found = existing.get(source.title) or records_services.source_create(
            country=s.country,
            by=s.consultant,
            data={
                "kind": source.kind,
                "title": source.title,
                "year": source.year,
                "coverage_note": source.coverage_note,
            },
        )
        s.sources.setdefault(source.kind, found)
