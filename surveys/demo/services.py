"""Seeding the demo records of the five study countries, written the way people would
write them.

Every record goes through the services and the workflow (entity_create, figures_save,
assessment_save, record_create, national_definition_*, record_submit, review_decide,
meeting_create), so the derived fields, the audit history and the workflow states are
exactly what consultants and committee members produce. The data itself is in
`data/`, one TOML file per country (see `records`).

Idempotent: a country that already holds demo entities is left alone; national
priorities, committee members and sources are matched on their natural keys, case
studies and capacity gaps on their titles. Deterministic: every varied number comes
from a random.Random seeded with the country code (only the dates are those of the run:
the services stamp them).

Each demo country gets a review quorum of two, so that records can be seen "in review"
with one approval; its committee meeting is held on the day of the run.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from countries.models import (
    CommitteeMeeting,
    CommitteeMember,
    Country,
    NationalPriority,
)
from countries.vocabularies import (
    ActivityStatus,
    RegistrationStatus,
    SourceKind,
    Visibility,
    WorkflowState,
)
from surveys.demo import derived
from surveys.demo.codes import Profile, References, Story
from surveys.demo.definition_rules import example_rules
from surveys.demo.records import DemoCountry, DemoEntity, country_load
from surveys.entities import services as entities_services
from surveys.meetings import services as meetings_services
from surveys.models import (
    CapacityGap,
    CaseStudy,
    Entity,
    LegalInstrument,
    NationalDefinition,
    SamplingFrame,
    Source,
    StudyMethodology,
    SupportInstitution,
    WorkflowRecord,
)
from surveys.records import services as records_services
from surveys.review import workflow as review_workflow
from surveys.study import services as study_services

# The demo countries, in the order they are seeded.
DEMO_COUNTRIES = ("KH", "KG", "MN", "TH", "VN")
# Starts the notes of every demo entity: it tells people the record is invented, and
# tells a second run that the country is already seeded.
DEMO_NOTE = "Demo record: a fictitious entity for trying the platform."
# A record is "in review" only while it has fewer approvals than the quorum, so the
# demo committees need two approvals (their two demo logins) to validate.
DEMO_REVIEW_QUORUM = 2
REFERENCE_YEARS = (2023, 2024)
_LOGIN_ROLES = ("consultant", "committee", "committee-2")

Decision = review_workflow.Decision

DEFAULT_RETURN = (
    "Please complete the record before we validate it: the registration details and "
    "the 2024 figures do not match the register extract."
)
# What a committee comments on, field by field, when it returns a record of each kind.
DEFAULT_RETURN_FIELDS: dict[type[WorkflowRecord], dict[str, str]] = {
    Entity: {
        "registration_number": "Not the number in the register extract; please check.",
        "figures": "2024 members by sex add up to fewer than the total: give the split.",
    },
    CaseStudy: {
        "gender_analysis": "Give the figures by sex behind this paragraph.",
        "lessons": "Say what other groups could take from this.",
    },
    CapacityGap: {
        "evidence": "Give the numbers and the sources behind this statement.",
    },
    LegalInstrument: {"summary": "Say which articles concern the SSE."},
    SupportInstitution: {"role": "Say what it does for SSE entities, with examples."},
    SamplingFrame: {"counts": "Give the register's date for each province."},
    StudyMethodology: {"limitations": "Say which groups the sample under-counts."},
}
DEFAULT_REJECT = (
    "Rejected: the committee found this is not an SSE entity within the study's scope."
)
FIXED_RETURN = "The registration number is missing; add it from the register extract."


@dataclass
class _Review:
    record: WorkflowRecord
    target: str
    comment: str = ""
    field_comments: dict[str, str] = field(default_factory=dict)
    in_meeting: bool = True
    story: str = Story.NONE
    fix: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Seeding:
    """What seeding one country needs at hand."""

    spec: DemoCountry
    country: Country
    consultant: User
    reviewers: tuple[User, User]
    rng: random.Random
    notify: bool
    references: References
    sources: dict[str, Source] = field(default_factory=dict)
    priorities: dict[str, NationalPriority] = field(default_factory=dict)
    members: list[CommitteeMember] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    reviews: list[_Review] = field(default_factory=list)


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


def country_is_seeded(country: Country) -> bool:
    return Entity.objects.filter(country=country, notes__startswith=DEMO_NOTE).exists()


def _seed_country(spec: DemoCountry, *, notify: bool) -> None:
    country = Country.objects.get(pk=spec.code)
    prefix = spec.code.lower()
    users = get_user_model().objects.in_bulk(
        [f"{prefix}-{role}" for role in _LOGIN_ROLES], field_name="username"
    )
    seeding = _Seeding(
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
        _national_definition(seeding)
        for index, entity in enumerate(spec.entities):
            _entity(seeding, index, entity)
        _case_studies(seeding)
        _capacity_gaps(seeding)
    # The study's own records are matched on their titles, so that a country seeded
    # before they existed gets them too.
    _study_records(seeding)
    if seeding.reviews:
        _workflow(seeding)


# --- Reference rows the country's records point at ---------------------------------


def _national_priorities(s: _Seeding) -> None:
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


def _committee(s: _Seeding) -> None:
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


def _sources(s: _Seeding) -> None:
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


# --- Records ----------------------------------------------------------------------------


def _national_definition(s: _Seeding) -> None:
    if NationalDefinition.objects.filter(country=s.country).exists():
        return
    spec = s.spec.definition
    definition = records_services.national_definition_create(
        country=s.country,
        by=s.consultant,
        data={
            "title": spec.title,
            "text_local": spec.text_local,
            "text_en": spec.text_en,
        },
    )
    definition = records_services.national_definition_update(
        definition=definition,
        by=s.consultant,
        data={
            "informal_groups_allowed": spec.informal_groups_allowed,
            "registration_required": spec.registration_required,
            "minimum_years_operating": spec.minimum_years_operating,
            "rules": example_rules(s.country.code),
        },
        elements={
            element.code: {
                "treatment": element.treatment,
                "national_wording": element.national_wording,
                "rationale": element.rationale,
            }
            for element in spec.elements
        },
        expected_version=definition.version,
    )
    s.reviews.append(_Review(record=definition, target=spec.state))


def _entity(s: _Seeding, index: int, spec: DemoEntity) -> None:
    """Record one entity as a consultant would: the entity, its figures, then the
    assessment; its review comes later with the country's other records."""
    data = _entity_data(s, index, spec)
    fix = _registration(s, index, spec, data)
    entity = entities_services.entity_create(
        country=s.country, by=s.consultant, data=data
    )
    if entity.former_legal_form is not None and entity.legal_form is not None:
        registered = data.get("registration_date")
        entities_services.legal_form_change_record(
            entity=entity,
            by=s.consultant,
            from_form=entity.former_legal_form,
            to_form=entity.legal_form,
            year=registered.year if registered else None,
            expected_version=None,
        )
    source = _figures_source(s, spec.registration_status)
    for year in REFERENCE_YEARS:
        if year >= spec.year_established:
            _save_figures(s, entity, spec, year, source)
    if spec.profile != Profile.UNASSESSED:
        entities_services.assessment_save(
            entity=entity,
            by=s.consultant,
            data=derived.assessment(
                spec,
                s.rng,
                registered=spec.registration_status != RegistrationStatus.INFORMAL,
            ),
            expected_version=None,
        )
    s.entities[entity.name_en] = entity
    if spec.state != WorkflowState.DRAFT or spec.story:
        s.reviews.append(
            _Review(
                record=entity,
                target=spec.state,
                comment=spec.review,
                field_comments=dict(spec.field_comments),
                # Some routine approvals are given online between meetings.
                in_meeting=not (
                    spec.state == WorkflowState.VALIDATED and index % 3 == 2
                ),
                story=spec.story,
                fix=fix,
            )
        )


