"""Every read of the public directory: published, not withdrawn releases only, and of
those the entities whose consent publishes them. Nobody is signed in here: the scope
is the publication, the same for everyone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from surveys.models import Release, ReleaseRecord, Report
from surveys.models.entities import SECTOR_FIELDS
from surveys.models.jobs import JobStatus
from surveys.public.fields import PUBLISHED_LEVELS, public_entity

ENTITY = "entity"
DEFINITION = "national_definition"
# The snapshot's key for each priority sector: the entity's column.
SECTOR_KEYS = SECTOR_FIELDS
# Rows read from the database at a time while an open-data file streams.
STREAM_CHUNK = 500


@dataclass(frozen=True)
class EntityFilters:
    q: str = ""
    sse_type: str = ""
    classification: str = ""
    area: str = ""
    sector: str = ""

    @classmethod
    def from_query(cls, query: Any) -> EntityFilters:
        return cls(
            **{
                name: (query.get(name) or "").strip()[:100]
                for name in cls.__annotations__
            }
        )

    @property
    def active(self) -> bool:
        return any(getattr(self, name) for name in self.__annotations__)


def published_releases() -> QuerySet[Release]:
    return Release.objects.published().select_related("country")


def latest_releases() -> list[Release]:
    """Each country's latest published release, by country name: the directory."""
    latest: dict[str, Release] = {}
    for release in published_releases().order_by("country__name", "-number"):
        latest.setdefault(release.country_id, release)
    return list(latest.values())


def country_release(*, code: str) -> Release:
    """The release the country's directory shows: its latest published one."""
    release = published_releases().filter(country_id=code.upper()).first()
    if release is None:
        raise Http404("No published release")
    return release


def release_get(*, code: str, number: int) -> Release:
    """A published release by its number: the stable address of its open data."""
    release = published_releases().filter(country_id=code.upper(), number=number)
    found = release.first()
    if found is None:
        raise Http404("No such published release")
    return found


def _entities(release: Release) -> QuerySet[ReleaseRecord]:
    return ReleaseRecord.objects.filter(
        release=release,
        record_type=ENTITY,
        data__consent_level__in=list(PUBLISHED_LEVELS),
    )


def entity_list(*, release: Release, filters: EntityFilters) -> QuerySet[ReleaseRecord]:
    rows = _entities(release)
    if filters.q:
        rows = rows.filter(
            Q(title__icontains=filters.q) | Q(data__name_local__icontains=filters.q)
        )
    if filters.sse_type:
        rows = rows.filter(data__sse_type=filters.sse_type)
    if filters.classification:
        rows = rows.filter(data__classification=filters.classification)
    if filters.area:
        rows = rows.filter(data__area=filters.area)
    if filters.sector in SECTOR_KEYS:
        rows = rows.filter(**{f"data__{SECTOR_KEYS[filters.sector]}": True})  # type: ignore[index]
    return rows.order_by("title", "record_id")


def entity_get(*, release: Release, code: str) -> dict[str, Any]:
    row = _entities(release).filter(data__code=code).first()
    shown = public_entity(row.data) if row is not None else None
    if shown is None:
        raise Http404("No such published entity")
    return shown


def entity_stream(*, release: Release) -> Iterator[dict[str, Any]]:
    """Every published entity of the release, a chunk of rows at a time."""
    rows = (
        _entities(release).order_by("title", "record_id").values_list("data", flat=True)
    )
    for data in rows.iterator(chunk_size=STREAM_CHUNK):
        shown = public_entity(data)
        if shown is not None:
            yield shown


def area_codes(*, release: Release) -> list[str]:
    """The areas that published entities are in, for the area filter."""
    codes = (
        _entities(release).order_by().values_list("data__area", flat=True).distinct()
    )
    return sorted(code for code in codes if code)


def national_definition(*, release: Release) -> dict[str, Any] | None:
    row = (
        ReleaseRecord.objects.filter(release=release, record_type=DEFINITION)
        .order_by("-record_id")
        .first()
    )
    return row.data if row is not None else None


def release_report(*, release: Release) -> Report | None:
    """The newest finished report compiled from the release, if any has a PDF."""
    return (
        Report.objects.filter(release=release, status=JobStatus.DONE)
        .exclude(pdf_path="")
        .order_by("-number")
        .first()
    )


def previous_release(*, release: Release) -> Release | None:
    """The country's published release before this one: what its changes are from.
    A withdrawn release is skipped, as though it had never been published."""
    return (
        published_releases()
        .filter(country_id=release.country_id, number__lt=release.number)
        .order_by("-number")
        .first()
    )
