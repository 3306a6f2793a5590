"""What the study record tests share: records made through the services."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from countries.models import AdminArea, Country, MacroRegion
from surveys.models import LegalInstrument, SamplingFrame
from surveys.study import services


def first_areas(country: str, n: int = 2) -> list[AdminArea]:
    return list(
        AdminArea.objects.current()
        .filter(country_id=country, level=1)
        .order_by("code")[:n]
    )


def region_of(country: str) -> MacroRegion:
    region = MacroRegion.objects.filter(country_id=country).order_by("code").first()
    assert region is not None
    return region


def count_row(area: AdminArea | None = None, **row: Any) -> dict[str, Any]:
    return {
        "sse_type": "COOP",
        "area": area,
        "macro_region": None,
        "registered_total": 120,
        "source": "Ministry register",
        "year": 2024,
        **row,
    }


def make_instrument(by: User, country: str = "KH", **data: Any) -> LegalInstrument:
    return services.study_record_create(  # type: ignore[return-value]
        model=LegalInstrument,
        country=Country.objects.get(pk=country),
        by=by,
        data={
            "title_local": "ច្បាប់ស្តីពីសហគមន៍កសិកម្ម",
            "title_en": "Law on Agricultural Cooperatives",
            "kind": "LAW",
            "year": 2013,
            "summary": "How agricultural cooperatives register and are governed.",
            "sse_types": ["COOP"],
            **data,
        },
    )


def make_frame(
    by: User, country: str = "KH", *, counts: list[dict[str, Any]] | None = None
) -> SamplingFrame:
    areas = first_areas(country)
    return services.study_record_create(  # type: ignore[return-value]
        model=SamplingFrame,
        country=Country.objects.get(pk=country),
        by=by,
        data={
            "title": "Registered cooperatives by province",
            "counts": counts
            if counts is not None
            else [count_row(areas[0]), count_row(areas[1], registered_total=80)],
        },
    )
