"""Pages to set up, give and remove a second factor."""

from __future__ import annotations

import base64
import io
from typing import Any

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.second_factor import (
    has_second_factor,
    recovery_codes_generate,
    recovery_codes_left,
    second_factor_remove,
    second_factor_required,
    second_factor_verify,
    totp_device_confirm,
    totp_device_start,
)
from surveys.form_helpers import StyledFormMixin
from surveys.view_errors import errors_as_pages, errors_on_form


class CodeForm(StyledFormMixin, forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _needs_verification(request: HttpRequest) -> bool:
    """A session that has not yet given the second factor the user holds may not
    change the user's factors."""
    user: Any = request.user
    return has_second_factor(user) and not user.is_verified()


@login_required
@errors_as_pages
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    if not has_second_factor(request.user):
        return redirect("two-factor-setup")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with errors_on_form(form):
                second_factor_verify(
                    user=request.user, token=form.cleaned_data["token"], request=request
                )
                return redirect(_next_url(request))
        status = 400
    return render(
        request,
        "accounts/two_factor_verify.html",
        {
            "form": form,
            "next": _next_url(request),
            "has_key": WebAuthnCredential.objects.filter(
                user=request.user, confirmed=True
            ).exists(),
            "has_app": TOTPDevice.objects.filter(
                user=request.user, confirmed=True
            ).exists(),
        },
        status=status,
    )


@login_required
@errors_as_pages
@require_http_methods(["GET"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    if _needs_verification(request):
        return redirect("two-factor-verify")
    user: Any = request.user
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "apps": TOTPDevice.objects.filter(user=user, confirmed=True),
            "keys": WebAuthnCredential.objects.filter(user=user, confirmed=True),
            "codes_left": recovery_codes_left(user),
            "required": second_factor_required(user),
            "has_factor": has_second_factor(user),
        },
    )


@login_required
@errors_as_pages
@require_http_methods(["GET", "POST"])
def two_factor_app(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: scan the code (or type the key), then give a code."""
    if _needs_verification(request):
        return redirect("two-factor-verify")
    form = CodeForm(request.POST or None)
    status = 200
    device = None
    if request.method == "POST":
        device = TOTPDevice.objects.filter(
            user=request.user, pk=request.POST.get("device"), confirmed=False
        ).first()
        if form.is_valid() and device is not None:
            with errors_on_form(form):
                totp_device_confirm(
                    user=request.user,
                    device_id=device.pk,
                    token=form.cleaned_data["token"],
                    request=request,
                )
                messages.success(
                    request, _("Your authenticator app is set up for this account.")
                )
                if not recovery_codes_left(request.user):
                    return redirect("two-factor-recovery")
                return redirect("two-factor-setup")
        status = 400
    if device is None:
        device = totp_device_start(user=request.user)
    qr = io.BytesIO()
    segno.make(device.config_url).save(qr, kind="svg", scale=4, border=2)
    return render(
        request,
        "accounts/two_factor_app.html",
        {
            "form": form,
            "device": device,
            "qr_svg": qr.getvalue().decode(),
            "secret": _base32(device.bin_key),
        },
        status=status,
    )


def _base32(key: bytes) -> str:
    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@login_required
@errors_as_pages
@require_http_methods(["GET", "POST"])
def two_factor_key(request: HttpRequest) -> HttpResponse:
    """Add a security key or passkey (WebAuthn)."""
    if _needs_verification(request):
        return redirect("two-factor-verify")
    return render(request, "accounts/two_factor_key.html", {})


@login_required
@errors_as_pages
@require_http_methods(["GET", "POST"])
def two_factor_recovery(request: HttpRequest) -> HttpResponse:
    """Recovery codes: made new on request, shown only then."""
    if _needs_verification(request):
        return redirect("two-factor-verify")
    codes = None
    if request.method == "POST":
        codes = recovery_codes_generate(user=request.user, request=request)
    return render(
        request,
        "accounts/two_factor_recovery.html",
        {"codes": codes, "codes_left": recovery_codes_left(request.user)},
    )


@login_required
@errors_as_pages
@require_POST
def two_factor_remove(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if _needs_verification(request):
        return redirect("two-factor-verify")
    second_factor_remove(user=request.user, kind=kind, pk=pk, request=request)
    messages.success(request, _("The second factor is removed."))
    return redirect("two-factor-setup")
