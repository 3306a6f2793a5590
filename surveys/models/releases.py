"""Releases: a country's validated findings accepted by staff, numbered and frozen.

A release is a job row (`Job`): staff accept, the row is created queued, and a worker
snapshots every validated record of the country into `ReleaseRecord` rows and the
report's tables into `ReleaseTables`, then marks it done. Its state for people:

- accepting: queued or running (the worker is taking the snapshot);
- failed: the worker could not take it (`error` says why);
- accepted: done, not published, not withdrawn;
- published: done and `published_at` set, not withdrawn;
- withdrawn: `withdrawn_at` set (with who and why). A release is never edited.

`accepted_by` is the job's `requested_by`; `accepted_at` is the moment staff
accepted, which is also the cut-off: the release holds what stood validated then.
"""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from countries.languages import LANGUAGES as PLATFORM_LANGUAGES
from countries.models import Country
from surveys.models.base import CountryScopedQuerySet
from surveys.models.jobs import Job, JobStatus

DEFAULT_LICENCE = "CC-BY-4.0"


class ReleaseState(models.TextChoices):
    ACCEPTING = "accepting", _("Accepting")
    ACCEPTED = "accepted", _("Accepted")
    FAILED = "failed", _("Failed")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReleaseQuerySet(CountryScopedQuerySet):
    def accepted(self) -> Self:
        """Releases whose snapshot is complete and that were not withdrawn (published
        ones included)."""
        return self.filter(status=JobStatus.DONE, withdrawn_at__isnull=True)

    def published(self) -> Self:
        """Published releases that were not withdrawn: what the public may see."""
        return self.accepted().filter(published_at__isnull=False)

    def in_state(self, state: str) -> Self:
        if state == ReleaseState.ACCEPTING:
            return self.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
        if state == ReleaseState.FAILED:
            return self.filter(status=JobStatus.FAILED)
        if state == ReleaseState.WITHDRAWN:
            return self.filter(withdrawn_at__isnull=False)
        if state == ReleaseState.PUBLISHED:
            return self.published()
        return self.accepted().filter(published_at__isnull=True)


class Release(Job):
    """One acceptance of a country's validated findings: TH-1, TH-2, …"""

    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="releases",
        verbose_name=_("country"),
    )
    number = models.PositiveIntegerField(_("release number"))
    accepted_at = models.DateTimeField(_("accepted at"))
    # {record type: n} once the snapshot is taken.
    record_counts = models.JSONField(_("records released"), default=dict, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("published by"),
    )
    licence = models.CharField(_("licence"), max_length=40, default=DEFAULT_LICENCE)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["country", "-number", "-id"]
        constraints = [
            # A failed acceptance keeps its row (and its error) but not its number.
            models.UniqueConstraint(
                fields=["country", "number"],
                condition=~Q(status=JobStatus.FAILED),
                name="release_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawn_reason=""),
                name="release_withdrawn_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.country_id}-{self.number}"

    @property
    def accepted_by(self) -> object:
        return self.requested_by

    @property
    def state(self) -> str:
        if self.withdrawn_at is not None:
            return ReleaseState.WITHDRAWN
        if self.status == JobStatus.FAILED:
            return ReleaseState.FAILED
        if self.status != JobStatus.DONE:
            return ReleaseState.ACCEPTING
        if self.published_at is not None:
            return ReleaseState.PUBLISHED
        return ReleaseState.ACCEPTED

    def get_state_display(self) -> str:
        return str(ReleaseState(self.state).label)

    @property
    def is_accepted(self) -> bool:
        """Complete and not withdrawn: reports may be compiled from it."""
        return self.status == JobStatus.DONE and self.withdrawn_at is None

    @property
    def record_total(self) -> int:
        return sum(self.record_counts.values())


class ReleaseRecord(models.Model):
    """One record as it stood when its release was accepted. Never changed.

    `data` is built by `surveys.releases.snapshot.snapshot_of`; its keys are documented
    there.
    """

    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="records"
    )
    record_type = models.CharField(max_length=40)  # a RECORD_TYPES key
    record_id = models.PositiveBigIntegerField()
    record_version = models.PositiveIntegerField()
    # What a list or a difference calls the record: the entity's code, a title…
    title = models.CharField(max_length=400, blank=True)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["release", "record_type", "record_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "record_type", "record_id"],
                name="release_record_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.release_id} {self.record_type} {self.record_id}"


class ReleaseTables(models.Model):
    """The country report's tables as computed from the release's records, in one
    language: a report compiled from the release renders these, so the same release
    always gives the same numbers (see `surveys.releases.snapshot`)."""

    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="report_tables"
    )
    language = models.CharField(max_length=8, choices=PLATFORM_LANGUAGES)
    tables = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["release", "language"], name="release_tables_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.release_id} tables ({self.language})"
