"""Security events written as Django, django-axes and the membership table report them.

Sign-in outcomes and lockouts are only known through these signals; roles change in
the administration's forms, which call no service of ours.
"""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest
from django_otp_webauthn.models import WebAuthnCredential

from accounts.middleware import FREE_SESSION_KEY
from accounts.models import SecurityEvent
from accounts.second_factor import has_second_factor, second_factor_required
from accounts.services import security_event_record
from countries.models import Membership

Kind = SecurityEvent.Kind


@receiver(user_logged_in, dispatch_uid="accounts-sign-in")
def _signed_in(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    if request is not None and hasattr(request, "session"):
        # Asked once per sign-in, so that pages need not ask on every request.
        if has_second_factor(user) or second_factor_required(user):
            request.session.pop(FREE_SESSION_KEY, None)
        else:
            request.session[FREE_SESSION_KEY] = user.pk
    security_event_record(kind=Kind.SIGN_IN, user=user, request=request)


@receiver(user_login_failed, dispatch_uid="accounts-sign-in-failed")
def _sign_in_failed(
    sender: Any,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kwargs: Any,
) -> None:
    username = str(credentials.get("username") or "")
    user = get_user_model().objects.filter(username=username).first()
    security_event_record(
        kind=Kind.SIGN_IN_FAILED, user=user, username=username, request=request
    )


@receiver(user_locked_out, dispatch_uid="accounts-lockout")
def _locked_out(
    sender: Any,
    request: HttpRequest,
    username: str | None = None,
    ip_address: str | None = None,
    **kwargs: Any,
) -> None:
    user = get_user_model().objects.filter(username=username or "").first()
    security_event_record(
        kind=Kind.LOCKOUT, user=user, username=username or "", request=request
    )


@receiver(post_save, sender=Membership, dispatch_uid="accounts-role-added")
def _role_added(
    sender: Any, instance: Membership, created: bool, **kwargs: Any
) -> None:
    if created:
        security_event_record(
            kind=Kind.ROLE_ADDED,
            user=instance.user,
            detail=str(instance),
        )


@receiver(post_delete, sender=Membership, dispatch_uid="accounts-role-removed")
def _role_removed(sender: Any, instance: Membership, **kwargs: Any) -> None:
    user = get_user_model().objects.filter(pk=instance.user_id).first()
    security_event_record(
        kind=Kind.ROLE_REMOVED,
        user=user,
        username=user.get_username() if user else "",
        detail=str(instance),
    )


@receiver(post_save, sender=WebAuthnCredential, dispatch_uid="accounts-key-added")
def _security_key_added(
    sender: Any, instance: WebAuthnCredential, created: bool, **kwargs: Any
) -> None:
    # django-otp-webauthn's own views save the credential when it is registered, and
    # its use count and time when it signs someone in.
    if created:
        security_event_record(
            kind=Kind.SECOND_FACTOR_ADDED, user=instance.user, detail="security key"
        )
    elif "last_used_at" in (kwargs.get("update_fields") or ()):
        security_event_record(
            kind=Kind.SECOND_FACTOR, user=instance.user, detail="security key"
        )
