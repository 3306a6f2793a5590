"""The demo's first release: Thailand's validated findings accepted by staff as TH-1,
so that a new user finds a release to compile the report from."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from countries.models import Country
from surveys.models import JobStatus, Release

RELEASED_COUNTRY = "TH"


def demo_release(code: str = RELEASED_COUNTRY) -> None:
    """Accept the country's validated findings as its first release, the snapshot
    taken here rather than by a worker, so it is there when the platform starts.
    Left alone once the country has a release."""
    from surveys.releases.jobs import release_take
    from surveys.releases.services import release_accept

    country = Country.objects.get(pk=code)
    if (
        Release.objects.filter(country=country)
        .exclude(status=JobStatus.FAILED)
        .exists()
    ):
        return
    staff = get_user_model().objects.get(username="staff")
    release = release_accept(country=country, by=staff)
    release_take(release_id=release.pk)