def _entity_data(s: _Seeding, index: int, spec: DemoEntity) -> dict[str, Any]:
    lat, lon = s.spec.capitals[spec.area]
    precision = spec.geo_precision
    jitter = derived.COORDINATE_JITTER[precision]
    places = derived.COORDINATE_PLACES[precision]
    public = spec.state == WorkflowState.VALIDATED and index % 7 != 3
    surplus_rule = derived.surplus_rule(spec)
    return {
        "name_local": spec.name_local,
        "name_en": spec.name_en,
        "acronym": spec.acronym,
        "area": s.references.area(spec.area),
        "locality": spec.locality,
        "urban_rural": spec.urban_rural,
        "latitude": derived.coordinate(lat + s.rng.uniform(-jitter, jitter), places),
        "longitude": derived.coordinate(lon + s.rng.uniform(-jitter, jitter), places),
        "geo_precision": precision,
        "sse_type": spec.sse_type,
        "coop_member_type": spec.coop_member_type,
        "org_level": spec.org_level,
        "legal_form": s.references.legal_form(spec.legal_form),
        "registration_status": spec.registration_status,
        "former_legal_form": s.references.legal_form(spec.former_legal_form),
        "year_established": spec.year_established,
        "activity_status": ActivityStatus.ACTIVE,
        "main_activity": s.references.division(spec.main_activity),
        "other_activities": list(spec.other_activities),
        "target_groups": list(spec.target_groups) or derived.target_groups(spec),
        "purpose": spec.purpose or derived.purpose(spec),
        "surplus_rule": surplus_rule,
        "surplus_cap_pct": derived.surplus_cap_pct(spec),
        "asset_lock": derived.asset_lock(spec),
        "visibility": Visibility.PUBLIC if public else Visibility.AGGREGATE_ONLY,
        "consent_given": public,
        "consent_date": datetime.date(2025, 1 + index % 12, 1 + index % 27)
        if public
        else None,
        "notes": f"{DEMO_NOTE} {spec.note}".strip(),
    }


