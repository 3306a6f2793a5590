"""Seeding a demo country's case studies, matched on their titles, with the photos
their people agreed to publish."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify

from surveys.demo.photos import photo_png
from surveys.demo.records import DemoCaseStudy
from surveys.demo.seeding import Review, Seeding
from surveys.models import CaseStudy
from surveys.records import attachments as records_attachments
from surveys.records import services as records_services


def case_studies_seed(s: Seeding) -> None:
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
        assert isinstance(study, CaseStudy)
        _photos(s, study, spec)
        s.reviews.append(Review(record=study, target=spec.state, comment=spec.review))


def _photos(s: Seeding, study: CaseStudy, spec: DemoCaseStudy) -> None:
    """Attach the study's photos while it is a draft: an attachment is an edit."""
    stem = slugify(spec.title)[:40].strip("-")
    for number, photo in enumerate(spec.photos, start=1):
        records_attachments.case_study_attachment_add(
            case_study=study,
            by=s.consultant,
            file=SimpleUploadedFile(
                f"{stem}-{number}.png",
                photo_png(photo.caption),
                content_type="image/png",
            ),
            caption=photo.caption,
            consent_given=True,
        )
