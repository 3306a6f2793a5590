"""Password links are mailed in the recipient's language, whatever the language of the
page that asked for them."""

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from accounts.passwords import password_link_send
from countries.preferences import profile_update

pytestmark = pytest.mark.django_db


def in_thai(message: str) -> str:
    with translation.override("th"):
        return translation.gettext(message)


def test_a_reset_asked_for_from_an_english_page_is_mailed_in_thai(
    client: Client, th_committee: User, django_capture_on_commit_callbacks: Any
) -> None:
    th_committee.email = "member@example.org"
    th_committee.save()
    profile_update(user=th_committee, language="th")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "member@example.org"})

    [message] = mail.outbox
    subject = in_thai("[SSE Mapping] Reset your password")
    assert subject != "[SSE Mapping] Reset your password"
    assert message.subject == subject
    assert in_thai("The link works once, for %(hours)s hours.").split("%")[0] in (
        message.body
    )
    assert "Choose a new password" not in message.body


def test_a_new_members_link_sent_by_staff_is_in_the_members_language(
    staff: User, th_committee: User, django_capture_on_commit_callbacks: Any
) -> None:
    th_committee.email = "new@example.org"
    th_committee.save()
    profile_update(user=th_committee, language="th")
    request = RequestFactory().get("/")

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        assert password_link_send(
            user=th_committee, request=request, by=staff, new_account=True
        )

    [message] = mail.outbox
    assert message.subject == in_thai("[SSE Mapping] Set your password")
