"""Publishing a release: from then on the public directory and open data show it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from countries.selectors import AnyUser
from sse_mapping.exceptions import ApplicationError, ConflictError
from surveys import access
from surveys.audit import audit
from surveys.models import Release
from surveys.public.licences import Licence


@transaction.atomic
def release_publish(*, release: Release, by: AnyUser, licence: str) -> Release:
    """Publish an accepted release under `licence`; the country's directory then shows
    it instead of any earlier one."""
    access.require(by, "release.publish", country=release.country)
    if licence not in Licence.values:
        raise ApplicationError(
            _("Choose one of the licences offered."),
            field_errors={"licence": [_("Choose one of the licences offered.")]},
        )
    release = Release.objects.select_for_update().get(pk=release.pk)
    if release.published_at is not None:
        raise ConflictError(
            _("%(release)s was already published.") % {"release": release.label}
        )
    if not release.is_accepted:
        raise ApplicationError(
            _(
                "%(release)s cannot be published: only an accepted release that "
                "was not withdrawn can."
            )
            % {"release": release.label}
        )
    release.published_at = timezone.now()
    release.published_by = by  # type: ignore[assignment]
    release.licence = licence
    release.save(update_fields=["published_at", "published_by", "licence"])
    audit(
        record=release,
        by=by,
        action="published",
        changes={"licence": [None, licence]},
    )
    return release
