"""Background jobs as rows: exports, imports, reports, the tasks and notifications
waiting for the broker, and saved column mappings."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import ClassVar

from django.conf import settings
from django.db import OperationalError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from countries.languages import LANGUAGES as PLATFORM_LANGUAGES
from countries.models import Country
from surveys.models.base import CountryScopedQuerySet

logger = logging.getLogger(__name__)

# How long a progress update waits for SQLite's write lock before it is skipped.
PROGRESS_WAIT_MS = 200


@contextmanager
def _waiting_briefly() -> Iterator[None]:
    """On SQLite, wait PROGRESS_WAIT_MS for another writer's lock instead of the
    connection's timeout; elsewhere, nothing."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        usual = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA busy_timeout = {PROGRESS_WAIT_MS}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(usual)}")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


# How often a running job writes its heartbeat at least (when it reports progress).
HEARTBEAT_EVERY = datetime.timedelta(seconds=10)


class Job(models.Model):
    """A long piece of work done by a Celery worker, followed through its row.

    `surveys.jobs.runner` moves it on, with the row locked by select_for_update, so a
    redelivered task finds it running or done and does no harm. The `mark_*` methods
    save the move; the caller holds the row's lock.
    """

    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The outbox: when the request was last handed to the broker (null: not yet, e.g.
    # the broker was down), so the sweep sends again what never left.
    sent_at = models.DateTimeField(null=True, blank=True)
    # Written as a running job progresses; a running job whose heartbeat stopped and
    # whose lock is free lost its worker, and the sweep takes it up.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # The language its requester was reading the platform in: the worker writes the
    # problems it finds and the reason it stops in it (blank: the default language).
    requester_language = models.CharField(
        _("language of the requester"),
        max_length=10,
        choices=PLATFORM_LANGUAGES,
        blank=True,
        editable=False,
    )

    # Fields as large as the job's input: its runner reads them where it uses them,
    # rather than holding them through the whole run.
    read_apart: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    @property
    def is_interrupted(self) -> bool:
        """Running again after a worker stopped mid-way."""
        return self.status == JobStatus.RUNNING and self.attempts > 1

    @property
    def resumes(self) -> bool:
        """Whether an interrupted attempt is taken up where it stopped (rather than
        started again from the beginning)."""
        return False

    @property
    def status_text(self) -> str:
        """The status as its requester reads it, saying when it was interrupted and
        whether it goes on where it stopped or starts again."""
        if self.is_interrupted:
            if self.resumes:
                return str(_("Interrupted, resuming"))
            return str(_("Interrupted, starting again"))
        return str(self.get_status_display())  # type: ignore[attr-defined]

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None

    def mark_running(self) -> None:
        """Start another attempt; the progress stays as the last one left it, until
        this one reports its own."""
        self.status = JobStatus.RUNNING
        self.attempts += 1
        self.started_at = self.heartbeat_at = timezone.now()
        self.error = ""
        self.save(
            update_fields=["status", "attempts", "started_at", "heartbeat_at", "error"]
        )

    def mark_progress(self, done: int, total: int = 100) -> None:
        """Tell the pages polling the row how far the work is.

        A hint, written at once without the row's lock; below 100 until the job is
        done. It is also the job's heartbeat, written at least every HEARTBEAT_EVERY.
        Never waits long for the database nor fails the job: a database locked by
        another writer skips the update.
        """
        progress = min(99, int(done * 100 / total)) if total > 0 else 0
        now = timezone.now()
        beat_due = (
            self.heartbeat_at is None or now - self.heartbeat_at >= HEARTBEAT_EVERY
        )
        if progress != self.progress or beat_due:
            self.progress = progress
            self.heartbeat_at = now
            self._write_while_running(progress=progress, heartbeat_at=now)

    def _write_while_running(self, **values: object) -> None:
        """Update the running row at once, without its lock; skipped if another job
        holds SQLite's write lock (an import commit, a release being taken): the next
        update may pass."""
        try:
            with _waiting_briefly(), transaction.atomic():
                type(self)._default_manager.filter(
                    pk=self.pk, status=JobStatus.RUNNING
                ).update(**values)
        except OperationalError as error:
            logger.info("update of %s skipped: %s", self, error)

    def mark_done(self, **results: object) -> None:
        """Finish the job with its results (the fields named in `results`)."""
        self.status = JobStatus.DONE
        self.progress = 100
        self.finished_at = timezone.now()
        for name, value in results.items():
            setattr(self, name, value)
        self.save()

    def mark_failed(self, error: str) -> None:
        """Stop the job; `error` tells its requester why, in words they can act on."""
        self.status = JobStatus.FAILED
        self.error = error
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "error", "finished_at"])


