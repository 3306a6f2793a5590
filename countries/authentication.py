"""Personal API tokens: how a user makes, lists and revokes them, and how the API
recognises `Authorization: Token <key>`.

Only a SHA-256 hash of each key is stored; the key itself is shown once.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from accounts.models import SecurityEvent
from accounts.services import security_event_record
from countries.models import ApiToken

KEYWORD = "Token"
# Writing last_used_at on every request would turn each read into a write.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_list(*, user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def api_token_get(*, user: Any, pk: int) -> ApiToken:
    """One of the user's own tokens; anybody else's answers 404."""
    return get_object_or_404(api_token_list(user=user), pk=pk)


@transaction.atomic
def api_token_create(
    *,
    user: Any,
    name: str,
    expires_at: datetime.datetime | None = None,
    second_factor_given: bool = False,
) -> tuple[ApiToken, str]:
    """Make a token and return it with its key, which is never available again.

    A token bypasses the sign-in, so someone who holds a second factor makes one only
    in a session that gave it (`second_factor_given`)."""
    # Imported here: DRF imports this module while its own views module is loading,
    # and the exceptions module needs those views.
    from accounts.second_factor import has_second_factor
    from sse_mapping.exceptions import ApplicationError, NotAllowedError

    if has_second_factor(user) and not second_factor_given:
        raise NotAllowedError(
            _("Sign in with your second factor before making an API token.")
        )

    name = name.strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Give the token a name, e.g. the script that uses it.")]
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = [_("The expiry must be in the future.")]
    if errors:
        raise ApplicationError(
            _("Please correct the fields marked below."), field_errors=errors
        )
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        key_prefix=key[:8],
        hashed_key=hash_key(key),
        expires_at=expires_at,
    )
    security_event_record(
        kind=SecurityEvent.Kind.TOKEN_CREATED, user=user, detail=token.name
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        security_event_record(
            kind=SecurityEvent.Kind.TOKEN_REVOKED, user=token.user, detail=token.name
        )
    return token


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>` with a personal token that is neither revoked nor
    expired."""

    def authenticate(
        self, request: Request
    ) -> tuple[AbstractBaseUser, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the header as “Authorization: Token <key>”.")
            )
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(
                _("The token is invalid, expired or revoked.")
            ) from error
        return self.authenticate_credentials(key)

    def authenticate_credentials(self, key: str) -> tuple[AbstractBaseUser, ApiToken]:
        now = timezone.now()
        token = (
            ApiToken.objects.select_related("user").filter(hashed_key=hash_key(key))
        ).first()
        if token is None or not token.is_usable(now) or not token.user.is_active:
            raise exceptions.AuthenticationFailed(
                _("The token is invalid, expired or revoked.")
            )
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD
