"""Reading the study's own records, scoped to the user: another country's record is
simply not there."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from countries.models import Country
from countries.selectors import AnyUser
from surveys.models import (
    FrameCount,
    LegalInstrument,
    SamplingFrame,
    StudyMethodology,
    SupportInstitution,
)


def legal_instrument_list(
    *, user: AnyUser, country: Country | None = None
) -> QuerySet[LegalInstrument]:
    records = LegalInstrument.objects.visible_to(user)
    if country is not None:
        records = records.in_country(country)
    return records.select_related("country")


def legal_instrument_get(*, user: AnyUser, pk: int) -> LegalInstrument:
    return get_object_or_404(legal_instrument_list(user=user), pk=pk)


def support_institution_list(
    *, user: AnyUser, country: Country | None = None
) -> QuerySet[SupportInstitution]:
    records = SupportInstitution.objects.visible_to(user)
    if country is not None:
        records = records.in_country(country)
    return records.select_related("country")


def support_institution_get(*, user: AnyUser, pk: int) -> SupportInstitution:
    return get_object_or_404(support_institution_list(user=user), pk=pk)


def sampling_frame_list(
    *, user: AnyUser, country: Country | None = None
) -> QuerySet[SamplingFrame]:
    records = SamplingFrame.objects.visible_to(user)
    if country is not None:
        records = records.in_country(country)
    return records.select_related("country")


def sampling_frame_get(*, user: AnyUser, pk: int) -> SamplingFrame:
    return get_object_or_404(
        sampling_frame_list(user=user).prefetch_related(
            Prefetch(
                "counts",
                queryset=FrameCount.objects.select_related(
                    "area", "macro_region"
                ).order_by("sse_type", "area__name_en", "macro_region__name_en", "pk"),
            )
        ),
        pk=pk,
    )


def study_methodology_list(
    *, user: AnyUser, country: Country | None = None
) -> QuerySet[StudyMethodology]:
    records = StudyMethodology.objects.visible_to(user)
    if country is not None:
        records = records.in_country(country)
    return records.select_related("country")


def study_methodology_get(*, user: AnyUser, pk: int) -> StudyMethodology:
    return get_object_or_404(study_methodology_list(user=user), pk=pk)
