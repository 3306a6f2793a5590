"""Published releases: a Thai one with entities of each consent level."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from countries.models import AdminArea
from countries.vocabularies import ConsentLevel, GeoPrecision
from surveys.models import Entity, JobStatus, Release, ReleaseRecord
from surveys.releases.snapshot import snapshot_of
from tests.surveys.factories.entities import EntityFactory, EntityFiguresFactory

# Personal data recorded on the entities: none of it may appear in anything public.
PERSONAL = ("Khun Somchai Jaidee", "081-234-5678", "Secret note about the chair")


@dataclass
class Published:
    release: Release
    figures: Entity
    name_place: Entity
    hidden: Entity


def release_of(
    entities: list[Entity], *, by: User, number: int = 1, published: bool = True
) -> Release:
    now = timezone.now()
    release = Release.objects.create(
        country_id="TH",
        number=number,
        accepted_at=now,
        requested_by=by,
        status=JobStatus.DONE,
        published_at=now if published else None,
        published_by=by if published else None,
    )
    for entity in entities:
        data = snapshot_of(entity)
        ReleaseRecord.objects.create(
            release=release,
            record_type="entity",
            record_id=entity.pk,
            record_version=entity.version,
            title=data["title"],
            data=data,
        )
    return release


def thai_entity(name: str, consent: str, **fields: object) -> Entity:
    area = AdminArea.objects.filter(country_id="TH", level=1).order_by("code").first()
    entity = EntityFactory(
        country_id="TH",
        validated=True,
        name_en=name,
        name_local=f"วิสาหกิจ {name}",
        sse_type="CE",
        classification="SSE",
        area=area,
        locality="Ban Nong Khai",
        latitude="13.756331",
        longitude="100.501765",
        geo_precision=GeoPrecision.VILLAGE,
        consent_level=consent,
        consent_by=PERSONAL[0] if consent != ConsentLevel.NONE else "",
        registration_number=PERSONAL[1],
        notes=PERSONAL[2],
        **fields,
    )
    EntityFiguresFactory(
        entity=entity,
        reference_year=2024,
        members_total=123,
        members_women=80,
        members_men=43,
        chair_sex="F",
    )
    return entity


def thai_release_published(staff: User) -> Published:
    figures = thai_entity(
        "Rice Growers Community Enterprise",
        ConsentLevel.FIGURES,
        main_activity_id="01",
        sector_farm_small=True,
    )
    name_place = thai_entity("Silk Weavers Group", ConsentLevel.NAME_PLACE)
    hidden = thai_entity("Hidden Fishers Group", ConsentLevel.NONE)
    release = release_of([figures, name_place, hidden], by=staff)
    return Published(release, figures, name_place, hidden)
