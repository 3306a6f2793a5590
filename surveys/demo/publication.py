"""The demo's public directory: Thailand's accepted release is published, so a
visitor signed out finds it after `make run`."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from surveys.models import Release
from surveys.public.licences import Licence
from surveys.public.services import release_publish

DEMO_PUBLISHED_COUNTRY = "TH"


def publish_demo_release() -> Release | None:
    """Publish the country's latest accepted release unless one is published already
    (idempotent); None when there is nothing to publish."""
    releases = Release.objects.filter(country_id=DEMO_PUBLISHED_COUNTRY)
    if releases.published().exists():
        return None
    release = releases.accepted().order_by("-number").first()
    staff = get_user_model().objects.filter(username="staff").first()
    if release is None or staff is None:
        return None
    return release_publish(release=release, by=staff, licence=Licence.CC_BY)
