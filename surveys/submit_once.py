"""A create form saved once, however many times it is sent (a double click, a retry).

The form carries a key drawn when it is shown (`{% submission_key %}`). A view wrapped
in `@submitted_once` claims that key, with what was posted, before it saves anything:
the same form sent again by the same user within a day leads to what the first one
made. A second request that arrives while the first is still saving waits for it.
A first sending that was refused (the form shown again with its errors) releases the
key, so the corrected form can be sent.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import time
import uuid
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec

from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _

from surveys.models import FormSubmission

P = ParamSpec("P")

KEY_FIELD = "submission_key"
KEPT_FOR = datetime.timedelta(days=1)
WAIT_FOR_FIRST_SECONDS = 20.0
_POLL_SECONDS = 0.2
_KEY_PATTERN = re.compile(r"[0-9a-f]{32}")
# Differs at every rendering, like the key, but says nothing about what was sent.
_IGNORED_FIELDS = {"csrfmiddlewaretoken"}


def new_submission_key() -> str:
    return uuid.uuid4().hex


def _token(request: HttpRequest) -> str | None:
    """The form's key with what was posted, or None when the form carries no key."""
    key = request.POST.get(KEY_FIELD, "")
    if not _KEY_PATTERN.fullmatch(key):
        return None
    digest = hashlib.sha256(f"{request.path}\0{key}".encode())
    for name in sorted(request.POST):
        if name not in _IGNORED_FIELDS:
            for value in request.POST.getlist(name):
                digest.update(f"\0{name}={value}".encode())
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            digest.update(f"\0{name}:{upload.name}:{upload.size}".encode())
    return digest.hexdigest()


def submission_claim(*, user: AbstractBaseUser, token: str) -> bool:
    """Whether this sending is the first: it then holds the token until it settles."""
    FormSubmission.objects.filter(
        user_id=user.pk, created_at__lt=timezone.now() - KEPT_FOR
    ).delete()
    try:
        with transaction.atomic():
            FormSubmission.objects.create(user_id=user.pk, token=token)
    except IntegrityError:
        return False
    return True


def submission_settle(*, user: AbstractBaseUser, token: str, result_url: str) -> None:
    FormSubmission.objects.filter(user_id=user.pk, token=token).update(
        result_url=result_url
    )


def submission_release(*, user: AbstractBaseUser, token: str) -> None:
    FormSubmission.objects.filter(user_id=user.pk, token=token).delete()


def _pause(seconds: float) -> None:
    time.sleep(seconds)


def _first_result(user: AbstractBaseUser, token: str) -> str | None:
    """Where the first sending led; "" while it is saving; None if it was refused."""
    deadline = time.monotonic() + WAIT_FOR_FIRST_SECONDS
    while True:
        found = (
            FormSubmission.objects.filter(user_id=user.pk, token=token)
            .values_list("result_url", flat=True)
            .first()
        )
        if found != "" or time.monotonic() > deadline:
            return found
        _pause(_POLL_SECONDS)


def submitted_once(
    view: Callable[P, HttpResponseBase],
) -> Callable[P, HttpResponseBase]:
    """Answer a repeated sending of the same create form with the first one's result."""

    @wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        request = args[0]
        assert isinstance(request, HttpRequest)
        user = request.user
        token = _token(request) if request.method == "POST" else None
        if token is None or not isinstance(user, AbstractBaseUser):
            return view(*args, **kwargs)
        if not submission_claim(user=user, token=token):
            first = _first_result(user, token)
            if first is None:  # the first was refused: this one is answered anew
                return wrapped(*args, **kwargs)
            if first == "":
                messages.warning(
                    request,
                    _(
                        "Your first click is still being saved. Look for the record "
                        "in the list in a moment before sending the form again."
                    ),
                )
                return HttpResponseRedirect(request.get_full_path())
            messages.info(
                request, _("The form was sent twice; it was saved only once.")
            )
            return HttpResponseRedirect(first)
        try:
            response = view(*args, **kwargs)
        except BaseException:
            submission_release(user=user, token=token)
            raise
        if isinstance(response, HttpResponseRedirect):
            submission_settle(user=user, token=token, result_url=response.url)
        else:
            submission_release(user=user, token=token)
        return response

    return wrapped
