"""Accepting a country's validated findings as a release, and withdrawing one."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from countries.models import Country
from countries.selectors import AnyUser
from sse_mapping.exceptions import ApplicationError, ConflictError
from surveys import access
from surveys.audit import audit
from surveys.jobs.outbox import job_send_on_commit
from surveys.models import JobStatus, Release


@transaction.atomic
def release_accept(*, country: Country, by: AnyUser) -> Release:
    """Accept what stands validated in `country` now as its next release.

    The row is created accepting; a worker takes the snapshot
    (`surveys.releases.jobs.release_take`), so the request answers at once.
    """
    access.require(by, "release.accept", country=country)
    # Numbering releases per country: one acceptance at a time.
    Country.objects.select_for_update().get(pk=country.pk)
    releases = Release.objects.filter(country=country)
    running = releases.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).first()
    if running is not None:
        raise ConflictError(
            _(
                "Release %(label)s is still being accepted. Wait for it to finish "
                "before accepting another."
            )
            % {"label": running.label}
        )
    latest = releases.exclude(status=JobStatus.FAILED).aggregate(n=Max("number"))["n"]
    release = Release.objects.create(  # type: ignore[misc]
        country=country,
        number=(latest or 0) + 1,
        accepted_at=timezone.now(),
        requested_by=by,
        requester_language=translation.get_language() or "",
    )
    audit(record=release, by=by, action="release.accepted", note=release.label)
    job_send_on_commit(release)
    return release


@transaction.atomic
def release_withdraw(*, release: Release, by: AnyUser, reason: str) -> Release:
    """Withdraw an accepted release, saying why. Its records and reports stay."""
    access.require(by, "release.withdraw", country=release.country)
    reason = reason.strip()
    if not reason:
        raise ApplicationError(
            _("Say why the release is withdrawn."),
            field_errors={"reason": [_("Give the reason for withdrawing it.")]},
        )
    release = Release.objects.select_for_update().get(pk=release.pk)
    if not release.is_accepted:
        raise ApplicationError(
            _("Release %(label)s is %(state)s and cannot be withdrawn.")
            % {"label": release.label, "state": release.get_state_display().lower()}
        )
    release.withdrawn_at = timezone.now()
    release.withdrawn_by = by  # type: ignore[assignment]
    release.withdrawn_reason = reason
    release.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    audit(record=release, by=by, action="release.withdrawn", note=reason)
    return release