class ExportJob(Job):
    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        GEOJSON = "geojson", "GeoJSON"
        JSONLD = "jsonld", "JSON-LD"

    class Values(models.TextChoices):
        CODES = "codes", _("Codes")
        LABELS = "labels", _("Labels")

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    filters = models.JSONField(_("filters used"), default=dict, blank=True)
    include_unvalidated = models.BooleanField(
        _("include records not yet validated"), default=False
    )
    per_year = models.BooleanField(_("one row per entity and year"), default=False)
    # Coded columns (types, states, areas, yes/no…) as their codes, which an import
    # reads back, or as their labels in `language`, for people to read.
    values = models.CharField(
        _("coded columns as"),
        max_length=10,
        choices=Values.choices,
        default=Values.CODES,
    )
    language = models.CharField(_("language of the labels"), max_length=10, blank=True)
    # How far the file's writing got (surveys.exports.writers.context.Checkpoint),
    # for a format that resumes; empty before the first chunk and once done.
    checkpoint = models.JSONField(default=dict, blank=True)
    row_count = models.PositiveIntegerField(null=True, blank=True)
    file_path = models.CharField(max_length=500, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    objects = CountryScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["country", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_format_display()} export of {self.country_id} #{self.pk}"

    @property
    def resumes(self) -> bool:
        return bool(self.checkpoint)

    def mark_checkpoint(self, checkpoint: Mapping[str, object]) -> None:
        """Record how far the file's writing got, like progress: at once, skipped
        while the database is locked."""
        self.checkpoint = dict(checkpoint)
        self._write_while_running(checkpoint=self.checkpoint)


class ColumnMapping(models.Model):
    """How a survey tool's CSV columns map onto the template, saved per country."""

    class Tool(models.TextChoices):
        KOBO = "kobo", "KoboToolbox"
        ODK = "odk", "ODK Central"

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    tool = models.CharField(_("survey tool"), max_length=10, choices=Tool.choices)
    columns = models.JSONField(_("columns"), default=dict)
    # Per coded template column: the survey's value → the platform's code.
    values = models.JSONField(_("value tables"), default=dict, blank=True)
    # Only submissions in one of these review states are imported; none: all.
    review_states = models.JSONField(
        _("review states imported"), default=list, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = CountryScopedQuerySet.as_manager()

    class Meta:
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"], name="mapping_name_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_tool_display()})"