def _registration(
    s: _Seeding, index: int, spec: DemoEntity, data: dict[str, Any]
) -> dict[str, Any]:
    """Add the registration details to `data`; return the fix a returned-then-fixed
    entity gets later (its registration number, left out at first)."""
    status = spec.registration_status
    unregistered = (RegistrationStatus.INFORMAL, RegistrationStatus.RECOGNISED_LOCAL)
    if spec.story == Story.RETURNED_THEN_FIXED and status in unregistered:
        raise ValueError(f"{spec.name_en}: only a registered entity has a number")
    if status == RegistrationStatus.INFORMAL:
        return {}
    data["registration_authority"] = s.spec.authorities.get(
        spec.legal_form
    ) or s.spec.authorities.get(status, "")
    # An entity that changed legal form registered its new form some years later.
    changed_form = bool(spec.former_legal_form)
    registered_in = min(
        2024, spec.year_established + (3 + index % 5 if changed_form else index % 2)
    )
    data["registration_date"] = datetime.date(
        registered_in, 1 + s.rng.randrange(12), 1 + s.rng.randrange(28)
    )
    if status == RegistrationStatus.RECOGNISED_LOCAL:
        return {}
    kind = spec.legal_form.split("_", 1)[-1][:6] or "REG"
    number = f"{kind}-{registered_in}-{index + 101:04d}"
    if spec.story == Story.RETURNED_THEN_FIXED:
        return {"registration_number": number}
    data["registration_number"] = number
    return {}


def _figures_source(s: _Seeding, status: str) -> Source | None:
    if status in derived.REGISTERED:
        return s.sources.get(SourceKind.REGISTER) or s.sources.get(SourceKind.SURVEY)
    if status == RegistrationStatus.INFORMAL:
        return s.sources.get(SourceKind.INTERVIEW) or s.sources.get(SourceKind.SURVEY)
    return s.sources.get(SourceKind.SURVEY)


