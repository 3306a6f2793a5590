"""Password links by email: a forgotten password, or a new member's first one."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from accounts.models import SecurityEvent
from accounts.services import security_event_record
from accounts.throttling import lockout_lift
from surveys.form_helpers import StyledFormMixin
from surveys.jobs.outbox import notification_queue
from surveys.models import Notification
from surveys.text import one_line


def password_link(*, user: Any, request: HttpRequest) -> str:
    """The single-use link that sets the user's password; it stops working once used,
    after PASSWORD_RESET_TIMEOUT, or when the password changes another way."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return request.build_absolute_uri(path)


def password_link_send(
    *, user: Any, request: HttpRequest, by: Any = None, new_account: bool = False
) -> bool:
    """Queue a mail to the user with a link that sets their password; whether one was
    queued (not for a user with no address or an inactive one).

    The mail goes through the notification outbox, never from the request: the page
    answers as fast for an address with an account as for one without, so that its
    timing tells nobody which addresses have one.
    """
    email = getattr(user, user.get_email_field_name(), "")
    if not email or not user.is_active:
        return False
    context = {
        "user": user,
        "link": password_link(user=user, request=request),
        "new_account": new_account,
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    subject = one_line(
        _("[SSE Mapping] Set your password")
        if new_account
        else _("[SSE Mapping] Reset your password")
    )
    with transaction.atomic():
        notification_queue(
            kind=Notification.Kind.PASSWORD,
            subject=subject,
            body=render_to_string("registration/password_link_email.txt", context),
            recipients=[email],
        )
        security_event_record(
            kind=SecurityEvent.Kind.PASSWORD_RESET_SENT,
            user=user,
            actor=by,
            request=request,
            detail=_("set-password link sent by an administrator") if by else "",
        )
    return True


def password_reset_complete(*, user: Any, request: HttpRequest) -> None:
    """The password is set through the emailed link: the account's lockout is lifted,
    as the lockout page promises."""
    lockout_lift(username=user.get_username())
    security_event_record(
        kind=SecurityEvent.Kind.PASSWORD_CHANGED,
        user=user,
        request=request,
        detail="by email link",
    )


class EmailPasswordResetForm(StyledFormMixin, PasswordResetForm):
    """Django's reset form, mailing our link; the same answer whatever the address."""

    def save(self, request: HttpRequest | None = None, **kwargs: Any) -> None:  # type: ignore[override]
        assert request is not None
        email = self.cleaned_data["email"]
        for user in get_user_model()._default_manager.filter(
            email__iexact=email, is_active=True
        ):
            if user.email.casefold() == email.casefold():
                password_link_send(user=user, request=request)
