"""Seeding a demo country's study records: its national definition, its capacity
gaps with their recommendations, its legal framework, support institutions, sampling
frame and methodology. Each is created once, matched on its title or name."""

from __future__ import annotations

from typing import Any

from surveys.demo.definition_rules import example_rules
from surveys.demo.seeding import Review, Seeding
from surveys.models import (
    CapacityGap,
    LegalInstrument,
    NationalDefinition,
    SamplingFrame,
    StudyMethodology,
    SupportInstitution,
    WorkflowRecord,
)
from surveys.records import services as records_services
from surveys.study import services as study_services


def national_definition_seed(s: Seeding) -> None:
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
    s.reviews.append(Review(record=definition, target=spec.state))


def capacity_gaps_seed(s: Seeding) -> None:
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
        s.reviews.append(Review(record=gap, target=spec.state, comment=spec.review))


def study_records_seed(s: Seeding) -> None:
    """The legal framework, the support institutions, the sampling frame and the
    methodology, each created once (matched on its title or name)."""
    country, by = s.country, s.consultant

    def add(model: type[WorkflowRecord], data: dict[str, Any], state: str) -> None:
        record = study_services.study_record_create(
            model=model, country=country, by=by, data=data
        )
        s.reviews.append(Review(record=record, target=state))

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