class ImportJob(Job):
    class Kind(models.TextChoices):
        TEMPLATE = "template", _("Platform template (XLSX or CSV)")
        KOBO = "kobo", "KoboToolbox CSV"
        ODK = "odk", "ODK Central CSV"

    class Stage(models.TextChoices):
        VALIDATING = "validating", _("Checking the file")
        INVALID = "invalid", _("Errors found: nothing imported")
        READY = "ready", _("Checked: ready to import")
        COMMITTING = "committing", _("Importing")
        IMPORTED = "imported", _("Imported")

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of file"), max_length=10, choices=Kind.choices)
    stage = models.CharField(
        max_length=12, choices=Stage.choices, default=Stage.VALIDATING
    )
    mapping = models.ForeignKey(
        ColumnMapping,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    original_filename = models.CharField(max_length=255)
    file_path = models.CharField(max_length=500)
    row_count = models.PositiveIntegerField(null=True, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    # The first errors, for the page; the full report is a downloadable file.
    errors = models.JSONField(default=list, blank=True)
    report_path = models.CharField(max_length=500, blank=True)
    # What does not stop the import but asks for a look: points outside their area.
    notes = models.JSONField(default=list, blank=True)
    duplicates = models.JSONField(default=list, blank=True)
    duplicate_decisions = models.JSONField(default=dict, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    # The check saw every entity written before this moment: the commit looks for
    # look-alikes only among those written since.
    checked_from = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CountryScopedQuerySet.as_manager()
    read_apart = ("duplicates",)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import of {self.original_filename} into {self.country_id}"


class Report(Job):
    """One version of a compiled country mapping report, or a regional comparison."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country mapping report")
        REGIONAL = "regional", _("Regional comparison")

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COUNTRY)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    countries = models.JSONField(_("countries compared"), default=list, blank=True)
    number = models.PositiveIntegerField(_("version"))
    cutoff_at = models.DateTimeField(_("data cut-off"))
    include_unvalidated = models.BooleanField(default=False)
    # Compiled from this release's frozen tables; none: a working draft from the
    # current validated state.
    release = models.ForeignKey(
        "surveys.Release",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("release"),
    )
    # Headings, tables, charts and method notes are written in this language.
    language = models.CharField(
        _("language"), max_length=8, choices=PLATFORM_LANGUAGES, default="en"
    )
    tables = models.JSONField(default=dict, blank=True)
    html_path = models.CharField(max_length=500, blank=True)
    pdf_path = models.CharField(max_length=500, blank=True)
    xlsx_path = models.CharField(max_length=500, blank=True)
    aggregation_seconds = models.FloatField(null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)
    query_count = models.PositiveIntegerField(null=True, blank=True)

    objects = CountryScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "country", "number"], name="report_version_unique"
            )
        ]

    def __str__(self) -> str:
        where = self.country_id or ",".join(self.countries)
        return f"{self.get_kind_display()} {where} v{self.number}"


class Notification(models.Model):
    """An email to send, written in the transaction of the action it tells about.

    The outbox of notifications: the row is sent to the broker once that transaction
    commits, and by the sweep if the broker was down; `delivered_at` is set in the
    transaction that claims it, so a redelivered task sends nothing twice.
    """

    class Kind(models.TextChoices):
        DECISION = "decision", _("Review decision")
        DIGEST = "digest", _("Review digest")
        PASSWORD = "password", _("Password link")
        PASSWORD_REQUEST = "password_asked", _("Password link asked for")

    # Kinds whose body holds a secret (a link that sets a password): it is not kept
    # once the mail is delivered or given up. A link asked for on the forgotten-
    # password page is written when delivered and never kept.
    SECRET_KINDS = frozenset({Kind.PASSWORD})

    kind = models.CharField(max_length=20, choices=Kind.choices)
    # A decision's mail is written when it is delivered, from the decision and the
    # state it left the record in; a digest's is written when it is queued.
    decision = models.ForeignKey(
        "surveys.ReviewDecision",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    state = models.CharField(max_length=20, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    recipients = models.JSONField(default=list, blank=True)
    # The addresses already mailed: a delivery that failed half-way is tried again
    # for the others only.
    delivered_to = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    # After a failed delivery: not tried again before this; `failed_at` once given up.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["delivered_at", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def mark_delivered(self) -> None:
        self.attempts += 1
        self.delivered_at = timezone.now()
        self.error = ""
        self.next_attempt_at = None
        self.forget_secret()

    def mark_attempt_failed(
        self, error: str, *, limit: int, wait: datetime.timedelta
    ) -> None:
        """Count the attempt; wait before the next, or give up after `limit`."""
        self.attempts += 1
        self.error = error
        # The sweep sends it again once `next_attempt_at` has passed.
        self.sent_at = None
        if self.attempts >= limit:
            self.failed_at = timezone.now()
            self.next_attempt_at = None
            self.forget_secret()
        else:
            self.next_attempt_at = timezone.now() + wait

    def forget_secret(self) -> None:
        if self.kind in self.SECRET_KINDS:
            self.body = ""


class QueuedTask(models.Model):
    """A task with no job row of its own (re-classifying a country, a draft
    definition's effect), written in the transaction of the action that asks for it.

    The outbox of those tasks: sent to the broker once that transaction commits, and by
    the sweep if the broker was down or the worker running it died; `finished_at` is set
    when it has run (or given up, with `error`), so a redelivered task does nothing.
    """

    # The Celery task's name, which is also its dotted path; its arguments.
    task = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["finished_at", "created_at"])]

    def __str__(self) -> str:
        return f"{self.task} {self.args} #{self.pk}"
