"""A mail that fails is tried again later, each address once, and given up after a
limit where staff see it; nothing here fails the action the mail tells about."""

from __future__ import annotations

import datetime
import smtplib
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.jobs import outbox
from surveys.jobs.tasks import resume_jobs
from surveys.models import Entity, Notification
from surveys.review import workflow
from tests.surveys.review.test_workflow import submitted_entity

pytestmark = pytest.mark.django_db


class MailServer:
    """The mail server as the outbox sees it: refuses the addresses in `refusing`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.refusing: set[str] = set()
        self.tried: list[str] = []
        real = outbox.send_mail

        def send_mail(subject: str, body: str, sender: str, to: list[str]) -> int:
            self.tried += to
            if self.refusing & set(to):
                raise smtplib.SMTPRecipientsRefused({to[0]: (451, b"try later")})
            return real(subject, body, sender, to)

        monkeypatch.setattr(outbox, "send_mail", send_mail)


@pytest.fixture
def mail_server(monkeypatch: pytest.MonkeyPatch) -> MailServer:
    return MailServer(monkeypatch)


def _due_now(notification: Notification) -> None:
    """The wait after the last failure is over (and the sweep's grace after the row
    was written)."""
    Notification.objects.filter(pk=notification.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1),
        created_at=timezone.now() - datetime.timedelta(minutes=1),
    )


def _digest(*recipients: str) -> Notification:
    notification = outbox.notification_queue(
        kind=Notification.Kind.DIGEST,
        subject="Records await review",
        body="3 entities",
        recipients=list(recipients),
    )
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    return notification


def test_a_failed_delivery_is_counted_and_tried_again_after_a_growing_wait(
    mail_server: MailServer,
) -> None:
    notification = _digest("member@example.org")
    mail_server.refusing = {"member@example.org"}

    assert resume_jobs.delay().get() == 1
    notification.refresh_from_db()
    assert notification.attempts == 1
    assert "try later" in notification.error
    first_wait = notification.next_attempt_at - timezone.now()  # type: ignore[operator]
    assert datetime.timedelta(seconds=50) < first_wait <= datetime.timedelta(minutes=1)

    # The sweep leaves it alone until the wait is over.
    assert resume_jobs.delay().get() == 0
    assert mail_server.tried == ["member@example.org"]

    _due_now(notification)
    assert resume_jobs.delay().get() == 1
    notification.refresh_from_db()
    assert notification.attempts == 2
    second_wait = notification.next_attempt_at - timezone.now()  # type: ignore[operator]
    assert second_wait > datetime.timedelta(seconds=110)

    mail_server.refusing = set()
    _due_now(notification)
    assert resume_jobs.delay().get() == 1
    notification.refresh_from_db()
    assert notification.delivered_at is not None
    assert (notification.attempts, notification.error) == (3, "")
    assert [m.to for m in mail.outbox] == [["member@example.org"]]


def test_a_mail_is_given_up_after_the_limit_and_staff_see_it(
    settings: Any, mail_server: MailServer, client: Client, staff: User
) -> None:
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    notification = _digest("gone@example.org")
    mail_server.refusing = {"gone@example.org"}

    for _attempt in range(3):
        _due_now(notification)
        resume_jobs.delay().get()

    notification.refresh_from_db()
    assert notification.attempts == 3
    assert notification.failed_at is not None
    _due_now(notification)
    assert resume_jobs.delay().get() == 0
    assert len(mail_server.tried) == 3

    client.force_login(staff)
    page = client.get(reverse("staff-dashboard")).content.decode()
    assert 'data-testid="failed-mails"' in page
    assert "1 email could not be delivered after repeated attempts." in page


def test_an_administrator_sends_a_given_up_mail_again(
    settings: Any,
    mail_server: MailServer,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.NOTIFICATION_MAX_ATTEMPTS = 1
    notification = _digest("member@example.org")
    mail_server.refusing = {"member@example.org"}
    resume_jobs.delay().get()
    mail_server.refusing = set()
    admin = User.objects.create_superuser("root", "root@example.org", "Admin-pass-2027")
    client.force_login(admin)

    listed = client.get(
        reverse("admin:surveys_notification_changelist"), {"delivery": "failed"}
    )
    assert "try later" in listed.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:surveys_notification_changelist"),
            {"action": "send_again", "_selected_action": [notification.pk]},
            follow=True,
        )

    assert "1 notification will be sent again." in response.content.decode()
    notification.refresh_from_db()
    assert notification.delivered_at is not None
    assert [m.to for m in mail.outbox] == [["member@example.org"]]


def test_a_decision_mail_that_failed_half_way_is_not_sent_again_to_those_mailed(
    mail_server: MailServer,
    make_persona: Any,
    kh_consultant: User,
    kh_committee: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    colleague = make_persona("kh-colleague", "KH", "consultant")
    for user, address in (
        (kh_consultant, "a@example.org"),
        (colleague, "b@example.org"),
    ):
        user.email = address
        user.save()
    entity = submitted_entity(kh_consultant)
    Entity.objects.filter(pk=entity.pk).update(updated_by=colleague)
    mail_server.refusing = {"b@example.org"}

    with django_capture_on_commit_callbacks(execute=True):
        workflow.review_decide(
            record=entity, by=kh_committee, decision="return", comment="Add 2023."
        )

    notification = Notification.objects.get()
    assert notification.delivered_to == ["a@example.org"]
    assert notification.delivered_at is None

    mail_server.refusing = set()
    _due_now(notification)
    assert resume_jobs.delay().get() == 1

    assert [m.to for m in mail.outbox] == [["a@example.org"], ["b@example.org"]]
    assert mail_server.tried == ["a@example.org", "b@example.org", "b@example.org"]
    notification.refresh_from_db()
    assert notification.delivered_at is not None


def test_a_password_link_is_not_kept_once_mailed(
    client: Client, kh_committee: User, django_capture_on_commit_callbacks: Any
) -> None:
    """The link an administrator has mailed is written when asked for; once it is
    delivered, the outbox keeps nothing that would open the account."""
    kh_committee.email = "member@example.org"
    kh_committee.save()
    admin = User.objects.create_superuser("root", "root@example.org", "Admin-pass-2027")
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:auth_user_changelist"),
            {"action": "send_password_link", "_selected_action": [kh_committee.pk]},
        )

    [message] = mail.outbox
    assert "/accounts/password/reset/" in message.body
    notification = Notification.objects.get()
    assert notification.delivered_at is not None
    assert notification.body == ""
