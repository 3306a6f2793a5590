"""What every reviewed record has, and the one scope of reads by country."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from countries.models import Country, CountryScopedQuerySet
from countries.vocabularies import (
    WorkflowState,
)

AnyUser = AbstractBaseUser | AnonymousUser

EDITABLE_STATES = (
    WorkflowState.DRAFT,
    WorkflowState.RETURNED,
    WorkflowState.VALIDATED,
)


class RecordQuerySet(CountryScopedQuerySet):
    """Reviewed records: the country scope, and what the workflow adds to it."""

    def validated(self) -> Self:
        return self.filter(workflow_state=WorkflowState.VALIDATED)

    def deleted(self) -> Self:
        return self.filter(deleted_at__isnull=False)


class LiveRecordManager(models.Manager.from_queryset(RecordQuerySet)):  # type: ignore[misc]
    """Records not deleted: the default manager, so a deleted draft is absent from
    every list, count, export, report and map without each of them asking."""

    def get_queryset(self) -> RecordQuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)  # type: ignore[no-any-return]


class WorkflowRecord(models.Model):
    """What every reviewed record has: a country, a state, authors and a version."""

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, verbose_name=_("country")
    )
    workflow_state = models.CharField(
        _("workflow state"),
        max_length=20,
        choices=WorkflowState.choices,
        default=WorkflowState.DRAFT,
    )
    # Incremented by every save through a service; a stale form answers 409.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("last edited by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Counts the submissions: the decisions of the current round carry the same number,
    # so the double-decision guard and the quorum never depend on a timestamp.
    review_round = models.PositiveIntegerField(default=0, editable=False)
    # A draft deleted by mistake is kept, hidden, until staff restore it.
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    objects = LiveRecordManager()
    # Deleted drafts too: for staff restoring them and for codes never reused.
    all_objects = RecordQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        return self.workflow_state in EDITABLE_STATES