def _save_figures(
    s: _Seeding, entity: Entity, spec: DemoEntity, year: int, source: Source | None
) -> None:
    figures = derived.figures(
        spec,
        year,
        rng=s.rng,
        usd_rate=s.spec.usd_rate,
        currency=s.country.currency,
    )
    entities_services.figures_save(
        entity=entity,
        by=s.consultant,
        reference_year=year,
        data={**figures, "source": source},
        expected_version=None,
    )


def _case_studies(s: _Seeding) -> None:
    existing = set(
        CaseStudy.objects.filter(country=s.country).values_list("title", flat=True)
    )
    for spec in s.spec.case_studies:
        if spec.title in existing:
            continue
        study = records_services.record_create(
            model=CaseStudy,
            country=s.country,
            by=s.consultant,
            data={
                "title": spec.title,
                "entities": [s.entities[name] for name in spec.entities],
                "area": s.references.area(spec.area),
                "priority_sector": spec.sector,
                "sse_type": spec.sse_type,
                "summary": spec.summary,
                "context": spec.context,
                "gender_analysis": spec.gender_analysis,
                "decent_work": spec.decent_work,
                "principles_evidence": spec.principles_evidence,
                "lessons": spec.lessons,
                "consent_given": spec.consent_given,
            },
        )
        s.reviews.append(_Review(record=study, target=spec.state, comment=spec.review))


def _capacity_gaps(s: _Seeding) -> None:
    existing = set(
        CapacityGap.objects.filter(country=s.country).values_list("title", flat=True)
    )
    for spec in s.spec.gaps:
        if spec.title in existing:
            continue
        gap = records_services.record_create(
            model=CapacityGap,
            country=s.country,
            by=s.consultant,
            data={
                "title": spec.title,
                "category": spec.category,
                "severity": spec.severity,
                "evidence": spec.evidence,
                "affected_sse_types": list(spec.sse_types),
                "affected_sectors": list(spec.sectors),
                "affected_areas": [s.references.area(code) for code in spec.areas],
                "national_priority": s.priorities[spec.priority],
                "recommendations": [
                    {"actor": r.actor, "text": r.text} for r in spec.recommendations
                ],
            },
        )
        s.reviews.append(_Review(record=gap, target=spec.state, comment=spec.review))


def _study_records(s: _Seeding) -> None:
    """The legal framework, the support institutions, the sampling frame and the
    methodology, each created once (matched on its title or name)."""
    country, by = s.country, s.consultant

    def add(model: type[WorkflowRecord], data: dict[str, Any], state: str) -> None:
        record = study_services.study_record_create(
            model=model, country=country, by=by, data=data
        )
        s.reviews.append(_Review(record=record, target=state))

    titles = set(
        LegalInstrument.objects.filter(country=country).values_list(
            "title_local", flat=True
        )
    )
    for instrument in s.spec.instruments:
        if instrument.title_local in titles:
            continue
        data = {
            name: getattr(instrument, name)
            for name in study_services.LEGAL_INSTRUMENT_FIELDS
        }
        add(
            LegalInstrument,
            {**data, "sse_types": list(instrument.sse_types)},
            instrument.state,
        )
    names = set(
        SupportInstitution.objects.filter(country=country).values_list(
            "name_local", flat=True
        )
    )
    for institution in s.spec.institutions:
        if institution.name_local in names:
            continue
        data = {
            name: getattr(institution, name)
            for name in study_services.SUPPORT_INSTITUTION_FIELDS
        }
        data["support_kinds"] = list(institution.support_kinds)
        data["sse_types"] = list(institution.sse_types)
        add(SupportInstitution, data, institution.state)
    frame = s.spec.frame
    if not SamplingFrame.objects.filter(country=country, title=frame.title).exists():
        counts = [
            {
                "sse_type": count.sse_type,
                "area": s.references.area(count.area),
                "macro_region": None,
                "registered_total": count.registered_total,
                "source": frame.sources[count.sse_type],
                "year": frame.year,
            }
            for count in frame.counts
        ]
        add(
            SamplingFrame,
            {"title": frame.title, "notes": frame.notes, "counts": counts},
            frame.state,
        )
    method = s.spec.methodology
    if not StudyMethodology.objects.filter(
        country=country, title=method.title
    ).exists():
        data = {
            name: getattr(method, name)
            for name in study_services.STUDY_METHODOLOGY_FIELDS
        }
        add(StudyMethodology, data, method.state)


