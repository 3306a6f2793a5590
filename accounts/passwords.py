"""Password links by email, in the recipient's language: a forgotten password, or a
new member's first one."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

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
from countries.preferences import in_language_of
from surveys.form_helpers import StyledFormMixin
from surveys.jobs.outbox import mail_once, notification_queue
from surveys.models import Notification
from surveys.text import one_line


def password_link(*, user: Any, site: str) -> str:
    """The single-use link that sets the user's password, on the site whose address
    is `site`; it stops working once used, after PASSWORD_RESET_TIMEOUT, or when the
    password changes another way."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return urljoin(site, path)


def _password_mail(*, user: Any, site: str, new_account: bool) -> tuple[str, str]:
    context = {
        "user": user,
        "link": password_link(user=user, site=site),
        "new_account": new_account,
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    subject = one_line(
        _("[SSE Mapping] Set your password")
        if new_account
        else _("[SSE Mapping] Reset your password")
    )
    return subject, render_to_string("registration/password_link_email.txt", context)


def password_link_send(
    *, user: Any, request: HttpRequest, by: Any, new_account: bool = False
) -> bool:
    """An administrator has the user mailed a link that sets their password; whether
    one was queued (not for a user with no address or an inactive one)."""
    email = getattr(user, user.get_email_field_name(), "")
    if not email or not user.is_active:
        return False
    with in_language_of(user):
        subject, body = _password_mail(
            user=user, site=request.build_absolute_uri("/"), new_account=new_account
        )
    with transaction.atomic():
        notification_queue(
            kind=Notification.Kind.PASSWORD,
            subject=subject,
            body=body,
            recipients=[email],
        )
        security_event_record(
            kind=SecurityEvent.Kind.PASSWORD_RESET_SENT,
            user=user,
            actor=by,
            request=request,
            detail=_("set-password link sent by an administrator"),
        )
    return True


def password_reset_request(*, email: str, request: HttpRequest) -> None:
    """Queue the answer to the forgotten-password form: the same one row whatever the
    address, so that the page does the same work, in the same time, for an address
    with an account as for one without. The worker finds the accounts and writes
    the links (`password_request_deliver`)."""
    notification_queue(
        kind=Notification.Kind.PASSWORD_REQUEST,
        # The site's own address, which the links start with.
        body=request.build_absolute_uri("/"),
        recipients=[email],
    )


def password_request_deliver(notification: Notification) -> int:
    """Mail a link to each active account of the address asked for (none has: no
    mail), each in its user's language; returns how many mails went out."""
    sent = 0
    for email in notification.recipients:
        users = get_user_model()._default_manager.filter(
            email__iexact=email, is_active=True
        )
        for user in users.order_by("pk"):
            if user.email.casefold() != email.casefold():
                continue
            with in_language_of(user):
                subject, body = _password_mail(
                    user=user, site=notification.body, new_account=False
                )
            if mail_once(notification, user.email, subject, body, key=str(user.pk)):
                sent += 1
                security_event_record(
                    kind=SecurityEvent.Kind.PASSWORD_RESET_SENT, user=user
                )
    return sent


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
        password_reset_request(email=self.cleaned_data["email"], request=request)
