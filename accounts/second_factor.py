"""Second factors: authenticator apps (TOTP), security keys (WebAuthn) and recovery
codes, on django-otp. Who must have one is MFA_REQUIRED_ROLES."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.models import SecurityEvent
from accounts.services import acting_request, security_event_record
from countries.models import Country
from countries.selectors import memberships_of
from countries.vocabularies import Role
from sse_mapping.exceptions import ApplicationError

Kind = SecurityEvent.Kind
RECOVERY_CODES = 10


def second_factors(user: Any) -> list[Any]:
    """The user's confirmed authenticator apps and security keys (recovery codes are
    a way back in, not a factor of their own)."""
    return [d for d in devices_for_user(user) if not isinstance(d, StaticDevice)]


def has_second_factor(user: Any) -> bool:
    return user.is_authenticated and bool(second_factors(user))


def second_factor_required(user: Any) -> bool:
    """Whether the user's roles oblige them to sign in with a second factor."""
    if not user.is_authenticated:
        return False
    required = set(settings.MFA_REQUIRED_ROLES)
    memberships = memberships_of(user)
    roles = {role for _country, role in memberships}
    if user.is_superuser:
        roles.add(Role.ADMIN)
    if user.is_staff:
        # Django's is_staff opens the administration, whose forms give roles and
        # rights in every country: it reaches as far as the staff role, so it counts
        # as one here, with or without a staff membership.
        roles.add(Role.STAFF)
    if roles & required:
        return True
    committees = [code for code, role in memberships if role == Role.COMMITTEE]
    return bool(committees) and (
        Country.objects.filter(
            code__in=committees, committee_second_factor=True
        ).exists()
    )


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def totp_device_start(*, user: Any) -> TOTPDevice:
    """A new authenticator app, unconfirmed until the user types a code it shows."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(
        user=user, name=_("Authenticator app"), confirmed=False
    )


@transaction.atomic
def totp_device_confirm(
    *, user: Any, device_id: int, token: str, request: HttpRequest
) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, pk=device_id, confirmed=False).first()
    if device is None:
        raise ApplicationError(_("Start again: this set-up is no longer open."))
    if not device.verify_token(token.strip().replace(" ", "")):
        raise ApplicationError(
            _("That code is not right. Type the 6 digits the app shows now."),
            field_errors={"token": [_("That code is not right.")]},
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    security_event_record(
        kind=Kind.SECOND_FACTOR_ADDED,
        user=user,
        request=request,
        detail="authenticator app",
    )
    return device


@transaction.atomic
def recovery_codes_generate(*, user: Any, request: HttpRequest) -> list[str]:
    """New single-use recovery codes, shown once; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    security_event_record(
        kind=Kind.SECOND_FACTOR_ADDED,
        user=user,
        request=request,
        detail="recovery codes",
    )
    return codes


def _device_of(user: Any, kind: str, pk: int) -> Any:
    model = {"totp": TOTPDevice, "webauthn": WebAuthnCredential}.get(kind)
    device = model.objects.filter(user=user, pk=pk).first() if model else None
    if device is None:
        raise ApplicationError(_("That second factor is not among yours."))
    return device


@transaction.atomic
def second_factor_remove(
    *, user: Any, kind: str, pk: int, request: HttpRequest
) -> None:
    device = _device_of(user, kind, pk)
    if second_factor_required(user) and len(second_factors(user)) <= 1:
        raise ApplicationError(
            _(
                "Your role requires a second factor: add another one before removing "
                "this one."
            )
        )
    # Each deletion is a security event (accounts.receivers).
    with acting_request(request):
        device.delete()
        if not second_factors(user):
            StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def second_factors_reset(*, user: Any, request: HttpRequest) -> int:
    """An administrator removes all the member's second factors (a lost phone, a lost
    key): the member sets one up again at the next sign-in if their role requires it.
    Returns how many were removed, recovery codes counted as one."""
    removed = 0
    with acting_request(request):
        for model in (TOTPDevice, WebAuthnCredential, StaticDevice):
            _total, by_model = model.objects.filter(user=user).delete()
            removed += by_model.get(model._meta.label, 0)
    return removed


def second_factor_verify(*, user: Any, token: str, request: HttpRequest) -> Any:
    """Check a code from an authenticator app or a recovery code; mark the session
    as signed in with a second factor. Each device counts and slows down failures."""
    token = token.strip().replace(" ", "").replace("-", "")
    candidates: list[Any] = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    candidates += list(StaticDevice.objects.filter(user=user, confirmed=True))
    for device in candidates:
        allowed, _data = device.verify_is_allowed()
        if allowed and device.verify_token(token):
            otp_login(request, device)
            security_event_record(
                kind=Kind.SECOND_FACTOR,
                user=user,
                request=request,
                detail="recovery code"
                if isinstance(device, StaticDevice)
                else "authenticator app",
            )
            return device
    security_event_record(kind=Kind.SECOND_FACTOR_FAILED, user=user, request=request)
    waiting = any(not d.verify_is_allowed()[0] for d in candidates)
    raise ApplicationError(
        _("Too many wrong codes: wait a little, then try again.")
        if waiting
        else _(
            "That code is not right. Type the code your app shows now, or a recovery code."
        ),
        field_errors={"token": [_("That code is not right.")]},
    )