# --- Workflow -----------------------------------------------------------------------------


def _workflow(s: _Seeding) -> None:
    """Submit, hold the committee meeting and decide, as the people involved would."""
    second = s.reviewers[1]
    for review in s.reviews:
        if review.story == Story.RETURNED_THEN_FIXED:
            # Returned online before the meeting, corrected, and submitted again.
            review_workflow.record_submit(record=review.record, by=s.consultant)
            review_workflow.review_decide(
                record=review.record,
                by=second,
                decision=Decision.RETURN,
                comment=FIXED_RETURN,
                field_comments={"registration_number": "Missing."},
                notify=s.notify,
            )
            review.record = entities_services.entity_update(
                entity=Entity.objects.get(pk=review.record.pk),
                by=s.consultant,
                data=review.fix,
                expected_version=None,
            )
    to_review = [
        r
        for r in s.reviews
        if r.target != WorkflowState.DRAFT or r.story == Story.EDITED_AFTER_VALIDATION
    ]
    for review in to_review:
        review_workflow.record_submit(record=review.record, by=s.consultant)
    decided = [r for r in to_review if r.target != WorkflowState.SUBMITTED]
    meeting = _meeting(s, [r.record for r in decided if r.in_meeting])
    for review in decided:
        _decide(s, review, meeting if review.in_meeting else None)


def _decide(s: _Seeding, review: _Review, meeting: CommitteeMeeting | None) -> None:
    """The committee's decisions that bring one record to its target state."""
    first, second = s.reviewers
    record = review.record
    if review.target == WorkflowState.RETURNED:
        review_workflow.review_decide(
            record=record,
            by=first,
            decision=Decision.RETURN,
            comment=review.comment or DEFAULT_RETURN,
            field_comments=review.field_comments
            or DEFAULT_RETURN_FIELDS.get(type(record), {}),
            meeting=meeting,
            notify=s.notify,
        )
    elif review.target == WorkflowState.REJECTED:
        review_workflow.review_decide(
            record=record,
            by=second,
            decision=Decision.REJECT,
            comment=review.comment or DEFAULT_REJECT,
            meeting=meeting,
            notify=s.notify,
        )
    else:
        review_workflow.review_decide(
            record=record,
            by=first,
            decision=Decision.APPROVE,
            comment=review.comment,
            meeting=meeting,
            notify=s.notify,
        )
        if review.target != WorkflowState.IN_REVIEW:
            review_workflow.review_decide(
                record=record,
                by=second,
                decision=Decision.APPROVE,
                meeting=meeting,
                notify=s.notify,
            )
    if review.story == Story.EDITED_AFTER_VALIDATION and isinstance(record, Entity):
        # New figures for a validated entity send it back to draft.
        entity = Entity.objects.get(pk=record.pk)
        spec = next(e for e in s.spec.entities if e.name_en == entity.name_en)
        source = _figures_source(s, spec.registration_status)
        _save_figures(s, entity, spec, derived.LATER_YEAR, source)


def _meeting(s: _Seeding, agenda: list[WorkflowRecord]) -> CommitteeMeeting:
    spec = s.spec.meeting
    existing = CommitteeMeeting.objects.filter(
        country=s.country, place=spec.place
    ).first()
    if existing is not None:
        return existing
    return meetings_services.meeting_create(
        country=s.country,
        by=s.reviewers[0],
        data={
            "date": timezone.localdate(),
            "place": spec.place,
            "online": spec.online,
            "minutes": spec.minutes,
        },
        attendees=s.members[:5],
        agenda=agenda,
    )
