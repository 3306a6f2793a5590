"""The notification outbox in the administration: what was mailed, what is waiting
for another attempt, and what was given up, to send again."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_lazy, ngettext

from surveys.jobs.outbox import notification_retry
from surveys.models import Notification


class DeliveryFilter(admin.SimpleListFilter):
    title = gettext_lazy("delivery")
    parameter_name = "delivery"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("failed", gettext_lazy("Given up")),
            ("waiting", gettext_lazy("Waiting")),
            ("delivered", gettext_lazy("Delivered")),
        ]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Notification]
    ) -> QuerySet[Notification]:
        if self.value() == "failed":
            return queryset.filter(failed_at__isnull=False, delivered_at__isnull=True)
        if self.value() == "waiting":
            return queryset.filter(failed_at__isnull=True, delivered_at__isnull=True)
        if self.value() == "delivered":
            return queryset.filter(delivered_at__isnull=False)
        return queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "created_at",
        "delivered_at",
        "failed_at",
        "attempts",
        "next_attempt_at",
        "error",
    ]
    list_filter = [DeliveryFilter, "kind"]
    # The body is never shown: a password link's would open the account.
    readonly_fields = [
        "kind",
        "subject",
        "recipients",
        "delivered_to",
        "created_at",
        "sent_at",
        "delivered_at",
        "attempts",
        "next_attempt_at",
        "failed_at",
        "error",
    ]
    exclude = ["body", "decision", "state"]
    actions = ["send_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=gettext_lazy("Send again"))
    def send_again(
        self, request: HttpRequest, queryset: QuerySet[Notification]
    ) -> None:
        again = [n for n in queryset if notification_retry(notification=n)]
        if again:
            self.message_user(
                request,
                ngettext(
                    "%(count)d notification will be sent again.",
                    "%(count)d notifications will be sent again.",
                    len(again),
                )
                % {"count": len(again)},
                messages.SUCCESS,
            )
        if len(again) < len(queryset):
            self.message_user(
                request,
                gettext(
                    "Only given-up notifications are sent again, and never a password "
                    "link: its owner asks for a new one."
                ),
                messages.WARNING,
            )
