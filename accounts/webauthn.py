"""Security keys for this site: the relying party is the host the browser is on."""

from __future__ import annotations

from django.conf import settings
from django_otp_webauthn.helpers import WebAuthnHelper


class SiteWebAuthnHelper(WebAuthnHelper):
    def get_relying_party_domain(self) -> str:
        # get_host() is checked against ALLOWED_HOSTS.
        return settings.OTP_WEBAUTHN_RP_ID or self.request.get_host().split(":")[0]

    def get_allowed_origins(self) -> list[str]:
        return [f"{self.request.scheme}://{self.request.get_host()}"]
