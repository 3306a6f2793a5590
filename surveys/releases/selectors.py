"""Reading releases, scoped to the user, and what changed since the last one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from countries.models import Country
from countries.selectors import AnyUser, has_all_countries
from surveys.models import Release, ReleaseRecord
from surveys.models.releases import ReleaseQuerySet
from surveys.record_types import RECORD_TYPES, RecordType
from surveys.releases.diff import Change, field_changes
from surveys.releases.snapshot import SNAPSHOTS, record_snapshot, released_records


def release_list(*, user: AnyUser, country: Country | None = None) -> ReleaseQuerySet:
    """Releases the user may read: staff every one, in any state; everyone else the
    accepted (and published) releases of their countries."""
    releases = Release.objects.visible_to(user).select_related(
        "country", "requested_by", "withdrawn_by"
    )
    if not has_all_countries(user):
        releases = releases.accepted()
    if country is not None:
        releases = releases.filter(country=country)
    return releases.order_by("country", "-number", "-id")


def release_get(*, user: AnyUser, pk: int) -> Release:
    return get_object_or_404(release_list(user=user), pk=pk)


def release_latest(*, country: Country) -> Release | None:
    """The country's latest accepted release, the one the next is compared with."""
    return (
        Release.objects.accepted().filter(country=country).order_by("-number").first()
    )


def release_previous(release: Release) -> Release | None:
    """The accepted release of the same country just before `release`."""
    return (
        Release.objects.accepted()
        .filter(country_id=release.country_id, number__lt=release.number)
        .order_by("-number")
        .first()
    )


def record_is_released(record: Any) -> bool:
    """Whether the record, as it stands, is frozen in an accepted release."""
    from surveys.record_types import record_type_of

    return ReleaseRecord.objects.filter(
        record_type=record_type_of(record).name,
        record_id=record.pk,
        record_version=record.version,
        release__in=Release.objects.accepted(),
    ).exists()


def release_citable(*, user: AnyUser, country: Country) -> QuerySet[Release]:
    """The releases a report of the country may be compiled from."""
    return release_list(user=user, country=country).accepted()


@dataclass
class Pending:
    """One record type's changes since the last release: counts, and the first few
    records of each kind with their changed fields."""

    kind: RecordType
    new: int = 0
    changed: int = 0
    gone: int = 0
    samples: list[Change] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.new + self.changed + self.gone


def pending_changes(
    *, country: Country, since: Release | None, limit: int = 20
) -> list[Pending]:
    """What the committee validated in `country` since release `since` (all of it
    when there is none): new, changed (with the changed fields) and no longer
    validated, per record type. Counted in the database; only the samples are read."""
    now = timezone.now()
    found = []
    for name, kind in RECORD_TYPES.items():
        validated = released_records(name, country=country, cutoff=now)
        released = ReleaseRecord.objects.filter(release=since, record_type=name)
        in_release = released.filter(record_id=OuterRef("pk"))
        new = validated.exclude(Exists(in_release))
        changed = validated.filter(
            Exists(in_release.exclude(record_version=OuterRef("version")))
        )
        gone = released.exclude(record_id__in=validated.values("pk"))
        pending = Pending(
            kind=kind, new=new.count(), changed=changed.count(), gone=gone.count()
        )
        if pending.total:
            pending.samples = _samples(name, new, changed, gone, released, limit)
        found.append(pending)
    return found


def _samples(
    name: str,
    new: QuerySet[Any],
    changed: QuerySet[Any],
    gone: QuerySet[ReleaseRecord],
    released: QuerySet[ReleaseRecord],
    limit: int,
) -> list[Change]:
    snapshot = SNAPSHOTS.get(name, record_snapshot)
    samples = [
        Change(name, r.pk, str(snapshot(r).get("title", r)), "added")
        for r in new[:limit]
    ]
    records = list(changed[:limit])
    before = dict(
        released.filter(record_id__in=[r.pk for r in records]).values_list(
            "record_id", "data"
        )
    )
    for record in records:
        data = snapshot(record)
        samples.append(
            Change(
                name,
                record.pk,
                str(data.get("title", record)),
                "changed",
                field_changes(before.get(record.pk, {}), data),
            )
        )
    samples += [
        Change(name, r.record_id, r.title, "removed")
        for r in gone.order_by("record_id")[:limit]
    ]
    return samples
