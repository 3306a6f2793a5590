"""Security events written as Django, django-axes and the models report them.

Sign-in outcomes and lockouts are only known through these signals; roles, rights and
second factors also change in the administration's forms, which call no service of
ours (who acts there is known from `acting_request`).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_delete, post_init, post_save, pre_delete
from django.dispatch import receiver
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.middleware import FREE_SESSION_KEY
from accounts.models import SecurityEvent
from accounts.second_factor import has_second_factor, second_factor_required
from accounts.services import security_event_record
from countries.models import Membership
from countries.vocabularies import Role

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


User = get_user_model()
# Accounts being deleted, by id, with their usernames: their memberships and second
# factors go first, and an event about them may not point at a row about to go.
_deleting: ContextVar[dict[int, str] | None] = ContextVar(
    "accounts_deleting", default=None
)


@receiver(pre_delete, sender=User, dispatch_uid="accounts-account-deleting")
def _account_deleting(sender: Any, instance: Any, **kwargs: Any) -> None:
    _deleting.set({**(_deleting.get() or {}), instance.pk: instance.get_username()})


@receiver(post_delete, sender=User, dispatch_uid="accounts-account-deleted")
def _account_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    deleting = _deleting.get() or {}
    _deleting.set({k: v for k, v in deleting.items() if k != instance.pk})


def _account(user_id: int) -> tuple[Any, str]:
    """The account and its username; no account (the name only) while it is being
    deleted."""
    deleting = _deleting.get() or {}
    if user_id in deleting:
        return None, deleting[user_id]
    user = User.objects.filter(pk=user_id).first()
    return user, user.get_username() if user else ""


# What a row held when it was loaded, to tell what a save changed without a query.
# Read from __dict__: a deferred field is not loaded for this.
RIGHTS = ("is_staff", "is_superuser")


@receiver(post_init, sender=Membership, dispatch_uid="accounts-role-loaded")
def _role_loaded(sender: Any, instance: Membership, **kwargs: Any) -> None:
    instance._role_loaded = (  # type: ignore[attr-defined]
        instance.__dict__.get("role") if instance.pk else None
    )


@receiver(post_save, sender=Membership, dispatch_uid="accounts-role-added")
def _role_added(
    sender: Any, instance: Membership, created: bool, **kwargs: Any
) -> None:
    before = getattr(instance, "_role_loaded", None)
    instance._role_loaded = instance.role  # type: ignore[attr-defined]
    if created:
        security_event_record(
            kind=Kind.ROLE_ADDED,
            user=instance.user,
            detail=str(instance),
        )
    elif before is not None and before != instance.role:
        security_event_record(
            kind=Kind.ROLE_CHANGED,
            user=instance.user,
            detail=f"{dict(Role.choices).get(before, before)} → {instance}",
        )


@receiver(post_init, sender=User, dispatch_uid="accounts-rights-loaded")
def _rights_loaded(sender: Any, instance: Any, **kwargs: Any) -> None:
    instance._rights_loaded = {
        name: instance.__dict__.get(name) for name in RIGHTS if instance.pk
    }


@receiver(post_save, sender=User, dispatch_uid="accounts-rights-changed")
def _rights_changed(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    before = getattr(instance, "_rights_loaded", {})
    after = {name: instance.__dict__.get(name) for name in RIGHTS}
    instance._rights_loaded = after
    # A new account counts as having had no rights; a field not loaded, as unchanged.
    changes = [
        f"{name}: {before.get(name, False)} → {after[name]}"
        for name in RIGHTS
        if after[name] is not None
        and (created or before.get(name) is not None)
        and bool(before.get(name)) != after[name]
    ]
    if changes:
        security_event_record(
            kind=Kind.RIGHTS_CHANGED, user=instance, detail="; ".join(changes)
        )


@receiver(post_delete, sender=Membership, dispatch_uid="accounts-role-removed")
def _role_removed(sender: Any, instance: Membership, **kwargs: Any) -> None:
    user, username = _account(instance.user_id)
    security_event_record(
        kind=Kind.ROLE_REMOVED, user=user, username=username, detail=str(instance)
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


SECOND_FACTOR_NAMES = {
    TOTPDevice: "authenticator app",
    StaticDevice: "recovery codes",
    WebAuthnCredential: "security key",
}


def _second_factor_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    user, username = _account(instance.user_id)
    name = SECOND_FACTOR_NAMES[sender]
    detail = f"{name}: {instance.name}" if instance.name else name
    security_event_record(
        kind=Kind.SECOND_FACTOR_REMOVED, user=user, username=username, detail=detail
    )


for _model in SECOND_FACTOR_NAMES:
    post_delete.connect(
        _second_factor_deleted,
        sender=_model,
        dispatch_uid=f"accounts-second-factor-deleted-{_model.__name__}",
    )
