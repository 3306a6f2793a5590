"""What happened to accounts: sign-ins, failures, lockouts, second factors, tokens and
roles. Kept apart from the findings' audit history, which is per record and country."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SecurityEvent(models.Model):
    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        LOCKOUT = "lockout", _("Locked out")
        SECOND_FACTOR = "second_factor", _("Second factor checked")
        SECOND_FACTOR_FAILED = "second_factor_failed", _("Second factor refused")
        SECOND_FACTOR_ADDED = "second_factor_added", _("Second factor added")
        SECOND_FACTOR_REMOVED = "second_factor_removed", _("Second factor removed")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PASSWORD_RESET_SENT = "password_reset_sent", _("Password link sent")
        TOKEN_CREATED = "token_created", _("API token created")
        TOKEN_REVOKED = "token_revoked", _("API token revoked")
        ROLE_ADDED = "role_added", _("Role given")
        ROLE_REMOVED = "role_removed", _("Role taken away")
        ROLE_CHANGED = "role_changed", _("Role changed")
        RIGHTS_CHANGED = "rights_changed", _("Administration rights changed")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("event"), max_length=30, choices=Kind.choices)
    # The account concerned, when there is one; `username` keeps what was typed even
    # for a name that matches no account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="security_events",
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who did it, when not the account's own user."),
    )
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["kind", "-at"])]
        verbose_name = _("security event")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.username} {self.at:%Y-%m-%d %H:%M}"
