"""Seeding a demo country's entities as a consultant records them: the entity, its
legal-form history, its figures year by year, its principles assessment, and the
unions and federations its member organisations belong to."""

from __future__ import annotations

import datetime
from typing import Any

from countries.vocabularies import (
    ActivityStatus,
    ConsentLevel,
    RegistrationStatus,
    SourceKind,
    Visibility,
    WorkflowState,
)
from surveys.demo import derived
from surveys.demo.codes import Profile, Story
from surveys.demo.records import DemoEntity
from surveys.demo.seeding import DEMO_NOTE, Review, Seeding
from surveys.entities import affiliations as entities_affiliations
from surveys.entities import services as entities_services
from surveys.models import Entity, Source

REFERENCE_YEARS = (2023, 2024)


def entity_seed(s: Seeding, index: int, spec: DemoEntity) -> None:
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
    source = figures_source(s, spec.registration_status)
    for year in REFERENCE_YEARS:
        if year >= spec.year_established:
            figures_seed(s, entity, spec, year, source)
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
            Review(
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


def _entity_data(s: Seeding, index: int, spec: DemoEntity) -> dict[str, Any]:
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
        "consent_level": derived.consent_level(index) if public else ConsentLevel.NONE,
        "consent_by": derived.CONSENT_BY if public else "",
        "consent_date": datetime.date(2025, 1 + index % 12, 1 + index % 27)
        if public
        else None,
        "notes": f"{DEMO_NOTE} {spec.note}".strip(),
    }


def _registration(
    s: Seeding, index: int, spec: DemoEntity, data: dict[str, Any]
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


def figures_source(s: Seeding, status: str) -> Source | None:
    """The source a consultant cites for the figures of an entity of that status."""
    if status in derived.REGISTERED:
        return s.sources.get(SourceKind.REGISTER) or s.sources.get(SourceKind.SURVEY)
    if status == RegistrationStatus.INFORMAL:
        return s.sources.get(SourceKind.INTERVIEW) or s.sources.get(SourceKind.SURVEY)
    return s.sources.get(SourceKind.SURVEY)


def figures_seed(
    s: Seeding, entity: Entity, spec: DemoEntity, year: int, source: Source | None
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


def affiliations_seed(s: Seeding) -> None:
    """Link member organisations to their unions and federations, as part of the
    members' records: before any of them is submitted, since a link is an edit."""
    for link in s.spec.affiliations:
        entities_affiliations.affiliation_add(
            member=s.entities[link.member],
            federation=s.entities[link.federation],
            year=link.year,
            by=s.consultant,
            expected_version=None,
        )
