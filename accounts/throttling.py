"""Login throttling on django-axes: what a successful sign-in or a new password forgives.

Failures are counted per address whatever the usernames tried, and per username
whatever the addresses (AXES_LOCKOUT_PARAMETERS). A success forgives only the failures
it explains, the ones with that username from that address: the address keeps the
failures it made on other accounts, so one valid account does not let its holder try
passwords on every other account forever.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.http import HttpRequest


class AccountLockoutHandler(AxesDatabaseHandler):
    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        count, _deleted = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
        ).delete()
        return count


def lockout_lift(*, username: str) -> int:
    """Forget the username's failures from every address: whoever set a new password
    through the emailed link holds the account. The addresses' failures on other
    accounts still count."""
    count, _deleted = AccessAttempt.objects.filter(username=username).delete()
    return count
